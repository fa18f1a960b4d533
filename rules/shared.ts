import type { Block, PaperDocument, SectionRole } from '../server/src/core/model';
import type { SentenceRef, DocumentView } from '../server/src/core/rules/view';
import type { Lexicon, LexiconData } from '../server/src/core/rules/lexicon';
import type { RuleContext } from '../server/src/core/rules/types';

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

// ---------------------------------------------------------------------------------------------
// Comparisons between interpretability methods (shared by missing-baselines and grading-on-a-curve,
// so that exactly one of the two speaks when no non-interpretability baseline is found).

/** A mention of an interpretability method, with a key that merges spellings ("SAEs", "sparse autoencoder"). */
export interface MethodMention {
  start: number;
  end: number;
  text: string;
  key: string;
  /** Written as the paper's own method ("our SAE", "probe (ours)"). */
  ours: boolean;
}

const METHOD_ALIASES: Array<[RegExp, string]> = [
  [/^(?:sparse[\s-]?)?autoencoders?$|^saes?$/i, 'sae'],
  [/^(?:linear[\s-]?)?prob(?:e|es|ing)$/i, 'probe'],
  [/^contrastive activation addition$|^caa$/i, 'caa'],
  [/^grad-?cam$/i, 'grad-cam'],
  [/^(?:mean[\s-]difference (?:vector|direction)|diff(?:erence)?[\s-]in[\s-]means)$/i, 'diff-in-means'],
  [/^inference[\s-]?time intervention$|^iti$/i, 'iti'],
  [/^representation engineering$|^repe$/i, 'repe'],
  [/^distributed alignment search$|^das$/i, 'das'],
  [/^concept activation vectors?$|^tcav$/i, 'tcav'],
  [/^contrast[\s-]?consistent search$|^ccs$/i, 'ccs'],
];

function methodKey(text: string): string {
  const t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const [re, key] of METHOD_ALIASES) if (re.test(t)) return key;
  return t.replace(/(?:es|s)$/, '');
}

/** Interpretability methods named in a text; a mention inside a longer one ("attribution" in "edge attribution") is dropped. */
export function interpretabilityMentions(methods: Lexicon, text: string): MethodMention[] {
  const found = methods.find(text);
  return found
    .filter((m) => !found.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start))
    .filter((m, i, all) => all.findIndex((o) => o.start === m.start && o.end === m.end) === i)
    .map((m) => ({
      start: m.start,
      end: m.end,
      text: m.text,
      key: methodKey(m.text),
      ours: /\b(?:our|ours|own|proposed)\b[^,;.]{0,20}$/i.test(text.slice(Math.max(0, m.start - 30), m.start)) || /^[^,;.]{0,25}\(ours\)/i.test(text.slice(m.end)),
    }));
}

/** One place where the paper compares methods, and the interpretability methods it compares with. */
export interface MethodComparison {
  block: Block;
  start: number;
  end: number;
  /** The interpretability methods compared with, as written (one per key). */
  names: string[];
  /** One key per name, merging spellings ("SAEs", "sparse autoencoder"). */
  keys: string[];
  source: 'sentence' | 'table';
}

const COMPARISON_CUE = /(?<![\w-])(?:compar(?:e|es|ed|ing|isons?|able|ably)|versus|vs\.?|against|relative to|than|outperform(?:s|ed|ing)?|beats?|beating|surpass(?:es|ed|ing)?|improv(?:es|ed|ing|ements?) (?:over|upon)|baselines?)(?![\w])/gi;
const NOT_A_COMPARISON_BEFORE = /\b(?:rather|other|robust(?:ness)?|defen[sd]\w*|guard(?:ing)?|protect\w*|validated?|checked?|tested)\s+$/i;
const MAX_GAP_TO_COMPARED = 60;
/** "the control probe", "a probe on shuffled labels", "random directions": a control for the paper's own method, not another method compared with. */
const CONTROL_BEFORE = /\b(?:control|random(?:ly[\s-]initiali[sz]ed)?|shuffled(?:[\s-]labels?)?|untrained|null|placebo|sanity[\s-]check)\s+(?:[\w-]+\s+)?$/i;
const CONTROL_AFTER = /^\s+(?:(?:trained\s+)?(?:on|with|over)\s+(?:shuffled|random|permuted)|baseline\s+on\s+(?:shuffled|random)|control)\b/i;
function isControl(text: string, m: MethodMention): boolean {
  return CONTROL_BEFORE.test(text.slice(Math.max(0, m.start - 30), m.start)) || CONTROL_AFTER.test(text.slice(m.end, m.end + 40));
}
const METHOD_HEADER = /^\s*(?:methods?|baselines?|approach(?:es)?|techniques?|interventions?|detectors?|routers?|gates?|editors?|dictionar(?:y|ies)|steering|attribution|explainers?|explanation methods?)\s*$/i;

