import type { Block, SectionRole } from '../server/src/core/model';
import type { SentenceRef, DocumentView } from '../server/src/core/rules/view';

// Helpers the rules share: where a paper reports its own experiments, and whether a mention is
// negated, hypothetical, or about someone else's work.

/** Sections where a paper reports what it did and measured. */
export const EXPERIMENT_ROLES: readonly SectionRole[] = ['experiments', 'results', 'appendix'];
/** Sections where a paper states its own claims and framing. */
export const FRAMING_ROLES: ReadonlyArray<SectionRole | 'front'> = ['abstract', 'introduction', 'discussion', 'conclusion', 'front'];

const NEGATION = /\b(?:not|no|never|without|unlike|instead of|rather than|neither|nor|lacks?|cannot|can't|don't|doesn't|didn't|won't|omit(?:s|ted)?|leave\b[^.]{0,40}\bfuture work|beyond the scope|out of scope)\b|n't\b/i;
const FUTURE = /\b(?:future work|in the future|we plan to|we intend to|would be (?:interesting|valuable|useful)|remains? to be|left for future|next step)\b|\b(?:would|should|could)\s+(?:\w+\s+)?(?:use|compare|include|add|need|require|involve|test|evaluate|measure)\b|\ba (?:full|complete|proper|larger) (?:evaluation|study|comparison)\b/i;
const FIRST_PERSON = /\b(?:we|our|ours|us|this (?:work|paper|post|study|analysis|article|note|draft|report)|here)\b/i;

/**
 * A negated or not-yet-done action that governs everything after it in its clause, however long the
 * object: "we have not tried the protocol on a production-scale recommender or on real creator data",
 * "we did not run the erasure of step 4", "not yet evaluated on…". "not only" is not a negation.
 */
const NEGATED_ACTION = /\b(?:not|never)\s+(?:yet\s+|also\s+|actually\s+)?(?:tr(?:y|ied)|run|ran|test(?:ed)?|evaluat(?:e|ed)|appl(?:y|ied)|compar(?:e|ed)|measur(?:e|ed)|stud(?:y|ied)|explor(?:e|ed)|check(?:ed)?|validat(?:e|ed)|us(?:e|ed)|examin(?:e|ed)|assess(?:ed)?|conduct(?:ed)?|perform(?:ed)?|deploy(?:ed)?|implement(?:ed)?|repeat(?:ed)?|replicat(?:e|ed)|extend(?:ed)?|includ(?:e|ed)|consider(?:ed)?|investigat(?:e|ed)|verif(?:y|ied)|(?:been|be)\s+\w+ed)\b|\bnot\s+yet\b|\bhave\s+yet\s+to\b|\bhas\s+yet\s+to\b/i;

/** Whether the words just before `at` in the sentence negate it ("we do not compare with fine-tuning"). */
export function negatedBefore(sentence: string, at: number): boolean {
  const clauseStart = Math.max(sentence.lastIndexOf(';', at), sentence.lastIndexOf(':', at), sentence.lastIndexOf(' but ', at), 0);
  if (NEGATION.test(sentence.slice(Math.max(clauseStart, at - 60), at))) return true;
  // A negated action earlier in the same clause, with no new clause ("…, and we evaluate on…") in between.
  const clause = sentence.slice(clauseStart, at);
  const m = NEGATED_ACTION.exec(clause);
  return !!m && !/,\s*(?:and|so|which|whereas|while)\b|\bwhereas\b|\bwhile\b|\binstead\b/i.test(clause.slice(m.index + m[0].length));
}

/**
 * Caches a test of sentence text across lint runs: an editor re-lints a draft whose sentences are
 * almost all unchanged, and these regexes are much of the rules' time. Cleared when it grows large.
 */
export function memoByText(test: (text: string) => boolean, limit = 50_000): (text: string) => boolean {
  const cache = new Map<string, boolean>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      if (cache.size >= limit) cache.clear();
      value = test(text);
      cache.set(text, value);
    }
    return value;
  };
}

export const isFutureOrHypothetical = memoByText((sentence) => FUTURE.test(sentence));

