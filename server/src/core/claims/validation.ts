import type { Token } from '../nlp/analyse';
import { sentenceCategories } from './categories/index';
import { authorWithMarks, COMPONENT } from './categories/shared';
import { actLemma, type Claim, sentenceClaims } from './claims';
import LEX from './lexicon/validation.json';
import { byText } from '../text-cache';

// Readings for the validation rules (rules/generalization, rules/specificity) over a sentence's claims:
// which dimension of a study a sentence names (seeds, models, data, inputs), where it states one of a
// dimension ("a single training seed"), and where a clause of this work changes the model (steering,
// editing, unlearning, clamping, targeted fine-tuning, an inference-time change). The rules state
// their decisions over these; the words are in lexicon/validation.json.

export type Dimension = keyof typeof LEX.dimension;

const set = (xs: readonly string[]) => new Set(xs);
const DIMENSIONS = Object.entries(LEX.dimension).map(([dim, nouns]) => [dim as Dimension, set(nouns)] as const);
const SINGLE = set(LEX.single);
const NOT_BEFORE = set(LEX.notSingleBefore);
const NOT_AFTER = set(LEX.notSingleAfter);
const NOT_MODIFIER = set(LEX.notSingleModifier);
const COMPUTE = set(LEX.compute);
const RELATIVE = set(['that', 'which', 'who', 'where', 'whose']);
const SPREAD = LEX.spread.map((e) => e.split(' '));

/** Where a reported spread is named ("standard deviation", "95% CI", "±"), or -1. */
export const spreadAt = (tokens: readonly Token[]) => tokens.findIndex((_, i) => SPREAD.some((p) => p.every((w, k) => tokens[i + k]?.lower === w || tokens[i + k]?.lemma === w)));

/** A clause of the paper's own work that was carried out (not proposed, hypothetical, future, negated, cited or quoted). */
export const carriedOut = (c: Claim | undefined): c is Claim => !!c && (c.source === 'own' || c.source === 'definition') && (c.status === 'done' || c.status === 'measured');
export const clauseAt = (claims: readonly Claim[], i: number) => claims.find((c) => c.start <= i && i < c.end);
/** The dimension a noun names; a plural the lemmatiser left alone ("checkpoints") by its singular. */
const dimensionOf = (t: Token) => DIMENSIONS.find(([, nouns]) => nouns.has(t.lemma) || nouns.has(t.lower) || (t.lower.endsWith('s') && nouns.has(t.lower.slice(0, -1))))?.[0];
/** A model named with its size or version: Llama-3-8B, Pythia-410M, GPT-2. */
const modelName = (t: Token) => /[a-z]/i.test(t.text) && /\d/.test(t.text) && !/^\d+(\.\d+)?[%x]?$/.test(t.text) && t.pos !== 'NUM';

/** The dimensions a sentence's variation is in, from the nouns it names (a sentence that names two models varies models). */
export function dimensionsOf(tokens: readonly Token[]): Dimension[] {
  const dims = new Set(tokens.map(dimensionOf).filter((d): d is Dimension => !!d));
  if (tokens.filter((t, i) => modelName(t) && !authorWithMarks(tokens, i) && !/subscript|=/.test(t.text)).length >= 2) dims.add('models');
  return dims.size > 0 ? [...dims] : ['data'];
}

/** "one random seed", "a single source of sentence pairs", "one translation model": one of a dimension, not "one SAE per layer" or "more than one dataset". */
function singles(tokens: readonly Token[]): Array<{ at: number; end: number; dim: Dimension }> {
  const out: Array<{ at: number; end: number; dim: Dimension }> = [];
  for (let i = 0; i < tokens.length; i++) {
    // "one of the models" picks one of several.
    if (!SINGLE.has(tokens[i].lower) || NOT_BEFORE.has(tokens[i - 1]?.lower ?? '') || tokens[i + 1]?.lower === 'of') continue;
    for (let k = i + 1; k <= i + 4 && k < tokens.length && !NOT_MODIFIER.has(tokens[k].lemma) && tokens[k].pos !== 'PUNCT'; k++) {
      const dim = dimensionOf(tokens[k]);
      if (!dim && tokens[k].pos === 'VERB') break;
      if (!dim) continue;
      // "one SAE per layer", "one model at a time" count per item; for seeds, one per setting is still one seed.
      if (dim !== 'seeds' && NOT_AFTER.has(tokens[k + 1]?.lower ?? '')) break;
      out.push({ at: i, end: k + 1, dim });
      break;
    }
  }
  return out;
}

