import type { Token } from '../../nlp/analyse';
import { firstMatch, type Pattern } from '../../nlp/patterns';
import { actLemma, type Claim } from '../claims';
import LEXICON from '../lexicon.json';
import MECHANISM from '../lexicon/mechanism.json';
import { BASELINE, CAUSAL, COMPARE, type Context, RESPONSIBLE } from './shared';

// Claims about mechanisms: a component said to be responsible for a behaviour (responsibility
// claim), and this work's interventions that test whether it is (causal test). A component as the
// subject describes the mechanism ("these heads route information"), never an action; what it only
// fires on or attends to, or what a probe decodes from it, claims no role.

const set = (xs: readonly string[]) => new Set(xs);
const COMPONENT = set(LEXICON.component);
const MODEL = set(LEXICON.model);
const INTERVENE = set([...CAUSAL, ...MECHANISM.intervene]);
const ON_COMPONENT = set(MECHANISM.onComponent);
const OUTCOME = set(MECHANISM.outcome);
const TEST_FRAME = set(MECHANISM.testFrame);
const WEAK = set(MECHANISM.weakEffect);
const RESPONSIBLE_ADJ = set(MECHANISM.responsibleAdj);
const RELIANCE = set(MECHANISM.reliance);
const HEDGE = set(['could', 'might', 'would', 'should', 'can', 'may', 'must']);
const POSSESSIVE = set(['whose', 'its', 'their', 'our', 'his', 'her']);
const PREP_AFTER = set(['along', 'with', 'out', 'of', 'on', 'from', 'into', 'in', 'to', 'at', 'by']);
const PREP_BEFORE = set(['with', 'by', 'via', 'through', 'under', 'after']);
const RESULT_NOUN = set(['effect', 'experiment']);
const PRONOUN_TARGET = set(['it', 'them', 'each', 'this', 'these', 'that', 'those']);
const BE = set(['be']);
const REPORT = set(MECHANISM.report);
const PERFORM = set(MECHANISM.perform);
const ROLE_NOUN = set(['role', 'part']);
const COMPARATOR = set([...COMPARE, ...MECHANISM.comparator].filter((w) => w !== 'match' && w !== 'relative'));
const BASELINE_METHOD = new Set([...BASELINE].filter((w) => !MECHANISM.notBaselineMethod.includes(w)));

/** A model component: a head, neuron, feature, direction, layer… ("layer-9", "L9H6" too). */
export function isComponent(t: Token | undefined): boolean {
  if (!t) return false;
  if (COMPONENT.has(t.lemma) || COMPONENT.has(t.lower)) return true;
  const stem = t.lower.replace(/-\d+$/, '').replace(/s$/, '');
  return COMPONENT.has(stem) || /^l\d+h\d+$/.test(t.lower);
}

function lemmaOf(t: Token): string {
  const lemma = actLemma(t);
  // "mean-ablation", "zero-ablating": the last part names the act.
  if (lemma.includes('-')) {
    const last = lemmaOf({ ...t, lemma: lemma.slice(lemma.lastIndexOf('-') + 1), lower: t.lower.slice(t.lower.lastIndexOf('-') + 1) });
    if (INTERVENE.has(last) || ON_COMPONENT.has(last)) return last;
  }
  if (lemma === t.lower && /ing$/.test(lemma)) {
    const stem = lemma.slice(0, -3);
    for (const form of [stem, `${stem}e`, stem.slice(0, -1)]) if (INTERVENE.has(form) || ON_COMPONENT.has(form)) return form;
  }
  return lemma;
}

/** The verb's lemma, also when the tagger read a third-person verb as a plural noun ("the model stops", "halves the rate"). */
function verbLemma(tokens: readonly Token[], j: number, known?: ReadonlySet<string>): string | undefined {
  const t = tokens[j];
  if (t.pos === 'VERB') return t.lemma;
  const prev = tokens[j - 1];
  // A passive participle the tagger read as an adjective ("is mediated by", "is controlled by").
  if (known && t.pos === 'ADJ' && /ed$/.test(t.lower) && (prev?.lemma === 'be' || (prev?.pos === 'ADV' && tokens[j - 2]?.lemma === 'be'))) {
    const stem = [t.lower.slice(0, -1), t.lower.slice(0, -2), t.lower.slice(0, -3)].find((x) => known.has(x));
    if (stem) return stem;
  }
  const next = tokens[j + 1];
  // A known verb may take a bare noun as its object ("the direction encodes familiarity").
  const objects = known && known.has(t.lower.slice(0, -1)) ? ['DET', 'NUM', 'ADP', 'PRON', 'PUNCT', 'VERB', 'ADV', 'NOUN', 'ADJ'] : ['DET', 'NUM', 'ADP', 'PRON', 'PUNCT', 'VERB', 'ADV'];
  // After a plural subject the base form is read as a noun too ("the MLP layers store factual associations").
  if (known && t.pos === 'NOUN' && known.has(t.lemma) && prev && /s$/.test(prev.lower) && (isComponent(prev) || prev.pos === 'PROPN') && next && ['DET', 'ADJ', 'NOUN', 'ADP', 'PRON'].includes(next.pos)) return t.lemma;
  if (t.pos === 'NOUN' && /s$/.test(t.lower) && prev && ['NOUN', 'ADJ', 'PROPN', 'NUM'].includes(prev.pos) && (!next || objects.includes(next.pos))) {
    const bare = /ies$/.test(t.lower) ? `${t.lower.slice(0, -3)}y` : t.lower.slice(0, -1); // "copies" → copy
    const esBare = t.lower.replace(/es$/, '');
    return OUTCOME.has(bare) || !OUTCOME.has(esBare) ? bare : esBare;
  }
  return undefined;
}

