import { sentenceClaims } from '../claims';
import { actions } from './actions';
import { audience } from './audience';
import { comparisons } from './comparisons';
import { framing, problemOnly, understandingFrame } from './framing';
import { mechanism } from './mechanism';
import { provenance } from './provenance';
import type { Category, Context } from './shared';
import { byText } from '../../text-cache';

// Sentence categories (eval/sentences/README.md), decided over claims and declarative patterns,
// one family of categories per module. Order matters: provenance first (cited background is
// nobody's own claim), framing before actions (a vague impact claim is no action).

export { CATEGORIES, type Category } from './shared';
export { GOAL, PROBLEM, UNDERSTANDING, VAGUE_IMPACT } from './framing';
export { HYPOTHETICAL } from './provenance';

/** Categories of one sentence, cached by text: every rule asks, and an edit changes few sentences. Callers must not modify the set. */
export const sentenceCategories: (text: string) => ReadonlySet<Category> = byText((text) => readCategories(text), undefined, 'categories');

function readCategories(text: string): Set<Category> {
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

/** Where a sentence frames understanding as this work's contribution (character offsets), if it does. */
export function understandingSpan(text: string): { start: number; end: number; frame: string } | undefined {
  if (!sentenceCategories(text).has('understanding-only')) return undefined;
  const { tokens, claims } = sentenceClaims(text);
  const m = understandingFrame(tokens, claims);
  if (!m) return undefined;
  // The frame with its determiner: "Our contribution is…", not "contribution is…".
  const from = m.start > 0 && /^(our|the|this|its|their|my)$/.test(tokens[m.start - 1].lower) ? m.start - 1 : m.start;
  return { start: tokens[from].start, end: tokens[m.end - 1].end, frame: m.pattern.id };
}
