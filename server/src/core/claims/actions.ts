import type { Token } from '../nlp/analyse';
import { actLemma, citationInConjunct, type Claim, type SentenceClaims } from './claims';
import LEXICON from './lexicon.json';
import ACTIONS_LEXICON from './lexicon/actions.json';

// The claim-level decision of the actions family: which clauses state an action on a model, its
// data, inputs, outputs or deployment (§2.1, §5) by this paper's own work, and in what status. The
// sentence categories proposed-action and action-measured and the document's own actions (the fact
// concrete-action, understanding-only, empirical-validation and missing-baselines share) read it.

const set = (xs: readonly string[]) => new Set(xs);

/** Action lemma → category (lexicon.json's actions, then lexicon/actions.json's moreActs). */
const CATEGORY = new Map<string, string>();
for (const source of [LEXICON.actions, ACTIONS_LEXICON.moreActs] as Array<Record<string, string[]>>) {
  for (const [category, lemmas] of Object.entries(source)) for (const l of lemmas) if (!CATEGORY.has(l)) CATEGORY.set(l, category);
}
const NEEDS_OBJECT = set(ACTIONS_LEXICON.needsObject);
// What an action acts on: the model, its parts, data, inputs, outputs, and the systems and methods around it ("drop the router in", "replace gradient ascent"; lexicon/actions.json).
const MODEL_THING = set([...ACTIONS_LEXICON.modelThing, ...LEXICON.model, ...LEXICON.component]);
/** A pronoun object stands for what the clause before named ("review it and restore it", "tell a developer what to prune"). */
const PRONOUN_OBJECT = set(['it', 'them', 'this', 'these', 'those', 'what', 'which', 'one']);
/** Categories whose acts change the model or what it learns from; the analysis's own tools are not their object. */
const ON_MODEL = set(['editing', 'steering', 'unlearning', 'data', 'training', 'architecture', 'input']);
const TOOL = set(ACTIONS_LEXICON.tool);
const BY_AUDIENCE = set(ACTIONS_LEXICON.byAudience);
const OBJECTIVE = set(ACTIONS_LEXICON.objective);
const CAUSAL = set(LEXICON.causal);
const COMPONENT = set(LEXICON.component);
const SIDE_EFFECT = set(ACTIONS_LEXICON.sideEffect);
const VARIATION = set(ACTIONS_LEXICON.variation);
const COMPARE = set(LEXICON.compare);
const OUTCOME = set(LEXICON.outcome);
/** Verbs that report a change in an outcome ("lowers", "raises", "cuts"). */
export const OUTCOME_VERBS: ReadonlySet<string> = OUTCOME;
const RANDOM = set(ACTIONS_LEXICON.random);
const CONDITIONAL = set(['if', 'unless', 'suppose', 'imagine', 'assume', 'hypothetically', 'whenever', 'when']);
const PUT_FORWARD = set(['propose', 'suggest', 'recommend', 'advocate', 'introduce', 'present', 'support', 'enable', 'allow', 'use', 'apply', 'perform', 'adopt']);
/** Nouns that pass the act through "of": "adopt this kind of routing". */
const KIND = set(['kind', 'type', 'form', 'sort', 'variant', 'version']);
const PROPOSING = set(['propose', 'suggest', 'recommend', 'advocate', 'introduce', 'present']);
/** Interventions an analysis also uses to test a component's role (§6.1). */
const TESTABLE = set(['editing', 'steering', 'unlearning', 'architecture']);
const MEASURE = set(['measure', 'compute', 'evaluate', 'score', 'estimate', 'quantify', 'calculate', 'assess', 'test', 'benchmark']);
const OBJECT_PREPOSITIONS = set(['of', 'to', 'into', 'from', 'onto']);
const PREPOSITIONS = set(['of', 'below', 'above', 'with', 'in', 'on', 'at', 'from', 'to', 'for', 'by', 'that', 'which', 'who', 'under', 'over', 'across', 'into']);
const PARTICLES = set(['down', 'up', 'out', 'off', 'away', 'back']);
const INSTRUMENT = set(['with', 'using', 'via', 'by', 'through', 'on']);
/** Verbs of an analysis's purpose: "to understand…", "to investigate…". */
const ANALYSE = set(['understand', 'investigate', 'examine', 'study', 'analyze', 'analyse', 'explore', 'probe']);
/** Verbs of testing, a purpose of the analysis when what they test is a hypothesis about the model ("To test this hypothesis"). */
const TEST = set(['test', 'verify', 'check', 'confirm']);
const HYPOTHESIS = set(['hypothesis', 'conjecture', 'intuition', 'observation', 'claim', 'finding', 'idea', 'role', 'mechanism', 'function', 'whether', 'if', 'how']);
/** What choosing or rewriting inputs acts on, as against the parts of the model an analysis selects to study. */
/** Nouns an act can modify to name an experiment: "ablation study", "steering experiments". */
const EXPERIMENT = set(['study', 'experiment', 'analysis', 'result', 'setting', 'setup']);
const INPUT_THING = set(ACTIONS_LEXICON.inputThing);

