import { appendToBlock } from '../../server/src/core/rules/fixes';
import { EXPERIMENTAL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import type { LexiconMatch } from '../../server/src/core/rules/lexicon';
import type { Rule } from '../../server/src/core/rules/types';
import type { DocumentView } from '../../server/src/core/rules/view';
import { negatedBefore } from '../shared';
import { describeWhere, distinctByText, firstParagraph, modelIdentities, ownMentions, ownSentences, placeOf, toolUse, type Mention, type Role, type ScanOptions } from '../empirical-validation/evidence';

// Checklist step 5 and §3.2 ("oversimplified setups"): insights from toy models, synthetic or
// templated data and single next-token setups may not transfer to realistic settings. The rule
// fires when the paper's own setup shows toy signals and no realistic one (a model family or a
// size of 1B+, a named real benchmark, real deployment data). With neither signal it says nothing.

interface Options {
  /** More realistic signals (model names, benchmarks, data sources), e.g. ["Atlas-8B", "our hospital's discharge notes"]. */
  extraRealistic: string[];
  /** More toy signals, e.g. ["our 4-layer transformer"]. */
  extraToy: string[];
}

/** Where a paper describes its own setup. The introduction counts only where it speaks in the first person. */
const SETUP_ROLES: readonly Role[] = ['abstract', 'method', 'experiments', 'results', 'appendix', 'other', 'front'];
const FIRST_PERSON_ROLES: readonly Role[] = ['introduction'];

/** "a two-layer MLP probe", "a single-layer SAE": a small readout on top of a model says nothing of the model's size. */
const READOUT_AFTER = /^[\s-]*(?:[\w-]+\s+){0,2}(?:probes?|classifiers?|regressors?|decoders?|readouts?|heads?|autoencoders?|SAEs?|transcoders?|crosscoders?|adapters?|predictors?)\b/i;

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

    const found = ownMentions(view, realisticLex, { ...scan, drop: (text, m) => toolUse(text, m) || simulatedReal(text, m) });
    // Toy signals count in the body and its tables, not in the appendix (a sanity check there is not the setup).
    const toyScan = { ...scan, roles: SETUP_ROLES.filter((r) => r !== 'appendix'), tableRoles: BODY_TABLE_ROLES };
    const single = singleTemplate(view, toyScan);
    const toy = [...ownMentions(view, toyLex, { ...toyScan, drop: (text, m) => isReadout(text, m) || promptTemplate(text, m) }), ...single];
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
    if (modelGap && (dataGap || toyData.length === 0 && realData.length === 0)) {
      const signals = distinctByText([...toyModels.slice(0, 2), ...toyData.slice(0, 2), ...toyModels.slice(2), ...toyData.slice(2)]);
      message = `the paper's own setup shows only toy settings — ${show(signals)} — and no realistic model (a family such as Llama or Gemma, or 1B+ parameters) or real, non-synthetic dataset in ${where}; show that the finding holds in a realistic setting (§3.2)`;
    } else if (modelGap) {
      message = `the paper's own setup uses only small or toy models — ${show(toyModels)} — and no model of 1B+ parameters or from a family such as Llama or Gemma in ${where}; the data (${realData[0].text}) is real, but findings on small models may not transfer to the models people deploy (§3.2)`;
    } else {
      const model = realModels.length > 0 ? ` the model (${nameOf(realModels[0])}) is realistic, but` : '';
      message = `the paper's own setup uses only synthetic or templated data — ${show(toyData)} — and no named benchmark or real data in ${where};${model} findings on templated or single-token inputs may not transfer to real usage (§3.2)`;
    }
    const reported = [...(modelGap ? toyModels : []), ...(dataGap ? toyData : [])];
    const target = firstParagraph(view, ['experiments', 'results', 'method', 'other', 'abstract', 'front']);
    ctx.report({
      message,
      at: view.anchor(['experiments', 'results', 'method']),
      related: reported.slice(0, 5).map((m) => ({ at: { block: m.block, start: m.start, end: m.end }, message: `toy signal (${m.category}): "${m.text}"` })),
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

/** "synthetic patient records", "simulated hospital admissions": real-sounding data that is not real. */
function simulatedReal(text: string, m: LexiconMatch): boolean {
  return /\b(?:synthetic|simulated|fake|fabricated|artificial|procedurally generated|made-up|mock)\s+(?:[\w-]+\s+){0,2}$/i.test(text.slice(Math.max(0, m.start - 40), m.start));
}

/** "prompt templates", "the chat template": a format for real inputs, not templated data. */
function promptTemplate(text: string, m: LexiconMatch): boolean {
  if (!/templat/i.test(m.text)) return false;
  return /\b(?:prompt|chat|instruction|system|formatting|format|evaluation|answer)\s*$/i.test(text.slice(Math.max(0, m.start - 14), m.start)) || /^\s+(?:prompts?|format)\b/i.test(text.slice(m.end));
}

/**
 * A quoted prompt with an entity slot: "In what year was [NAME] born?", "The capital of {country} is", "<X> is
 * located in". Slots for a whole real input ("{question}", "[TEXT]") format real data and do not count.
 */
const PLACEHOLDER_TEMPLATE = /["“‘'`][^"”’]{0,160}?(?:\[(?!math\])([A-Z][A-Z0-9_ ]{0,24})\]|\{([A-Za-z_][\w ]{0,24})\}|<([A-Z][A-Z0-9_]{0,24})>)/;
const INPUT_SLOT = /^(?:question|input|text|context|document|prompt|passage|query|answer|instruction|code|review|sentence|message|response|output|story|article|post|claim|email|ticket|dialogue|conversation|user|system|content|problem|task)s?$/i;
/** "a single prompt template", "the same template", "one fixed template" (not a chat or formatting template, not "one template per relation"). */
const TEMPLATE_KIND = '(?:(?:prompt|question|query|sentence|input|cloze|fill-in(?:-the-blank)?)\\s+)?templates?\\b';
const SINGLE_TEMPLATE = new RegExp(`\\b(?:(?:a single|one|only one|a fixed|one fixed)\\s+${TEMPLATE_KIND}(?!\\s+(?:per|for each|for every)\\b)|(?:the same|a shared)\\s+${TEMPLATE_KIND})`, 'i');
/** Several templates or paraphrases: the inputs vary in form, as natural text does. */
const MANY_TEMPLATES = /\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozens? of|several|many|multiple|various|different|diverse)\s+(?:[\w-]+\s+){0,2}templates\b|\bparaphras\w*/i;

/**
 * Inputs built from one template (§3.2, simplified tasks; step 5, "non-synthetic datasets"): a sentence of the
 * setup that quotes a prompt with an entity slot or says every input uses the same template, in a paragraph that
 * does not speak of several templates or paraphrases.
 */
function singleTemplate(view: DocumentView, scan: Pick<ScanOptions, 'roles' | 'firstPersonRoles' | 'evidence'>): Mention[] {
  const out: Mention[] = [];
  for (const s of ownSentences(view, scan)) {
    if (MANY_TEMPLATES.test(s.block.text)) continue;
    const slot = PLACEHOLDER_TEMPLATE.exec(s.text);
    const name = slot && (slot[1] ?? slot[2] ?? slot[3]).trim();
    const phrase = SINGLE_TEMPLATE.exec(s.text);
    const m = slot && name && !INPUT_SLOT.test(name) ? slot : phrase && !/\b(?:chat|system|instruction|formatting|format)\s*$/i.test(s.text.slice(0, phrase.index)) ? phrase : undefined;
    if (!m || negatedBefore(s.text, m.index)) continue;
    const start = m === slot ? m.index + 1 : m.index;
    const end = m.index + m[0].length;
    out.push({ block: s.block, start: s.start + start, end: s.start + end, text: s.text.slice(start, end), category: 'synthetic data', role: s.role, sentence: s });
  }
  return out;
}

function isReadout(text: string, m: LexiconMatch): boolean {
  if (m.category !== 'tiny architecture') return false;
  if (READOUT_AFTER.test(text.slice(m.end))) return true;
  // "one layer at a time", "the last two layers": without a hyphen, only "one layer transformer" and the like describe a model.
  if (/\s/.test(m.text) && !/^\s*(?:attention-only\s+)?(?:transformers?|models?|networks?|nets?|MLPs?|LSTMs?|RNNs?|CNNs?|perceptrons?|language models?)\b/i.test(text.slice(m.end))) return true;
  // "we steer at two layers", "features from one layer": a place in a model, not the model's depth.
  return /layers?$/i.test(m.text) && /\b(?:at|in|on|from|across|of|between|to|for)\s+(?:the\s+|only\s+)?$/i.test(text.slice(Math.max(0, m.start - 16), m.start));
}

export default rule;
