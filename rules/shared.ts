import type { Block, SectionRole } from '../server/src/core/model';
import type { SentenceRef, DocumentView } from '../server/src/core/rules/view';

// Helpers the rules share: where a paper reports its own experiments, and whether a mention is
// negated, hypothetical, or about someone else's work.

/** Sections where a paper reports what it did and measured. */
export const EXPERIMENT_ROLES: readonly SectionRole[] = ['experiments', 'results', 'appendix'];
/** Sections where a paper states its own claims and framing. */
export const FRAMING_ROLES: ReadonlyArray<SectionRole | 'front'> = ['abstract', 'introduction', 'discussion', 'conclusion', 'front'];

const NEGATION = /\b(?:not|no|never|without|unlike|instead of|rather than|neither|nor|lacks?|cannot|can't|don't|doesn't|didn't|won't|omit(?:s|ted)?|leave\b[^.]{0,40}\bfuture work|beyond the scope|out of scope)\b|n't\b/i;
const FUTURE = /\b(?:future work|in the future|we plan to|we intend to|would be (?:interesting|valuable|useful)|remains? to be|left for future|next step)\b/i;
const FIRST_PERSON = /\b(?:we|our|ours|us|this (?:work|paper|post|study|analysis|article|note|draft|report)|here)\b/i;

/** Whether the words just before `at` in the sentence negate it ("we do not compare with fine-tuning"). */
export function negatedBefore(sentence: string, at: number): boolean {
  const clauseStart = Math.max(sentence.lastIndexOf(';', at), sentence.lastIndexOf(':', at), sentence.lastIndexOf(' but ', at), 0);
  return NEGATION.test(sentence.slice(Math.max(clauseStart, at - 60), at));
}

export function isFutureOrHypothetical(sentence: string): boolean {
  return FUTURE.test(sentence);
}

/** A sentence that cites others and says nothing of this work describes prior work. */
export function describesOthers(s: SentenceRef): boolean {
  const hasCite = s.block.refs.some((r) => r.kind === 'cite' && r.start >= s.start && r.end <= s.end);
  const namesAuthors = /\b[A-Z][a-z]+ et al\.|\b[A-Z][a-z]+ and [A-Z][a-z]+ \(\d{4}\)/.test(s.text);
  return (hasCite || namesAuthors) && !FIRST_PERSON.test(s.text);
}

/** Whether a text range of a sentence sits inside quotation marks. */
export function quoted(s: SentenceRef, start: number, end: number): boolean {
  const before = s.text.slice(0, start);
  const after = s.text.slice(end);
  const open = (before.match(/[“"]/g) ?? []).length - (before.match(/”/g) ?? []).length;
  return open % 2 === 1 && /[”"]/.test(after);
}

/** Sentences of this paper's own experiments, or when it has no such section, of its body outside the framing. */
export function experimentSentences(view: DocumentView): SentenceRef[] {
  const hasExperimentSections = view.doc.sections.some((s) => s.role === 'experiments' || s.role === 'results');
  if (hasExperimentSections) return view.sentencesIn(EXPERIMENT_ROLES);
  return view.sentences.filter((s) => s.role === 'other' || s.role === 'method' || s.role === 'appendix' || s.role === 'discussion' || s.role === 'limitations');
}

/** Table cells and captions outside Related Work and Background: a baseline is often named only there. */
export function ownTableBlocks(view: DocumentView): Block[] {
  return view.doc.blocks.filter((b) => (b.kind === 'table-cell' || b.kind === 'caption') && view.roleOf(b) !== 'related-work' && view.roleOf(b) !== 'background');
}

/** Whether the paper reports any experiment at all: an experiments/results section or a table. */
export function hasExperiments(view: DocumentView): boolean {
  return view.doc.sections.some((s) => s.role === 'experiments' || s.role === 'results') || view.tables.some((t) => t.role !== 'related-work' && t.role !== 'background');
}

/** The first paragraph of the first section with one of these roles. */
export function firstParagraphIn(view: DocumentView, roles: readonly SectionRole[]): Block | undefined {
  for (const role of roles) {
    const block = view.doc.blocks.find((b) => b.kind === 'paragraph' && view.roleOf(b) === role);
    if (block) return block;
  }
  return undefined;
}

/** The last paragraph before the appendix (where a closing scaffold goes when nothing fits better). */
export function lastBodyParagraph(view: DocumentView): Block | undefined {
  const body = view.doc.blocks.filter((b) => b.kind === 'paragraph' && view.roleOf(b) !== 'appendix');
  return body[body.length - 1];
}

/** "prompting, fine-tuning and LoRA" from a list of names. */
export function listNames(names: string[], max = 4): string {
  const unique = [...new Set(names)];
  const shown = unique.slice(0, max);
  const rest = unique.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