/** How each category reads in messages ("routing or deferral"). */
export const ACTION_NAMES: Readonly<Record<string, string>> = ACTIONS_LEXICON.names;
/** Families of categories: an action carried out of the same family validates a proposal (§2.1). */
export const ACTION_FAMILIES: Readonly<Record<string, string>> = ACTIONS_LEXICON.families;

export type ActionStatus = 'proposed' | 'done' | 'measured';

/** The reason given to an intervention on a component carried out with no use beyond interpretability named in its sentence. */
/** The reason given to a clause of others' work. */
export const CITED = "others' work (cited)";
export const CAUSAL_TEST = 'a causal test of a component, not an action toward another objective';

/** An action clause: the act's token, its category, and either its status or why it does not count. */
export interface ActionReading {
  claim: Claim;
  /** Token index of the act (the claim's, or a verb coordinated with it: "leave X in fp16 and quantize the rest"). */
  at: number;
  category: string;
  status?: ActionStatus;
  /** Why the clause is not an action of this work (cited, negated, mechanism…); a causal test keeps its status. */
  reason?: string;
}

/** The action category of a token's act, if it names one: "routing", "removal", "steered". */
export function actionCategory(t: Token): string | undefined {
  const lemma = actLemma(t);
  const found = CATEGORY.get(lemma) ?? CATEGORY.get(t.lemma);
  if (found) return found;
  // A gerund the tagger lemmatised badly ("routing" → "rout"): try the stems.
  if (/ing$/.test(t.lower)) {
    const stem = t.lower.slice(0, -3);
    for (const form of [stem, `${stem}e`, stem.slice(0, -1)]) if (CATEGORY.has(form)) return CATEGORY.get(form);
  }
  if (t.lower.endsWith('s') && CATEGORY.has(t.lower.slice(0, -1)) && t.pos === 'VERB') return CATEGORY.get(t.lower.slice(0, -1));
  return undefined;
}

/** A measured outcome in a sentence: a quantity and a verb of change or comparison ("cuts toxicity by 40%"). */
export function measuredOutcome(tokens: readonly Token[]): boolean {
  return quantity(tokens) && tokens.some((t) => OUTCOME.has(t.lemma) || COMPARE.has(t.lemma) || COMPARE.has(t.lower));
}

function quantity(tokens: readonly Token[]): boolean {
  return tokens.some((t) => (t.pos === 'NUM' && !/^(19|20)\d\d$/.test(t.text)) || t.text === '%' || /\d(\.\d+)?x\b|\d%/.test(t.text));
}

/**
 * Every action clause of a sentence with its status or the reason it does not count. `extra`
 * gives more categories for tokens (a rule's extra phrases); the lexicon decides the rest.
 */
