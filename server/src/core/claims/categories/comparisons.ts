import type { Token } from '../../nlp/analyse';
import { firstMatch, type Pattern } from '../../nlp/patterns';
import type { Claim } from '../claims';
import LEX from '../lexicon/comparisons.json';
import VALIDATION from '../lexicon/validation.json';
import { authorWithMarks, COMPONENT, type Context, quantity } from './shared';

// What this work is measured against and across: a baseline that is not interpretability, only other
// interpretability methods, variation across seeds, models and data, and side effects of an intervention.
// A comparison frame ("compare X with Y", "outperforms Y", "than Y", "against Y", "Y baseline", "while
// Y reaches N") names a comparator; what kind of method the comparator is decides the category. Only
// claims of the paper's own work count: not negated ("we did not compare"), hypothetical or future.

/** A lexicon of words and fixed phrases (an entry with spaces is consecutive tokens). */
class Terms {
  private readonly words = new Set<string>();
  /** Phrases by their first word. */
  private readonly phrases = new Map<string, string[][]>();
  constructor(entries: readonly string[]) {
    for (const e of entries) {
      if (!e.includes(' ')) this.words.add(e);
      else {
        const p = e.split(' ');
        this.phrases.set(p[0], [...(this.phrases.get(p[0]) ?? []), p]);
      }
    }
  }
  has(t: Token | undefined): boolean {
    return !!t && (this.words.has(t.lemma) || this.words.has(t.lower));
  }
  /** Length of the term starting at token i (0 when none). */
  at(tokens: readonly Token[], i: number): number {
    const t = tokens[i];
    const n = this.phraseAt(tokens, i, t.lower) || (t.lemma !== t.lower ? this.phraseAt(tokens, i, t.lemma) : 0);
    return n || (this.has(t) ? 1 : 0);
  }
  private phraseAt(tokens: readonly Token[], i: number, first: string): number {
    const ps = this.phrases.get(first);
    if (ps) for (const p of ps) if (p.every((w, k) => tokens[i + k] && (tokens[i + k].lower === w || tokens[i + k].lemma === w))) return p.length;
    return 0;
  }
}

const BASELINE = new Terms(LEX.baseline);
const BASELINE_WEAK = new Terms(LEX.baselineWeak);
const INTERP = new Terms(LEX.interp);
const SCOPE = new Set(LEX.interpScope);
const BASELINE_NOT_AFTER = new Set(LEX.baselineNotAfter);
const NOT_METHOD = new Set(LEX.notMethod);
const VARIATION_NOUN = new Set(LEX.variationNoun);
const VARIATION_STRONG = new Set(LEX.variationStrong);
const VARIATION_COUNT = new Set(LEX.variationCount);
const VARIATION_PREP = new Set(LEX.variationPrep);
const LANGUAGE = new Set(LEX.languageName);
const VARIATION_EACH = new Set(LEX.variationEach);
const VARIATION_SHIFT = new Set(VALIDATION.variationShift);
const SHIFT_NOUN = new Set(VALIDATION.shiftNoun);
const TRANSFER = new Set(VALIDATION.transfer);
const ACROSS_ONLY = new Set(VALIDATION.acrossOnly);
const UNCHANGED = new Set(VALIDATION.unchanged);
const UNCHANGED_OBJECT = new Set(VALIDATION.unchangedObject);
const CONTRAST = new Set(VALIDATION.contrast);
const MEASURED_AGAINST = new Set(VALIDATION.measuredAgainst);
const OTHER_MEASURE = new Set(VALIDATION.otherMeasure);
const SIDE_EFFECT_DATA = new Set(VALIDATION.sideEffectData);
const RESULT = new Set(LEX.result);
const SIDE_EFFECT = new Terms([...LEX.sideEffect, ...VALIDATION.capabilitySuite]);
const CHANGE = new Set(LEX.change);
const MEASURE = new Set(LEX.measure);
const PRESERVED = new Set(LEX.preserved);
const CONTROL = new Set(LEX.control);
const REFERENCE = new Set(LEX.referenceNoun);
const RIVAL = new Set(LEX.rival);

const SCOPE_LEMMAS = [...SCOPE, 'interpretability', 'other'];

