import { appendToBlock } from '../../server/src/core/rules/fixes';
import { EXPERIMENTAL_KINDS, optionsSchema, phraseList, phraseLists } from '../../server/src/core/rules/meta';
import { Lexicon } from '../../server/src/core/rules/lexicon';
import type { Rule } from '../../server/src/core/rules/types';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import type { Token } from '../../server/src/core/nlp/analyse';
import { type Claim, sentenceCategories, sentenceClaims } from '../../server/src/core/claims';
import { actLemma } from '../../server/src/core/claims/claims';
import LEX from '../../server/src/core/claims/lexicon/validation.json';
import { hasExperiments, listNames } from '../shared';
import { describeWhere, firstParagraph, ownMentions, ownSentences, placeOf, quote, quoteAround, type Role } from '../empirical-validation/evidence';

// §6.1 "Specificity": when an intervention on a component changes the target behaviour, unrelated
// behaviours should stay unchanged, measured on standard benchmarks of model capability. Read over the
// claims of the paper's own sentences:
// - the rule applies when a carried-out clause of the paper's own work, by the authors or their method
//   (not a component, a model or cited work), changes the model: an act of steering, editing, unlearning,
//   clamping, targeted fine-tuning or an inference-time change, on the model or a part of it. Ablation,
//   patching and projection change the model only to a purpose ("ablate it to remove the backdoor",
//   "project the direction out"); otherwise they test a component;
// - a side effect is measured when a sentence of its own work is read as 'side-effect' by the
//   linguistic layer, when a table names a side-effect measure, or when a sentence under a heading such
//   as "Side effects" reports a figure (not a control run).

interface Options {
  /** More phrases that name an intervention on the model, by kind, e.g. {"steering": ["ActAdd"]}. */
  extraInterventions: Record<string, string[]>;
  /** More side-effect measures, e.g. ["our in-house capability suite"]. */
  extraSideEffects: string[];
}

interface Found {
  s: SentenceRef;
  /** The clause it rests on. */
  claim?: Claim;
  tokens?: readonly Token[];
  /** For an intervention: the token of its act. */
  act?: Token;
  kind: string;
  /** Offsets in the sentence text. */
  start: number;
  end: number;
}

const OWN_ROLES: readonly Role[] = ['abstract', 'method', 'experiments', 'results', 'appendix', 'other', 'front'];
const FIRST_PERSON_ROLES: readonly Role[] = ['introduction'];

const set = (xs: readonly string[]) => new Set(xs);
const KIND = new Map(Object.entries(LEX.intervention).flatMap(([kind, acts]) => acts.map((a) => [a, kind] as const)));
const ANALYSIS_ONLY = set(LEX.analysisOnly);
const PURPOSE = set(LEX.purpose);
const MODEL_OBJECT = set(LEX.modelObject);
const FINE_TUNE_OBJECT = set(LEX.fineTuneObject);
const LOSSLESS = set(LEX.lossless);
const TOOL_DATA = set(LEX.toolData);
const SIDE_HEADING = set(LEX.sideEffectHeading);
const CONTROL = set(LEX.control);
const INTRODUCE = set(['introduce', 'present', 'propose', 'develop', 'describe']);
/** Who changes the model: the authors, their method, or an unnamed agent ("the latent is clamped"); a component as subject is the mechanism. */
const ACTING: ReadonlySet<Claim['actor']> = new Set(['we', 'system', 'unnamed']);