export function actionReadings(sc: { tokens: readonly Token[]; claims: readonly Claim[] }, extra?: (at: number) => string | undefined): ActionReading[] {
  const { tokens, claims } = sc;
  const out: ActionReading[] = [];
  // Whether an intervention on a component is put to a use beyond interpretability in this
  // sentence: an objective ("toxic completions fall"), a side effect checked, a comparison or a baseline.
  const applied = namesObjective(tokens);
  claims.forEach((c, k) => {
    // A clause that completes an earlier future or hypothetical one shares its status:
    // "A natural next step is to see whether the helix can be used to debug…".
    const frame = claims.slice(0, k).find((p) => (p.status === 'future' || p.status === 'hypothetical') && p.end <= c.start);
    const framed = frame && /^(whether|if|that|to)$/.test(tokens[c.start]?.lower ?? '') ? { ...c, status: frame.status } : c;
    for (const at of acts(tokens, c)) {
      const category = extra?.(at) ?? actionCategory(tokens[at]);
      if (!category) continue;
      // "We … suggest data curation": what a verb of proposing puts forward is proposed.
      const proposer = tokens.slice(c.start, at).some((t) => t.pos === 'VERB' && PROPOSING.has(t.lemma)) && framed.status === 'done';
      out.push({ claim: c, at, category, ...judge(tokens, proposer ? { ...framed, status: 'proposed' } : framed, at, category, applied) });
    }
  });
  return out;
}

/** Whether a sentence names an objective beyond interpretability, or a side effect checked: "toxic completions fall", "with no loss on MMLU". */
export function namesObjective(tokens: readonly Token[], sideEffects = true): boolean {
  return tokens.some((t) => OBJECTIVE.has(t.lemma) || OBJECTIVE.has(t.lower) || (sideEffects && (SIDE_EFFECT.has(t.lemma) || SIDE_EFFECT.has(t.lower) || SIDE_EFFECT.has(t.lower.replace(/s$/, '')))));
}

/** The claim's act and the verbs coordinated with it in the same clause ("drop exemplars … and replace them"). */
function acts(tokens: readonly Token[], c: Claim): number[] {
  const out = [c.actAt];
  // An action named as the head of the subject: "Layer skipping at a threshold raises throughput", "Ablation lowers…".
  if (c.status === 'done' || c.status === 'measured') {
    let head = -1;
    for (let i = c.start; i < c.actAt && tokens[i].pos !== 'ADP' && tokens[i].pos !== 'VERB' && tokens[i].pos !== 'AUX'; i++) if (tokens[i].pos === 'NOUN') head = i;
    // Not after a possessive: "its projection rises" measures something; it does not project.
    if (head >= 0 && !/^(its|their|his|her)$/.test(tokens[head - 1]?.lower ?? '') && (tokens[head].lower.endsWith('ing') || actLemma(tokens[head]) !== tokens[head].lemma) && actionCategory(tokens[head])) out.push(head);
  }
  const form = formOf(tokens[c.actAt]);
  for (let i = c.actAt + 2; i < c.end; i++) {
    const t = tokens[i];
    const prev = tokens[i - 1];
    if (prev.pos !== 'CCONJ' || (prev.lower !== 'and' && prev.lower !== 'or')) continue;
    // Coordinated verbs share their form ("visualise … chosen and rejected answers" coordinates two participles, not the act);
    // a third-person verb the tagger read as a plural noun counts too ("runs the probe and flags transcripts").
    const f = formOf(t);
    if ((t.pos === 'VERB' && f === form) || (t.pos === 'NOUN' && form === 'present' && f === 'present' && actionCategory({ ...t, lemma: t.lower.replace(/s$/, ''), pos: 'VERB' }))) out.push(i);
  }
  // An action named as what a verb of proposing or using puts forward: "suggest data curation", "we propose an abstention rule".
  for (const a of [...out]) {
    if (!PUT_FORWARD.has(tokens[a].lemma)) continue;
    for (let i = a + 1; i < Math.min(c.end, a + 6) && tokens[i].pos !== 'PUNCT'; i++) {
      const t = tokens[i];
      // A gerund after "of" is a noun: "this kind of routing".
      const gerundOfKind = t.pos === 'VERB' && t.lower.endsWith('ing') && tokens[i - 1].lower === 'of' && KIND.has(tokens[i - 2]?.lemma ?? '');
      if ((t.pos === 'VERB' && !gerundOfKind) || (t.pos === 'ADP' && !(t.lower === 'of' && KIND.has(tokens[i - 1].lemma)))) break;
      if ((gerundOfKind || (t.pos === 'NOUN' && actLemma(t) !== t.lemma)) && actionCategory(t)) out.push(i);
    }
  }
  // An imperative the tagger read as an adjective leaves the act to the verb after "and" ("Exempt the layers … and compress the rest").
  if (c.actAt > c.start && tokens[c.start].pos === 'ADJ' && c.start === 0) {
    for (let i = c.actAt + 2; i < c.end; i++) if (tokens[i].pos === 'VERB' && tokens[i - 1].lower === 'and' && formOf(tokens[i]) === 'base' && !out.includes(i)) out.push(i);
  }
  return out;
}

