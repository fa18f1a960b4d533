import { appendToBlock } from '../../server/src/core/rules/fixes';
import { EXPERIMENTAL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import type { LexiconMatch } from '../../server/src/core/rules/lexicon';
import type { Rule } from '../../server/src/core/rules/types';
import type { DocumentView } from '../../server/src/core/rules/view';
import { type Claim, sentenceCategories, sentenceClaims } from '../../server/src/core/claims';
import { analyse, type Token } from '../../server/src/core/nlp/analyse';
import { firstMatch, type Pattern } from '../../server/src/core/nlp/patterns';
import { describeWhere, distinctByText, firstParagraph, modelIdentities, ownMentions, ownSentences, placeOf, toolUse, type Mention, type Role, type ScanOptions } from '../empirical-validation/evidence';

// Checklist step 5 and §3.2 ("oversimplified setups"): insights from toy models, synthetic or
// templated data and single next-token setups may not transfer to realistic settings. The rule
// fires when the paper's own setup shows toy signals and no realistic one (a model family or a
// size of 1B+, a named real benchmark, real deployment data). With neither signal it says nothing.
// A signal counts only where the claims layer reads the paper's own setup: a clause of its own work,
// carried out (not hypothetical, proposed, future, negated or quoted), not cited background and not a
// report of others' setups ("we review circuits found in GPT-2 small").

interface Options {
  /** More realistic signals (model names, benchmarks, data sources), e.g. ["Atlas-8B", "our hospital's discharge notes"]. */
  extraRealistic: string[];
  /** More toy signals, e.g. ["our 4-layer transformer"]. */
  extraToy: string[];
}

/** Where a paper describes its own setup. The introduction counts only where it speaks in the first person. */
const SETUP_ROLES: readonly Role[] = ['abstract', 'method', 'experiments', 'results', 'appendix', 'other', 'front'];
const FIRST_PERSON_ROLES: readonly Role[] = ['introduction'];

const rule: Rule<Options> = {
  meta: {
    id: 'toy-only-setup',
    description: 'Only toy models, synthetic or templated data or single next-token setups in the paper\'s own experiments',
    checklistStep: 5,
    topic: 'realistic setting',
    paperSection: '§3.2',
    defaultSeverity: 'warning',
    kinds: EXPERIMENTAL_KINDS,
    scope: 'document',
    fixable: true,
    optionsSchema: optionsSchema({
      extraRealistic: phraseList('More realistic models, benchmarks or data sources (plain phrases or /regex/).'),
      extraToy: phraseList('More toy-setting phrases (plain phrases or /regex/).'),
    }),
  },
  defaultOptions: { extraRealistic: [], extraToy: [] },
  check(ctx) {
    const { view } = ctx;
    const realisticLex = ctx.options.extraRealistic.length ? ctx.lexicons.realisticSignals.extend({ 'configured realistic signals': ctx.options.extraRealistic }) : ctx.lexicons.realisticSignals;
    const toyLex = ctx.options.extraToy.length ? ctx.lexicons.toySignals.extend({ 'configured toy signals': ctx.options.extraToy }) : ctx.lexicons.toySignals;
    const scan = { roles: SETUP_ROLES, firstPersonRoles: FIRST_PERSON_ROLES, tables: true, evidence: true };

    const found = ownMentions(view, realisticLex, { ...scan, drop: (text, m) => !ownSetup(text, m.start) || toolUse(text, m) || simulatedReal(text, m) });
    // Toy signals count in the body and its tables, not in the appendix (a sanity check there is not the setup).
    const toyScan = { ...scan, roles: SETUP_ROLES.filter((r) => r !== 'appendix'), tableRoles: BODY_TABLE_ROLES };
    const single = singleTemplate(view, toyScan);
    const toyDrop = (text: string, m: LexiconMatch) => !ownSetup(text, m.start) || isReadout(text, m) || promptTemplate(text, m);
    const body = [...ownMentions(view, toyLex, { ...toyScan, drop: toyDrop }), ...single];
    // Where the body names no model at all ("a 16-layer transformer language model"), the appendix that
    // gives its size ("247M parameters") describes the same model, not a side experiment.
    const bodyNamesModel = body.some((m) => axisOfToy(m) === 'model') || found.some((m) => REAL_MODEL.has(m.category));
    const appendixModels = bodyNamesModel ? [] : ownMentions(view, toyLex, { ...scan, roles: ['appendix'], tables: false, drop: toyDrop }).filter((m) => axisOfToy(m) === 'model');
    const toy = [...body, ...appendixModels];
    // Entities drawn from a real source and filled into one template ("queries from Wikidata, each rendered as
    // 'In what year was [NAME] born?'") are templated inputs: the source is real, the text the model reads is not.
    // The source then stops counting as real data wherever the draft names it.
    const templated = new Set(single.map((m) => m.block));
    const filledSources = new Set(found.filter((m) => m.category === 'real data sources' && templated.has(m.block)).map((m) => m.text.toLowerCase()));
    const realistic = found.filter((m) => !(m.category === 'real data sources' && filledSources.has(m.text.toLowerCase())));
    for (const r of realistic.slice(0, 10)) ctx.evidence({ block: r.block, start: r.start, end: r.end }, `realistic setting: ${r.text}`);
    if (toy.length === 0) {
      if (realistic.length === 0) ctx.notApplicable('the draft names neither a toy nor a realistic model or dataset in its own setup');
      return;
    }

    // Two axes (§3.2, §9 step 5: "large-scale models and non-synthetic datasets"): a toy signal on an axis
    // with no realistic signal on the same axis is what the rule reports.
    const toyModels = distinctByText(toy.filter((m) => axisOfToy(m) === 'model'));
    const toyData = distinctByText(toy.filter((m) => axisOfToy(m) === 'data'));
    const realModels = realistic.filter((m) => REAL_MODEL.has(m.category) || m.category === 'configured realistic signals');
    const realData = realistic.filter((m) => !REAL_MODEL.has(m.category));
    const modelGap = toyModels.length > 0 && realModels.length === 0;
    const dataGap = toyData.length > 0 && realData.length === 0;
    if (!modelGap && !dataGap) return;

    const where = describeWhere(view, ['abstract', 'method', 'experiments', 'results', 'other']);
    const show = (items: Mention[]) => {
      const shown = items.slice(0, 3).map((m) => `"${m.text}" (${placeOf(view, m)})`).join(', ');
      return items.length > 3 ? `${shown} and ${items.length - 3} more` : shown;
    };
    let message: string;
    let detail: string;
    if (modelGap && (dataGap || toyData.length === 0 && realData.length === 0)) {
      const signals = distinctByText([...toyModels.slice(0, 2), ...toyData.slice(0, 2), ...toyModels.slice(2), ...toyData.slice(2)]);
      message = 'Only toy settings: show that the finding holds on a realistic model and real data';
      detail = `the paper's own setup shows only toy settings — ${show(signals)} — and no realistic model (a family such as Llama or Gemma, or 1B+ parameters) or real, non-synthetic dataset in ${where}; show that the finding holds in a realistic setting (§3.2)`;
    } else if (modelGap) {
      message = 'Only small or toy models: show that the finding holds on a model people deploy';
      detail = `the paper's own setup uses only small or toy models — ${show(toyModels)} — and no model of 1B+ parameters or from a family such as Llama or Gemma in ${where}; the data (${realData[0].text}) is real, but findings on small models may not transfer to the models people deploy (§3.2)`;
    } else {
      const model = realModels.length > 0 ? ` the model (${nameOf(realModels[0])}) is realistic, but` : '';
      message = 'Only synthetic or templated data: show that the finding holds on real data';
      detail = `the paper's own setup uses only synthetic or templated data — ${show(toyData)} — and no named benchmark or real data in ${where};${model} findings on templated or single-token inputs may not transfer to real usage (§3.2)`;
    }
    const reported = [...(modelGap ? toyModels : []), ...(dataGap ? toyData : [])];
    const target = firstParagraph(view, ['experiments', 'results', 'method', 'other', 'abstract', 'front']);
    ctx.report({
      message,
      detail,
      at: view.anchor(['experiments', 'results', 'method']),
      related: reported.slice(0, 5).map((m) => ({ at: { block: m.block, start: m.start, end: m.end }, message: `toy signal (${m.category}): "${m.text}"${claimNote(m)}` })),
      fix: target && {
        title: 'Add an evaluation on a realistic model and real data',
        edits: [appendToBlock(target, ' We also evaluate on [a realistic model, e.g. Llama-3-8B] and [real data, e.g. questions from TriviaQA] (Section [ref]).')],
        hasPlaceholders: true,
      },
    });
  },
};

/** A model mention extended over its full name ("Llama" in "Llama-3-8B" gives "Llama-3-8B"). */
function nameOf(m: Mention): string {
  const id = modelIdentities(m.block.text, [m])[0];
  return id ? m.block.text.slice(id.start, id.end) : m.text;
}

/** Realistic-signal categories that name a model (the others name data). */
const REAL_MODEL = new Set(['large model families', 'model size of 1B or more']);
const BODY_TABLE_ROLES: readonly Role[] = ['abstract', 'method', 'experiments', 'results', 'other', 'front', 'introduction', 'discussion', 'conclusion'];

/** Which axis a toy signal is about: the model (two-layer, GPT-2 small) or the data (synthetic, templated, single-token). */
function axisOfToy(m: Mention): 'model' | 'data' {
  if (m.category === 'tiny architecture' || m.category === 'small model') return 'model';
  if (m.category === 'toy model') return /task|dataset|setting|data/i.test(m.text) ? 'data' : 'model';
  if (m.category === 'configured toy signals') return 'model';
  return 'data';
}

/**
 * Whether the clause holding a mention reports the paper's own setup: the sentence is neither cited
 * background nor a hypothetical ("for an ImageNet model, where labels are noisy, one might…"), and the
 * clause is this work's, carried out, and not a review of others' setups. A verbless sentence (a caption,
 * "Models: GPT-2 small.") has no clause to fail.
 */
function ownSetup(text: string, at: number): boolean {
  const cats = sentenceCategories(text);
  if (cats.has('hypothetical') || cats.has('cited-background')) return false;
  const c = clauseAt(text, at);
  if (!c) return true;
  return (c.source === 'own' || c.source === 'definition') && (c.status === 'done' || c.status === 'measured') && !REVIEW.has(c.act);
}

/** Acts that report others' setups: "we review…", "we survey…", "we summarise…". */
const REVIEW = new Set(['review', 'survey', 'summarise', 'summarize', 'catalogue', 'catalog']);

/** The clause that holds a character offset of a sentence (or the nearest one before it). */
function clauseAt(text: string, at: number): Claim | undefined {
  const { tokens, claims } = sentenceClaims(text);
  const i = tokens.findIndex((t) => t.end > at);
  const k = i < 0 ? tokens.length - 1 : i;
  return claims.find((c) => c.start <= k && k < c.end) ?? [...claims].reverse().find((c) => c.start <= k);
}

/** The clause a signal rests on, for the message: ` — "we train a two-layer transformer…" (we · train · done)`. */
function claimNote(m: Mention): string {
  const text = m.sentence?.text;
  const c = text === undefined ? undefined : clauseAt(text, m.start - m.sentence!.start);
  if (!text || !c) return '';
  const { tokens } = sentenceClaims(text);
  const clause = text.slice(tokens[c.start].start, tokens[c.end - 1].end).replace(/\s+/g, ' ').trim();
  return ` in "${clause.length > 50 ? `${clause.slice(0, 50).replace(/\s+\S*$/, '')}…` : clause}" (${c.actor} · ${c.act} · ${c.status})`;
}

/** Tokens of a sentence around a lexicon match: the `n` before it and the `n` after it. */
function around(text: string, m: { start: number; end: number }, n: number): { before: Token[]; after: Token[] } {
  const { tokens } = analyse(text);
  const first = tokens.findIndex((t) => t.end > m.start);
  const last = tokens.findIndex((t) => t.start >= m.end);
  const from = first < 0 ? tokens.length : first;
  const to = last < 0 ? tokens.length : last;
  return { before: tokens.slice(Math.max(0, from - n), from), after: tokens.slice(to, to + n) };
}
const has = (set: ReadonlySet<string>) => (t: Token) => set.has(t.lemma) || set.has(t.lower);

/** "synthetic patient records", "simulated hospital admissions": real-sounding data that is not real. */
const SIMULATED = new Set(['synthetic', 'simulated', 'simulate', 'fake', 'fabricated', 'artificial', 'generated', 'made-up', 'mock']);
function simulatedReal(text: string, m: LexiconMatch): boolean {
  return around(text, m, 3).before.some(has(SIMULATED));
}

/** "prompt templates", "the chat template", "template prompts": a format for real inputs, not templated data. */
const FORMAT = new Set(['prompt', 'chat', 'instruction', 'system', 'formatting', 'format', 'evaluation', 'answer']);
function promptTemplate(text: string, m: LexiconMatch): boolean {
  if (!/templat/i.test(m.text)) return false;
  const { before, after } = around(text, m, 1);
  return before.some(has(FORMAT)) || after.some((t) => t.lemma === 'prompt' || t.lemma === 'format');
}

/**
 * A quoted prompt with an entity slot: "In what year was [NAME] born?", "The capital of {country} is", "<X> is
 * located in". Slots for a whole real input ("{question}", "[TEXT]") format real data and do not count.
 * (A surface format, not grammar: the slot is written in brackets inside quotation marks.)
 */
const PLACEHOLDER_TEMPLATE = /["“‘'`][^"”’]{0,160}?(?:\[(?!math\])([A-Z][A-Z0-9_ ]{0,24})\]|\{([A-Za-z_][\w ]{0,24})\}|<([A-Z][A-Z0-9_]{0,24})>)/;
const INPUT_SLOT = new Set(['question', 'input', 'text', 'context', 'document', 'prompt', 'passage', 'query', 'answer', 'instruction', 'code', 'review', 'sentence', 'message', 'response', 'output', 'story', 'article', 'post', 'claim', 'email', 'ticket', 'dialogue', 'conversation', 'user', 'system', 'content', 'problem', 'task']);
const TEMPLATE_KIND = ['prompt', 'question', 'query', 'sentence', 'input', 'cloze', 'fill-in-the-blank'];