/**
 * Whether the words between a comparison cue and a method name keep the method as what is compared
 * with: "than the original SAE", "against 90% for TopK SAEs", but not "accuracy vs. escalation rate
 * for the SAE router".
 */
function comparedGap(gap: string): boolean {
  const g = gap
    .replace(/^\s*(?:with|to|against)\s+/i, ' ')
    // "with three steering methods tuned to the same budget: CAA, ITI and…"
    .replace(/^\s*(?:[\w-]+\s+){0,3}(?:methods?|baselines?|approaches|techniques|alternatives|variants|dictionaries|editors|detectors|interventions)\b[^;:.]{0,60}:\s*/i, ' ')
    .replace(/(?:\d+(?:[.,]\d+)?\s*(?:%|\\%|points?|pp)?|that|those|the ones?)\s+(?:(?:found|obtained|produced|learned|learnt|recovered|discovered|given|computed|trained|made)\s+)?(?:by|with|from|for|of|using)\s+/gi, ' ');
  if (/[;:()]/.test(g)) return false;
  if (/\b(?:for|of|on|in|at|to|by|from|across|over|under|per|when|with|while|whereas|but|and|or|which|that|is|are|was|were)\b/i.test(g)) return false;
  return g.trim().split(/\s+/).filter(Boolean).length <= 4;
}

/** A heading that announces a comparison: "Comparing drift measures", "Comparison with prior SAEs", "SAEs vs. transcoders", "Baselines". */
const COMPARISON_HEADING = /(?<![\w-])(?:compar(?:e|es|ed|ing|isons?|ative)|versus|vs\.?|baselines?|head-to-head)(?![\w-])/i;

/** Whether a block sits in a section (or subsection of one) whose heading announces a comparison. */
export function underComparisonHeading(view: DocumentView, block: Block): boolean {
  for (let i = block.section; i >= 0; i = view.doc.sections[i].parent) {
    if (COMPARISON_HEADING.test(view.doc.sections[i].title)) return true;
  }
  return false;
}

const CONTRAST = /(?<![\w-])(?:while|whereas)(?![\w-])/gi;
/** A reported result: a percentage, a score such as 0.93, or a comparative ("more", "only", "fails"). Model names like "Llama-3-8B" are not. */
const RESULT_WORD = /\d(?:\.\d+)?\s*(?:%|\\%|points?\b|pp\b)|(?<![\w.-])\d*\.\d+(?![\w.-])|\b(?:more|fewer|less|better|worse|higher|lower|only|faster|slower|larger|smaller|fails?|failed|succeeds?|misses|missed|recovers?|reaches|reach)\b/i;

/**
 * Interpretability methods set against each other by a contrast clause reporting results: "X
 * recovers 93%, while Y recovers 90%", "Whereas X finds 12 features, Y finds 40". Each side must
 * name a different method and report a result (a number or a comparative); "while keeping
 * perplexity low" and "we train SAEs while probes…" without results are not comparisons.
 */
export function contrastedMethods(text: string, mentions: MethodMention[]): MethodMention[] {
  CONTRAST.lastIndex = 0;
  for (let cue = CONTRAST.exec(text); cue; cue = CONTRAST.exec(text)) {
    const cueEnd = cue.index + cue[0].length;
    let left: [number, number];
    let right: [number, number];
    if (/^\s*$/.test(text.slice(0, cue.index))) {
      const comma = text.indexOf(',', cueEnd);
      if (comma < 0) continue;
      left = [cueEnd, comma];
      right = [comma + 1, text.length];
    } else {
      const clause = Math.max(text.lastIndexOf(';', cue.index), text.lastIndexOf(':', cue.index), 0);
      left = [clause, cue.index];
      const stop = text.slice(cueEnd).search(/[;:]/);
      right = [cueEnd, stop < 0 ? text.length : cueEnd + stop];
    }
    const inLeft = mentions.filter((m) => m.start >= left[0] && m.end <= left[1]);
    const inRight = mentions.filter((m) => m.start >= right[0] && m.end <= right[1]);
    if (inLeft.length === 0 || inRight.length === 0) continue;
    if (!inRight.some((r) => inLeft.every((l) => l.key !== r.key))) continue;
    if (!RESULT_WORD.test(text.slice(...left)) || !RESULT_WORD.test(text.slice(...right))) continue;
    return [...inLeft, ...inRight];
  }
  return [];
}