function formOf(t: Token): string {
  const lower = t.lower.replace(/is(e|ed|es|ing)$/, 'iz$1');
  if (lower.endsWith('ing')) return 'gerund';
  if (lower.endsWith('ed') || (lower !== t.lemma && !lower.endsWith('s'))) return 'past';
  if (lower.endsWith('s') && !t.lemma.endsWith('s')) return 'present';
  return 'base';
}

function judge(tokens: readonly Token[], c: Claim, at: number, category: string, applied: boolean, asOwn = false): { status?: ActionStatus; reason?: string } {
  if (c.source === 'quoted') return { reason: 'quoted (an example or a model output)' };
  if (c.source === 'definition') return { reason: 'a definition' };
  if (!asOwn && (c.source === 'cited' || c.actor === 'others' || citationInConjunct(tokens, at, c.start, c.end))) {
    // Judged as if it were this work's, so that a survey can count the actions of the work it reviews.
    const inner = judge(tokens, { ...c, source: 'own', actor: c.actor === 'others' ? 'unnamed' : c.actor }, at, category, applied, true);
    return { ...(inner.reason ? {} : { status: inner.status }), reason: CITED };
  }
  if (c.status === 'negated') return { reason: 'negated' };
  // A hedge that still names who does what is a proposal ("our probes may let engineers skip retrieval…"); a condition is not.
  if (c.status === 'hypothetical' && !(c.actor === 'audience' && !tokens.some((t) => CONDITIONAL.has(t.lower)))) return { reason: 'hypothetical' };
  // "Developers will be able to route…" proposes; "In future work, teams could route…" leaves it to future work.
  if (c.status === 'future' && (c.actor !== 'audience' || tokens.some((t) => t.lemma === 'future'))) return { reason: 'future work' };
  // "engineers who serve small models": a relative clause that says what an audience does describes the audience.
  if (c.actor === 'audience' && c.status === 'done' && /^(who|that)$/.test(tokens[c.start]?.lower ?? '') && /^(NOUN|PROPN)$/.test(tokens[c.start - 1]?.pos ?? '')) return { reason: 'describes the audience, not an action' };
  // A gerund that opens the clause is the act and its object follows it: "Scaling the neurons' weights lowers…" has no component as actor.
  if ((c.actor === 'component' || c.actor === 'model') && at === c.start && tokens[at].lower.endsWith('ing')) c = { ...c, actor: 'unnamed' };
  if (c.actor === 'component') return { reason: 'a model component acts: the mechanism, not an action on the model' };
  // The model as the subject describes what it does; what this work proposes it do is the system's action ("the model can skip its last layers").
  if (c.actor === 'model' && c.status !== 'proposed') return { reason: 'the model acts: the mechanism, not an action on the model' };
  const object = objectNouns(tokens, c, at);
  const direct = objectNouns(tokens, c, at, true);
  if (ON_MODEL.has(category) && direct.some((w) => TOOL.has(w)) && !direct.some((w) => MODEL_THING.has(w) && !COMPONENT.has(w))) return { reason: "acts on the analysis's own apparatus, not on the model" };
  // Only in a proposal: what a pronoun stands for in a report of work done is left to the causal-test reading.
  const pronoun = c.status === 'proposed' && ((PRONOUN_OBJECT.has(tokens[at + 1]?.lower ?? '') && !/^(NOUN|PROPN|ADJ|NUM)$/.test(tokens[at + 2]?.pos ?? '')) || (tokens[at - 1]?.lower === 'to' && PRONOUN_OBJECT.has(tokens[at - 2]?.lower ?? '')));
  // "decide which layer to probe" is the analysis's choice; an audience deciding about a model acts on it.
  if (BY_AUDIENCE.has(actLemma(tokens[at])) && c.actor !== 'audience') return { reason: 'a decision by no audience that acts on the model' };
  const question = embeddedQuestion(tokens, c, at);
  const acted = question ? objectHeads(tokens, { ...c, end: question.end }, question.at) : objectHeads(tokens, c, at);
  if (NEEDS_OBJECT.has(actLemma(tokens[at])) && !pronoun && !acted.some((w) => MODEL_THING.has(w))) return { reason: 'its object is not the model, its data, inputs or outputs' };
  // "a detailed ablation study": an act that names a kind of experiment is not itself proposed.
  if (tokens[at].pos === 'NOUN' && EXPERIMENT.has(tokens[at + 1]?.lemma ?? '')) return { reason: 'names a kind of experiment, not an act' };
  // "its projection rises": a noun after a possessive names a quantity measured on something, not an act.
  if (tokens[at].pos === 'NOUN' && /^(its|their)$/.test(tokens[at - 1]?.lower ?? '')) return { reason: 'names a quantity, not an act' };
  // "a fine-tuned classifier", "the selected neurons": a participle that modifies a noun names no act.
  const t = tokens[at];
  if (t.pos === 'VERB' && formOf(t) === 'past' && /^(DET|ADJ|NUM)$/.test(tokens[at - 1]?.pos ?? '') && /^(NOUN|PROPN|ADJ)$/.test(tokens[at + 1]?.pos ?? '')) return { reason: 'a modifier of a noun, not an act' };
  // "we measure the deletion AUC by removing image regions": how a measurement is taken, not an action on the model.
  let by = at - 1;
  while (by > 0 && (tokens[by].pos === 'CCONJ' || tokens[by].lower.endsWith('ing'))) by--;
  if (tokens[by]?.lower === 'by' && tokens.slice(0, by).some((x) => x.pos === 'VERB' && MEASURE.has(x.lemma))) return { reason: 'how a measurement is taken, not an action' };
  // "which examples to drop is a question": an embedded question asks which; it does not do it.
  if (c.status === 'done' && tokens[at - 1]?.lower === 'to' && /^(which|what|whether|how)$/.test(tokens[c.start]?.lower ?? '')) return { reason: 'an embedded question, not an action' };
  // "We select demonstrations at random": a random choice sets up an experiment; no insight informs it.
  if (tokens.slice(at + 1, c.end).some((t) => RANDOM.has(t.lower))) return { reason: 'a random choice that sets up an experiment' };
  const status: ActionStatus = c.status === 'future' || c.status === 'hypothetical' ? 'proposed' : (c.status as ActionStatus);
  // "To further test this hypothesis, we … apply local modifications to the trigger examples": done for the analysis's sake.
  if (status !== 'proposed' && !applied && analysisPurpose(tokens)) return { reason: 'done to test or understand the model, not an action toward another objective' };
  // "ACDC selected 68 of the 32,000 edges", "Choose computational graph, task, and threshold": choosing what to study is the analysis.
  if (category === 'input' && status !== 'proposed') {
    const heads = objectHeads(tokens, c, at);
    if (!heads.some((w) => INPUT_THING.has(w)) && heads.some((w) => COMPONENT.has(w) || TOOL.has(w))) return { reason: 'selects what the analysis studies, not the model\'s inputs' };
  }
  // "rewriting each prompt in three paraphrases changes AUROC by 0.02": a change to the inputs that varies the setup tests robustness.
  if (status !== 'proposed' && category === 'input' && tokens.slice(at + 1, c.end).some((x) => VARIATION.has(x.lemma) || VARIATION.has(x.lower.replace(/s$/, '')))) return { reason: 'a variation of the setup that tests robustness, not an action' };
  // Replacing a part of the model with an analysis tool ("replace MLPs with transcoders") builds the apparatus.
  if (category === 'architecture' && tokens.slice(at + 1, c.end).some((x) => TOOL.has(x.lemma) || TOOL.has(x.lower.replace(/s$/, '')))) return { reason: "builds the analysis's own apparatus, not a change to the model" };
  // Training a model with nothing aimed at ("each model is fine-tuned with LoRA on a fixed set") sets up the experiment.
  if (status !== 'proposed' && category === 'training' && !applied && !measuredOutcome(tokens)) return { reason: 'training that sets up the experiment, not an action the insight enables' };
  // An intervention on a component that was carried out with no use beyond interpretability is a
  // causal test of the component's role (§6.1), not an action toward another objective.
  if (status !== 'proposed' && !applied && c.actor !== 'audience' && TESTABLE.has(category) && (CAUSAL.has(actLemma(tokens[at])) || object.some((w) => COMPONENT.has(w)) || techniqueSubject(tokens, c))) return { status, reason: CAUSAL_TEST };
  return { status };
}