/** Where a sentence states one of a dimension, in a carried-out clause of this work that is not about cost ("a single run takes 9 GPU-hours"). */
export function singleScopes(text: string): Array<{ dim: Dimension; claim: Claim; tokens: readonly Token[]; start: number; end: number }> {
  const { tokens, claims } = sentenceClaims(text);
  return singles(tokens).flatMap((one) => {
    const claim = clauseAt(claims, one.at);
    // What "researchers choose … one behavior" do in general is no admission of this work's scope.
    if (!carriedOut(claim) || tokens[one.at].negated || COMPUTE.has(claim.act) || claim.actor === 'audience' || claim.actor === 'others') return [];
    return [{ dim: one.dim, claim, tokens, start: tokens[one.at].start, end: tokens[one.end - 1].end }];
  });
}

const KIND = new Map(Object.entries(LEX.intervention).flatMap(([kind, acts]) => acts.map((a) => [a, kind] as const)));
const ANALYSIS_ONLY = set(LEX.analysisOnly);
const PURPOSE = set(LEX.purpose);
const MODEL_OBJECT = set(LEX.modelObject);
const FINE_TUNE_OBJECT = set(LEX.fineTuneObject);
const LOSSLESS = set(LEX.lossless);
const TOOL_DATA = set(LEX.toolData);
const UNDERSTANDING = set(['understanding', 'insight', 'interpretability', 'analysis', 'explanation']);
const INSTRUMENT = set(['by', 'using', 'via', 'through', 'with']);
const INTRODUCE = set(['introduce', 'present', 'propose', 'develop', 'describe']);
/** Who changes the model: the authors, their method, or an unnamed agent ("the latent is clamped"); a component as subject is the mechanism. */
const ACTING: ReadonlySet<Claim['actor']> = new Set(['we', 'system', 'unnamed']);

/** A token in a lexicon by lemma or form; a plural the lemmatiser left alone ("embeddings") by its singular. */
const has = (words: ReadonlySet<string>, t: Token | undefined) => !!t && (words.has(t.lemma) || words.has(t.lower) || (t.lower.endsWith('s') && words.has(t.lower.slice(0, -1))));
/** A model named with its version or size (Llama-3-8B, Qwen2-7B-Instruct). */
const versionedName = (t: Token) => /^[A-Z][A-Za-z]+.*\d/.test(t.text);

/**
 * The clause an act belongs to. A base-form verb coordinated with "and" belongs to the sentence's main
 * clause even where the tagger closed a relative clause before it ("We find a latent that fires on
 * insults and clamp it…": we clamp); "…that fires and clamps" stays with the relative.
 */
function clauseOf(tokens: readonly Token[], claims: readonly Claim[], i: number): Claim | undefined {
  const c = clauseAt(claims, i);
  const coordinated = ['and', 'then'].includes(tokens[i - 1]?.lower ?? '') && ['VERB', 'NOUN'].includes(tokens[i].pos) && !tokens[i].lower.endsWith('s');
  return coordinated && c && c !== claims[0] ? { ...claims[0], status: c.status } : c;
}

/**
 * What an act at token i acts on: its direct object, and with one prepositional phrase ("clamp the
 * latent", "fold its removal into the model", "the removal of the direction").
 */