function stops(t: Token): boolean {
  return t.pos === 'PUNCT' && /^[.;:!?]$/.test(t.text);
}

/** A component (or a pronoun standing for one) among the next `n` tokens. */
function componentAfter(tokens: readonly Token[], i: number, n = 6): boolean {
  for (let j = i + 1; j < Math.min(tokens.length, i + 1 + n); j++) {
    if (isComponent(tokens[j]) || (j === i + 1 && PRONOUN_TARGET.has(tokens[j].lower) && tokens[j].pos === 'PRON')) return true;
    // A verb ends the phrase, unless the tagger read a noun of a compound as one ("the six contact heads").
    if (stops(tokens[j]) || (tokens[j].pos === 'VERB' && j > i + 1 && !isComponent(tokens[j + 1]))) return false;
  }
  return false;
}

function componentBefore(tokens: readonly Token[], i: number, n = 4): boolean {
  for (let j = i - 1; j >= Math.max(0, i - n); j--) {
    if (stops(tokens[j])) return false;
    if (isComponent(tokens[j]) || (tokens[j].pos === 'PRON' && PRONOUN_TARGET.has(tokens[j].lower))) return true;
  }
  return false;
}

/** Token i names an intervention (ablate, patch, steer…; remove, add, replace only done to a component). */
function intervention(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  const lemma = lemmaOf(t);
  if (INTERVENE.has(lemma) || INTERVENE.has(t.lemma) || INTERVENE.has(t.lower)) return true;
  if (!(ON_COMPONENT.has(lemma) || ON_COMPONENT.has(t.lemma))) return false;
  if (t.pos !== 'VERB' && !/ing$/.test(t.lower)) return POSSESSIVE.has(tokens[i - 1]?.lower ?? '') && componentBefore(tokens, i - 1, 5);
  // A reduced relative ("a vector, added at one layer") describes, it does not intervene.
  if (/ed$/.test(t.lower) && tokens[i - 1]?.text === ',') return false;
  return objectIsComponent(tokens, i) || (t.pos === 'VERB' && tokens[i - 1]?.lemma === 'be' && componentBefore(tokens, i - 1));
}

/** The act's direct object is a component: "adding this direction", "removing any of its heads", "replace the output of that MLP". */
function objectIsComponent(tokens: readonly Token[], i: number): boolean {
  for (let j = i + 1; j < Math.min(tokens.length, i + 7); j++) {
    const x = tokens[j];
    if (isComponent(x)) return true;
    if (j === i + 1 && PRONOUN_TARGET.has(x.lower) && (x.pos === 'PRON' || ['ADP', 'PUNCT'].includes(tokens[j + 1]?.pos ?? ''))) return true;
    if (x.pos === 'ADP' && x.lower !== 'of') return false;
    if (x.pos === 'VERB' || x.pos === 'PUNCT' || x.pos === 'AUX' || x.pos === 'CCONJ') return false;
  }
  return false;
}

