import { sentenceClaims } from '../claims';
import { actions } from './actions';
import { audience } from './audience';
import { comparisons } from './comparisons';
import { framing, problemOnly } from './framing';
import { mechanism } from './mechanism';
import { provenance } from './provenance';
import type { Category, Context } from './shared';

// Sentence categories (eval/sentences/README.md), decided over claims and declarative patterns,
// one family of categories per module. Order matters: provenance first (cited background is
// nobody's own claim), framing before actions (a vague impact claim is no action).

export { CATEGORIES, type Category } from './shared';
export { GOAL, PROBLEM, UNDERSTANDING, VAGUE_IMPACT } from './framing';
export { HYPOTHETICAL } from './provenance';

export function sentenceCategories(text: string): Set<Category> {
  const { tokens, claims } = sentenceClaims(text);
  const ctx: Context = { text, tokens, claims, out: new Set<Category>() };
  if (provenance(ctx)) {
    problemOnly(ctx);
    return ctx.out;
  }
  framing(ctx);
  actions(ctx);
  audience(ctx);
  mechanism(ctx);
  comparisons(ctx);
  return ctx.out;
}
