import type { Block, PaperDocument, PaperKind, Section, SectionRole } from '../../server/src/core/model';
import { lineEnding } from '../../server/src/core/rules/fixes';
import { Lexicon, type LexiconMatch } from '../../server/src/core/rules/lexicon';
import type { TextEdit } from '../../server/src/core/rules/types';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import { describesOthers, isFutureOrHypothetical, negatedBefore } from '../shared';

// Helpers of the concreteness family (goal-statement, audience, concrete-action, understanding-only):
// where a paper frames its own work, and which actions it says its insight enables.

export type Role = SectionRole | 'front';

/** True when the draft reads as a post: no Introduction and free-form headings. */
export function isPostLike(view: DocumentView): boolean {
  return !view.hasRole('introduction') && view.doc.sections.filter((s) => s.level <= 1).length <= 12;
}

/**
 * The opening of the draft, where a goal belongs: abstract, introduction and front matter; for a post
 * without an Introduction heading, the first top-level section that has no other role.
 */
export function openingSentences(view: DocumentView): SentenceRef[] {
  const out = view.sentencesIn(['abstract', 'introduction', 'front']);
  if (view.hasRole('introduction')) return out;
  const first = view.doc.sections.findIndex((s) => s.level <= 1 && s.role === 'other');
  if (first < 0) return out;
  const inFirst = (b: Block) => b.section === first || isInside(view.doc.sections, b.section, first);
  return [...out, ...view.sentences.filter((s) => inFirst(s.block))];
}

function isInside(sections: Section[], index: number, ancestor: number): boolean {
  for (let i = index; i >= 0; i = sections[i].parent) if (i === ancestor) return true;
  return false;
}