/** Sections that describe plans rather than work done: "Planned evaluation", "Proposed audit protocol", "Future work", "Next steps". "Proposed method" describes the paper's own method. */
export const PLAN_HEADING = /\b(?:planned|plans?|future|toward|towards|outlook|next steps|open questions|proposed(?!\s+(?:methods?|approach(?:es)?|frameworks?|models?|architectures?|algorithms?|techniques?|systems?|solutions?|losses?|objectives?)\b))\b/i;

/** Whether a block sits in a section (or a subsection of one) whose title announces plans. */
export function inPlanSection(view: DocumentView, block: Block): boolean {
  const title = view.doc.title?.text.trim().toLowerCase();
  for (let i = block.section; i >= 0; i = view.doc.sections[i].parent) {
    const section = view.doc.sections[i];
    // A Markdown `# Title` over every section is the draft's title, not a plan section ("…: a proposed audit").
    if (section.title.trim().toLowerCase() === title) continue;
    if (PLAN_HEADING.test(section.title)) return true;
  }
  return false;
}

/** Verbs that open an imperative step of a recipe or protocol ("Draw a sample…", "Step 2: Train a probe…"). */
const IMPERATIVE_VERBS = 'draw|train|collect|report|project|issue|compute|calculate|measure|run|fit|apply|record|compare|select|sample|estimate|evaluate|test|check|flag|remove|attach|repeat|build|construct|use|ask|send|route|audit|erase|retrain|obtain|label|annotate|inspect|identify|document|publish|submit|define|choose|write|provide|deploy|monitor|verify|split|gather|prepare|review|escalate|log|return|filter|rank|re-rank|rerank|replace|add|set|fine-tune|finetune|extract|ablate|patch|steer|clamp|edit|generate|take|pick|keep|discard|drop|assign|map|decode|probe|replay|simulate|request|notify|alert|share|freeze|tune|deliver|present|give|show';
const IMPERATIVE_STEP = new RegExp(`^\\s*(?:(?:step|phase|stage)\\s+\\d+\\s*[:.)-]\\s*|\\(?\\d+[.)]\\s*|[a-z][.)]\\s+)?(?:first,?\\s+|then,?\\s+|next,?\\s+|finally,?\\s+)?(?:${IMPERATIVE_VERBS})\\b(?!\\s+(?:is|are|was|were|has|have|shows?|of)\\b)`, 'i');

/** A step of a recipe, protocol or checklist written in the imperative: a plan, not a report of work done. */
export function isImperativeStep(sentence: string): boolean {
  return IMPERATIVE_STEP.test(sentence) && !/\b(?:we|our)\b/i.test(sentence.split(/[,;:]/)[0] ?? '');
}

/** A numbered or bulleted step written in the imperative ("1. Train a probe…", "Step 2: Compare…"). */
export function isPlanStep(s: SentenceRef): boolean {
  return (s.block.kind === 'list-item' || /^\s*(?:step|phase|stage)\s+\d/i.test(s.text)) && isImperativeStep(s.text);
}

/** "auditors would inspect…", "we propose that…", "the protocol requires…": the sentence describes a plan. */
const PLAN_SENTENCE = /\b(?:would|should|must|shall)\s+(?:\w+\s+)?(?!be\s+(?:noted|seen)\b)\w+|\bwe\s+(?:propose|recommend|suggest|advocate)\s+(?:that|to)\b|\b(?:will|is\s+to|are\s+to)\s+(?:be\s+)?(?:run|trained|collected|measured|evaluated|tested|compared|deployed|applied|audited|carried\s+out)\b/i;

/** Whether a sentence describes a plan, a proposal or a hypothetical rather than something done. */
export const isPlan = memoByText((sentence) => isFutureOrHypothetical(sentence) || isImperativeStep(sentence) || PLAN_SENTENCE.test(sentence));

/** A sentence that cites others and says nothing of this work describes prior work. */
export function describesOthers(s: SentenceRef): boolean {
  const hasCite = s.block.refs.some((r) => r.kind === 'cite' && r.start >= s.start && r.end <= s.end);
  const namesAuthors = /\b[A-Z][a-z]+ et al\.|\b[A-Z][a-z]+ and [A-Z][a-z]+ \(\d{4}\)/.test(s.text);
  return (hasCite || namesAuthors) && !FIRST_PERSON.test(s.text);
}