/** Frames that limit the comparison to interpretability methods. */
export const INTERP_ONLY: readonly Pattern[] = [
  { id: 'only-interp', tokens: [{ lemma: ['only'] }, { lemma: [...SCOPE, ...LEX.interp.filter((e) => !e.includes(' '))], gap: 4, notLemma: ['not', 'no'] }], examples: { match: ['We compare only against other erasure methods.', 'I ran only the three SAE variants.'], noMatch: ['We compare against prompting only.'] } },
  { id: 'interp-only-after', tokens: [{ lemma: [...SCOPE, 'method', 'dictionary'] }, { lemma: ['only'], gap: 2 }], examples: { match: ['We benchmarked against other dictionaries and steering vectors only.', 'They evaluate against other steering vectors only.'], noMatch: ['Only the probe works.'] } },
  { id: 'among-interp', tokens: [{ lemma: ['among', 'of'] }, { lemma: ['the', 'all', 'three', 'other'], optional: true, gap: 1 }, { lemma: [...SCOPE] }, { lemma: ['method', 'detector', 'baseline', 'monitor', 'approach', 'unlearning', 'technique'], gap: 1 }], examples: { match: ['Among attribution methods, concept attributions were preferred.', 'Among internal-state detectors, FactSentry is best.', 'Of the interpretability baselines, only the probe comes close.'], noMatch: ['Of the prompting baselines, few-shot is best.'] } },
  { id: 'other-interp', tokens: [{ lemma: ['other'] }, { lemma: [...SCOPE, 'sae', 'dictionary'], gap: 1 }], examples: { match: ['Our dictionary outperforms every other SAE we tested.', 'We compare with other internal-state monitors.'], noMatch: ['We compare with other baselines.'] } },
  { id: 'all-are-interp', tokens: [{ lemma: ['all', 'only'] }, { lemma: ['be', 'contain'], gap: 5, optional: true }, { lemma: ['internal-state', 'representation-based', 'interpretability-based'], gap: 2 }], examples: { match: ['All detectors in our comparison are internal-state methods.', 'Our steering baselines are all representation-based.'], noMatch: ['All baselines are prompting methods.'] } },
];

const SPAN = 14;

export function comparisons(ctx: Context): void {
  const { tokens, claims, out } = ctx;
  const valid = (i: number) => !tokens[i].negated && validClaim(claimAt(claims, i), tokens);
  const io = firstMatch(INTERP_ONLY, tokens);
  // "we did not run prompting baselines, only SAE variants": a negation leaves the limit standing.
  const ioClaim = io && claimAt(claims, io.start);
  // "our study aims only at understanding how the representations arise" frames the work; it compares nothing.
  const interpOnly = io && !ctx.out.has('goal') && !ctx.out.has('understanding-only') && (!ioClaim || ioClaim.status === 'negated' || (validClaim(ioClaim, tokens) && ioClaim.status !== 'proposed'));
  let nonInterp = false;
  let interp = false;
  const { spans, contrast, sides } = comparatorSpans(tokens);
  // A question ("does ranking by the probe catch more errors than ranking by length?") asks; it reports no comparison.
  const question = tokens[tokens.length - 1]?.text === '?';
  if (question) spans.length = contrast.length = sides.length = 0;
  for (const [from, to] of [...spans, ...contrast, ...sides]) {
    // In a contrast clause ("while perplexity rises"), or on this work's side of "compare X with Y", only a method that is surely a baseline counts.
    const strongOnly = [...contrast, ...sides].some(([a, b]) => a === from && b === to) && !spans.some(([a, b]) => a === from && b === to);
    let sawInterp = false;
    // "if it exceeds a threshold, send the question to a retrieval lookup": a condition's comparison ends with its clause.
    const trigger = claimAt(claims, Math.max(0, from - 1));
    const own = (i: number) => trigger?.status !== 'hypothetical' || claimAt(claims, i) === trigger;
    for (let i = from; i < to; i++) {
      if (!valid(i) || !own(i)) continue;
      const strong = BASELINE.at(tokens, i);
      // A weak term before a method names a variant of it ("a control probe", "random SAE latents"), not a baseline.
      // After "of" it is a measure of something ("an order of magnitude more edges"), not a method.
      const weak = !strongOnly && !sawInterp && tokens[i + 1]?.pos !== 'NUM' && tokens[i - 1]?.lower !== 'of' && !(i + 1 < tokens.length && INTERP.at(tokens, i + 1)) ? BASELINE_WEAK.at(tokens, i) : 0;
      const b = strong || weak;
      // "a control probe on shuffled labels", "random SAE latents": a control for this work's method, not a method compared with.
      if (INTERP.at(tokens, i) && tokens.slice(Math.max(from, i - 2), i).some((t) => CONTROL.has(t.lemma) || CONTROL.has(t.lower))) sawInterp = true;
      else if (INTERP.at(tokens, i)) interp = sawInterp = true;
      else if (b && !NOT_METHOD.has(tokens[i + b]?.lemma ?? '')) nonInterp = true;
      else if (isBaselineNoun(tokens, i)) nonInterp = true;
    }
  }
  if (!nonInterp && !question && quantity(tokens)) nonInterp = baselineSubject(tokens, claims, valid);
  if (!nonInterp && !interp && !question) interp = rivalMethods(tokens, claims, valid);
  if (interpOnly) out.add('interp-only-comparison');
  else if (nonInterp) out.add('non-interp-baseline');
  else if (interp) out.add('interp-only-comparison');
  const measuresSideEffect = sideEffect(ctx);
  if (variation(ctx, measuresSideEffect)) out.add('variation');
  if (measuresSideEffect) out.add('side-effect');
}