/** An embedded question that is an act's object, read from its opening word: "deciding whether a model is ready…". */
function embeddedQuestion(tokens: readonly Token[], c: Claim, at: number): { at: number; end: number } | undefined {
  if (at + 1 !== c.end || !/^(whether|which|if|what)$/.test(tokens[c.end]?.lower ?? '')) return undefined;
  let end = c.end + 1;
  while (end < tokens.length && !/^[.;:]$/.test(tokens[end].text)) end++;
  return { at: c.end, end };
}

/** A purpose of analysis in the sentence: "to understand…", "To further test this hypothesis". */
function analysisPurpose(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => {
    if (t.lower !== 'to') return false;
    const j = tokens[i + 1]?.pos === 'ADV' || tokens[i + 1]?.lower === 'further' ? i + 2 : i + 1;
    const verb = tokens[j];
    if (!verb) return false;
    if (ANALYSE.has(verb.lower) || ANALYSE.has(verb.lemma)) return true;
    if (!TEST.has(verb.lower) && !TEST.has(verb.lemma)) return false;
    return tokens.slice(j + 1, j + 4).some((x) => HYPOTHESIS.has(x.lemma) || HYPOTHESIS.has(x.lower));
  });
}

/** The subject names a causal technique, so the clause says how it works: "Path patching replaces part of a model's forward pass…". */
function techniqueSubject(tokens: readonly Token[], c: Claim): boolean {
  for (let i = c.start; i < c.actAt; i++) if (tokens[i].pos === 'NOUN' && CAUSAL.has(actLemma(tokens[i]))) return true;
  return false;
}