/**
 * Where the paper's own experiments compare interpretability methods: a sentence where a comparison
 * cue ("than", "outperforms", "compared with", "vs.", "against", "baseline") is followed in the same
 * clause by an interpretability method that is not the paper's own, or "compare" with two different
 * such methods, or "a probing baseline"; a contrast clause setting two methods' results against
 * each other ("X …, while Y …"); a sentence naming two methods under a heading that announces a
 * comparison ("Comparing drift measures", "Baselines"); or a table whose first column names at least
 * two of them. The paper's own method alone next to "compare" is not a comparison.
 */
export function interpretabilityComparisons(view: DocumentView, methods: Lexicon): MethodComparison[] {
  const out: MethodComparison[] = [];
  // A comparison is one the draft reports from its own experiments (the same test as hasExperiments), not one it plans.
  if (!hasExperiments(view)) return out;
  for (const s of experimentSentences(view)) {
    if (isPlan(s.text) || isPlanStep(s) || inPlanSection(view, s.block)) continue;
    const mentions = interpretabilityMentions(methods, s.text).filter((m) => !isControl(s.text, m));
    if (mentions.length === 0) continue;
    const compared = new Map<string, MethodMention>();
    const add = (m: MethodMention) => {
      if (!m.ours && !compared.has(m.key)) compared.set(m.key, m);
      // "outperforms ROME and MEMIT", "compared with integrated gradients, SHAP and LIME"
      for (let i = mentions.indexOf(m) + 1, prev = m; i < mentions.length; prev = mentions[i], i++) {
        const between = s.text.slice(prev.end, mentions[i].start);
        if (between.length > 30 || /[;:.]/.test(between) || !/,|\band\b|\bor\b|\bnor\b|^\s*\(\s*$|^\s*\)?\s*$/.test(between)) break;
        if (!mentions[i].ours && !compared.has(mentions[i].key)) compared.set(mentions[i].key, mentions[i]);
      }
    };
    COMPARISON_CUE.lastIndex = 0;
    for (let cue = COMPARISON_CUE.exec(s.text); cue; cue = COMPARISON_CUE.exec(s.text)) {
      const cueStart = cue.index;
      const cueEnd = cue.index + cue[0].length;
      if (NOT_A_COMPARISON_BEFORE.test(s.text.slice(Math.max(0, cueStart - 20), cueStart))) continue;
      if (negatedBefore(s.text, cueStart)) continue;
      const word = cue[0].toLowerCase();
      // "we compare X with Y": X is the paper's side, Y what it is compared with.
      let from = cueEnd;
      if (/^compar(?:e|es|ing)$/.test(word)) {
        const pivot = /\b(?:with|to|against)\b/i.exec(s.text.slice(cueEnd, cueEnd + MAX_GAP_TO_COMPARED));
        if (pivot) from = cueEnd + pivot.index + pivot[0].length;
      }
      const next = mentions.find((m) => m.start >= from && m.start - from <= MAX_GAP_TO_COMPARED + 60);
      if (next && comparedGap(s.text.slice(from, next.start))) add(next);
      if (word.startsWith('baseline')) {
        const named = [...mentions].reverse().find((m) => m.end <= cueStart && cueStart - m.end <= 25 && !/[;:,]/.test(s.text.slice(m.end, cueStart)));
        if (named) add(named);
      }
      if (from === cueEnd && /^compar(?:e|es|ing)$/.test(word)) {
        // "SAEs and transcoders are compared on…" / "we compare SAEs, transcoders and crosscoders"
        const keys = new Set(mentions.map((m) => m.key));
        if (keys.size >= 2) for (const m of mentions) if (!m.ours && !compared.has(m.key)) compared.set(m.key, m);
      }
    }
    if (compared.size === 0) {
      // "Crosscoders label 6.2% …, while matching SAEs finds only 2.1%"; any sentence naming two methods under "Comparing drift measures".
      const contrasted = contrastedMethods(s.text, mentions);
      const named = contrasted.length > 0 ? contrasted : new Set(mentions.map((m) => m.key)).size >= 2 && underComparisonHeading(view, s.block) ? mentions : [];
      for (const m of named) if (!m.ours && !compared.has(m.key)) compared.set(m.key, m);
    }
    if (compared.size === 0) continue;
    out.push({ block: s.block, start: s.start, end: s.end, names: [...compared.values()].map((m) => m.text), keys: [...compared.keys()], source: 'sentence' });
  }
  for (const table of view.tables) {
    if (table.role === 'related-work' || table.role === 'background') continue;
    // The column that names methods: the first one, or one headed "Method", "Baseline", "Detector"…
    const columns = [...new Set(table.cells.map((c) => c.cell?.column ?? 0))].filter((col) =>
      col === 0 || table.cells.some((c) => c.cell?.column === col && c.cell?.row === 0 && METHOD_HEADER.test(c.text)));
    const named = table.cells
      .filter((c) => columns.includes(c.cell?.column ?? 0) && (c.cell?.row ?? 0) > 0)
      .map((c) => ({ cell: c, mentions: interpretabilityMentions(methods, c.text) }))
      .filter((r) => r.mentions.length > 0);
    if (named.length < 2) continue;
    const others = named.filter((r) => !r.mentions.every((m) => m.ours));
    if (others.length === 0) continue;
    const byKey = new Map(others.flatMap((r) => r.mentions.filter((m) => !m.ours)).map((m) => [m.key, m.text] as const));
    const first = others[0].cell;
    out.push({ block: first, start: 0, end: first.text.length, names: [...byKey.values()], keys: [...byKey.keys()], source: 'table' });
  }
  return out;
}