/**
 * Whether a mention is attributed to cited work: a citation sits in the same conjunct (between the
 * commas or semicolons around it, outside parentheses). "By understanding mechanisms, we can
 * predict X [cite], identify and fix model errors [cite], …" lists what cited work did, even in
 * the field's "we"; "We fix the errors [cite] found" is not, when a first-person verb owns it.
 */
export function citedConjunct(s: SentenceRef, start: number, end: number): boolean {
  if (!s.block.refs.some((r) => r.kind === 'cite' && r.start >= s.start && r.end <= s.end)) return false;
  const cuts = conjunctCuts(s.text);
  let from = 0;
  let to = s.text.length;
  for (const c of cuts) {
    if (c < start) from = c + 1;
    else if (c >= end) {
      to = c;
      break;
    }
  }
  const cites = s.block.refs.some((r) => r.kind === 'cite' && r.start - s.start >= from && r.end - s.start <= to);
  return cites && !/\b(?:we|our)\s+(?:\w+\s+){0,2}?(?:propose|introduce|present|show|find|demonstrate|apply|use|implement|release)\b/i.test(s.text.slice(from, to));
}

/** Offsets of the commas and semicolons outside brackets, which separate a sentence's conjuncts. */
const cutsCache = new Map<string, number[]>();
function conjunctCuts(text: string): number[] {
  const hit = cutsCache.get(text);
  if (hit) return hit;
  if (cutsCache.size > 50_000) cutsCache.clear();
  const cuts: number[] = [];
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ';' || (c === ',' && depth === 0)) cuts.push(k);
  }
  cutsCache.set(text, cuts);
  return cuts;
}

/** Whether a text range of a sentence sits inside quotation marks. */
export function quoted(s: SentenceRef, start: number, end: number): boolean {
  const before = s.text.slice(0, start);
  const open = (before.match(/“/g) ?? []).length - (before.match(/”/g) ?? []).length + ((before.match(/"/g) ?? []).length % 2);
  return open > 0 && /[”"]/.test(s.text.slice(start, Math.max(end, start) + 200));
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

/**
 * Whether the paper reports any experiment at all: an experiments/results section, a table, or (in a
 * draft without such sections) a pilot or preliminary check whose sentences report measured outcomes
 * of the authors' own runs ("we trained…", "the probe decodes the attribute with 81% accuracy").
 * Plans, protocols and hypotheticals are not experiments.
 */
export function hasExperiments(view: DocumentView): boolean {
  if (view.doc.sections.some((s) => s.role === 'experiments' || s.role === 'results') || view.tables.some((t) => t.role !== 'related-work' && t.role !== 'background')) return true;
  return reportedRuns(view).length > 0;
}

const MEASURED_NUMBER = /\d+(?:\.\d+)?\s?(?:%|\\%|percent\b|points?\b|pp\b|×)|(?<![\w.-])\d*\.\d+(?![\w.-])/;
const OWN_RUN = /\b(?:we|our)\s+(?:\w+\s+)?(?:trained|ran|built|measured|evaluated|tested|fit|fitted|found|observed|obtained|applied|computed|recorded|collected|conducted|simulated|replayed|probed|ablated|steered|compared)\b|\b(?:achiev|reach|recover|decod|scor|obtain|yield|reduc|improv|increas|decreas|drop|rais|lower|detect|flag|predict|match)(?:es|ed|s)\b/i;
const BODY_ROLES: readonly SectionRole[] = ['other', 'method', 'appendix', 'discussion', 'limitations'];

/** Sentences of a draft without an Experiments/Results section that report measured outcomes of its own runs. */
export function reportedRuns(view: DocumentView): SentenceRef[] {
  return view.sentences.filter((s) => BODY_ROLES.includes(s.role as SectionRole) && s.block.kind !== 'table-cell'
    && MEASURED_NUMBER.test(s.text) && OWN_RUN.test(s.text) && !describesOthers(s) && !isPlan(s.text) && !isPlanStep(s) && !inPlanSection(view, s.block));
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