/** "a single prompt template", "the same template", "one fixed template" (not "one template per relation"). */
export const SINGLE_TEMPLATE: readonly Pattern[] = [
  {
    id: 'one-template',
    tokens: [{ lemma: ['single', 'one', 'fixed', 'same', 'shared'] }, { lemma: ['fixed'], optional: true }, { lemma: TEMPLATE_KIND, optional: true }, { lemma: ['template'] }],
    examples: { match: ['Every query uses a single prompt template.', 'All prompts share the same template.', 'We fill one fixed template with names.'], noMatch: ['We use the chat template of the model.', 'We write twelve templates per relation.'] },
  },
];
/** "one template per relation", "one template for each relation". */
const PER = new Set(['per', 'each', 'every']);
/** Several templates or paraphrases: the inputs vary in form, as natural text does. */
export const MANY_TEMPLATES: readonly Pattern[] = [
  {
    id: 'many-templates',
    tokens: [{ pos: ['NUM'], notLemma: ['one', '1', 'single'] }, { lemma: ['template'], gap: 2 }],
    examples: { match: ['We write 15 templates for each relation.', 'The prompts come from twelve annotator-written templates.'], noMatch: ['We use one template.'] },
  },
  {
    id: 'several-templates',
    tokens: [{ lemma: ['several', 'many', 'multiple', 'various', 'different', 'diverse', 'dozen'] }, { lemma: ['template', 'paraphrase'], gap: 2 }],
    examples: { match: ['We vary the wording over several templates.', 'Prompts use many different templates.'], noMatch: ['We use the same template.'] },
  },
  {
    id: 'paraphrase',
    tokens: [{ lemma: ['paraphrase', 'paraphrasing', 'paraphrased'] }],
    examples: { match: ['Each question is paraphrased three times.', 'We add paraphrases of every prompt.'], noMatch: ['We use the same template.'] },
  },
];