/** Non-interpretability baselines (prompting, fine-tuning, LoRA, entropy…) named in the paper's own experiments or tables. */
export interface BaselineMention {
  block: Block;
  start: number;
  end: number;
  text: string;
  category: string;
  note: string;
}

/**
 * Baseline categories named by systems from prior work that a paper may also simply use (GPTQ to
 * quantize, FlashAttention to run): in sentences they count only where the paper compares, i.e. with
 * a comparison cue or under a heading that announces a comparison ("How it compares", "Baselines").
 */
const COMPARISON_ONLY_CATEGORIES = new Set(['efficiency and systems methods', 'standard methods']);
const COMPARES = /(?<![\w-])(?:compar(?:e|es|ed|ing|isons?|able|ably)|versus|vs\.?|against|relative to|than|outperform(?:s|ed|ing)?|beats?|beating|surpass(?:es|ed|ing)?|improv(?:es|ed|ing|ements?) (?:over|upon)|baselines?|matches|matching)(?![\w])/i;

/** Whether a sentence compares: a comparison cue in it, or a heading above it that announces a comparison. */
export function inComparison(view: DocumentView, s: SentenceRef): boolean {
  return COMPARES.test(s.text) || underComparisonHeading(view, s.block);
}

/** A value right after a setting's name: "weight decay 1.0", "weight decay of 0.01", "early stopping (patience 5)", "dropout = [math]". */
const SETTING_VALUE = /^\s*(?:(?:of|=|:|at|set to|with(?: a)?(?: patience| rate| coefficient| factor)?(?: of)?|\(\s*(?:[\w-]+\s*){0,2}[=:]?)\s*)?(?:[\d.]+(?:e-?\d+)?\b|\[math\])/i;
/** Training hyper-parameters listed with the mention: the sentence describes how a model was trained, not what it was compared with. */
const HYPERPARAMETERS = /\b(?:learning[\s-]rates?|batch[\s-]sizes?|optimi[sz]ers?|AdamW|Adam|SGD|warm-?up|hyper-?parameters?|dropout|epochs?|(?:training|optimi[sz]ation|gradient) steps|cosine schedule|momentum)\b/i;

/** An outcome reported for what precedes it in the clause: "LoRA (rank 8) reaches 88%", "…with weight decay 0.3 brings it to 9%". */
const OUTCOME_AFTER = /^((?:[^.;,]|[.,](?=\d)){0,80}?)\b(?:reach|achiev|scor|obtain|yield|recover|improv|reduc|rais|lower|cut|drop|fall|fell|rise|rose|increas|decreas|match|bring|brought|leav|left|gets?\b|got\b|lands?\b|stays?\b)\w*\b[^.;]{0,60}?\d/i;

/**
 * Whether the sentence reports a result for the mentioned method, with nothing that starts another clause
 * in between ("LoRA (rank 8) reaches 88%", not "we quantize with GPTQ and the probe reaches 0.91"): it is
 * then a baseline's result, even without a comparison cue.
 */
export function reportsOutcomeFor(sentence: string, m: { end: number }): boolean {
  const found = OUTCOME_AFTER.exec(sentence.slice(m.end).replace(/\([^)]*\)/g, ''));
  return !!found && !/\b(?:and|while|whereas|but|where|which|then|so|before|after|when)\b/i.test(found[1]);
}