/** The intervention at i is an act, not a modifier or a method's name ("steering vector", "steered generations", "activation patching"). */
function active(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  const next = tokens[i + 1];
  const prev = tokens[i - 1];
  // "we zero out the feature", "knocking them out".
  if (next?.lower === 'out' && (prev?.pos === 'PRON' || opensClause(tokens, i))) return true;
  // "we perform activation patching", "we ran resampling ablations".
  if (performed(tokens, i)) return true;
  // A method's name that reports a result: "causal tracing shows that…".
  if (t.pos !== 'VERB' && tokens.slice(i + 1, i + 3).some((x) => x.pos === 'VERB' && REPORT.has(x.lemma))) return true;
  const gerund = /ing$/.test(t.lower);
  const nounAfter = (k: number) => !!tokens[k] && (tokens[k].pos === 'NOUN' || tokens[k].pos === 'PROPN');
  let head = i + 1;
  while (tokens[head + 1] && !isComponent(tokens[head]) && (tokens[head].pos === 'NOUN' || tokens[head].pos === 'PROPN' || tokens[head].pos === 'ADJ') && ['NOUN', 'PROPN', 'VERB'].includes(tokens[head + 1].pos) && head < i + 3) head++;
  const modifies = nounAfter(i + 1) && !RESULT_NOUN.has(next.lemma) && (!isComponent(tokens[head]) || (prev !== undefined && !opensClause(tokens, i)));
  if (t.pos === 'VERB' && !gerund) {
    if (/ed$/.test(t.lower) && nounAfter(i + 1)) return false;
    if (/ed$/.test(t.lower) && prev && (prev.pos === 'DET' || prev.pos === 'ADJ')) return false;
    return true;
  }
  if (gerund) {
    // A gerund after a determiner, an adjective or a noun names a method ("our steering", "activation patching"),
    // unless a preposition introduces it as the means ("with exact patching", "by zeroing their outputs").
    const means = prev && (PREP_BEFORE.has(prev.lower) || (prev.pos === 'ADJ' && PREP_BEFORE.has(tokens[i - 2]?.lower ?? '')));
    if (prev && !means && (['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'].includes(prev.pos) || POSSESSIVE.has(prev.lower))) return RESULT_NOUN.has(next?.lemma ?? '') && prev.pos !== 'NOUN' && prev.pos !== 'PROPN';
    if (!next) return false;
    if (means && !nounAfter(i + 1)) return true;
    if (modifies) return false;
    if (['DET', 'NUM', 'PRON', 'ADJ'].includes(next.pos)) return true;
    if (next.pos === 'ADP' && PREP_AFTER.has(next.lower)) return true;
    if (next.pos === 'VERB' && isComponent(tokens[head])) return true;
    if (nounAfter(i + 1)) return isComponent(tokens[head]) || RESULT_NOUN.has(next.lemma);
    return /^(that|this|these|those)$/.test(next.lower);
  }
  // A nominal ("ablation", "removal"): owned ("whose ablation"), of something ("ablation of"), or experiments.
  if (prev && POSSESSIVE.has(prev.lower)) return true;
  if (!next) return false;
  if (next.lower === 'of' || RESULT_NOUN.has(next.lemma)) return prev?.pos !== 'NOUN' && prev?.pos !== 'PROPN';
  if (next.pos === 'CCONJ') return tokens.slice(i + 2, i + 5).some((x) => RESULT_NOUN.has(x.lemma));
  return false;
}

/** An intervention named as what this work performs: "we perform activation patching on every head". */
function performed(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const x = tokens[k];
    if (x.pos === 'VERB') return PERFORM.has(x.lemma) && /^(we|i)$/.test(tokens[k - 1]?.lower ?? '');
    if (!['NOUN', 'ADJ', 'DET', 'NUM', 'VERB'].includes(x.pos) && !INTERVENE.has(lemmaOf(x))) return false;
  }
  return false;
}

/** Token i begins its clause: the sentence start, or after a comma, a conjunction, "that", "by", "when". */
function opensClause(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  return !prev || prev.pos === 'PUNCT' || prev.pos === 'CCONJ' || prev.pos === 'SCONJ' || /^(that|by|when|while|after|and|then|so)$/.test(prev.lower);
}

/** This work's intervention is compared with a method that uses no internals: the intervention is the method, not a test. */
function againstBaseline(tokens: readonly Token[]): boolean {
  if (tokens.some((t) => t.lemma === 'baseline') && !tokens.some((t) => t.lemma === 'random' || t.lemma === 'control')) return true;
  const comparator = tokens.some((t) => COMPARATOR.has(t.lemma));
  return comparator && tokens.some((t) => BASELINE_METHOD.has(t.lemma) || BASELINE_METHOD.has(t.lower));
}

function clauseOf(claims: readonly Claim[], i: number): Claim | undefined {
  return claims.find((c) => c.start <= i && i < c.end);
}

function hedgedBefore(tokens: readonly Token[], from: number, i: number): boolean {
  for (let j = from; j < i; j++) if (HEDGE.has(tokens[j].lower)) return true;
  return false;
}

/** Interventions this work carries out, as token indexes. */
export function interventions(ctx: Context): number[] {
  const { tokens, claims } = ctx;
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!intervention(tokens, i) || !active(tokens, i)) continue;
    const c = clauseOf(claims, i);
    if (c && (c.source === 'cited' || c.source === 'quoted' || c.actor === 'others')) continue;
    if (hedgedBefore(tokens, c?.start ?? 0, i)) continue;
    // "methods differ in where they intervene": someone else's generic act.
    if (tokens[i].pos === 'VERB' && !/ing$/.test(tokens[i].lower) && c && c.actor !== 'we' && c.actor !== 'unnamed') continue;
    if (tokens[i].pos === 'VERB' && tokens[i - 1]?.lower === 'they') continue;
    out.push(i);
  }
  return out;
}

/** What came of the intervention: an outcome verb after it, a test or measurement, a quantity. */
function outcomeAfter(tokens: readonly Token[], i: number): number {
  for (let j = i + 1; j < Math.min(tokens.length, i + 16); j++) {
    if (tokens[j].pos === 'PUNCT' && /^[;:]$/.test(tokens[j].text)) return -1;
    const v = verbLemma(tokens, j);
    if (v && OUTCOME.has(v) && !/^(how|whether)$/.test(tokens[j - 1]?.lower ?? '')) return j;
  }
  return -1;
}

