import type { Block, PaperDocument, PaperKind, Section, SectionRole } from '../../server/src/core/model';
import { lineEnding } from '../../server/src/core/rules/fixes';
import { Lexicon, type LexiconMatch, type Lexicons } from '../../server/src/core/rules/lexicon';
import type { TextEdit } from '../../server/src/core/rules/types';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import { normalizeHeading } from '../../server/src/core/roles';
import { sentenceClaims } from '../../server/src/core/claims';
import CLAIMS_LEXICON from '../../server/src/core/claims/lexicon.json';
import { citedConjunct, describesOthers, hedgedClaims, isFutureOrHypothetical, negatedBefore } from '../shared';

// Helpers of the concreteness family (goal-statement, audience, concrete-action, understanding-only):
// where a paper frames its own work, and which actions it says its insight enables.

export type Role = SectionRole | 'front';

/** True when the draft reads as a post: no Introduction and free-form headings. */
export function isPostLike(view: DocumentView): boolean {
  return !view.hasRole('introduction') && topSections(view).length <= 12;
}

/**
 * A heading that announces motivation or the problem, whatever other word it holds: "Why look inside
 * the model", "Motivation and scope", "The problem", "What is at stake", "Goals".
 */
const MOTIVATION_HEADING = /^(?:why\b|motivat\w*|(?:the |our )?(?:\w+ )?problems?(?: we (?:address|solve|tackle))?$|(?:the |our )?(?:problem|challenge|need|stakes|gap|goal|aim|objective|use case)s?\b(?! (?:setup|setting|formulation|definition))|what(?:'s| is) (?:at stake|the problem|wrong|missing)|who (?:is|this is) (?:it )?for|context\b)/i;
/**
 * Top-level sections, besides abstract, introduction and front matter, that belong to the opening
 * (§9 step 1, "identify a specific problem"): reading from the top, sections whose heading announces
 * motivation or the problem ("Why this matters", "Problem", "Why look inside the model", even when a
 * word in it gave the section another role) and, in a draft without an Introduction heading, the
 * first section with no role of its own (a post's or note's de facto introduction). The opening ends
 * at the first other section; Related Work and Background in between are passed over.
 */
export function openingSections(view: DocumentView): Section[] {
  const out: Section[] = [];
  const noIntro = !view.hasRole('introduction');
  let tookFirst = false;
  for (const s of topSections(view)) {
    if (s.role === 'abstract' || s.role === 'introduction') continue;
    if (MOTIVATION_HEADING.test(normalizeHeading(s.title)) && s.role !== 'related-work' && s.role !== 'appendix') out.push(s);
    else if (s.role === 'related-work' || s.role === 'background') continue;
    else if (noIntro && !tookFirst && s.role === 'other') out.push(s);
    else break;
    tookFirst = true;
  }
  if (noIntro) {
    const firstOther = topSections(view).find((s) => s.role === 'other');
    if (firstOther && !out.includes(firstOther)) out.push(firstOther);
  }
  return out;
}

/** The opening of the draft, where a goal belongs: abstract, introduction, front matter and {@link openingSections}. */
export function openingSentences(view: DocumentView): SentenceRef[] {
  const out = view.sentencesIn(['abstract', 'introduction', 'front']);
  const indices = openingSections(view).map((s) => view.doc.sections.indexOf(s));
  if (indices.length === 0) return out;
  const inOpening = (b: Block) => indices.some((i) => b.section === i || isInside(view.doc.sections, b.section, i));
  return [...out, ...view.sentences.filter((s) => !out.includes(s) && inOpening(s.block))];
}

function isInside(sections: Section[], index: number, ancestor: number): boolean {
  for (let i = index; i >= 0; i = sections[i].parent) if (i === ancestor) return true;
  return false;
}

/**
 * The draft's top-level sections. A Markdown draft with a YAML title and a lone `# Title` heading
 * over its `##` sections keeps that heading as a section; it is the title, so its children are the
 * top level (the engine makes a lone H1 the title only when there is no other title).
 */
export function topSections(view: DocumentView): Section[] {
  const sections = view.doc.sections;
  const tops = sections.filter((s) => s.level <= 1);
  const title = norm(view.doc.title?.text ?? '');
  const wrappers = new Set(
    tops
      .filter((s) => s.role === 'other' && (tops.length === 1 || (title !== '' && norm(s.title) === title)))
      .map((s) => sections.indexOf(s))
      .filter((i) => sections.some((c) => c.parent === i)),
  );
  if (wrappers.size === 0) return tops;
  return sections.filter((s, i) => (s.level <= 1 && !wrappers.has(i)) || wrappers.has(s.parent));
}

function norm(text: string): string {
  return text.replace(/[\s*_`"'“”]+/g, ' ').trim().toLowerCase();
}

/** Section titles (top level) with one of these roles, for messages: "Abstract, Introduction and Conclusion". */
export function searchedPlaces(view: DocumentView, roles: readonly Role[]): string {
  const names = [...new Set(topSections(view).filter((s) => roles.includes(s.role)).map((s) => s.title || s.role))];
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
const FAILURES = '(?:bias(?:es)?|stereotyp\\w+(?: \\w+)?|toxicity|toxic \\w+|hallucinat\\w+|sycophan\\w+|jailbreaks?|prompt injections?|backdoors?|trojans?|reward hacking|deceptive \\w+|deception|spurious (?:correlations?|features?|cues?)|shortcuts?|memori[sz]ation|memori[sz]ed \\w+|harmful \\w+|unsafe \\w+|errors?|failures?|mistakes|misbehaviou?r|anomal\\w+|data contamination|contaminated \\w+|mislabel\\w+ \\w+|refusals?|over-?refusals?|false \\w+|falsehoods?|lies|lying|misinformation|inaccura\\w+(?: \\w+)?|fabricat\\w+(?: \\w+)?|outdated \\w+|vulnerabilit(?:y|ies)|insecure \\w+)';
const EXTRA_ACTIONS = new Lexicon({
  'detection and flagging': [`/\\b(?:detect|catch|identify|predict|anticipate)(?:s|ed|ing|ion of)? (?:\\w+ ){0,2}?${FAILURES}\\b/`],
  mitigation: [`/\\b(?:mitigat|reduc|suppress|prevent|correct|fix|remov|eliminat|repair)\\w* (?:\\w+ ){0,2}?${FAILURES}\\b/`],
  // Choosing what goes into the prompt (§5, model input): "drop demonstrations that… and replace them".
  'input selection': [
    "/\\b(?:drop|replac|remov|swap|reorder|filter(?:ing)? out|exclud|discard|prun|re-?rank|select|choos|pick)\\w*\\s+(?:(?:the|which|misleading|harmful|unhelpful|noisy|ambiguous|better|helpful|good|bad|few-shot|in-context|individual|marked|flagged|such|these|those|their)\\s+){0,2}(?:demonstrations?|exemplars?|in-context examples?|few-shot examples?|shots)\\b/",
  ],
  // Clamping a unit of the model at inference time is steering (§5, model internals): "clamp these latents to a negative value".
  steering: ["/\\bclamp(?:s|ed|ing)?\\s+(?:(?!(?:to|of|with|in|by|from|for|and|or)\\b)[\\w'’-]+\\s+){0,4}?(?:latents?|features?|neurons?|directions?|units?)\\b/"],
  // An edit made directly to weights or units (§5, model internals): "scale down the neurons' output weights".
  editing: [
    "/\\b(?:scal(?!ing laws?)|rescal|downscal|down-?weight|multipl|zero(?:e?s|ed|ing)?(?: out)?|dampen|amplif|overwrit|modif|edit)\\w*\\s+(?:down\\s+|up\\s+|out\\s+)?(?:(?!(?:to|of|with|across|in|by|from|for|and|or)\\b)[\\w'’-]+\\s+){0,4}?(?:weights?(?!\\s+decay)|weight matri(?:x|ces)|neurons?)\\b/",
  ],
});

/** Weights and units of an interpretability tool, not of the model: "scale the SAE decoder weights". */
const TOOL_WEIGHTS = /\b(?:probes?|probing|SAEs?|autoencoders?|decoders?|encoders?|dictionar\w*|transcoders?|crosscoders?|classifiers?|attribution|regression)\b(?:['’]s?)?\s+(?:[\w-]+\s+){0,2}?(?:weights?|neurons?|parameters)\b/i;

/** The lexicon category for concrete changes to how a model is served (quantization, caching, precision). */
const DEPLOYMENT = 'inference and deployment';
const INTERP_DATA = /\b(?:activations?|latents?|features?|SAEs?|autoencoders?|dictionar\w*|probes?|attributions?|gradients?|scores?|datasets?|logs?|checkpoints? for analysis)\b/i;
/** What a deployment change acts on: the cache, tokens, weights, layers, forward pass, precision of a served model. */
const SYSTEM_OBJECT = /\b(?:KV|cache[sd]?|tokens?|weights?|layers?|heads?|channels?|quanti[sz]\w*|inference|serving|deployment|decoding|generation loop|forward pass(?:es)?|precision|bits?|memory|latency|throughput)\b/i;
/** A serving technique named as what the work is compared with: "than speculative decoding", "against KV-cache eviction". */
const COMPARED_WITH = /\b(?:compar\w*\s+(?:[\w-]+\s+){0,4}?(?:with|to|against)|versus|vs\.?|than|against|relative to|baselines?(?:\s+such\s+as)?|(?:outperform|beat|match)\w*)\s+(?:[\w'’-]+\s+){0,5}?$/i;

/**
 * An instruction to the reader, as a post or a method section gives a recipe: "Keep the first four
 * tokens in bf16", "If you serve long inputs, skip retrieval when…". It states what the work enables
 * without "we" or "can".
 */
const IMPERATIVE = /^\W*(?:(?:if|when|whenever|once|before|after|to|for|at|on|during|in)\b[^,;:]{0,140},\s*)?(?:(?:then|always|simply|just|instead|first|finally|so)\b,?\s+)?(?:keep|store|leave|hold|quanti[sz]e|skip|set|route|use|replace|remove|drop|add|clamp|steer|prune|protect|exclude|exempt|cache|evict|pin|disable|enable|turn|switch|apply|filter|retrain|fine-tune|flag|escalate|defer|reserve|allocate|offload|send|gate|cap|limit|lower|raise|increase|decrease|reduce|edit|ablate|suppress|subtract|project|read|compute|threshold|check|compare|measure)\b/i;
const RECIPE_ROLES: readonly Role[] = ['method', 'other', 'discussion', 'conclusion', 'front', 'abstract', 'introduction'];

/**
 * A hedged impact claim with a vague object that the action is the verb of ("could inform the design of
 * more interpretable models") or only a part of ("could inform more robust knowledge editing"): the
 * claim names a direction, not an action someone takes.
 */
function vagueClaimAround(s: SentenceRef, m: LexiconMatch, vague: VagueLexicons | undefined): boolean {
  if (!vague) return false;
  const claims = hedgedClaims(s.text, vague.hedges.find(s.text), vague.impactVerbs.find(s.text), vague.vagueObjects.find(s.text));
  return claims.some((c) => (m.start >= c.verb.start && m.start <= c.verb.end && m.end <= c.object.end) || (m.start >= c.object.start && m.end <= c.object.end));
}

export type VagueLexicons = Pick<Lexicons, 'hedges' | 'impactVerbs' | 'vagueObjects'>;

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
  // "scale the probe weights", "zero the SAE's decoder weights": an interpretability tool, not the model.
  if (/(?:weights?|weight matri(?:x|ces)|neurons?)$/i.test(word) && TOOL_WEIGHTS.test(sentence.slice(Math.max(0, m.start - 30), m.end))) return true;
  // "we select demonstrations at random" sets up an experiment; it is not a choice informed by the insight.
  if (/(?:demonstrations?|exemplars?|examples?|shots)$/i.test(word) && /^\s+(?:\w+\s+){0,3}?(?:at random|randomly|uniformly)\b/i.test(after)) return true;
  // "we store activations in fp16", "keep the SAE latents in bf16": storing the interpretability tool's data, not a change to the deployed model.
  if (m.category === DEPLOYMENT && (INTERP_DATA.test(m.text) || !SYSTEM_OBJECT.test(sentence))) return true;
  // "faster than speculative decoding", "compared with a distilled model or early exit": a baseline, not what the insight enables.
  if (m.category === DEPLOYMENT && COMPARED_WITH.test(sentence.slice(Math.max(0, m.start - 80), m.start).split(/[;.]/).pop() ?? '')) return true;
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
export function findActions(view: DocumentView, actions: Lexicon, kind: PaperKind, vague?: VagueLexicons): ActionSearch {
  // concrete-action and missing-baselines both ask; one search per document, lexicon and kind.
  const key = `${kind}|${vague ? 1 : 0}`;
  let byLexicon = actionCache.get(view);
  if (!byLexicon) actionCache.set(view, (byLexicon = new WeakMap()));
  let byKey = byLexicon.get(actions);
  if (!byKey) byLexicon.set(actions, (byKey = new Map()));
  let result = byKey.get(key);
  if (!result) byKey.set(key, (result = searchActions(view, actions, kind, vague)));
  return result;
}

export interface ActionSearch {
  found: ActionMention[];
  discounted: DiscountedMention[];
}

const actionCache = new WeakMap<DocumentView, WeakMap<Lexicon, Map<string, ActionSearch>>>();

function searchActions(view: DocumentView, actions: Lexicon, kind: PaperKind, vague?: VagueLexicons): ActionSearch {
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
      else if (!broad && (describesOthers(s) || citedConjunct(s, m.start, m.end))) reason = "describes others' work";
      else if (componentActs(s.text, m.start, m.end)) reason = 'describes what a model component does (the mechanism), not an action on the model';
      else if (vagueClaimAround(s, m, vague)) reason = 'a hedged suggestion with a vague object, not a concrete action';
      else if (!broad && !FIRST_PERSON.test(s.text) && !ENABLING.test(s.text) && !(RECIPE_ROLES.includes(s.role) && IMPERATIVE.test(s.text))) reason = 'not stated as enabled by this work';
      else if (kind === 'position' && !FIRST_PERSON.test(s.text) && !ENABLING.test(s.text) && generalRemark(s.text, m.start)) reason = 'a general or historical remark, not an action this work enables';
      else if (causalTest(s.text, m.start, m.end) || testedInContext(view, s, m)) reason = 'a causal test of a finding, not an action toward another objective';
      if (reason) discounted.push({ ...mention, reason });
      else found.push(mention);
    }
  }
  return { found, discounted };
}

/** A part of the model (the claims lexicon's component nouns) within the few words before the action word. */
const COMPONENT_BEFORE = new RegExp(`\\b(?:${CLAIMS_LEXICON.component.join('|')})s?\\b(?:\\s+\\S+){0,3}\\s*$`, 'i');

/**
 * Whether the action word is the verb of a clause whose subject is a part of the model ("these
 * heads route information", "the feature steers the output"): a mechanism, not an action that a
 * person or a system takes (issue 10's claims: actor component).
 */
function componentActs(sentence: string, start: number, end: number): boolean {
  // Only a sentence that names a part of the model just before the word can have one as its
  // subject; the others never load the linguistic layer (about 120 ms on first use).
  if (!COMPONENT_BEFORE.test(sentence.slice(Math.max(0, start - 60), start))) return false;
  const { tokens, claims } = sentenceClaims(sentence);
  return claims.some((c) => c.actor === 'component' && tokens[c.actAt] !== undefined && tokens[c.actAt].start < end && tokens[c.actAt].end > start);
}

/** Outcomes outside interpretability that an intervention may be tested on: "steering reduces toxicity". */
const OUTCOME = new RegExp(`\\b(?:${FAILURES.slice(3, -1)}|toxic\\w*|biased|stereotyp\\w*|harm\\w*|safety|unsafe|accuracy on|task accuracy|performance on|costs?|latency|fairness|fairer|unfair\\w*|debias\\w*|disparit\\w*|parity|equali[sz]ed odds|(?:performance|accuracy|error|WER|TPR|FPR|recall) gaps?|robustness)\\b`, 'i');
/** A test of an interpretation: "to test whether the model uses it", "as a causal check", "to verify that". */
const TEST_LEAD = /^\W*(?:to (?:test|verify|check|confirm|validate|establish|assess|rule out)\b|as a (?:causal )?(?:check|test|sanity check|control)\b|for a causal (?:check|test)\b)/i;
const TEST_CUE = /\b(?:(?:to|in order to) (?:test|verify|check|confirm|validate|establish)\b|causal(?:ly)?\b|confirm(?:s|ed|ing)?\b|verif(?:y|ies|ied|ying)\b|as a (?:causal )?(?:check|test)\b|and (?:then )?(?:measure|record|report|track|check) (?:the |how (?:much|far) (?:\w+ ){0,3}?)?(?:drop|decrease|fall|change|effect|degradation|difference)s?\b)/i;

/**
 * Whether an intervention is used to test a finding rather than offered as an action: "we use steering
 * interventions to test whether the model uses it", "as a causal check, we ablate the head". §6.1 treats
 * such interventions as evidence of mechanistic faithfulness; the actions of §2.1 and §5 aim at objectives
 * outside interpretability, so an intervention tested on such an outcome ("steering reduces toxicity") counts.
 */
export function causalTest(sentence: string, start: number, end: number): boolean {
  const semicolon = sentence.indexOf(';');
  if (TEST_LEAD.test(sentence) && (semicolon < 0 || start < semicolon)) {
    const lead = /^[^,;]*,/.exec(sentence);
    return !OUTCOME.test(lead ? lead[0] : sentence);
  }
  // The clause around the match, between commas or semicolons: "…, and steering interventions to test whether…".
  let left = Math.max(sentence.lastIndexOf(',', start), sentence.lastIndexOf(';', start)) + 1;
  // A short parenthetical just before belongs to the clause: "…and, as a causal check, we steer…".
  if (left > 0 && sentence[left - 1] === ',') {
    const prev = Math.max(sentence.lastIndexOf(',', left - 2), sentence.lastIndexOf(';', left - 2)) + 1;
    if (sentence.slice(prev, left - 1).trim().split(/\s+/).length <= 5) left = prev;
  }
  const rights = [sentence.indexOf(',', end), sentence.indexOf(';', end)].filter((i) => i >= 0);
  const clause = sentence.slice(left, rights.length > 0 ? Math.min(...rights) : sentence.length);
  return TEST_CUE.test(clause) && !OUTCOME.test(clause);
}

/** Interventions that an analysis uses to test whether a representation is used: erasure, projection, ablation, zeroing. */
const TESTABLE = new Set(['unlearning and erasure', 'editing', 'steering']);
/** A sentence that announces a test of a hypothesis about the model: "so we test whether later layers depend on it". */
const TEST_PURPOSE = /\b(?:(?:we|to|then|next|now|first) (?:test|check|verify|confirm|ask|examine|assess|probe|establish) (?:whether|if|that|how much)\b|(?:is|are) (?:\w+ ){0,4}?(?:actually|causally|really|ever|in fact) (?:used|read|relied on|needed|necessary)\b|(?:need|needs) not (?:be )?(?:used|read|causal|relevant)\b|(?:a|the) (?:causal|interventional) (?:test|check|experiment|validation)\b|\bif\b[^.;]{0,80}\b(?:(?:is|are) (?:used|read|relied on|necessary)|uses?|reads?|relies on|rely on|depends? on|needs?)\b[^.;]{0,80}?,? then\b)/i;
/** A heading that asks whether something is used, or announces causal validation: "Is the accent subspace used?", "Causal tests". */
const TEST_HEADING = /\b(?:(?:is|are|does|do) (?:\w+ ){0,5}?(?:used|use|matter|needed|necessary|read|causal)\b[^?]*\?|causal (?:tests?|checks?|validation|evidence|experiments?|interventions?)|(?:testing|checking|validating) (?:the )?(?:\w+ ){0,3}?(?:hypothesis|claims?|findings?|causal\w*))/i;
/** A following sentence that draws a conclusion about representations: "…, showing that later layers receive it only through this subspace". */
const REPRESENTATION_CONCLUSION = /\b(?:show(?:s|ing)?|suggest(?:s|ing)?|indicat(?:es|ing)|confirm(?:s|ing)?|demonstrat(?:es|ing)|consistent with the (?:view|hypothesis)) that\b[^.]{0,160}\b(?:layers?|subspaces?|directions?|representations?|features?|neurons?|heads?|circuits?|encod\w*|information|stream|computation|mechanism)\b|\bprob(?:e|es|ing)\b[^.]{0,80}\b(?:fall|falls|fell|drop|drops|dropped|decrease|decreases|collapse|collapses) (?:\w+ ){0,4}?(?:chance|random|baseline)\b/i;

/**
 * Whether an erasure, ablation or edit is a causal test of an analysis judged from its neighbours
 * (§6.1): the sentence before it in the paragraph announces a test ("A decodable direction need not be
 * used, so we test whether later layers depend on it"), or the section heading asks it ("Is the
 * subspace used?"), or the sentence after it concludes about representations ("probes fall to
 * chance, showing that…"). It stays an action when any of these, or the sentence itself, names an
 * outcome outside interpretability ("to make the classifier fairer", "the TPR gap halves"), or when
 * the sentence says who can use it.
 */
export function testedInContext(view: DocumentView, s: SentenceRef, m: { category: string }): boolean {
  if (!TESTABLE.has(m.category) || OUTCOME.test(s.text) || /\b(?:practitioners|engineers|developers|deployers|users|teams|auditors|operators|one|you) (?:can|could|may|should)\b|\bso that\b|\bin order to\b/i.test(s.text)) return false;
  const siblings = view.sentences.filter((o) => o.block === s.block);
  const i = siblings.indexOf(s);
  const prev = i > 0 ? siblings[i - 1].text : '';
  const next = i >= 0 && i + 1 < siblings.length ? siblings[i + 1].text : '';
  const heading = s.block.section >= 0 ? view.doc.sections[s.block.section].title : '';
  if (TEST_PURPOSE.test(prev) && !OUTCOME.test(prev)) return true;
  if (TEST_HEADING.test(heading) && !OUTCOME.test(heading)) return true;
  return REPRESENTATION_CONCLUSION.test(next) && !OUTCOME.test(next);
}

/**
 * A remark about a technique in general or in history rather than a proposal: "Steering vectors and model
 * editing both grew out of work that…", "Model editing was introduced to…". Used for position papers,
 * which may otherwise argue through actions without "we".
 */
function generalRemark(sentence: string, start: number): boolean {
  if (/\b(?:grew|emerged|arose|originated|stemmed|came|evolved|developed)\s+(?:out of|from)\b|\b(?:was|were|has been|have been)\s+(?:first\s+|originally\s+|later\s+)?(?:introduced|proposed|developed|invented|pioneered|popularised|popularized)\b|\bhistorically\b/i.test(sentence)) return true;
  // The technique is the subject the sentence is about: it opens the sentence.
  return /^\W*(?:(?:the|both|such|many|most|all|existing|current|classic|early)\s+)?(?:[\w-]+\s+){0,1}$/i.test(sentence.slice(0, start));
}