/**
 * A baseline name used as a training setting of the paper's own runs, not a method compared with:
 * "with AdamW (learning rate 1e-3, weight decay 1.0)", "we fine-tune with LoRA (rank 16, three epochs)".
 * Counted as a setting only when nothing in the sentence compares and the sentence reports no outcome
 * for it ("LoRA (rank 8) reaches 88%" is a baseline's result): §6.1 asks for a comparison with a baseline,
 * and a hyper-parameter is not one.
 */
export function trainingSetting(sentence: string, m: { start: number; end: number }): boolean {
  if (COMPARES.test(sentence) || reportsOutcomeFor(sentence, m)) return false;
  const from = sentence.lastIndexOf(';', m.start) + 1;
  const to = sentence.indexOf(';', m.end);
  const clause = sentence.slice(from, to < 0 ? sentence.length : to);
  return SETTING_VALUE.test(sentence.slice(m.end, m.end + 40)) || HYPERPARAMETERS.test(clause);
}

/** A table of settings rather than results: "Hyperparameters", "Training details", "Configuration", a "Value" column. */
const SETTINGS_TABLE = /\b(?:hyper-?parameters?|training (?:details|settings|configuration|setup)|configurations?|settings)\b|^\s*values?\s*$/i;

function inSettingsTable(view: DocumentView, block: Block): boolean {
  if (!block.cell) return block.kind === 'caption' && SETTINGS_TABLE.test(block.text) && !COMPARES.test(block.text);
  const table = view.tables.find((t) => t.cells.includes(block));
  if (!table) return false;
  return [...table.cells.filter((c) => c.cell?.row === 0), ...(table.caption ? [table.caption] : [])].some((c) => SETTINGS_TABLE.test(c.text) && !COMPARES.test(c.text));
}