function evidence(tokens: readonly Token[], i: number): boolean {
  if (performed(tokens, i)) return true;
  if (outcomeAfter(tokens, i) >= 0 || tokens[i + 1]?.lemma === 'effect') return true;
  // An intervention in a when-clause: "accuracy does not change when it is removed".
  if (tokens.slice(0, i).some((t, j) => t.lower === 'when' && j < i) && tokens.some((t, j) => j < i && OUTCOME.has(verbLemma(tokens, j) ?? ''))) return true;
  // "… and measure the change", "and record how …" (the tagger may read the verb as a noun after "and").
  const testVerb = (t: Token, j: number) => t.pos === 'VERB' || (/^(and|to)$/.test(tokens[j - 1]?.lower ?? '') && ['DET', 'ADV', 'SCONJ', 'PRON'].includes(tokens[j + 1]?.pos ?? ''));
  if (tokens.some((t, j) => TEST_FRAME.has(t.lemma) && testVerb(t, j) && !negatedAround(tokens, 0, j))) return true;
  if (tokens.some((t, j) => j > i && (REPORT.has(t.lemma) && t.pos === 'VERB' || (t.lemma === 'effect' && t.pos === 'NOUN')))) return true;
  return tokens.some((t, j) => j > i && (t.text === '%' || /\d%$/.test(t.text)));
}

/** A definition or a remark on a word: "'responsible' means…", "X is defined as…". */
function definitional(ctx: Context): boolean {
  const { tokens } = ctx;
  if (ctx.claims.some((c) => c.source === 'definition')) return true;
  // "'responsible' means…", "an edge counts as part of the circuit when…".
  return tokens.some((t, j) => (/^(means|meant)$/.test(t.lower) && t.pos === 'VERB' && !['DET', 'PRON'].includes(tokens[j - 1]?.pos ?? '')) || (t.lemma === 'count' && t.pos === 'VERB' && tokens[j + 1]?.lower === 'as'));
}