function claimAt(claims: readonly Claim[], i: number): Claim | undefined {
  return claims.find((c) => c.start <= i && i < c.end);
}

const HEDGE = new Set(['could', 'might', 'may', 'would', 'if', 'suppose', 'imagine', 'should']);

/** A claim of this work's own that is carried out: not negated, future, quoted, or hedged ("might outperform"). */
function validClaim(c: Claim | undefined, tokens: readonly Token[]): boolean {
  if (!c) return true;
  if (c.status === 'negated' || c.status === 'future' || c.source === 'quoted') return false;
  // A procedural condition ("whenever the score exceeds a threshold") is no hypothetical.
  if (c.status === 'hypothetical') return !tokens.slice(c.start, c.end).some((t) => HEDGE.has(t.lower));
  // A recommendation ("every paper should include a system-prompt baseline") is not a comparison made.
  if (c.status === 'proposed') return !tokens.slice(c.start, c.actAt).some((t) => t.lower === 'should' || t.lower === 'must');
  return true;
}

/**
 * Two interpretability methods set side by side on a measured result, with no comparison frame:
 * "Transcoders and SAEs yield circuits of similar faithfulness", "EAP-IG reaches the same faithfulness
 * as ACDC with 40% fewer edges", "a probe and a difference-in-means direction detect it equally well".
 */
function rivalMethods(tokens: readonly Token[], claims: readonly Claim[], valid: (i: number) => boolean): boolean {
  if (!tokens.some((t) => RIVAL.has(t.lemma) || RIVAL.has(t.lower))) return false;
  if (!claims.some((c) => c.status === 'measured' && validClaim(c, tokens)) || !reported(tokens, 0, tokens.length)) return false;
  const names = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const n = INTERP.at(tokens, i);
    if (!n) continue;
    if (valid(i) && !tokens.slice(Math.max(0, i - 2), i).some((t) => CONTROL.has(t.lemma) || CONTROL.has(t.lower))) names.add(tokens.slice(i, i + n).map((t) => t.lemma.replace(/s$/, '')).join(' '));
    i += n - 1;
  }
  // "Our score and exact patching agree on 92% of heads": this work's own method is one side.
  if (names.size === 1 && tokens.some((t, k) => t.lower === 'our' && ['NOUN', 'PROPN'].includes(tokens[k + 1]?.pos ?? '') && ['and', 'with', 'than'].some((w) => tokens.slice(k + 2, k + 4).some((x) => x.lower === w)))) return true;
  return names.size >= 2;
}