/** Section titles (top level) with one of these roles, for messages: "Abstract, Introduction and Conclusion". */
export function searchedPlaces(view: DocumentView, roles: readonly Role[]): string {
  const names = [...new Set(view.doc.sections.filter((s) => s.level <= 1 && roles.includes(s.role)).map((s) => s.title || s.role))];
  if (roles.includes('front') && view.doc.blocks.some((b) => b.section === -1 && b.kind === 'paragraph')) names.unshift('the front matter');
  if (names.length === 0) return 'the opening of the draft (it has no Abstract or Introduction heading)';
  if (names.length === 1) return names[0];
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** A short quotation of a sentence for messages. */
export function quote(text: string, max = 70): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(20, cut.lastIndexOf(' ')))}…`;
}

/** The line number (1-based) of a block offset, for messages. */
export function lineOf(doc: PaperDocument, block: Block, index: number): number {
  const file = doc.sources.get(block.file);
  if (!file) return 1;
  const offset = block.base + (block.starts[Math.min(index, block.starts.length - 1)] ?? 0);
  let lo = 0;
  let hi = file.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (file.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Inserts a paragraph at the end of a section (before the next heading), so that a closing
 * scaffold lands after the section's lists and subsections rather than inside an environment.
 */
export function insertAtSectionEnd(doc: PaperDocument, section: Section, paragraph: string): TextEdit {
  const { file, offset } = section.end;
  const text = doc.sources.get(file)?.text ?? '';
  const eol = lineEnding(text);
  const before = text.slice(0, offset);
  const atLineStart = offset === 0 || /(\r?\n|\r)$/.test(before);
  const blankBefore = /(\r?\n|\r)[ \t]*(\r?\n|\r)$/.test(before);
  const lead = !atLineStart ? `${eol}${eol}` : blankBefore ? '' : eol;
  const trail = offset >= text.length ? eol : `${eol}${eol}`;
  return { file, start: offset, end: offset, text: `${lead}${paragraph.replace(/\n/g, eol)}${trail}` };
}

// ---------------------------------------------------------------------------------------------
// Actions enabled by this work

/** Sections where the paper states what its own work enables. */
export const ACTION_ROLES: readonly Role[] = ['abstract', 'introduction', 'discussion', 'conclusion', 'front', 'method', 'experiments', 'results', 'other'];

const FIRST_PERSON = /\b(?:we|our|ours|us|this (?:work|paper|post|study|analysis|article|note|draft|report|method|tool|approach|finding)|here)\b/i;
/** A sentence that says something is made possible: "lets engineers", "can be used to", "so that". */
const ENABLING = /\b(?:enabl\w*|allow\w*|lets?|letting|can|could|may|might|should|would|help\w*|so that|in order to|us(?:e|es|ed|ing)\b[^.]{0,60}?\bto|to (?:decide|choose|select)|makes? it possible|supports?|inform\w*|guid\w*)\b/i;

/**
 * Interventions the phrase lexicon cannot list one by one: detecting or mitigating a named failure
 * ("detect reward hacking", "reduce sycophancy", "remove spurious correlations").
 */
const FAILURES = '(?:bias(?:es)?|toxicity|toxic \\w+|hallucinat\\w+|sycophan\\w+|jailbreaks?|prompt injections?|backdoors?|trojans?|reward hacking|deceptive \\w+|deception|spurious (?:correlations?|features?|cues?)|shortcuts?|memori[sz]ation|memori[sz]ed \\w+|harmful \\w+|unsafe \\w+|errors?|failures?|mistakes|misbehaviou?r|anomal\\w+|data contamination|contaminated \\w+|mislabel\\w+ \\w+|refusals?|over-?refusals?|false \\w+|falsehoods?|lies|lying|misinformation|inaccura\\w+(?: \\w+)?|fabricat\\w+(?: \\w+)?|outdated \\w+)';
const EXTRA_ACTIONS = new Lexicon({
  'detection and flagging': [`/\\b(?:detect|catch|identify|predict|anticipate)(?:s|ed|ing|ion of)? (?:\\w+ ){0,2}?${FAILURES}\\b/`],
  mitigation: [`/\\b(?:mitigat|reduc|suppress|prevent|correct|fix|remov|eliminat|repair)\\w* (?:\\w+ ){0,2}?${FAILURES}\\b/`],
});

export interface ActionMention {
  sentence: SentenceRef;
  /** Offsets in the sentence text. */
  start: number;
  end: number;
  text: string;
  category: string;
}

export interface DiscountedMention extends ActionMention {
  reason: string;
}

/**
 * Lexicon matches that do not name an action on the model or its use, e.g. "prune edges" in circuit
 * discovery, "routing" inside a mixture-of-experts layer, a model's "reliance on" features.
 */
export function notAnAction(sentence: string, m: LexiconMatch): boolean {
  const word = m.text.toLowerCase();
  const after = sentence.slice(m.end, m.end + 50);
  const before = sentence.slice(Math.max(0, m.start - 25), m.start);
  if (/^(?:prun|compress|distill)/.test(word)) {
    // An architecture change acts on a model ("prune attention heads", "distill into a smaller model"), not on
    // a circuit graph or a set of results ("prune edges", "compress the results into one score").
    if (/^\s*(?:\w+\s+){0,3}?(?:edges?|nodes?|circuits?|graphs?|attribution|activations?|residual|representations?|features?|latents?|dictionar\w*|results?|scores?|findings?)\b/i.test(after)) return true;
    if (/\b(?:circuit|graph|edge|attribution)s?\s*$/i.test(before)) return true;
    if (!/\b(?:models?|networks?|LLMs?|transformers?|weights|layers?|heads?|neurons?|parameters|experts?|students?|teachers?|knowledge|architectures?|channels?|filters|checkpoints?|cache|KV|tokens|inference)\b/i.test(sentence.slice(Math.max(0, m.start - 40), m.end + 50))) return true;
  }
  if (/^rout/.test(word) && /\b(?:experts?|MoE|mixture[- ]of[- ]experts|tokens? (?:are|is) routed|router)\b/i.test(sentence)) return true;
  if (/^complian/.test(word) && !/\b(?:regulat\w*|legal|laws?|polic(?:y|ies)|standards?|GDPR|AI Act|auditors?|certif\w*|governance)\b/i.test(sentence)) return true;
  if (word.startsWith('relian') && !/\b(?:appropriate|over|under|calibrated|human|users?'?|clinicians?'?|their|inappropriate|excessive)[\s-]*$/i.test(before) && !/^\s+on\s+(?:the\s+)?(?:model|AI|system|assistant|tool|predictions?|recommendations?|explanations?|outputs?)\b/i.test(after)) return true;
  if (/^monitor/.test(word) && /^\s+(?:the\s+)?(?:training|loss|validation|progress|convergence|reconstruction)/i.test(after)) return true;
  if (/^curat/.test(word) && !/\btrain/i.test(sentence) && /\b(?:evaluation|eval|test set|benchmark|probing|prompts?)\b/i.test(sentence)) return true;
  if (/^(?:early stopping|regulari[sz]e)/.test(word) && /\b(?:probes?|SAEs?|autoencoders?|dictionar\w*|transcoders?|crosscoders?)\b/i.test(sentence)) return true;
  if (/^cascade/.test(word) && /^\s+of\b/i.test(after)) return true;
  // "reduce the reconstruction error" improves the interpretability method itself, not the model.
  if (/\b(?:reconstruction|approximation|estimation|quanti[sz]ation|probe|probing|patching|attribution|training|test|validation)\s+(?:errors?|failures?)\b/i.test(m.text)) return true;
  return false;
}

/**
 * Actions this work says its insight enables. For empirical, method, analysis and benchmark papers:
 * sentences of the paper's own framing, method or experiments that speak of this work or of what
 * something enables, not citing others, not negated, not future work. Position papers may argue
 * through others' examples (outside Related Work); a survey's whole taxonomy counts.
 */
export function findActions(view: DocumentView, actions: Lexicon, kind: PaperKind): { found: ActionMention[]; discounted: DiscountedMention[] } {
  const found: ActionMention[] = [];
  const discounted: DiscountedMention[] = [];
  const broad = kind === 'position' || kind === 'survey';
  for (const s of view.sentences) {
    const matches = [...actions.find(s.text), ...EXTRA_ACTIONS.find(s.text)].filter((m) => !notAnAction(s.text, m));
    if (matches.length === 0) continue;
    const own = ACTION_ROLES.includes(s.role) || (broad && s.role !== 'related-work' && s.role !== 'background') || kind === 'survey';
    for (const m of matches) {
      const mention: ActionMention = { sentence: s, start: m.start, end: m.end, text: m.text, category: m.category };
      let reason: string | undefined;
      if (!own) reason = s.role === 'related-work' || s.role === 'background' ? 'in Related Work or Background' : `in ${s.role}`;
      else if (negatedBefore(s.text, m.start)) reason = 'negated';
      else if (isFutureOrHypothetical(s.text)) reason = 'framed as future work';
      else if (!broad && describesOthers(s)) reason = "describes others' work";
      else if (!broad && !FIRST_PERSON.test(s.text) && !ENABLING.test(s.text)) reason = 'not stated as enabled by this work';
      if (reason) discounted.push({ ...mention, reason });
      else found.push(mention);
    }
  }
  return { found, discounted };
}