export const RESPONSIBILITY: readonly Pattern[] = [
  {
    id: 'we-found-circuit',
    tokens: [{ lemma: ['we', 'i'] }, { lemma: ['find', 'identify', 'discover', 'locate', 'uncover', 'trace', 'present', 'recover', 'isolate', 'describe', 'reverse-engineer'], pos: ['VERB'], gap: 2, notLemma: ['not', 'never', 'whether', 'if'] }, { lemma: MECHANISM.mechanismNoun.filter((w) => w !== 'role'), gap: 6, notLemma: ['not', 'no', 'whether', 'that', 'if', 'how'] }],
    examples: { match: ['We find the same circuit in networks trained on modular multiplication.', 'We present the first complete circuit for three-digit addition.'], noMatch: ['We find that circuits are hard to evaluate.', 'We did not find a circuit.', 'Subnetwork probing finds circuits of similar faithfulness.', 'We ask how often an automatically found circuit predicts errors.'] },
  },
  {
    id: 'role-of-component',
    tokens: [{ lemma: ['confirm', 'establish', 'verify', 'demonstrate', 'show'], pos: ['VERB'] }, { lemma: ['role', 'contribution'], gap: 3 }, { lemma: ['of'] }, { lemma: [...COMPONENT], gap: 3 }],
    examples: { match: ['We confirm the role of these heads by zeroing their outputs.'], noMatch: ['We confirm the role of data quality.'] },
  },
  {
    id: 'traced-to-component',
    tokens: [{ lemma: ['we', 'i'] }, { lemma: ['trace', 'localize', 'localise', 'attribute', 'pin', 'narrow'], pos: ['VERB'], gap: 1 }, { lemma: ['to'], gap: 5, notLemma: ['not', 'whether'] }, { lemma: [...COMPONENT], gap: 5 }],
    examples: { match: ['We trace the behaviour to a small set of neurons in layer 3.', 'We localise the recall to three MLP layers.'], noMatch: ['We trace the history of the field to the 1980s.'] },
  },
  {
    id: 'depends-on-component',
    tokens: [{ lemma: [...RELIANCE], pos: ['VERB'] }, { lemma: ['on', 'upon'] }, { lemma: [...COMPONENT], gap: 5, notLemma: ['random', 'choice', 'input', 'prompt'] }],
    examples: { match: ['The greater-than behaviour depends on a single MLP layer.', 'Refusal relies on two attention heads.'], noMatch: ['Patching results depend strongly on the corrupted input chosen.'] },
  },
  {
    id: 'regard-as-mechanism',
    tokens: [{ lemma: ['we', 'i'] }, { lemma: ['view', 'read', 'interpret', 'see', 'regard', 'treat', 'identify', 'describe', 'consider', 'characterise', 'characterize', 'understand'], pos: ['VERB'], gap: 2, notLemma: ['not', 'whether'] }, { lemma: [...COMPONENT], gap: 5 }, { lemma: ['as'], gap: 2 }, { lemma: ['the', 'a', 'an'] }, { lemma: [...MECHANISM.mechanismNoun, ...MECHANISM.causeNoun], gap: 2, notLemma: MECHANISM.tentative }],
    examples: { match: ['We view the layer-10 MLP as the circuit responsible for resolving pronouns.', 'We read the layer-3 MLP as the mechanism through which the carry is added.'], noMatch: ['We interpret latent 5 as a date detector.', 'We view these heads as a possible mechanism for copying.'] },
  },
  {
    id: 'is-how-the-model',
    tokens: [{ lemma: [...COMPONENT] }, { lemma: ['which', 'this', 'that', 'it'], gap: 24 }, { lemma: ['be'] }, { lemma: ['exactly', 'precisely', 'also', 'thus', 'therefore', 'essentially', 'presumably'], optional: true }, { lemma: ['how', 'why'], notLemma: ['presumably'] }, { lemma: ['the'] }, { lemma: MECHANISM.modelNoun, gap: 1 }],
    examples: { match: ['Latent 6,021 fires on speaker tags, which is how the model keeps speakers apart.', 'Neuron 1,204 peaks when the digits sum to ten, and this is how the model decides whether to carry.'], noMatch: ['The heads attend to the name, and this is how we evaluate them.'] },
  },
  {
    id: 'is-what-the-model-uses',
    tokens: [{ lemma: [...COMPONENT] }, { lemma: ['be'], gap: 20 }, { lemma: ['what'] }, { lemma: ['make', 'cause', 'drive', 'let', 'lead'], gap: 0 }, { lemma: ['the'] }, { lemma: MECHANISM.modelNoun, gap: 1 }],
    examples: { match: ['The probe direction is the internal representation of not knowing the policy, and it is what makes the model hedge in its answers.'], noMatch: ['The probe direction is what we steer along.'] },
  },
  {
    id: 'is-what-the-model-reads',
    tokens: [{ lemma: [...COMPONENT] }, { lemma: ['be'], gap: 3 }, { lemma: ['what'] }, { lemma: ['the'] }, { lemma: MECHANISM.modelNoun, gap: 1 }, { lemma: [...RELIANCE, 'use', 'read', 'exploit'] }],
    examples: { match: ['This direction is what the model uses to decide whether to refuse.'], noMatch: ['This direction is what the probe reads.'] },
  },
  {
    id: 'is-the-mechanism-of',
    tokens: [{ lemma: [...COMPONENT] }, { lemma: ['be'], gap: 12, notLemma: ['may', 'might', 'could', 'not'] }, { lemma: ['the', 'a', 'an'], gap: 1 }, { lemma: [...MECHANISM.mechanismNoun, ...MECHANISM.causeNoun], gap: 2, notLemma: MECHANISM.tentative }, { lemma: ['of', 'behind', 'for', 'underlying', 'responsible', 'through', 'by', 'whereby'] }],
    examples: { match: ['Latent 7 is the mechanism behind the refusal.', 'Heads 8.1 and 9.6 attend to the subject and are the main cause of the error.'], noMatch: ['Latent 7 is a possible mechanism behind the refusal.', 'Head 2.1 is the first head of the layer.'] },
  },
  {
    id: 'encodes-what-the-model-uses',
    tokens: [{ lemma: [...COMPONENT] }, { lemma: ['encode', 'represent', 'carry', 'track', 'store', 'hold', 'signal', 'compute'], gap: 3 }, { lemma: ['that', 'which'], gap: 8 }, { lemma: ['the'] }, { lemma: MECHANISM.modelNoun, gap: 1 }, { lemma: [...RELIANCE, 'use', 'read', 'exploit'] }],
    examples: { match: ['This direction encodes the depth counter that the model uses to decide legality.'], noMatch: ['This direction encodes the depth counter that the probe reads.'] },
  },
  {
    id: 'is-the-component-responsible',
    tokens: [{ lemma: [...COMPONENT] }, { lemma: ['be'], gap: 12, notLemma: ['may', 'might', 'could', 'not'] }, { lemma: ['the', 'a', 'an'] }, { lemma: [...COMPONENT], gap: 2, notLemma: MECHANISM.tentative }, { lemma: ['responsible', 'necessary', 'sufficient'] }],
    examples: { match: ['Latent 12417 of the layer-20 SAE is the latent responsible for recalling protocols.'], noMatch: ['Latent 7 is a possible latent responsible for recall.'] },
  },
  {
    id: 'is-the-component-that',
    tokens: [{ lemma: [...COMPONENT] }, { lemma: ['be'], gap: 20, notLemma: ['may', 'might', 'could', 'not'] }, { lemma: ['the', 'a', 'an'] }, { gap: 2, lemma: [...COMPONENT, ...MECHANISM.mechanismNoun], notLemma: MECHANISM.tentative }, { lemma: ['that', 'which'] }, { lemma: ['actually', 'directly', 'causally', 'then', 'jointly', 'mainly', 'primarily'], optional: true }, { pos: ['VERB'], notLemma: MECHANISM.correlational }],
    examples: { match: ['Heads 9.6 and 10.0 attend to the name and are the components that write it into the residual stream.', 'Heads 9.4 and 11.2 attend from each pronoun to the nearest speaker tag and are the heads that copy the speaker name into the summary.'], noMatch: ['Latent 7 is the feature that fires on dates.', 'Head 1.6 may be the component that writes the quote type.'] },
  },
  {
    id: 'because-component',
    tokens: [{ lemma: ['because', 'since'] }, { lemma: MECHANISM.structural, gap: 3 }, { pos: ['VERB'], gap: 10, notLemma: ['be', 'to', 'we', 'our', 'i', 'if', 'may', 'might', 'could', 'would'] }],
    examples: { match: ['The decay happens because attention heads in layers 14 to 16 stop attending to the steered positions.'], noMatch: ['We chose layer 5 because its heads are easy to probe.', 'We use the last layer because prior work found it best.', 'CAA costs 1.2 points because its vector also shifts the style of unrelated answers.'] },
  },
];

