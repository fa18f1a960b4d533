import type { Token } from '../../nlp/analyse';
import type { Claim } from '../claims';
import LEXICON from '../lexicon.json';

// What every category family reads: the sentence, its tokens and claims, and the lexicon as sets.

export const CATEGORIES = [
  'goal', 'problem-statement', 'audience-acts', 'proposed-action', 'action-measured', 'non-interp-baseline',
  'interp-only-comparison', 'variation', 'side-effect', 'causal-test', 'responsibility-claim', 'vague-impact',
  'understanding-only', 'cited-background', 'hypothetical',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Context {
  text: string;
  tokens: readonly Token[];
  claims: readonly Claim[];
  out: Set<Category>;
}

const set = (xs: readonly string[]) => new Set(xs);
export const ACTIONS = set(Object.values(LEXICON.actions as Record<string, string[]>).flat());
export const CAUSAL = set(LEXICON.causal);
/** The parts of a model (heads, layers, features…): one set for every reader that asks. */
export const COMPONENT = set(LEXICON.component);
export const RESPONSIBLE = set(LEXICON.responsible);
export const ANNOTATE = set(LEXICON.annotate);
export const BASELINE = set(LEXICON.nonInterpBaseline);
export const INTERP = set(LEXICON.interpMethod);
export const COMPARE = set(LEXICON.compare);
export const VARIATION = set(LEXICON.variation);
export const SIDE_EFFECT = set(LEXICON.sideEffect);
export const OUTCOME = set(LEXICON.outcome);

export function hasAny(tokens: readonly Token[], words: ReadonlySet<string>, from = 0, to = tokens.length): boolean {
  for (let i = from; i < to; i++) if (words.has(tokens[i].lemma) || words.has(tokens[i].lower)) return true;
  return false;
}

/** A measured quantity: a number other than a year, a percentage, a multiple. */
export function quantity(tokens: readonly Token[]): boolean {
  return tokens.some((t) => (t.pos === 'NUM' && !/^(19|20)\d\d$/.test(t.text)) || t.text === '%' || /\d(\.\d+)?x\b|\d%/.test(t.text));
}

/** A claim of this paper's own work (not cited, not quoted). */
export function own(c: Claim): boolean {
  return c.source === 'own' || c.source === 'definition';
}

/** An author's name with affiliation marks ("Mor Geva1,2", "Omer Levy1"): a first name, then a surname with digits; not a model name. */
export function authorWithMarks(tokens: readonly Token[], i: number): boolean {
  return /^[A-Z][a-z]+\d{1,2}(?:,\d{1,2})*[*†‡]*$/.test(tokens[i].text) && /^[A-Z][a-z]+$/.test(tokens[i - 1]?.text ?? '');
}