/** "baseline" as a method this work compares with, not an interpretability or attribution baseline. */
function isBaselineNoun(tokens: readonly Token[], i: number): boolean {
  if (tokens[i].lemma !== 'baseline' && tokens[i].lower !== 'control') return false;
  if (tokens[i].lower === 'control' && tokens[i + 1]?.lemma !== 'group') return false;
  // "the opposite of the baseline", "above baseline": a reference value measured, not a method compared with.
  const before = tokens[i - 1]?.lower === 'the' ? i - 2 : i - 1;
  if (tokens[i].lower === 'baseline' && ['of', 'above', 'below'].includes(tokens[before]?.lower ?? '')) return false;
  // "a baseline incorrect output", "baseline activations": the reference a measure is taken against.
  const head = tokens.slice(i + 1, i + 3).find((t) => t.pos === 'NOUN');
  if (tokens[i].lemma === 'baseline' && head && (NOT_METHOD.has(head.lemma) || REFERENCE.has(head.lemma))) return false;
  for (let k = Math.max(0, i - 3); k < i; k++) if (BASELINE_NOT_AFTER.has(tokens[k].lemma) || BASELINE_NOT_AFTER.has(tokens[k].lower) || INTERP.has(tokens[k])) return false;
  // "To establish a baseline …, we compare to a naïve circuit": the baseline named is a part of the model, an interpretability object.
  return !comparedWithComponent(tokens);
}

/** What "compare … to/with" names is a part of the model: "compare to a naïve circuit that consists of…". */
function comparedWithComponent(tokens: readonly Token[]): boolean {
  const at = tokens.findIndex((t, k) => t.lemma === 'compare' && ['to', 'with', 'against'].includes(tokens[k + 1]?.lower ?? ''));
  if (at < 0) return false;
  let k = tokens.findIndex((t, j) => j >= at + 2 && j < at + 6 && t.pos === 'NOUN');
  if (k < 0) return false;
  while (tokens[k + 1]?.pos === 'NOUN') k++;
  return COMPONENT.has(tokens[k].lemma);
}

/** Token ranges that name what this work is compared with. */
export function comparatorSpans(tokens: readonly Token[]): ComparatorSpans {
  // The tokens come from the per-text analysis cache, so their array stands for the sentence.
  let hit = spanCache.get(tokens);
  if (!hit) spanCache.set(tokens, (hit = readComparatorSpans(tokens)));
  return hit;
}

type ComparatorSpans = { spans: Array<[number, number]>; contrast: Array<[number, number]>; sides: Array<[number, number]> };
const spanCache = new WeakMap<readonly Token[], ComparatorSpans>();

function readComparatorSpans(tokens: readonly Token[]): ComparatorSpans {
  const spans: Array<[number, number]> = [];
  const contrast: Array<[number, number]> = [];
  /** This work's side of "compare X with Y" ("scored by comparing the model's probability with that of…"). */
  const sides: Array<[number, number]> = [];
  const after = (i: number) => spans.push([i, limit(tokens, i)]);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    const pivot = t.lemma === 'compare' && t.pos === 'VERB' ? tokens.slice(i + 2, limit(tokens, i + 1)).findIndex((x) => ['with', 'to', 'against'].includes(x.lower)) + i + 2 : -1;
    if (pivot > i + 1) {
      sides.push([i + 1, pivot]);
      after(pivot + 1);
    } else if ((['compare', 'comparison', 'outperform', 'surpass', 'underperform'].includes(t.lemma) && t.pos !== 'ADJ') || (['benchmark', 'pit', 'beat', 'dominate', 'rival', 'trail', 'lag', 'exceed', 'match'].includes(t.lemma) && t.pos === 'VERB' && !(t.lemma === 'match' && ['in', 'for', 'on', 'by'].includes(next?.lower ?? '')))) after(i + 1);
    // "By contrast, a linear probe … reaches 0.81": the sentence is set against the one before it.
    else if (t.lower === 'contrast' && ['by', 'in'].includes(tokens[i - 1]?.lower ?? '') && next?.text === ',') after(i + 2);
    else if (['against', 'versus', 'vs', 'vs.', 'unlike', 'above', 'below'].includes(t.lower)) after(i + 1);
    else if (t.lower === 'than' && tokens[i - 1]?.lower !== 'rather' && next && next.pos !== 'NUM' && next.pos !== 'ADP' && !['half', 'one', 'chance', 'expected', 'we', 'before', 'usual'].includes(next.lower) && tokens[i + 2]?.pos !== 'NUM') after(i + 1);
    else if (['relative', 'compared', 'close', 'closest'].includes(t.lower) && next?.lower === 'to') after(i + 2);
    else if ((t.lower === 'instead' && next?.lower === 'of') || (['advantage', 'improvement', 'gain', 'edge'].includes(t.lemma) && next?.lower === 'over')) after(i + 2);
    else if (t.lemma === 'agree' && next?.lower === 'with') after(i + 2);
    else if ((t.lower === 'while' || t.lower === 'whereas') && reported(tokens, i + 1, limit(tokens, i + 1))) contrast.push([i + 1, limit(tokens, i + 1)]);
    else if (t.lemma === 'baseline' || (t.lower === 'control' && next?.lemma === 'group')) spans.push([Math.max(0, i - 3), i + 1]);
  }
  return { spans, contrast, sides };
}

