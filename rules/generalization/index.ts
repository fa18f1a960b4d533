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

const SINGLE_RUN = /\b(?:(?:a single|only one|just one|one)\s+(?:random\s+|training\s+|initiali[sz]ation\s+)?(?:seed|training run|run|trial|(?:data |train(?:ing)?\/test )?split|(?:regression |probe |model )?fit)|single[- ](?:seed|run|split))\b(?!\s+(?:prompts?|examples?|words?|sets?|data|questions?|instructions?|documents?|sentences?|images?|tokens?|concepts?|tasks?)\b)(?!\s+(?:\w+\s+){0,2}(?:takes?|took|costs?|requires?|lasts?|needs?|consumes?|fits)\b)|\bseeds? (?:was|were) not varied\b/i;
/** "a single run takes 9 GPU-hours": a statement about compute, not about seeds. */
const COMPUTE = /\b(?:takes?|took|costs?|requires?|lasts?|needs?|consumes?|runs? (?:for|in))\b[^.;]{0,40}\b(?:hours?|minutes?|seconds?|days?|GPUs?|GPU-hours?|TPUs?|FLOPs?|memory|\$\s?\d)/i;
/**
 * A stated single scope: "one reward model", "a single dataset", "only one prompt source", "we study
 * one model". Group 1 is a model noun, group 2 a data noun. "one SAE per layer", "one of the
 * models", "more than one dataset" are not.
 */
