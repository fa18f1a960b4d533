import type { RuleContext } from '../../server/src/core/rules/types';
import { findActions, type ActionMention } from '../concrete-action/framing';

// §6.1 asks for "comparative utility against standard baselines" of what interpretability is used
// *for*. An analysis paper that only seeks understanding has no utility claim to compare; one that
// proposes or carries out a decision or intervention (a fix, a filter, a routing rule, an edit) makes
// that claim, and a practitioner needs to know whether the simpler alternative would do as well.
// Which sentences state such an action is concrete-action's business; reusing its search keeps the
// two rules consistent: a draft that concrete-action credits with an action is asked for baselines.

const cache = new WeakMap<object, ActionMention[]>();

/** Decisions or interventions the draft proposes or implements, found as concrete-action finds them (memoised per document view). */
export function proposedActions(ctx: Pick<RuleContext<unknown>, 'view' | 'lexicons' | 'kind'>): ActionMention[] {
  let found = cache.get(ctx.view);
  if (!found) {
    found = findActions(ctx.view, ctx.lexicons.actions, ctx.kind, ctx.lexicons).found;
    cache.set(ctx.view, found);
  }
  return found;
}