const carriedOut = (c: Claim | undefined): c is Claim => !!c && (c.source === 'own' || c.source === 'definition') && (c.status === 'done' || c.status === 'measured');
const clauseAt = (claims: readonly Claim[], i: number) => claims.find((c) => c.start <= i && i < c.end);
/** A token in a lexicon by lemma or form; a plural the lemmatiser left alone ("embeddings") by its singular. */
const has = (words: ReadonlySet<string>, t: Token | undefined) => !!t && (words.has(t.lemma) || words.has(t.lower) || (t.lower.endsWith('s') && words.has(t.lower.slice(0, -1))));
/** A model named with its version or size (Llama-3-8B, Qwen2-7B-Instruct). */
const modelName = (t: Token) => /^[A-Z][A-Za-z]+.*\d/.test(t.text);

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
export function interventionAt(text: string, tokens: readonly Token[], claims: readonly Claim[], i: number): string | undefined {
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
  // What it acts on: the model or a part of it, not the training data, the input context or the tool's own activations.
  const { direct, all } = objectOf(tokens, i);
  const head = [...direct].reverse().find((x) => x.pos === 'NOUN' || x.pos === 'PROPN');
  if (has(TOOL_DATA, head) || tokens.slice(clause.start, clause.end).some((x) => has(LOSSLESS, x))) return undefined;
  const ofModel = (xs: readonly Token[]) => xs.some((x) => has(MODEL_OBJECT, x) || modelName(x));
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
  if (ANALYSIS_ONLY.has(t.lemma) || ANALYSIS_ONLY.has(t.lower)) {
    const purpose = tokens.some((x, k) => k > i && x.lower === 'to' && has(PURPOSE, tokens[k + 1]));
    const out = object.some((x) => x.lower === 'out' || x.lower === 'away');
    const removal = ['remove', 'removal', 'subtract'].includes(t.lemma) && !sentenceCategories(text).has('causal-test');
    if (!purpose && !out && !removal) return undefined;
  }
  return kind;
}

const rule: Rule<Options> = {
  meta: {
    id: 'specificity',
    description: 'An intervention on the model is evaluated with no measure of unrelated capabilities',
    checklistStep: 6,
    topic: 'specificity',
    paperSection: '§6.1',
    defaultSeverity: 'warning',
    kinds: EXPERIMENTAL_KINDS,
    scope: 'document',
    fixable: true,
    optionsSchema: optionsSchema({
      extraInterventions: phraseLists('More phrases naming an intervention on the model, by kind.'),
      extraSideEffects: phraseList('More measures of unrelated capabilities (plain phrases or /regex/).'),
    }),
  },
  defaultOptions: { extraInterventions: {}, extraSideEffects: [] },
  check(ctx) {
    const { view } = ctx;
    if (!hasExperiments(view)) {
      ctx.notApplicable('the draft reports no experiments');
      return;
    }
    const scan = { roles: OWN_ROLES, firstPersonRoles: FIRST_PERSON_ROLES, evidence: true };
    const own = ownSentences(view, scan);

    // 1. Does the paper's own work change the model? The clause that does, carried out, by the authors or their method.
    const interventions: Found[] = [];
    for (const s of ownSentences(view, { roles: OWN_ROLES, evidence: true })) {
      const { tokens, claims } = sentenceClaims(s.text);
      for (let i = 0; i < tokens.length; i++) {
        const kind = interventionAt(s.text, tokens, claims, i);
        if (kind) interventions.push({ s, claim: clauseOf(tokens, claims, i), tokens, act: tokens[i], kind, start: tokens[i].start, end: tokens[i].end });
      }
    }
    if (Object.keys(ctx.options.extraInterventions).length > 0) {
      for (const m of ownMentions(view, new Lexicon(ctx.options.extraInterventions), { roles: OWN_ROLES, evidence: true })) {
        const { tokens, claims } = sentenceClaims(m.sentence!.text);
        const claim = claims.find(carriedOut);
        if (claim) interventions.push({ s: m.sentence!, claim, tokens, kind: m.category, start: m.start - m.sentence!.start, end: m.end - m.sentence!.start });
      }
    }
    if (interventions.length === 0) {
      ctx.notApplicable('no clause of the draft\'s own work changes the model (steering, editing, unlearning, clamping, targeted fine-tuning or an inference-time change such as early exit); analysis, routing and detection leave it intact');
      return;
    }

    // 2. Is anything unrelated to the target measured?
    const measures: Found[] = [];
    for (const s of own) {
      const { tokens, claims } = sentenceClaims(s.text);
      const claim = claims.find(carriedOut);
      const categories = sentenceCategories(s.text);
      // A sentence the layer finds no clause in ("On 1,000 unrelated questions, accuracy changes by 0.5 points") still states this work's result.
      if (!claim && (claims.length > 0 || categories.has('cited-background') || categories.has('hypothetical'))) continue;
      const under = sideEffectPart(view, s);
      // A run-in lead alone ("Side effects.") names the check; the figures come in the sentences after it. A control run measures the target.
      const figure = tokens.some((t) => t.pos === 'NUM' || t.text === '%') && !tokens.some((t) => has(CONTROL, t));
      if (categories.has('side-effect') || (under && figure)) measures.push({ s, claim, tokens, kind: under ?? 'side effect', start: 0, end: s.text.length });
    }
    // Tables that name a side-effect measure (an MMLU column), and configured measures anywhere in the paper's own work.
    const lexicon = ctx.options.extraSideEffects.length ? ctx.lexicons.sideEffects.extend({ configured: ctx.options.extraSideEffects }) : ctx.lexicons.sideEffects;
    for (const m of ownMentions(view, lexicon, { ...scan, tables: true })) {
      if (m.sentence && m.category !== 'configured') continue;
      measures.push({ s: m.sentence ?? { block: m.block, start: 0, end: m.block.text.length, text: m.block.text, role: m.role }, kind: m.category, start: m.sentence ? m.start - m.sentence.start : m.start, end: m.sentence ? m.end - m.sentence.start : m.end });
    }
    for (const m of measures.slice(0, 10)) ctx.evidence({ block: m.s.block, start: m.s.start + m.start, end: m.s.start + m.end }, `side-effect measure (${m.kind}): ${describe(m)}`);
    if (measures.length > 0) return;

    const first = interventions[0];
    const kinds = [...new Set(interventions.map((i) => i.kind))];
    const where = describeWhere(view, ['experiments', 'results', 'method', 'appendix', 'other']);
    const target = firstParagraph(view, ['experiments', 'results', 'method', 'other', 'abstract', 'front']);
    ctx.report({
      message: `the draft changes the model (${listNames(kinds)}: ${describe(first)} in ${placeOf(view, first.s)}) but reports no measure of unrelated capabilities (a general benchmark such as MMLU, perplexity or fluency, locality, a task it should leave alone) in ${where}; show that the effect is targeted (§6.1)`,
      at: view.anchor(['experiments', 'results', 'method']),
      related: interventions.slice(0, 3).map((i) => ({ at: { block: i.s.block, start: i.s.start + i.start, end: i.s.start + i.end }, message: `intervention (${i.kind}): ${describe(i)}` })),
      fix: target && {
        title: 'Add a side-effect evaluation (general capability and fluency)',
        edits: [appendToBlock(target, ' To check that the intervention is targeted, we measure [general capability, e.g. MMLU accuracy] and [fluency, e.g. perplexity on WikiText] before and after [intervention].')],
        hasPlaceholders: true,
      },
    });
  },
};