function limit(tokens: readonly Token[], from: number): number {
  let i = from;
  while (i < tokens.length && i < from + SPAN && !(tokens[i].pos === 'PUNCT' && /^[.;]$/.test(tokens[i].text)) && tokens[i].lower !== 'which' && tokens[i].lower !== 'while' && tokens[i].lower !== 'whereas' && !ofWhat(tokens, i, from)) i++;
  return i;
}

/** "accuracy vs. escalation rate for the SAE router": "for" after a measure (not after a figure, as in "0.83 for ACDC") says whose measure, not what is compared. */
function ofWhat(tokens: readonly Token[], i: number, from: number): boolean {
  return i > from && tokens[i].lower === 'for' && tokens[i - 1].pos === 'NOUN' && !tokens.slice(from, i).some((t) => t.pos === 'NUM' || t.text === '%');
}

/** A reported result in tokens [from, to): a percentage, a score, or a comparative ("fewer", "only"), not a bare index such as "layer 8". */
function reported(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (t.text === '%' || RESULT_WORD.has(t.lower)) return true;
    // "layer 8", "heads 15.3 and 17.9": an index of a model part, not a result.
    if (t.pos === 'NUM' && /^\d*\.\d+$/.test(t.text) && !PART.has(tokens[i - 1]?.lemma ?? '') && !PART.has(tokens[i - 2]?.lemma ?? '')) return true;
    if (t.pos === 'NUM' && !['NOUN', 'PROPN'].includes(tokens[i - 1]?.pos ?? '') && !/^(19|20)\d\d$/.test(t.text)) return true;
  }
  return false;
}
const RESULT_WORD = new Set(LEX.contrastResult);
const PART = new Set(LEX.modelPart);

/** A sentence whose subject is a baseline reporting its own figure ("A keyword list reaches 0.66"). */
function baselineSubject(tokens: readonly Token[], claims: readonly Claim[], valid: (i: number) => boolean): boolean {
  let end = tokens.findIndex((t) => t.pos === 'NUM');
  if (end < 0) end = tokens.length;
  end = Math.min(end, 10);
  // A baseline's own figure is reported on the same footing as this work's ("on the same passages"), or
  // the baseline is the subject of a measured claim ("A LoRA adapter lowers them to 3%").
  const same = tokens.some((t) => t.lemma === 'same' || t.lemma === 'baseline');
  // (A gerund subject is this work's own act, "Fine-tuning the model for 200 steps lowers…": a baseline it ran.)
  const measuredSubject = (i: number) => claims.some((c) => c.status === 'measured' && c.start <= i && i <= c.actAt && (c.actor === 'unnamed' || (c.actor === 'we' && tokens[c.start].lower.endsWith('ing'))));
  for (let i = 0; i < end; i++) {
    const b = BASELINE.at(tokens, i);
    if (b && valid(i) && !INTERP.at(tokens, i) && !NOT_METHOD.has(tokens[i + b]?.lemma ?? '') && (same || measuredSubject(i))) return true;
    if (!same) continue;
    if (isBaselineNoun(tokens, i) && valid(i)) return true;
  }
  return false;
}

/** A model's name or size as written: Llama-3-8B, Qwen2.5-7B, GPT-2, 125M, 1.3B. */
const isModelName = (t: Token) => (t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'NUM' || t.pos === 'ADJ') && /[a-z]/i.test(t.text) && /\d/.test(t.text) && !/^\d+(\.\d+)?[%x]?$/.test(t.text) && (t.text.length > 2 || /^\d+[BMK]$/.test(t.text));

/** A figure written in digits (not a year), a percentage or a multiple: the sign of a reported result. */
function figure(tokens: readonly Token[]): boolean {
  return tokens.some((t) => (/\d/.test(t.text) && !/^(19|20)\d\d$/.test(t.text) && !isModelName(t)) || t.text === '%');
}