function objectOf(tokens: readonly Token[], i: number): { direct: Token[]; all: Token[] } {
  const all: Token[] = [];
  let direct = -1;
  for (let k = i + 1; k < tokens.length && k < i + 10; k++) {
    const x = tokens[k];
    if (x.pos === 'ADP' && x.lower !== 'out') {
      if (direct >= 0) break;
      direct = all.length;
      continue;
    }
    // The tagger reads some words of a noun phrase as verbs or conjunctions: "the identified/VERB heads/VERB", "that/SCONJ direction".
    const inPhrase = ['DET', 'ADJ', 'VERB'].includes(tokens[k - 1].pos) && x.pos === 'VERB' && k > i + 1;
    if (!['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'PRON', 'ADV'].includes(x.pos) && !['out', 'that', 'this', 'these', 'those'].includes(x.lower) && !inPhrase) break;
    all.push(x);
  }
  return { direct: all.slice(0, direct >= 0 ? direct : all.length), all };
}

/** The kind of intervention on the model that the act at token i carries out, if any. */
function interventionAt(text: string, tokens: readonly Token[], claims: readonly Claim[], i: number): string | undefined {
  const t = tokens[i];
  const kind = KIND.get(t.lemma) ?? KIND.get(t.lower);
  if (!kind || t.negated) return undefined;
  // An act as a verb (also where the tagger reads "We fine-tune", "and patch" as nouns), or a nominalisation
  // that heads its phrase ("the ablation", "after erasure"); "a steering vector", "the test fold" name things.
  const verbal = t.pos === 'VERB' || ['we', 'and', 'to', 'then', 'only'].includes(tokens[i - 1]?.lower ?? '');
  const nominal = (/(?:ion|ing|al|ure)$/.test(t.lower) || tokens[i + 1]?.pos === 'VERB') && !['NOUN', 'PROPN'].includes(tokens[i + 1]?.pos ?? '');
  if (!verbal && !nominal) return undefined;
  const clause = clauseOf(tokens, claims, i);
  // The method this paper introduces is its own, and the draft reports experiments with it ("We introduce X, which steers…").
  const ownMethod = clause?.status === 'proposed' && clause.source === 'own' && (clause.actor === 'system' || (clause.actor === 'we' && INTRODUCE.has(clause.act)));
  if (!clause || !(carriedOut(clause) || ownMethod) || !ACTING.has(clause.actor)) return undefined;
  // "where the feed-forward layer modifies the residual output": a component as the subject is the mechanism.
  if (has(COMPONENT, tokens[i - 1]) && t.lower.endsWith('s')) return undefined;
  // What it acts on: the model or a part of it, not the training data, the input context or the tool's own activations.
  const { direct, all } = objectOf(tokens, i);
  const head = [...direct].reverse().find((x) => x.pos === 'NOUN' || x.pos === 'PROPN');
  if (has(TOOL_DATA, head) || tokens.slice(clause.start, clause.end).some((x) => has(LOSSLESS, x))) return undefined;
  // "to scale our understanding to larger models": what is changed is the research's understanding, not the model.
  if (has(UNDERSTANDING, head)) return undefined;
  const ofModel = (xs: readonly Token[]) => xs.some((x) => has(MODEL_OBJECT, x) || versionedName(x));
  // "The edit lowers the gap", "the steering raises…": the intervention itself as the subject of what it did;
  // "find a refusal direction and subtract it": a pronoun stands for what the clause named before.
  const subject = (t.pos === 'NOUN' || tokens[i - 1]?.pos === 'DET') && tokens[i + 1]?.pos === 'VERB' && !ANALYSIS_ONLY.has(t.lemma);
  const pronoun = direct[0]?.pos === 'PRON' && ofModel(tokens.slice(clause.start, i));
  if (!subject && !pronoun && !ofModel(all)) return undefined;
  const object = all;
  // Fine-tuning changes the model as an intervention only when aimed at chosen components ("only the identified heads").
  if (kind === 'fine-tuning selected components' && !object.some((x) => has(FINE_TUNE_OBJECT, x))) return undefined;
  // Ablation, patching and projection test a component unless they serve a purpose on the model ("ablate it to
  // remove the backdoor") or take something out ("project the direction out"); a removal, unless it tests one.
  // So does any act done by way of one of them: "We test edges … by using recursive activation patching: i) overwrite…".
  const byTest = tokens.some((x, k) => (has(ANALYSIS_ONLY, x) || ANALYSIS_ONLY.has(actLemma(x))) && tokens.slice(Math.max(0, k - 4), k).some((y) => INSTRUMENT.has(y.lower)));
  if (ANALYSIS_ONLY.has(t.lemma) || ANALYSIS_ONLY.has(t.lower) || byTest) {
    const purpose = tokens.some((x, k) => k > i && x.lower === 'to' && has(PURPOSE, tokens[k + 1]));
    const out = object.some((x) => x.lower === 'out' || x.lower === 'away');
    const removal = ['remove', 'removal', 'subtract'].includes(t.lemma) && !sentenceCategories(text).has('causal-test');
    if (!purpose && !out && !removal) return undefined;
  }
  return kind;
}

/** Where a sentence's clauses of this work change the model, with the kind of intervention and the clause it rests on. */
// Asked by several rules for every sentence on every lint: cached by text, as the claims are.
export const interventions: (text: string) => readonly Intervention[] = byText((text) => readInterventions(text), undefined, 'interventions');

type Intervention = { kind: string; act: Token; claim: Claim; tokens: readonly Token[] };

function readInterventions(text: string): Intervention[] {
  const { tokens, claims } = sentenceClaims(text);
  return tokens.flatMap((act, i) => {
    const kind = interventionAt(text, tokens, claims, i);
    return kind ? [{ kind, act, claim: clauseOf(tokens, claims, i)!, tokens }] : [];
  });
}