/**
 * Inputs built from one template (§3.2, simplified tasks; step 5, "non-synthetic datasets"): a sentence of the
 * setup that quotes a prompt with an entity slot or says every input uses the same template, in a paragraph that
 * does not speak of several templates or paraphrases.
 */
function singleTemplate(view: DocumentView, scan: Pick<ScanOptions, 'roles' | 'firstPersonRoles' | 'evidence'>): Mention[] {
  const out: Mention[] = [];
  // Paragraphs that say the templates are many: found once, not per sentence of each paragraph.
  const many = new Set(view.sentences.filter((o) => firstMatch(MANY_TEMPLATES, analyse(o.text).tokens) !== undefined).map((o) => o.block));
  for (const s of ownSentences(view, scan)) {
    if (many.has(s.block)) continue;
    const slot = PLACEHOLDER_TEMPLATE.exec(s.text);
    const name = slot && (slot[1] ?? slot[2] ?? slot[3]).trim().toLowerCase().replace(/s$/, '');
    let range: [number, number] | undefined;
    if (slot && name && !INPUT_SLOT.has(name)) range = [slot.index + 1, slot.index + slot[0].length];
    else {
      const { tokens } = analyse(s.text);
      const one = firstMatch(SINGLE_TEMPLATE, tokens);
      // "one template per relation" is one per case, many in all; "the same template for every country" is one.
      const perCase = one && !['same', 'shared'].includes(tokens[one.start].lower) && (PER.has(tokens[one.end]?.lower ?? '') || (tokens[one.end]?.lower === 'for' && PER.has(tokens[one.end + 1]?.lower ?? '')));
      if (one && !perCase) range = [tokens[one.start].start, tokens[one.end - 1].end];
    }
    if (!range || !ownSetup(s.text, range[0])) continue;
    out.push({ block: s.block, start: s.start + range[0], end: s.start + range[1], text: s.text.slice(...range), category: 'synthetic data', role: s.role, sentence: s });
  }
  return out;
}