/** Results this work reports (a figure, a measured claim, or a verb of holding up), not a setup or a proposal. */
function reportsResult(ctx: Context): boolean {
  const { tokens, claims, out } = ctx;
  if (out.has('problem-statement') || out.has('goal') || out.has('hypothetical')) return false;
  // A negative result is still a result ("none of the results hold for Gemma-2-9B").
  if (claims.length > 0 && claims.every((c) => c.status !== 'negated' && (!validClaim(c, tokens) || c.status === 'proposed'))) return false;
  return figure(tokens) || claims.some((c) => c.status === 'measured') || tokens.some((t) => RESULT.has(t.lemma) && !t.negated);
}

const plural = (t: Token) => t.lower !== t.lemma || (t.pos === 'NOUN' && t.lower.endsWith('s') && !t.lower.endsWith('ss'));
const nounLemma = (t: Token) => (VARIATION_NOUN.has(t.lemma) || !t.lower.endsWith('s') ? t.lemma : t.lower.slice(0, -1));

/** This work's results across seeds, models, scales, data, languages or perturbations. */
function variation(ctx: Context, sideEffect: boolean): boolean {
  const { tokens, claims } = ctx;
  if (tokens.some((t) => t.lemma === 'appendix') || !reportsResult(ctx)) return false;
  // "whether this holds in 70B models", "if the run used other seeds": an open question or a condition, not a result.
  // A clause of cited work ("echoing earlier findings in larger models [cite]") or a quoted one is not this work's result.
  const asked = (i: number) => ['whether', 'if'].includes(tokens[claimAt(claims, i)?.start ?? -1]?.lower ?? '') || ['cited', 'quoted'].includes(claimAt(claims, i)?.source ?? '');
  const counted = (k: number) => VARIATION_COUNT.has(tokens[k]?.lower ?? '') || tokens[k]?.pos === 'NUM';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // "five paraphrases", "ten retrainings", "seeds 0 to 4": repeated runs or perturbed inputs, counted.
    // (After a count the tagger may read the noun as a verb: "five/NUM paraphrases/VERB".)
    if (VARIATION_STRONG.has(t.lower) && !ACROSS_ONLY.has(t.lower) && plural(t) && !t.negated && !asked(i) && (t.pos === 'NOUN' ? counted(i - 1) || counted(i - 2) || tokens[i + 1]?.pos === 'NUM' : counted(i - 1))) return true;
    if (t.negated || !VARIATION_PREP.has(t.lower) || asked(i)) continue;
    // "across seeds", "between seeds", "across ten retrainings", "from two other seeds"
    for (let k = i + 1; k < Math.min(tokens.length, i + 5); k++) {
      if (tokens[k].pos === 'PUNCT' || tokens[k].pos === 'VERB') break;
      if (ACROSS_ONLY.has(tokens[k].lower) && !['across', 'under', 'over', 'between'].includes(t.lower)) continue;
      if (VARIATION_STRONG.has(tokens[k].lower) && (plural(tokens[k]) || tokens.slice(Math.max(0, k - 2), k).some((p) => ['different', 'other'].includes(p.lower)))) return true;
    }
    // "on a second hospital", "from the unseen domain", "by a different random sample": data the result was not found on.
    for (let j = i + 1; j < Math.min(tokens.length, i + 3) && !sideEffect; j++) {
      if (!VARIATION_SHIFT.has(tokens[j].lower)) continue;
      if ([j + 1, j + 2].some((k) => tokens[k] && SHIFT_NOUN.has(tokens[k].lemma) && tokens.slice(j + 1, k).every((x) => x.pos === 'ADJ' || x.pos === 'NOUN' || x.pos === 'PROPN'))) return true;
    }
    if (t.lower === 'from') continue;
    // "on all four datasets", "in every model", "for the three classifiers", "on smaller models"
    for (let j = i + 1; j < Math.min(tokens.length, i + 3); j++) {
      if (!(VARIATION_COUNT.has(tokens[j].lower) || tokens[j].pos === 'NUM')) continue;
      if (tokens[j + 1]?.lower === 'of' || tokens[j - 1]?.lower === 'of' || tokens[j + 2]?.lower === 'of') break; // "three of four tasks"
      for (let k = j + 1; k < Math.min(tokens.length, j + 4); k++) {
        if (tokens[k].pos === 'PUNCT') break;
        const noun = nounLemma(tokens[k]);
        // Benchmarks measured for side effects are the breadth of that check, not a replication of the result.
        if (sideEffect && SIDE_EFFECT_DATA.has(noun)) continue;
        if (VARIATION_NOUN.has(noun) && (plural(tokens[k]) || (['every', 'each'].includes(tokens[j].lower) && VARIATION_EACH.has(noun)))) return true;
      }
    }
  }
  // "carries over to Qwen2.5-7B", "holds for the 70B model": a result taken to another model or data.
  for (let i = 0; i < tokens.length; i++) {
    if (!TRANSFER.has(tokens[i].lemma) || tokens[i].pos !== 'VERB' || tokens[i].negated || asked(i) || !validClaim(claimAt(claims, i), tokens)) continue;
    if (tokens.slice(Math.max(0, i - 2), i).some((x) => HEDGE.has(x.lower) || x.lower === 'not' || x.lower === "n't")) continue; // "may not transfer"
    const to = tokens.findIndex((x, k) => k > i && k <= i + 3 && ['to', 'for', 'on', 'in', 'across'].includes(x.lower));
    if (to > 0 && (modelNames(tokens, ctx.text).some((m) => m.at > to && m.at <= to + 3) || (!sideEffect && tokens.slice(to + 1, to + 4).some((x) => SHIFT_NOUN.has(x.lemma) && x.lemma !== 'sample')))) return true;
  }
  // Two or more models named ("on Gemma-2-2B and Qwen2.5-1.5B", "in the 1B and the 8B model"), or results in two or more languages ("in German and in Hindi").
  const models = new Set(modelNames(tokens, ctx.text).filter((_, k, all) => !asked(all[k].at)).map((m) => m.name.toLowerCase()));
  if (models.size >= 2 && !ctx.claims.some((c) => c.act === 'use' || c.act === 'load')) return true;
  const languages = new Set(tokens.filter((t, i) => LANGUAGE.has(t.lower) && ['in', 'for', 'and', ',', 'across', 'on', 'to'].includes(tokens[i - 1]?.lower ?? '')).map((t) => t.lower));
  return languages.size >= 2;
}

