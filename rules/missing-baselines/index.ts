import type { Rule } from '../../server/src/core/rules/types';
import { COMPARATIVE_KINDS, optionsSchema, phraseLists } from '../../server/src/core/rules/meta';
import { insertAfterBlock } from '../../server/src/core/rules/fixes';
import { EXPERIMENT_ROLES, firstParagraphIn, hasExperiments, lastBodyParagraph, listNames, quote } from '../shared';
import { baselineTableScaffold, claimNote, listMethods, ownComparisons } from './comparisons';
import { lineOf } from '../concrete-action/framing';
import { ACTION_NAMES } from '../../server/src/core/claims/actions';
import { paperActions } from '../../server/src/core/claims/paper-actions';
import { detectorScore } from './detector-scores';

// §6.1 "Comparative utility against standard baselines": performance should be measured against
// pragmatic ML baselines such as prompting or fine-tuning. This rule fires when the paper's own
// experiments compare with nothing at all; comparisons only with other interpretability methods
// are the business of grading-on-a-curve. Analysis papers are asked too, but only when they propose
// or carry out a decision or intervention (a fix, a filter, a routing rule): that is a utility claim.
// An analysis that seeks understanding only is not (PRODUCT.md exempts positions and surveys; an
// analysis without an action has nothing to compare with a practitioner's alternative), unless it scores
// a signal as a classifier (detector-scores.ts). Which
// sentences state an action is the paper's own actions (core/claims/paper-actions.ts), the fact
// concrete-action reads too, so that the two rules agree.

interface Options {
  /** More baseline names by category, e.g. {"fine-tuning": ["ReFT"]}. */
  extraBaselines: Record<string, string[]>;
}

const rule: Rule<Options> = {
  meta: {
    id: 'missing-baselines',
    description: 'No comparison with non-interpretability baselines such as prompting, fine-tuning or LoRA',
    checklistStep: 6,
    topic: 'baselines',
    paperSection: '§6.1',
    defaultSeverity: 'warning',
    // Analysis papers only when they propose or implement an action (see check).
    kinds: [...COMPARATIVE_KINDS, 'analysis'],
    scope: 'document',
    fixable: true,
    optionsSchema: optionsSchema({ extraBaselines: phraseLists('More baseline names by category.') }),
  },
  defaultOptions: { extraBaselines: {} },
  check(ctx) {
    const { view, lexicons } = ctx;
    // An analysis is asked for baselines only when it proposes or implements a decision or intervention.
    // (The action named in the message is preferably one the analysis carried out.)
    const actions = ctx.kind === 'analysis' ? paperActions(view).actions : [];
    const action = actions.find((a) => a.carried) ?? actions[0];
    // Scoring a feature or probe as a classifier (an AUROC) puts it to a task even where no action is proposed.
    const scored = ctx.kind === 'analysis' && !action ? detectorScore(view) : undefined;
    if (ctx.kind === 'analysis' && !action && !scored) {
      ctx.notApplicable('an analysis paper that proposes no decision or intervention (understanding only) is not asked for baselines; once it proposes one, compare it with what a practitioner would try first');
      return;
    }
    if (!hasExperiments(view)) return ctx.notApplicable('the draft reports no experiments (empirical-validation covers that)');
    const baselines = ctx.options.extraBaselines && Object.keys(ctx.options.extraBaselines).length > 0 ? lexicons.baselines.extend(ctx.options.extraBaselines) : lexicons.baselines;
    const found = ownComparisons(view, { baselines: lexicons.baselines, interpretabilityMethods: lexicons.interpretabilityMethods, extra: baselines === lexicons.baselines ? undefined : baselines });
    const met = found.filter((c) => c.kind === 'baseline');
    for (const b of met) ctx.evidence({ block: b.block, start: b.start, end: b.end }, `compares with ${listMethods(b.names)} ${claimNote(b.claim)}`.trim());
    if (met.length > 0) return;

    // Comparisons with other interpretability methods only are grading-on-a-curve's to report;
    // this rule then does not apply (so the score counts the baselines gap once, not as half met).
    if (found.length > 0) {
      ctx.notApplicable('the experiments compare with other interpretability methods (grading-on-a-curve covers that)');
      return;
    }

    const where = view.describeSearch(EXPERIMENT_ROLES);
    const examples = listNames(Object.keys(baselines.data).slice(0, 3));
    const target = firstParagraphIn(view, ['experiments', 'results']) ?? lastBodyParagraph(view);
    const proposes = action
      ? `; the analysis proposes ${ACTION_NAMES[action.category] ?? action.category} ("${quote(action.clause, 40)}", line ${lineOf(ctx.doc, action.sentence.block, action.sentence.start + action.start)}), so show that it beats what a practitioner would try first`
      : scored
        ? `; the analysis scores a signal as a detector ("${quote(scored.text, 40)}", line ${lineOf(ctx.doc, scored.block, scored.start)}), so show that it beats a keyword filter, a prompted classifier or a probe on the raw input`
        : '; show that the method beats what a practitioner would try first';
    ctx.report({
      message: `No non-interpretability baseline: compare with ${listNames(Object.keys(baselines.data).slice(0, 3)).replace(/ and ([^,]+)$/, ' or $1')}`,
      detail: `no comparison with a non-interpretability baseline (${examples}, …) in ${where}${proposes}`,
      at: view.anchor(['experiments', 'results', 'method', 'introduction']),
      fix: target && {
        title: 'Insert a baseline table (prompting, fine-tuning, LoRA, your method)',
        edits: [insertAfterBlock(ctx.doc, target, baselineTableScaffold(ctx.doc))],
        hasPlaceholders: true,
      },
    });
  },
};

export default rule;