const SCOPE = /(?<!\b(?:than|least|of|than\s+just)\s)\b(?:a\s+single|only\s+(?:one|a\s+single)|just\s+(?:one|a\s+single)|one|single)\s+(?:(?!(?:linear|logistic|regression|surrogate|proxy|probing|probe|single|more|other|such|additional|new|of|per|or|and|to)\b)[\w.-]+\s+)?(?:((?:reward\s+|language\s+|vision\s+|base\s+)?model(?:\s+family|\s+size)?|architecture|LLM|backbone|checkpoint|network|transformer|classifier|encoder)|(dataset|data\s*set|corpus|benchmark|task|domain|language(?!\s+model)|prompt\s+(?:source|set|template|format|distribution|style)|source\s+of\s+(?:[\w-]+\s+)?(?:prompts|data|inputs|texts?|examples|sentences|pairs|questions|images|documents|reviews|transcripts|code)|data\s+source|(?:input|data|test)\s+distribution))s?\b(?!\s*(?:per|for\s+(?:each|every|all)|at\s+a\s+time|of\b|or\s+more|or\s+another|to\s+another))/gi;
/** The verb that makes a single scope the setting of the study: "we use one model", "results come from a single dataset", "limited to one task". */
const SCOPE_VERB = /\b(?:use[sd]?|using|stud(?:y|ies|ied)|cover(?:s|ed)?|consider(?:s|ed)?|involve[sd]?|examine[sd]?|analy[sz]e[sd]?|come\s+from|came\s+from|rel(?:y|ies|ied)\s+on|rest(?:s|ed)?\s+on|draw(?:s|n)?\s+on|(?:is|are|was|were)\s+(?:run|trained|fit|fitted|evaluated|computed|done|conducted|measured|performed|obtained|based)\s+(?:on|with|in|from)|evaluat(?:e|es|ed|ing)\s+(?:on|with)|test(?:s|ed)?\s+(?:on|with)|train(?:s|ed)?\s+on|focus(?:es|ed)?\s+on|experiment(?:s|ed)?\s+(?:on|with)|(?:limited|restricted|confined)\s+to|(?:is|are|was|were)\s+on)\s+(?:only\s+|just\s+)?$/i;
/** Whose setting it is: the paper's own ("we", "our experiments", "all results"), or said in Limitations. */
const STUDY_SCOPE = /\b(?:we|our|us|all|every|entire|only|just|solely|exclusively|this\s+(?:work|paper|study|analysis))\b/i;
type Dimension = 'models' | 'datasets';

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

    // Stated single scopes ("all experiments use one reward model, one prompt source"): weak evidence of
    // variation in that dimension (held-out data, a second model name) does not outweigh the statement;
    // only an explicit count ("three datasets") does.
    const single = new Map<Dimension, { s: (typeof admissions)[number]['s']; start: number; end: number }>();
    for (const s of ownSentences(view, { roles: ADMISSION_ROLES })) {
      const found = [...s.text.matchAll(SCOPE)].filter((m) => !negatedBefore(s.text, m.index ?? 0));
      if (found.length === 0) continue;
      if (s.role !== 'limitations' && s.role !== 'discussion' && !STUDY_SCOPE.test(s.text)) continue;
      // Each mention needs the verb that makes it the study's setting, or follows one in a list ("one reward model, one prompt source").
      let prevEnd = -1;
      for (const m of found) {
        const at = m.index ?? 0;
        const listed = prevEnd >= 0 && /^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)$/i.test(s.text.slice(prevEnd, at));
        const ok = listed || /^(?:only|just)\b/i.test(m[0]) || SCOPE_VERB.test(s.text.slice(Math.max(0, at - 50), at));
        if (!ok) { prevEnd = -1; continue; }
        prevEnd = at + m[0].length;
        const dim: Dimension = m[1] ? 'models' : 'datasets';
        if (!single.has(dim)) single.set(dim, { s, start: s.start + (m.index ?? 0), end: s.start + (m.index ?? 0) + m[0].length });
      }
    }
    if (single.size > 0) {
      const counted = new Set(ownMentions(view, COUNTED, scan).map((m) => `${m.block.base}|${m.start}`));
      const explicit = (v: Mention) => counted.has(`${v.block.base}|${v.start}`) || /^(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|\d+)\s/i.test(v.text);
      for (let i = variation.length - 1; i >= 0; i--) {
        const v = variation[i];
        if (single.has(v.category as Dimension) && !(explicit(v) && !/^\d+ (?:models|benchmarks)$/.test(v.text))) variation.splice(i, 1);
      }
    }

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
    } else if (variation.length === 0 && single.size > 0) {
      const [dim, a] = [...single][0];
      const dims = [...single.keys()].map((d) => (d === 'models' ? 'one model' : 'one dataset or input source'));
      message = `the draft states "${quoteAround(a.s.text, a.start - a.s.start, a.end - a.s.start, 100)}" (${placeOf(view, a.s)}), and ${where} show${/ and |tables?$/.test(where) ? '' : 's'} no other variation (no repeated seeds or spread, no second ${dim === 'models' ? 'model' : 'dataset'}; held-out examples from the same data do not count): every result rests on ${listNames(dims)}; show that the result holds across seeds, models or scales, and data (§6.1)`;
    } else if (variation.length === 0) {
      const only = names.find((n) => n.id === models[0]);
      const one = only ? `one model (${only.block.text.slice(only.start, only.end)})` : 'no second model';
      const data = benchmarks.length === 1 ? `one dataset (${benchmarks[0].text})` : 'no second dataset';
      message = `no variation found in ${where}: no repeated seeds or spread (±, standard deviation), ${one}, ${data}, no held-out, out-of-distribution or perturbed inputs; show that the result holds across seeds, models or scales, and data (§6.1)`;
    }
    if (!message) return;

    const related = [
      ...admissions.slice(0, 2).map((a) => ({ at: { block: a.s.block, start: a.start, end: a.end }, message: `single seed or run: "${quote(a.s.text, 120)}"` })),
      ...[...single.values()].filter((a) => !scopeAdmissions.some((b) => b.s === a.s)).slice(0, 1).map((a) => ({ at: { block: a.s.block, start: a.start, end: a.end }, message: `single scope: "${quote(a.s.text, 120)}"` })),
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
  // "Held-out" data varies the data only when what is held out is a distribution: domains, tasks,
  // languages, prompt styles, scenarios. Held-out pairs, responses or a held-out set drawn from the same
  // data are an ordinary test split.
  if (/^held[- ]?out$/i.test(m.text)) return !HELD_OUT_SHIFT.test(text.slice(m.end, m.end + 60)) || /^[^.;]{0,60}\b(?:from|of)\s+the\s+same\s+(?:distribution|dataset|data|source|corpus|benchmark)\b/i.test(after + text.slice(m.end + 40, m.end + 80));
  if (/^scaling$/i.test(m.text)) return !/^\s+(?:laws?|trends?|behaviou?rs?|analys[ie]s|study|studies|experiments?|curves?)\b/i.test(after) && !/\bmodel\s+$/i.test(text.slice(Math.max(0, m.start - 8), m.start));
  if (/^transfers?$/i.test(m.text)) return !/^\s+(?:to|across|between)\b/i.test(after);
  return false;
}

/** What a held-out set must hold out to vary the data: "held-out domains", "held-out CWE scenarios", "held-out prompt styles". */
const HELD_OUT_SHIFT = /^\s+(?:[\w-]+\s+){0,2}?(?:domains?|datasets?|tasks?|languages?|distributions?|benchmarks?|scenarios?|templates?|styles?|formats?|topics?|categories|classes|concepts?|relations?|entit(?:y|ies)|models?|architectures?|families|attacks?|environments?|games?|users?|sites?|hospitals?|institutions?|subjects?|authors?|genres?|sources?|time\s+periods?|years?|vendors?|codebases?|repositories|projects?)\b/i;

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