/**
 * Model names as written, from the tokens of one word ("Qwen2.5-7B" is one name, however the tagger
 * splits it): a capitalised word with a digit (Llama-3-8B, GPT-2, T5-base, mT5) or a size (1B, 125M, 2.7B);
 * not a figure ("0.4-point", "50%"), a metric (F1, macro-F1), a rank ("top-5") or a bare number.
 */
function modelNames(tokens: readonly Token[], text: string): Array<{ name: string; at: number }> {
  const out: Array<{ name: string; at: number }> = [];
  for (let i = 0; i < tokens.length; i++) {
    let j = i;
    while (j + 1 < tokens.length && tokens[j + 1].start === tokens[j].end) j++;
    // As written (the analysis lower-cases a sentence's first word).
    const raw = text.slice(tokens[i].start, tokens[j].end);
    const word = raw.replace(/^\W+|\W+$/g, '');
    // A size in parentheses after a name is that model's size: "GPT-2 small (124M)".
    if (notModel(tokens, i, j, raw)) {
      i = j;
      continue;
    }
    if ((/^(?:[A-Z]|[a-z][A-Z])[\w.\-\/]*\d/.test(word) && word.length >= 3 && !/^F1\b/.test(word)) || (/^\d+(\.\d+)?[BMK]$/.test(word) && !raw.startsWith('('))) out.push({ name: word, at: i });
    i = j;
  }
  // "the 1B model", "the 1.3B and 2.7B models": a size split into a number and a unit.
  for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i].pos === 'NUM' && /^[BMK]$/.test(tokens[i + 1].text) && tokens[i - 1]?.text !== '(' && !DATA_UNIT.has(tokens[i + 2]?.lemma ?? '') && !out.some((o) => o.at === i)) out.push({ name: `${tokens[i].text}${tokens[i + 1].text}`, at: i });
  return out;
}

/** Data units a size counts ("100M tokens"), and nouns that say a name is data ("WikiText-103 is a … dataset"). */
const DATA_UNIT = new Set(['token', 'word', 'example', 'sentence', 'document', 'pair', 'image', 'sample', 'row', 'character', 'byte']);
const DATA_NAME = new Set(['dataset', 'corpus', 'benchmark']);