/** Readouts: a small network on top of a model says nothing of the model's size ("a two-layer MLP probe"). */
const READOUT = new Set(['probe', 'classifier', 'regressor', 'decoder', 'readout', 'head', 'autoencoder', 'sae', 'transcoder', 'crosscoder', 'adapter', 'predictor']);
/** What a depth describes when it describes a model: "one-layer transformer", "two layer attention-only model". */
const MODEL_NOUN = new Set(['transformer', 'model', 'network', 'net', 'mlp', 'lstm', 'rnn', 'cnn', 'perceptron', 'attention-only']);
/** "at two layers", "features from one layer": a place in a model. */
const PLACE = new Set(['at', 'in', 'on', 'from', 'across', 'of', 'between', 'to', 'for']);

function isReadout(text: string, m: LexiconMatch): boolean {
  if (m.category !== 'tiny architecture') return false;
  const { before, after } = around(text, m, 3);
  if (after.some(has(READOUT))) return true;
  // "one layer at a time", "the last two layers": without a hyphen, only "one layer transformer" and the like describe a model.
  if (/\s/.test(m.text) && !after.slice(0, 2).some(has(MODEL_NOUN))) return true;
  // "we steer at two layers", "features from one layer": a place in a model, not the model's depth.
  const last = before.filter((t) => t.lower !== 'the' && t.lower !== 'only').pop();
  return /layers?$/i.test(m.text) && !!last && PLACE.has(last.lower);
}

export default rule;
