import { appendToBlock } from '../../server/src/core/rules/fixes';
import { EXPERIMENTAL_KINDS, optionsSchema, phraseList, phraseLists } from '../../server/src/core/rules/meta';
import { Lexicon } from '../../server/src/core/rules/lexicon';
import type { Rule } from '../../server/src/core/rules/types';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import type { Token } from '../../server/src/core/nlp/analyse';
import { type Claim, sentenceCategories, sentenceClaims } from '../../server/src/core/claims';
import { actLemma } from '../../server/src/core/claims/claims';
import LEX from '../../server/src/core/claims/lexicon/validation.json';
import { carriedOut, interventions as interventionsIn } from '../../server/src/core/claims/validation';
import { comparatorNames, paperActions, subjectNames } from '../../server/src/core/claims/paper-actions';
import { hasExperiments, listNames, quote } from '../shared';
import { describeWhere, firstParagraph, ownMentions, ownSentences, placeOf, quoteAround, type Role } from '../empirical-validation/evidence';

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
const SIDE_HEADING = set(LEX.sideEffectHeading);
const CONTROL = set(LEX.control);
/** Categories of the paper's actions that change the model itself. */
const CHANGES_MODEL = set(['editing', 'steering', 'unlearning']);
const has = (words: ReadonlySet<string>, t: Token) => words.has(t.lemma) || words.has(t.lower);

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
    const comparators = comparatorNames(view);
    for (const s of ownSentences(view, { roles: OWN_ROLES, evidence: true })) {
      // What a method this paper compares with does ("HISP … prunes all the heads but the top k") is the baseline's, not this work's.
      for (const i of interventionsIn(s.text)) if (!subjectNames(i.tokens, i.claim).some((n) => comparators.has(n))) interventions.push({ s, claim: i.claim, tokens: i.tokens, act: i.act, kind: i.kind, start: i.act.start, end: i.act.end });
    }
    if (Object.keys(ctx.options.extraInterventions).length > 0) {
      for (const m of ownMentions(view, new Lexicon(ctx.options.extraInterventions), { roles: OWN_ROLES, evidence: true })) {
        const { tokens, claims } = sentenceClaims(m.sentence!.text);
        const claim = claims.find(carriedOut);
        if (claim) interventions.push({ s: m.sentence!, claim, tokens, kind: m.category, start: m.start - m.sentence!.start, end: m.end - m.sentence!.start });
      }
    }
    // The named system this paper builds to edit, steer or unlearn, reported with a measured outcome
    // ("AlphaEdit achieves superior performance…"): the paper's own actions, the fact concrete-action reads.
    if (interventions.length === 0) {
      for (const a of paperActions(view).carried) {
        const named = a.claim.actor === 'system' && /^[A-Z][A-Za-z0-9]*[A-Z]/.test(a.sentence.text.slice(a.start, a.end));
        if (!CHANGES_MODEL.has(a.category) || !named) continue;
        const { tokens } = sentenceClaims(a.sentence.text);
        interventions.push({ s: a.sentence, claim: a.claim, tokens, kind: a.category, start: a.start, end: a.end });
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
      message: 'No measure of side effects of the intervention: report general capability, e.g. MMLU',
      detail: `the draft changes the model (${listNames(kinds)}: ${describe(first)} in ${placeOf(view, first.s)}) but reports no measure of unrelated capabilities (a general benchmark such as MMLU, perplexity or fluency, locality, a task it should leave alone) in ${where}; show that the effect is targeted (§6.1)`,
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