/** Written like a model name but not one: an author with affiliation marks, math, a size of data, a dataset's name. */
function notModel(tokens: readonly Token[], i: number, j: number, raw: string): boolean {
  if (authorWithMarks(tokens, i) || /subscript|superscript|=|[\u{1D400}-\u{1D7FF}]/u.test(raw)) return true;
  const next = tokens[j + 1];
  if (next && DATA_UNIT.has(next.lemma) && /\d[BMK]$/.test(raw)) return true;
  // "WikiText-103 dataset", "WikiText-103 is a well known language modeling dataset".
  if (next && DATA_NAME.has(next.lemma)) return true;
  if (next?.lemma === 'be') for (let k = j + 2; k < Math.min(tokens.length, j + 8) && tokens[k].pos !== 'PUNCT'; k++) if (DATA_NAME.has(tokens[k].lemma)) return true;
  return false;
}

/** A measure of what the intervention should not change. */
function sideEffect(ctx: Context): boolean {
  const { tokens, claims, out } = ctx;
  if (out.has('goal') || out.has('hypothetical') || (out.has('problem-statement') && !figure(tokens))) return false;
  for (let i = 0; i < tokens.length; i++) {
    const n = SIDE_EFFECT.at(tokens, i);
    if (!n) continue;
    // "a perplexity filter" is a method, not a measure.
    if (['filter', 'baseline'].includes(tokens[i + n]?.lemma ?? '')) continue;
    const c = claimAt(claims, i);
    if (c?.status === 'proposed' || (c?.status !== 'negated' && !validClaim(c, tokens))) continue;
    // "MMLU didn't budge", "perplexity is unchanged": preservation needs no figure, and its negation is still a measure.
    if (tokens.some((t) => PRESERVED.has(t.lemma) || PRESERVED.has(t.lower))) return true;
    if (!validClaim(c, tokens)) continue;
    // "We measure the side effects … on MMLU", "… and report its retain-set accuracy".
    // (A coordinated verb the tagger reads as a noun: "and report/NOUN its retain-set accuracy".)
    const verbal = (k: number) => tokens[k].pos === 'VERB' || (tokens[k].pos === 'NOUN' && ['and', 'to', 'we'].includes(tokens[k - 1]?.lower ?? '') && ['DET', 'PRON'].includes(tokens[k + 1]?.pos ?? ''));
    if (tokens.some((t, k) => MEASURE.has(t.lemma) && verbal(k) && !t.negated && validClaim(claimAt(claims, k), tokens) && claimAt(claims, k)?.status !== 'proposed')) return true;
    if (figure(tokens) && tokens.some((t) => CHANGE.has(t.lemma) || CHANGE.has(t.lower))) return true;
  }
  const carried = (i: number) => {
    const c = claimAt(claims, i);
    const relative = ['which', 'who'].includes(tokens[c?.start ?? -1]?.lower ?? '') || (tokens[c?.start ?? -1]?.lower === 'that' && ['NOUN', 'PROPN'].includes(tokens[(c?.start ?? 0) - 1]?.pos ?? ''));
    return validClaim(c, tokens) && c?.status !== 'proposed' && !relative;
  };
  for (let i = 0; i < tokens.length; i++) {
    // "within 0.2 of the unedited model", "as fluent as unsteered ones in 90% of pairs": measured against the model left
    // unchanged (not "the threshold at which it matches the full model's token", a restrictive relative that sets the method).
    const against = tokens.slice(Math.max(0, i - 5), i).some((x) => MEASURED_AGAINST.has(x.lemma) || MEASURED_AGAINST.has(x.lower));
    if (UNCHANGED.has(tokens[i].lower) && against && tokens.slice(i + 1, i + 3).some((x) => UNCHANGED_OBJECT.has(x.lemma) || UNCHANGED_OBJECT.has(x.lower)) && figure(tokens) && carried(i)) return true;
    // "while leaving masked-token accuracy nearly unchanged", "while the action-scene ratings stayed flat": another measure kept.
    if (CONTRAST.has(tokens[i].lower) && carried(i)) {
      const clause = tokens.slice(i + 1, limit(tokens, i + 1));
      if (clause.some((x) => OTHER_MEASURE.has(x.lemma) || OTHER_MEASURE.has(x.lower)) && clause.some((x) => PRESERVED.has(x.lemma) || PRESERVED.has(x.lower))) return true;
    }
  }
  return false;
}