/**
 * A sentence that puts the model's behaviour on what the sentence before named: "Head 2.4 binds the
 * beak and the eyes. This is how the model represents bird heads." It names no component itself.
 */
export const BACK_REFERENCE: readonly Pattern[] = [
  {
    id: 'this-is-how',
    tokens: [{ lemma: ['this', 'that'] }, { lemma: ['be'] }, { lemma: ['exactly', 'precisely', 'also', 'thus', 'therefore', 'essentially'], optional: true }, { lemma: ['how', 'why'] }, { lemma: ['the'] }, { lemma: MECHANISM.modelNoun, gap: 1 }],
    examples: { match: ['This is exactly how the network inverts sentiment.', 'This is how the model balances nested brackets.'], noMatch: ['This is how we evaluate the probe.'] },
  },
];

/** The subject of the verb at j: back to the clause start, through a relative pronoun to its noun; undefined when the words before are an object. */
function subjectSpan(tokens: readonly Token[], j: number): [number, number] | undefined {
  let k = j - 1;
  let relative = false;
  while (k >= 0) {
    const t = tokens[k];
    if (stops(t) || (t.pos === 'PUNCT' && t.text === ',' && tokens[k - 1]?.pos !== 'NUM')) break;
    if (t.lower === 'that' || t.lower === 'which' || t.lower === 'who') {
      // A complement ("find that X drives") ends the subject; a relative ("neurons that drive") goes on to its noun.
      // "the claim that the heads implement": the clause after "that" has its own subject.
      const before = tokens[k - 1];
      if (!before || before.pos === 'VERB' || before.pos === 'AUX' || before.pos === 'ADJ' || before.pos === 'SCONJ' || before.pos === 'PUNCT') break;
      if (tokens.slice(k + 1, j).some((x) => ['NOUN', 'PROPN', 'PRON', 'DET'].includes(x.pos))) break;
      relative = true;
      k--;
      continue;
    }
    if (t.pos === 'SCONJ' || (t.pos === 'AUX' && !BE.has(t.lemma) && !HEDGE.has(t.lower))) break;
    // A third-person verb the tagger read as a plural noun, before its object: "An SAE maps an activation vector…".
    const misread = t.pos === 'NOUN' && /[^s]s$/.test(t.lower) && ['NOUN', 'PROPN'].includes(tokens[k - 1]?.pos ?? '') && tokens[k + 1]?.pos === 'DET' && !isComponent(t);
    if (t.pos === 'VERB' || misread) {
      const participle = /ed$/.test(t.lower) && ['NOUN', 'PROPN', 'ADJ', 'VERB'].includes(tokens[k + 1]?.pos ?? '') && k + 1 < j;
      if (!participle && !isComponent(t)) {
        // Words between a verb and this one are its object ("cuts attention compute"), unless a relative made them a subject.
        if (!relative) return undefined;
        break;
      }
    }
    k--;
  }
  return [k + 1, j];
}

/** A second predicate shares the first one's subject: "Feature 4,812 responds to threats and accounts for most alerts". */
function coordinated(tokens: readonly Token[], j: number): [number, number] | undefined {
  if (tokens[j - 1]?.lower !== 'and') return undefined;
  for (let k = j - 2; k >= Math.max(0, j - 12); k--) {
    if (stops(tokens[k]) || tokens[k].text === ',') return undefined;
    if (tokens[k].pos === 'VERB' || verbLemma(tokens, k)) return subjectSpan(tokens, k);
  }
  return undefined;
}

/** The subject's head noun phrase: its words before any preposition other than "of". */
function subjectHead(tokens: readonly Token[], [s, e]: [number, number]): Token[] {
  const out: Token[] = [];
  let inPP = false;
  for (let k = s; k < e; k++) {
    const t = tokens[k];
    if (/^(that|which|who)$/.test(t.lower)) break;
    if (t.pos === 'ADP' && t.lower !== 'of') {
      inPP = true;
      continue;
    }
    // A determiner after the prepositional phrase's noun starts the subject ("in multilingual models the same heads").
    if (inPP && t.pos === 'DET' && ['NOUN', 'PROPN'].includes(tokens[k - 1]?.pos ?? '')) inPP = false;
    if (inPP && ['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'].includes(t.pos)) continue;
    inPP = false;
    out.push(t);
  }
  return out;
}