/**
 * Lemmas of the nouns an act acts on: the rest of its clause up to the next verb (past relative
 * clauses, so that "add sentences that name both drugs to the training corpus" reaches the corpus),
 * or a passive's subject.
 */
export function objectNouns(tokens: readonly Token[], c: Claim, at: number, direct = false): string[] {
  const out: string[] = [];
  // The instrument is not the object: "routing with the probe", "steer using its direction".
  let instrument = false;
  for (let i = at + 1; i < c.end && i < at + 16; i++) {
    const t = tokens[i];
    // The direct object ends at any punctuation: "remove the linear probe, ii) change the training metric".
    if (t.pos === 'PUNCT' && (/^[.;:!?]$/.test(t.text) || (direct && out.length > 0))) break;
    if ((t.pos === 'VERB' || t.pos === 'AUX') && !/^(that|which|who)$/.test(tokens[i - 1].lower) && t.lower !== 'using') break;
    if ((t.pos === 'ADP' || t.lower === 'using') && direct && out.length > 0 && t.lower !== 'of') break;
    if (t.pos === 'ADP' || t.lower === 'using') instrument = INSTRUMENT.has(t.lower);
    if (!instrument && (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'ADJ')) out.push(noun(t));
  }
  if (out.length === 0 && at === c.actAt) for (const w of c.object.toLowerCase().split(/[\s-]+/)) if (w) out.push(w.replace(/s$/, ''), w);
  return out;
}

