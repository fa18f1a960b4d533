import type { Block } from '../../server/src/core/model';
import type { Token } from '../../server/src/core/nlp/analyse';
import { EXPERIMENTAL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import { appendToBlock } from '../../server/src/core/rules/fixes';
import { Lexicon } from '../../server/src/core/rules/lexicon';
import type { Rule } from '../../server/src/core/rules/types';
import type { SentenceRef } from '../../server/src/core/rules/view';
import { type Claim, sentenceCategories, sentenceClaims } from '../../server/src/core/claims';
import { carriedOut, type Dimension, dimensionsOf, singleScopes, spreadAt } from '../../server/src/core/claims/validation';
import { hasExperiments, listNames, quote } from '../shared';
import { describeWhere, distinctModels, firstParagraph, mathPlusMinus, modelIdentities, ownMentions, ownSentences, placeOf, tableBlocks, toolUse, type Role } from '../empirical-validation/evidence';

// §6.1 "Generalization": an insight should hold across seeds, input perturbations, architectures and
// scales. Read over the claims of the paper's own sentences:
// - variation is a sentence of its own work that the linguistic layer reads as 'variation' (results
//   across seeds, models, data or inputs) or that reports a spread (standard deviation, confidence
//   intervals), ± in its tables, or two or more models named in its setup;
// - an admission is a clause of its own work, carried out, that states one of a dimension ("we used a
//   single training seed", "all experiments rely on one translation model").
// It fires when a single seed or run is admitted and nothing varies across seeds, or when nothing
// varies at all (an admitted single model or dataset voids variation in that dimension).

interface Options {
  /** More model names to count when telling whether several models were evaluated (e.g. anonymised names). */
  extraModels: string[];
  /** More phrases that show variation, e.g. ["across 12 languages"]. */
  extraVariation: string[];
}

interface Found {
  s: SentenceRef;
  /** The clause it rests on (absent for tables and math). */
  claim?: Claim;
  tokens?: readonly Token[];
  dims: Dimension[];
  /** Offsets in the sentence (or block) text. */
  start: number;
  end: number;
}

/** Where a paper reports its own setup and results; the introduction counts only in the first person. */
const ROLES: readonly Role[] = ['abstract', 'method', 'experiments', 'results', 'appendix', 'other', 'front'];
const FIRST_PERSON_ROLES: readonly Role[] = ['introduction'];
/** Admissions of one seed, model or dataset also count where authors make them: limitations and discussion. */
const ADMISSION_ROLES: readonly Role[] = [...ROLES, 'limitations', 'discussion'];

const RELATIVE = new Set(['that', 'which', 'who', 'where', 'whose']);

/** Models named by common short names that the realistic lexicon leaves out. */
const OTHER_MODELS = new Lexicon({
  models: ['/\\bGPT-?2(?:[- ](?:small|medium|large|XL))?\\b/', '/\\b(?:BERT|RoBERTa|DeBERTa|DistilBERT|ELECTRA|ALBERT)(?:-(?:base|large|small))?\\b/', '/\\bT5(?:-(?:small|base|large|3B|11B))?\\b/', '/\\bResNet-?\\d+\\b/', '/\\bViT-[A-Z]\\/?\\d*\\b/', '/\\bPythia-?\\d+(?:\\.\\d+)?[MB]\\b/', '/\\bOPT-\\d+(?:\\.\\d+)?[MB]\\b/'],
});

const rule: Rule<Options> = {
  meta: {
    id: 'generalization',
    description: 'One model, one seed, one dataset: no variation across seeds, models, scales or inputs',
    checklistStep: 6,
    topic: 'generalization',
    paperSection: '§6.1',
    defaultSeverity: 'warning',
    kinds: EXPERIMENTAL_KINDS,
    scope: 'document',
    fixable: true,
    optionsSchema: optionsSchema({
      extraModels: phraseList('More model names to count as distinct evaluated models (plain phrases or /regex/).'),
      extraVariation: phraseList('More phrases that show variation across seeds, models, data or inputs.'),
    }),
  },
  defaultOptions: { extraModels: [], extraVariation: [] },
  check(ctx) {
    const { view, doc } = ctx;
    if (!hasExperiments(view)) {
      ctx.notApplicable('the draft reports no experiments');
      return;
    }
    const scan = { roles: ROLES, firstPersonRoles: FIRST_PERSON_ROLES, evidence: true };

    // Variation: a sentence of the paper's own work read as results across a varied set, with the clause it rests on.
    const variation: Found[] = [];
    for (const s of ownSentences(view, scan)) {
      const { tokens, claims } = sentenceClaims(s.text);
      // The clause it rests on: the first carried-out clause of the paper's own, a main clause before a relative one.
      const claim = claims.find((c) => carriedOut(c) && !RELATIVE.has(tokens[c.start].lower)) ?? claims.find(carriedOut);
      const categories = sentenceCategories(s.text);
      // A sentence the layer finds no clause in ("Across five seeds, 0.81 ± 0.02") still states this work's result.
      if (!claim && (claims.length > 0 || categories.has('cited-background') || categories.has('hypothetical'))) continue;
      const span = claim ? { start: tokens[claim.start].start, end: tokens[claim.end - 1].end } : { start: 0, end: s.text.length };
      if (categories.has('variation')) variation.push({ s, claim, tokens, dims: dimensionsOf(tokens), ...span });
      // A spread reported for its own results (standard deviation, confidence intervals, ±) is variation across seeds or resamples.
      // (Not a spread of a component's measure, "attention of the heads … (bars show the standard deviation)": that spreads over the inputs of one task.)
      else if (spreadAt(tokens) >= 0 && !tokens[spreadAt(tokens)].negated && claim?.actor !== 'component') variation.push({ s, claim, tokens, dims: ['seeds'], ...span });
    }
    // Configured phrases ("across 12 languages") in the paper's own sentences and tables.
    if (ctx.options.extraVariation.length) {
      for (const m of ownMentions(view, new Lexicon({ data: ctx.options.extraVariation }), { ...scan, tables: true })) variation.push({ s: m.sentence ?? asSentence(m.block, view.roleOf(m.block)), dims: ['data'], start: m.sentence ? m.start - m.sentence.start : m.start, end: m.sentence ? m.end - m.sentence.start : m.end });
    }
    // ± written in math ("$\pm$") in the paper's tables, captions and results.
    for (const block of new Set([...tableBlocks(view), ...ownSentences(view, scan).map((s) => s.block)])) {
      const at = mathPlusMinus(doc, block);
      if (at >= 0) variation.push({ s: asSentence(block, view.roleOf(block)), dims: ['seeds'], start: at, end: at + 6 });
    }
    // Two or more distinct models named in the paper's own setup, results or tables (not as a judge or annotator).
    const models = namedModels(ctx, scan);
    if (models.length >= 2) variation.push({ s: asSentence(models[1].block, view.roleOf(models[1].block)), dims: ['models'], start: models[1].start, end: models[1].end });

    // Admissions: a carried-out clause of the paper's own work that states one seed, run, model or dataset; "a single run takes 9 GPU-hours" is about cost.
    const admissions: Found[] = [];
    for (const s of ownSentences(view, { roles: ADMISSION_ROLES })) {
      for (const one of singleScopes(s.text)) admissions.push({ s, claim: one.claim, tokens: one.tokens, dims: [one.dim], start: one.start, end: one.end });
    }

    // An admitted single model or dataset outweighs what varies in that dimension elsewhere.
    const admitted = new Set<Dimension>(admissions.flatMap((a) => a.dims).filter((d) => d !== 'seeds'));
    const varied = variation.filter((v) => v.dims.some((d) => !admitted.has(d)));
    for (const v of varied.slice(0, 10)) ctx.evidence({ block: v.s.block, start: v.s.start + v.start, end: v.s.start + v.end }, `varies ${listNames(v.dims)}: ${v.claim ? describe(v) : quote(v.s.text.slice(v.start, v.end) || v.s.text, 60)}`);

    const seedAdmission = admissions.find((a) => a.dims[0] === 'seeds');
    const variesSeeds = varied.some((v) => v.dims.includes('seeds'));
    const where = describeWhere(view, ['experiments', 'results', 'method', 'appendix', 'other']);
    let message: string | undefined;
    let detail: string | undefined;
    let basis: Found | undefined;
    if (seedAdmission && !variesSeeds) {
      basis = seedAdmission;
      const other = [...new Set(varied.flatMap((v) => v.dims))];
      message = 'Results from a single run: repeat with several seeds and report the spread';
      detail = `the draft states ${describe(seedAdmission)} (${placeOf(view, seedAdmission.s)}) and reports no spread across seeds in ${where}${other.length ? ` (it does vary ${listNames(other)})` : ''}; repeat with several seeds and report the spread (§6.1)`;
    } else if (varied.length === 0 && admissions.length > 0) {
      basis = admissions[0];
      message = `Results from ${basis.dims[0] === 'models' ? 'a single model' : basis.dims[0] === 'seeds' ? 'a single run' : 'a single dataset'}: show they hold across seeds, models and data`;
      detail = `the draft states ${describe(basis)} (${placeOf(view, basis.s)}), and ${where} show no other variation (seeds, a second model or dataset, perturbed inputs); show that the result holds across seeds, models or scales, and data (§6.1)`;
    } else if (varied.length === 0) {
      const one = models.length === 1 ? `one model (${models[0].block.text.slice(models[0].start, models[0].end)})` : 'no second model';
      message = 'No variation across seeds, models or data: show that the result holds across them';
      detail = `no variation found in ${where}: no sentence of this work reports results across seeds, models or data, no ± in its tables, ${one}; show that the result holds across seeds, models or scales, and data (§6.1)`;
    }
    if (!message) return;

    const target = firstParagraph(view, ['experiments', 'results', 'method', 'other', 'abstract', 'front']);
    const pm = doc.format === 'latex' ? '$\\pm$' : '±';
    ctx.report({
      message,
      detail,
      at: view.anchor(['experiments', 'results', 'method']),
      related: [basis, ...admissions.filter((a) => a !== basis)].filter((a): a is Found => !!a).slice(0, 3).map((a) => ({ at: { block: a.s.block, start: a.s.start + a.start, end: a.s.start + a.end }, message: `one ${a.dims[0] === 'seeds' ? 'seed or run' : a.dims[0] === 'models' ? 'model' : 'dataset or input source'}: ${describe(a)}` })),
      fix: target && {
        title: 'Add seeds, a second model and held-out data',
        edits: [appendToBlock(target, ` We repeat every experiment with [5] random seeds and report mean ${pm} standard deviation, and we evaluate on [a second model family / scale] and [held-out data].`)],
        hasPlaceholders: true,
      },
    });
  },
};

/** A finding's basis for the user to check: the clause quoted, with who did what ("…" — we · use · done). */
function describe(f: Found): string {
  if (!f.claim || !f.tokens) return `"${quote(f.s.text, 100)}"`;
  const clause = f.s.text.slice(f.tokens[f.claim.start].start, f.tokens[f.claim.end - 1].end);
  return `"${quote(clause, 100)}" (${f.claim.actor} · ${f.claim.act} · ${f.claim.status})`;
}

/** A table cell or a block as a sentence, for evidence that is not prose. */
function asSentence(block: Block, role: Role): SentenceRef {
  return { block, start: 0, end: block.text.length, text: block.text, role };
}

/** Distinct models named in the paper's own carried-out sentences and in its tables: a family or size mention extended over the rest of its name. */
function namedModels(ctx: Parameters<Rule<Options>['check']>[0], scan: { roles: readonly Role[]; firstPersonRoles: readonly Role[]; evidence: boolean }): Array<{ block: Block; start: number; end: number }> {
  const own = (m: { sentence?: SentenceRef }) => !m.sentence || sentenceClaims(m.sentence.text).claims.some(carriedOut);
  const notTool = (text: string, m: { start: number; end: number }) => toolUse(text, m);
  const mentions = [
    ...ownMentions(ctx.view, ctx.lexicons.realisticSignals, { ...scan, tables: true, drop: notTool }).filter((m) => m.category === 'large model families' || m.category === 'model size of 1B or more'),
    ...ownMentions(ctx.view, OTHER_MODELS, { ...scan, tables: true, drop: notTool }),
    ...(ctx.options.extraModels.length ? ownMentions(ctx.view, new Lexicon({ models: ctx.options.extraModels }), { ...scan, tables: true }) : []),
  ].filter(own);
  const byBlock = new Map<Block, Array<{ start: number; end: number }>>();
  for (const m of mentions) byBlock.set(m.block, [...(byBlock.get(m.block) ?? []), { start: m.start, end: m.end }]);
  const names = [...byBlock].flatMap(([block, spans]) => modelIdentities(block.text, spans.sort((a, b) => a.start - b.start)).map((id) => ({ ...id, block })));
  return distinctModels(names.map((n) => n.id)).map((id) => names.find((n) => n.id === id)!);
}

export default rule;