/** A finding's basis for the user to check: the words quoted, with who did what ("…" (we · clamp · done)). */
function describe(f: Found): string {
  const words = f.s.text.slice(f.start, f.end);
  if (!f.claim || !f.tokens) return `"${quote(words || f.s.text, 80)}"`;
  // An intervention is quoted around its act; a measure, as its sentence.
  const text = f.act ? quoteAround(f.s.text, f.start, f.end, 90) : quote(f.s.text, 90);
  return `"${text}" (${f.claim.actor} · ${f.act ? actLemma(f.act) : f.claim.act} · ${f.claim.status})`;
}

/** The heading or run-in lead ("**Side effects.** …") under which a sentence reports a side-effect check, if any. */
function sideEffectPart(view: DocumentView, s: SentenceRef): string | undefined {
  const announces = (title: string) => sentenceClaims(title).tokens.some((t) => has(SIDE_HEADING, t));
  for (let i = s.block.section; i >= 0; i = view.doc.sections[i].parent) if (announces(view.doc.sections[i].title)) return view.doc.sections[i].title;
  const lead = /^\s*([^.:;!?]{3,60})[.:]\s/.exec(s.block.text)?.[1];
  return lead && lead.trim().split(/\s+/).length <= 6 && announces(lead) ? lead.trim() : undefined;
}

export default rule;