/** The head nouns (last noun of each noun phrase) in what an act acts on: "the next-token loss" → loss. */
function objectHeads(tokens: readonly Token[], c: Claim, at: number): string[] {
  const heads: string[] = [];
  let last: Token | undefined;
  let modifiers: string[] = [];
  let instrument = false;
  // The head of each noun phrase, and its noun modifiers as whole words ("cache entries" → entry, cache; "next-token loss" → loss).
  const flush = () => {
    if (last && !instrument) heads.push(noun(last), ...modifiers.filter((m) => !COMPONENT.has(m)));
    last = undefined;
    modifiers = [];
  };
  // A passive acts on its subject; what follows its comma is another clause ("the subgraph that is pruned, and τ a threshold").
  const passive = isPassive(tokens, at);
  for (let i = at + 1; i < c.end && i < at + 16; i++) {
    const t = tokens[i];
    if (t.pos === 'PUNCT' && (/^[.;:!?]$/.test(t.text) || passive)) break;
    if ((t.pos === 'VERB' || t.pos === 'AUX') && !/^(that|which|who)$/.test(tokens[i - 1].lower)) break;
    if (t.pos === 'NOUN' || t.pos === 'PROPN') {
      if (last) modifiers.push(last.lemma);
      last = t;
    }
    else if (PARTICLES.has(t.lower) && i === at + 1) continue;
    else if (t.pos !== 'ADJ' && t.pos !== 'NUM') {
      flush();
      // What is acted on: the direct object, what it is "of", and where it goes or comes from; not what for, when or with what.
      if (t.pos === 'ADP' || t.lower === 'using') instrument = !OBJECT_PREPOSITIONS.has(t.lower);
    }
  }
  flush();
  // A nominal act's object may stand before it: "data filtering", "weight editing".
  if (tokens[at].pos === 'NOUN') for (let i = at - 1; i >= c.start && tokens[i].pos === 'NOUN'; i--) heads.push(tokens[i].lemma);
  if (heads.length === 0 && at === c.actAt) {
    // A passive's subject: its first noun phrase ("documents below a score threshold are discarded" → documents).
    const words = c.object.toLowerCase().split(/\s+/).filter(Boolean);
    const end = words.findIndex((w) => PREPOSITIONS.has(w));
    const np = end >= 0 ? words.slice(0, end) : words;
    if (np.length > 0) heads.push(np[np.length - 1].replace(/s$/, ''), np[np.length - 1]);
  }
  return heads;
}

/** A past participle after a form of "be" (an adverb may stand between): "is iteratively pruned". */
function isPassive(tokens: readonly Token[], at: number): boolean {
  let i = at - 1;
  while (i >= 0 && tokens[i].pos === 'ADV') i--;
  return formOf(tokens[at]) === 'past' && tokens[i]?.pos === 'AUX' && tokens[i].lemma === 'be';
}

function noun(t: Token): string {
  const lower = t.lower.replace(/^.*-/, '');
  return MODEL_THING.has(t.lemma) || TOOL.has(t.lemma) ? t.lemma : lower.replace(/s$/, '');
}