/** The same search as missing-baselines: experiment sentences (not negated, not future work) and own table cells and captions. */
export function nonInterpretabilityBaselines(view: DocumentView, baselines: Lexicon): BaselineMention[] {
  const out: BaselineMention[] = [];
  for (const s of experimentSentences(view)) {
    if (isFutureOrHypothetical(s.text) || isPlanStep(s) || inPlanSection(view, s.block)) continue;
    for (const m of baselines.find(s.text)) {
      if (negatedBefore(s.text, m.start)) continue;
      if (COMPARISON_ONLY_CATEGORIES.has(m.category) && !inComparison(view, s) && !reportsOutcomeFor(s.text, m)) continue;
      if (trainingSetting(s.text, m)) continue;
      out.push({ block: s.block, start: s.start + m.start, end: s.start + m.end, text: m.text, category: m.category, note: `compares with ${m.text}` });
    }
  }
  for (const block of ownTableBlocks(view)) {
    for (const m of baselines.find(block.text)) {
      if (block.kind === 'caption' && negatedBefore(block.text, m.start)) continue;
      if (inSettingsTable(view, block)) continue;
      out.push({ block, start: m.start, end: m.end, text: m.text, category: m.category, note: `${block.kind === 'caption' ? 'caption' : 'table row'} names ${m.text}` });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Hedged impact claims with a vague object (shared by vague-action and concrete-action, so that a
// sentence vague-action flags, "we believe this could inform the design of more interpretable
// models", is never also counted by concrete-action as an action the work enables).

export interface HedgedClaim {
  hedge: { start: number; end: number };
  verb: { start: number; end: number };
  object: { start: number; end: number };
}

const MAX_GAP_TO_IMPACT_VERB = 30;
const MAX_GAP_TO_VAGUE_OBJECT = 60;
const MAX_GAP_AFTER_BELIEF = 80;
/** Hedges that open a clause of their own: "we believe", "we hope", "we expect", "hopefully". */
const BELIEF_HEDGE = /^(?:we|I)\s+(?:\w+\s+)?(?:believe|hope|expect|anticipate|envision|think|trust|are (?:confident|optimistic|hopeful))|^hopefully$/i;

/** Whether nothing between two offsets ends the clause. */
export function sameClause(text: string, from: number, to: number): boolean {
  return !/[;:.!?]|\bbut\b|\bwhile\b|\bwhereas\b/.test(text.slice(from, to));
}

/**
 * Every hedge + impact verb + non-specific object in one clause (§2.1 "vague suggestions"): "could
 * inform safety research", "we believe interpretability can play a role in building safer AI".
 * Matches come from the hedges, impactVerbs and vagueObjects lexicons.
 */
export function hedgedClaims(text: string, hedges: readonly { start: number; end: number }[], verbs: readonly { start: number; end: number }[], objects: readonly { start: number; end: number }[]): HedgedClaim[] {
  const out: HedgedClaim[] = [];
  for (const hedge of hedges) {
    // A belief or hope ("we believe", "we hope") governs a whole clause: its subject and modal come
    // between it and the verb ("we believe internal uncertainty signals will play a role in…").
    const gap = BELIEF_HEDGE.test(text.slice(hedge.start, hedge.end)) ? MAX_GAP_AFTER_BELIEF : MAX_GAP_TO_IMPACT_VERB;
    const verb = verbs.find((v) => v.start >= hedge.end && v.start - hedge.end <= gap && sameClause(text, hedge.end, v.start));
    if (!verb) continue;
    const object = objects.find((o) => o.start >= verb.end && o.start - verb.end <= MAX_GAP_TO_VAGUE_OBJECT && sameClause(text, verb.end, o.start));
    if (object) out.push({ hedge, verb, object });
  }
  return out;
}

/**
 * The start both baseline rules share: not applicable without experiments; otherwise the
 * non-interpretability baselines found, each recorded as evidence.
 */
export function baselinesOrSkip(ctx: RuleContext<{ extraBaselines: LexiconData }>): { mentions: BaselineMention[]; lexicon: Lexicon } | undefined {
  if (!hasExperiments(ctx.view)) {
    ctx.notApplicable('the draft reports no experiments (empirical-validation covers that)');
    return undefined;
  }
  const lexicon = ctx.lexicons.baselines.extend(ctx.options.extraBaselines);
  const mentions = nonInterpretabilityBaselines(ctx.view, lexicon);
  for (const b of mentions) ctx.evidence({ block: b.block, start: b.start, end: b.end }, b.note);
  return { mentions, lexicon };
}

/**
 * The baseline-comparison table that missing-baselines and grading-on-a-curve insert, in the draft's
 * own syntax, with rows for prompting, fine-tuning, LoRA and the author's method; `lead` is an
 * optional sentence placed before it.
 */
export function baselineTableScaffold(doc: PaperDocument, lead?: string): string {
  const rows = ['Prompting ([prompt])', 'Fine-tuning', 'LoRA (rank [r])', '[Our method]'];
  const caption = 'Comparison with non-interpretability baselines on [task]. [Describe the setting.]';
  if (doc.format === 'markdown') {
    return [
      ...(lead ? [`${lead} (Table [n]).`, ''] : []),
      '| Method | [target metric] | [side-effect metric] |',
      '|---|---|---|',
      ...rows.map((r) => `| ${r} | [ ] | [ ] |`),
      '',
      `Table: ${caption}`,
    ].join('\n');
  }
  return [
    ...(lead ? [`${lead} (\\cref{tab:[label]}).`, ''] : []),
    '\\begin{table}[t]',
    '\\centering',
    '\\begin{tabular}{lcc}',
    '\\toprule',
    'Method & [target metric] & [side-effect metric] \\\\',
    '\\midrule',
    ...rows.map((r) => `${r} & [ ] & [ ] \\\\`),
    '\\bottomrule',
    '\\end{tabular}',
    `\\caption{${caption}}`,
    '\\label{tab:[label]}',
    '\\end{table}',
  ].join('\n');
}
