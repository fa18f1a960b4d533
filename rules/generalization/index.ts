import type { Block } from '../../server/src/core/model';
import { EXPERIMENTAL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import { appendToBlock } from '../../server/src/core/rules/fixes';
import { Lexicon, type LexiconMatch } from '../../server/src/core/rules/lexicon';
import type { Rule } from '../../server/src/core/rules/types';
import { hasExperiments, listNames, negatedBefore } from '../shared';
import { describeWhere, distinctModels, firstParagraph, mathPlusMinus, modelIdentities, ownMentions, ownSentences, placeOf, quote, quoteAround, tableBlocks, toolUse, type Mention, type Role } from '../empirical-validation/evidence';

// §6.1 "Generalization": an insight should hold across seeds, input perturbations, architectures and
// scales. The rule fires when the paper's own experiments show no such variation (one model, one
// seed, one dataset), or when they state that every result comes from a single seed or run and
// report no spread across seeds.

interface Options {
  /** More model names to count when telling whether several models were evaluated (e.g. anonymised names). */
  extraModels: string[];
  /** More phrases that show variation, e.g. ["across 12 languages"]. */
  extraVariation: string[];
}

/** Where a paper reports its own setup and results; the introduction counts only in the first person. */
const ROLES: readonly Role[] = ['abstract', 'method', 'experiments', 'results', 'appendix', 'other', 'front'];
const FIRST_PERSON_ROLES: readonly Role[] = ['introduction'];
/** Admissions of a single seed or run also count where authors make them: limitations and discussion. */
const ADMISSION_ROLES: readonly Role[] = [...ROLES, 'limitations', 'discussion'];

const SINGLE_RUN = /\b(?:(?:a single|only one|just one|one)\s+(?:random\s+)?(?:seed|training run|run|trial|(?:data |train(?:ing)?\/test )?split)|single[- ](?:seed|run|split))\b(?!\s+(?:prompts?|examples?|words?|sets?|data|questions?|instructions?|documents?|sentences?|images?|tokens?|concepts?|tasks?)\b)(?!\s+(?:\w+\s+){0,2}(?:takes?|took|costs?|requires?|lasts?|needs?|consumes?|fits)\b)|\bseeds? (?:was|were) not varied\b/i;
/** "a single run takes 9 GPU-hours": a statement about compute, not about seeds. */
const COMPUTE = /\b(?:takes?|took|costs?|requires?|lasts?|needs?|consumes?|runs? (?:for|in))\b[^.;]{0,40}\b(?:hours?|minutes?|seconds?|days?|GPUs?|GPU-hours?|TPUs?|FLOPs?|memory|\$\s?\d)/i;
const SINGLE_SCOPE = /\b(?:a single|only one|just one|one)\s+(?:model(?: family)?|architecture|LLM|language model|dataset|task|benchmark|SAE|sparse autoencoder)\b/i;

/** Counts such as "four open-weight models" or "five QA datasets", with a few words between. */
const COUNTED = new Lexicon({
  models: ['/(?<![\\w.-])(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|\\d+)\\s+(?:[\\w-]+\\s+){0,3}(?:models|LLMs|language models|architectures|model families|model sizes|checkpoints)\\b/'],
  datasets: ['/(?<![\\w.-])(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|\\d+)\\s+(?:[\\w-]+\\s+){0,3}(?:datasets|benchmarks|tasks|domains|languages)\\b/'],
  seeds: ['/(?<![\\w.-])(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|\\d+)\\s+(?:[\\w-]+\\s+){0,2}seeds\\b/', '/\\bmean\\s+\\[math\\]\\s*(?:std|s\\.d\\.|standard)/'],
});

/** Models named by common short names that the realistic lexicon leaves out. */
const OTHER_MODELS = new Lexicon({
  models: ['/\\bGPT-?2(?:[- ](?:small|medium|large|XL))?\\b/', '/\\b(?:BERT|RoBERTa|DeBERTa|DistilBERT|ELECTRA|ALBERT)(?:-(?:base|large|small))?\\b/', '/\\bT5(?:-(?:small|base|large|3B|11B))?\\b/', '/\\bResNet-?\\d+\\b/', '/\\bViT-[A-Z]\\/?\\d*\\b/', '/\\bPythia-?\\d+(?:\\.\\d+)?[MB]\\b/', '/\\bOPT-\\d+(?:\\.\\d+)?[MB]\\b/'],
});

const rule: Rule<Options> = {
  meta: {
    id: 'generalization',
    description: 'One model, one seed, one dataset: no variation across seeds, models, scales or inputs',
    checklistStep: 6,
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
    const scan = { roles: ROLES, firstPersonRoles: FIRST_PERSON_ROLES, tables: true, evidence: true };
    const variationLex = ctx.options.extraVariation.length ? ctx.lexicons.variation.extend({ configured: ctx.options.extraVariation }) : ctx.lexicons.variation;

    // Variation named in words ("five seeds", "held-out domains", "paraphrases", "four models").
    const variation: Mention[] = [
      ...ownMentions(view, variationLex, { ...scan, drop: ambiguous }),
      ...ownMentions(view, COUNTED, scan),
    ];
    // ± written in math ("$\pm$") in tables, captions and results.
    for (const block of new Set([...tableBlocks(view), ...ownSentences(view, scan).map((s) => s.block)])) {
      const at = mathPlusMinus(doc, block);
      if (at >= 0) variation.push({ block, start: at, end: at + 6, text: '±', category: 'seeds', role: view.roleOf(block) });
    }
    // Several distinct models named in the experiments or tables.
    const modelLex = ctx.lexicons.realisticSignals;
    const names: Array<{ id: string; block: Block; start: number; end: number }> = [];
    const extraModels = ctx.options.extraModels.length ? new Lexicon({ models: ctx.options.extraModels }) : undefined;
    const modelBlocks = new Map<Block, Array<{ start: number; end: number }>>();
    const addModel = (m: Mention) => {
      const list = modelBlocks.get(m.block) ?? [];
      list.push({ start: m.start, end: m.end });
      modelBlocks.set(m.block, list);
    };
    const realistic = ownMentions(view, modelLex, scan);
    for (const m of realistic) {
      if ((m.category === 'large model families' || m.category === 'model size of 1B or more') && !toolUse(m.block.text, m)) addModel(m);
    }
    for (const m of ownMentions(view, OTHER_MODELS, { ...scan, drop: (text, x) => toolUse(text, x) })) addModel(m);
    if (extraModels) for (const m of ownMentions(view, extraModels, scan)) addModel(m);
    for (const [block, spans] of modelBlocks) {
      for (const id of modelIdentities(block.text, spans.sort((a, b) => a.start - b.start))) names.push({ ...id, block });
    }
    const models = distinctModels(names.map((n) => n.id));
    if (models.length >= 2) {
      const n = names.find((x) => x.id === models[1])!;
      variation.push({ block: n.block, start: n.start, end: n.end, text: `${models.length} models`, category: 'models', role: view.roleOf(n.block) });
    }
    // Several distinct named benchmarks.
    const benchmarks = distinctNames(realistic.filter((m) => m.category === 'real benchmarks'));
    if (benchmarks.length >= 2) {
      const b = benchmarks[1];
      variation.push({ ...b, text: `${benchmarks.length} benchmarks`, category: 'datasets' });
    }

    // Admissions: "a single seed", "one training run".
    const admissions = ownSentences(view, { roles: ADMISSION_ROLES }).flatMap((s) => {
      const m = SINGLE_RUN.exec(s.text);
      return m && !negatedBefore(s.text, m.index) && !COMPUTE.test(s.text.slice(m.index)) ? [{ s, start: s.start + m.index, end: s.start + m.index + m[0].length }] : [];
    });
    const scopeAdmissions = ownSentences(view, { roles: ADMISSION_ROLES }).flatMap((s) => {
      const m = SINGLE_SCOPE.exec(s.text);
      return m && !negatedBefore(s.text, m.index) ? [{ s, start: s.start + m.index, end: s.start + m.index + m[0].length }] : [];
    });

    const seen = new Set<string>();
    for (const v of variation) {
      const key = `${v.block.file}|${v.block.base}|${v.start}`;
      if (seen.has(key) || seen.size >= 10) continue;
      seen.add(key);
      ctx.evidence({ block: v.block, start: v.start, end: v.end }, `varies ${v.category}: ${v.text}`);
    }
    const seedVariation = variation.some((v) => v.category === 'seeds');
    const where = describeWhere(view, ['experiments', 'results', 'method', 'appendix', 'other']);
    let message: string | undefined;
    if (admissions.length > 0 && !seedVariation) {
      const a = admissions[0];
      const other = [...new Set(variation.map((v) => v.category))];
      const otherText = other.length > 0 ? ` (it does vary ${listNames(other)})` : '';
      message = `the draft states "${quoteAround(a.s.text, a.start - a.s.start, a.end - a.s.start, 100)}" (${placeOf(view, a.s)}) and reports no spread across seeds (several seeds, ±, standard deviation, confidence intervals) in ${where}${otherText}; repeat with several seeds and report the spread (§6.1)`;
    } else if (variation.length === 0) {
      const only = names.find((n) => n.id === models[0]);
      const one = only ? `one model (${only.block.text.slice(only.start, only.end)})` : 'no second model';
      const data = benchmarks.length === 1 ? `one dataset (${benchmarks[0].text})` : 'no second dataset';
      message = `no variation found in ${where}: no repeated seeds or spread (±, standard deviation), ${one}, ${data}, no held-out, out-of-distribution or perturbed inputs; show that the result holds across seeds, models or scales, and data (§6.1)`;
    }
    if (!message) return;

    const related = [
      ...admissions.slice(0, 2).map((a) => ({ at: { block: a.s.block, start: a.start, end: a.end }, message: `single seed or run: "${quote(a.s.text, 120)}"` })),
      ...scopeAdmissions.slice(0, 2).map((a) => ({ at: { block: a.s.block, start: a.start, end: a.end }, message: `single scope: "${quote(a.s.text, 120)}"` })),
    ];
    const target = firstParagraph(view, ['experiments', 'results', 'method', 'other', 'abstract', 'front']);
    const pm = doc.format === 'latex' ? '$\\pm$' : '±';
    ctx.report({
      message,
      at: view.anchor(['experiments', 'results', 'method']),
      related,
      fix: target && {
        title: 'Add seeds, a second model and held-out data',
        edits: [appendToBlock(target, ` We repeat every experiment with [5] random seeds and report mean ${pm} standard deviation, and we evaluate on [a second model family / scale] and [held-out data].`)],
        hasPlaceholders: true,
      },
    });
  },
};

/**
 * Lexicon phrases that often mean something else: "a held-out split" is an ordinary test split,
 * "scaling the steering vector" is not a scale study, "transfer" may be any transfer.
 */
function ambiguous(text: string, m: LexiconMatch): boolean {
  const after = text.slice(m.end, m.end + 40);
  if (/^held[- ]?out$/i.test(m.text)) return /^\s+(?:validation\s+|test\s+|dev(?:elopment)?\s+)?(?:split|set|subset|portion|fold|part)s?\b/i.test(after) || /^\s+(?:validation|test|dev)\b/i.test(after);
  if (/^scaling$/i.test(m.text)) return !/^\s+(?:laws?|trends?|behaviou?rs?|analys[ie]s|study|studies|experiments?|curves?)\b/i.test(after) && !/\bmodel\s+$/i.test(text.slice(Math.max(0, m.start - 8), m.start));
  if (/^transfers?$/i.test(m.text)) return !/^\s+(?:to|across|between)\b/i.test(after);
  return false;
}

function distinctNames<T extends { text: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((m) => {
    const key = m.text.toLowerCase().replace(/[\s-]+/g, '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export default rule;