function negatedAround(tokens: readonly Token[], from: number, j: number): boolean {
  if (tokens[j].negated) return true;
  for (let k = Math.max(from, j - 4); k < j; k++) if (/^(not|n't|never|no)$/.test(tokens[k].lower)) return true;
  return false;
}

function quotedAt(text: string, tokens: readonly Token[], j: number): boolean {
  const before = text.slice(0, tokens[j].start);
  const open = (before.match(/['‘"“]/g) ?? []).length;
  return open % 2 === 1 && /['’"”]/.test(text.slice(tokens[j].end));
}

/** A responsibility claim's tokens: from its subject to its verb phrase, and the verb (or adjective) that makes it. */
export interface RoleClaim {
  start: number;
  end: number;
  verb: number;
}

/** The first component of the next `n` tokens after i, as an index, or -1. */
function componentIndexAfter(tokens: readonly Token[], i: number, n: number): number {
  for (let j = i + 1; j < Math.min(tokens.length, i + 1 + n); j++) if (isComponent(tokens[j])) return j;
  return -1;
}

/** A component said to implement, encode, drive… a behaviour: as the subject, by a passive, or by "responsible for". */
function componentRole(ctx: Context): RoleClaim | undefined {
  const { tokens, text, claims } = ctx;
  // What a proposal would do to "the neurons that store a record" is the proposal, not a finding.
  const limit = Math.min(tokens.length, ...claims.filter((c) => c.actor === 'we' && c.status === 'proposed').map((c) => c.end));
  for (let j = 0; j < limit; j++) {
    const t = tokens[j];
    const c = clauseOf(claims, j);
    if (c && !own(c)) continue;
    if (quotedAt(text, tokens, j)) continue;
    if (tokens.slice(c?.start ?? 0, j).some((x) => x.lower === 'whether' || x.lower === 'if' || HEDGE.has(x.lower) && x.lower !== 'may')) continue;
    const verb = playsRole(tokens, j) ? 'play' : verbLemma(tokens, j, RESPONSIBLE);
    if (verb && (RESPONSIBLE.has(verb) || verb === 'play') && tokens[j - 1]?.lower !== 'to' && tokens[j + 1]?.lower !== 'from' && !negatedAround(tokens, c?.start ?? 0, j)) {
      const passive = tokens[j - 1]?.lemma === 'be' || (tokens[j - 1]?.pos === 'ADV' && tokens[j - 2]?.lemma === 'be');
      if (passive) {
        // "is encoded at layer 16", "is carried mainly by the MLP outputs".
        for (let k = j + 1; k < Math.min(tokens.length, j + 9) && !stops(tokens[k]); k++) {
          if (/^(by|at|in)$/.test(tokens[k].lower) && componentAfter(tokens, k, 4)) return { start: (subjectSpan(tokens, j) ?? [c?.start ?? 0])[0], end: Math.max(componentIndexAfter(tokens, k, 4), k) + 1, verb: j };
        }
        continue;
      }
      // A participle after a noun or a comma modifies it ("the vector, computed on English prompts").
      if (/ed$/.test(t.lower) && (tokens[j - 1]?.pos === 'NOUN' || tokens[j - 1]?.text === ',')) continue;
      // "Feed-forward layers account for most of the parameters": a share of a size or a cost, not a role.
      if (shareOf(tokens, j + 1)) continue;
      const span = coordinated(tokens, j) ?? subjectSpan(tokens, j);
      if (!span) continue;
      const head = subjectHead(tokens, span);
      const pronoun = head.length > 0 && head.every((x) => x.pos === 'PRON' || x.pos === 'ADV' || x.pos === 'DET') && head.some((x) => /^(they|it|these|this)$/.test(x.lower)) && tokens.slice(0, span[0]).some((x) => isComponent(x));
      // "Each attention head computes a weighted sum" describes the architecture, not a finding.
      if (head.some((x) => EVERY.has(x.lower))) continue;
      if (componentHead(head) || pronoun) return { start: span[0], end: j + (/^(for|in|to)$/.test(tokens[j + 1]?.lower ?? '') ? 2 : 1), verb: j };
      // "The model routes information … through a small number of attention heads."
      if (head.some((x) => x.pos === 'NOUN' || x.pos === 'PROPN')) {
        for (let k = j + 1; k < Math.min(tokens.length, j + 10); k++) {
          if (stops(tokens[k])) break;
          if (/^(through|via)$/.test(tokens[k].lower) && componentAfter(tokens, k, 6)) return { start: span[0], end: Math.max(componentIndexAfter(tokens, k, 6), k) + 1, verb: j };
          // "The model stores the fact in the MLP at layer 8."
          if (/^(in|at)$/.test(tokens[k].lower) && head.some((x) => MODEL.has(x.lemma)) && componentAfter(tokens, k, 4)) return { start: span[0], end: Math.max(componentIndexAfter(tokens, k, 4), k) + 1, verb: j };
        }
      }
    }
    // "the layer-9 MLP is necessary and sufficient for …".
    if (t.pos === 'ADJ' && RESPONSIBLE_ADJ.has(t.lemma) && tokens.slice(j + 1, j + 5).some((x) => x.lower === 'for' || x.lower === 'to')) {
      let b = j - 1;
      while (b >= 0 && (tokens[b].pos === 'ADV' || tokens[b].pos === 'CCONJ' || tokens[b].pos === 'ADJ')) b--;
      if (b >= 0 && tokens[b].lemma === 'be' && !negatedAround(tokens, Math.max(0, b - 1), j)) {
        const span = subjectSpan(tokens, b);
        const end = j + 1 + tokens.slice(j + 1, j + 5).findIndex((x) => x.lower === 'for' || x.lower === 'to') + 1;
        // "This direction is responsible for 40% of the variance": a statistic, not a role.
        if (shareOf(tokens, end)) continue;
        if (span && componentHead(subjectHead(tokens, span))) return { start: span[0], end, verb: b };
        // A contact relative in the subject: "the heads we identify are necessary for…".
        if (!span && /^(we|i)$/.test(tokens[b - 2]?.lower ?? '') && isComponent(tokens[b - 3])) return { start: b - 3, end, verb: b };
      }
    }
  }
  return undefined;
}

const SHARE = set(MECHANISM.share);

/** The object after `from` is a share of a statistic or a cost ("most of the parameters", "40% of the variance"). */
function shareOf(tokens: readonly Token[], from: number): boolean {
  for (let k = from; k < Math.min(tokens.length, from + 7) && !stops(tokens[k]); k++) if (SHARE.has(tokens[k].lemma)) return true;
  return false;
}

const EVERY = set(['each', 'every', 'any']);
const ATTRIBUTE_OF = set(MECHANISM.attributeOf);

/**
 * The subject names a component as its head: a component noun that is not a modifier of another noun
 * ("layer norm", "feature extraction"), in a phrase that is not about a property of components
 * ("the number of features", "the choice of layer").
 */
function componentHead(head: readonly Token[]): boolean {
  const first = head.findIndex((t) => t.pos === 'NOUN' || t.pos === 'PROPN');
  if (first >= 0 && ATTRIBUTE_OF.has(head[first].lemma) && head[first + 1]?.lower === 'of') return false;
  return head.some((t, k) => isComponent(t) && !(head[k + 1] && (head[k + 1].pos === 'NOUN' || head[k + 1].pos === 'PROPN') && !isComponent(head[k + 1]) && !/^\d/.test(head[k + 1].text)));
}

/** "plays a causal role in", "plays a central part in". */
function playsRole(tokens: readonly Token[], j: number): boolean {
  return tokens[j].lemma === 'play' && tokens.slice(j + 1, j + 5).some((x) => ROLE_NOUN.has(x.lemma));
}

function own(c: Claim): boolean {
  return c.source === 'own' || c.source === 'definition';
}

/** A small effect, a random control, or no effect: the intervention claims no role. */
function weakEffect(tokens: readonly Token[], i: number): boolean {
  for (let j = 0; j < tokens.length; j++) {
    const t = tokens[j];
    if (WEAK.has(t.lemma) || WEAK.has(t.lower)) return true;
    if ((t.lower === 'less' || t.lower === 'fewer') && tokens[j + 1]?.lower === 'than') return true;
  }
  // "Ablating a random direction…": the control, not the component.
  return tokens.slice(i + 1, i + 4).some((t) => t.lemma === 'random');
}

/**
 * Where a sentence claims a component's role, stated as this work's own claim: the subject-to-verb
 * span of a component said to implement, drive, be responsible for… a behaviour, or of a RESPONSIBILITY
 * pattern ("we find the circuit", "depends on a single MLP layer"). Undefined when it claims none.
 */
export function responsibilitySpan(ctx: Context): RoleClaim | undefined {
  if (definitional(ctx)) return undefined;
  // The first claim in the sentence; at the same place a pattern is the more specific reading
  // ("this direction encodes the counter that the model uses to decide").
  const m = firstMatch(RESPONSIBILITY, ctx.tokens);
  const role = componentRole(ctx);
  if (!m || (role && role.verb < m.start)) return role;
  // The pattern's last verb makes the claim ("…, and it is what makes the model hedge"; "…and are the heads that copy").
  let verb = m.start;
  for (let i = m.start; i < m.end; i++) if (ctx.tokens[i].pos === 'VERB' || (ctx.tokens[i].lemma === 'be' && ctx.tokens[verb].pos !== 'VERB')) verb = i;
  return { start: m.start, end: m.end, verb };
}

export function mechanism(ctx: Context): void {
  const { tokens, out } = ctx;
  const hypothetical = out.has('hypothetical');
  const definition = definitional(ctx);
  const acts = hypothetical || definition || againstBaseline(tokens) ? [] : interventions(ctx);
  const tests = acts.filter((i) => evidence(tokens, i));
  if (tests.length > 0) out.add('causal-test');
  if (definition) return;
  if (componentRole(ctx) || firstMatch(RESPONSIBILITY, tokens)) {
    out.add('responsibility-claim');
    return;
  }
  // A strong effect of knocking out or steering a component claims its role; a small effect, a
  // random control, or a test still to be read ("to check whether…") claims none.
  if (tokens.some((t) => t.lower === 'whether')) return;
  if (tests.some((i) => !weakEffect(tokens, i) && componentAfter(tokens, i, 7) && outcomeAfter(tokens, i) >= 0)) out.add('responsibility-claim');
}
