import { appendToBlock } from '../../server/src/core/rules/fixes';
import { EXPERIMENTAL_KINDS, optionsSchema, phraseList, phraseLists } from '../../server/src/core/rules/meta';
import { Lexicon } from '../../server/src/core/rules/lexicon';
import type { Rule } from '../../server/src/core/rules/types';
import { hasExperiments, listNames } from '../shared';
import type { DocumentView } from '../../server/src/core/rules/view';
import { describeWhere, firstParagraph, headingMentions, ownMentions, ownSentences, placeOf, quoteAround, type Mention, type Role, type ScanOptions } from '../empirical-validation/evidence';

// §6.1 "Specificity": when an intervention on a component changes the target behaviour, unrelated
// behaviours should stay unchanged, measured on standard benchmarks of model capability. The rule
// applies only when the paper's own work changes the model (steering, editing, unlearning or
// erasure, ablation used as a method, clamping features, fine-tuning selected components, patching
// to fix behaviour, or an inference-time change to the computation such as early exit, layer skipping,
// token pruning or KV-cache eviction, which changes the outputs); routing and detection leave the model as it is. It fires when no measure of
// unrelated capabilities (general benchmarks, perplexity or fluency, locality, performance on a task
// the intervention should leave alone, agreement with the unchanged model's outputs, or measurements
// under a "Side effects" heading) is reported.

interface Options {
  /** More phrases that name an intervention on the model, by kind, e.g. {"steering": ["ActAdd"]}. */
  extraInterventions: Record<string, string[]>;
  /** More side-effect measures, e.g. ["our in-house capability suite"]. */
  extraSideEffects: string[];
}

/** Interventions that change the model, as the paper's own work describes them. */
const INTERVENTIONS: Record<string, string[]> = {
  steering: [
    '/\\bsteer(?:s|ed|ing)?\\b/',
    'activation addition', 'activation steering', 'representation engineering', 'inference-time intervention', 'ActAdd', 'contrastive activation addition',
  ],
  editing: [
    '/\\b(?:model|knowledge|fact(?:ual)?|weight|memory|concept) edit(?:s|ing)?\\b/',
    '/\\bedit(?:s|ed|ing)? (?:the |its |our )?(?:model|weights|facts?|knowledge|associations?|MLPs?|layers?|parameters)\\b/',
    '/\\bedited (?:models?|facts?|weights|networks?)\\b/', 'ROME', 'MEMIT', '/\\brank-(?:one|1) (?:model |weight )?(?:edits?|updates?|projections?|modifications?|changes?|corrections?)\\b/',
    // Weight-space edits: "replace the reward head weight w with (I - uu^T)w", "fold the projection into the weights",
    // "subtract the direction from W_out", "project the direction out of the embedding matrix", "orthogonalize the weights".
    '/\\b(?:replac|overwrit|rewrit|alter|modif)(?:e|es|ed|ing|y|ies|ied|ying)\\s+(?:the\\s+|its\\s+|their\\s+|our\\s+|each\\s+)?(?:[\\w$-]+\\s+){0,3}?(?:weights?|weight\\s+(?:matri(?:x|ces)|vectors?)|parameters|biases|bias\\s+vectors?|(?:embedding|unembedding|output|input|projection|value)\\s+matri(?:x|ces)|W_?\\{?(?:O|out|in|U|E|V|down|up)\\}?)\\b(?!\\s+(?:decay|initiali[sz]ation|sharing|averaging))/',
    '/\\bfold(?:s|ed|ing)?\\s+(?:[\\w$-]+\\s+){0,4}?into\\s+(?:the\\s+|its\\s+)?(?:[\\w-]+\\s+){0,3}?(?:weights?|parameters|biases|(?:reward|classification|output|value|language[- ]modell?ing)\\s+head)\\b/',
    '/\\b(?:subtract|remov|project|eras|delet)(?:s|es|ed|ing|e)?\\s+(?:[\\w$-]+\\s+){0,4}?(?:out\\s+)?(?:from|out\\s+of)\\s+(?:the\\s+|its\\s+|each\\s+|every\\s+|all\\s+)?(?:[\\w-]+\\s+){0,3}?(?:weights?|weight\\s+matri(?:x|ces)|parameters|(?:embedding|unembedding|output|input|projection|value)\\s+matri(?:x|ces)|W_?\\{?(?:O|out|in|U|E|V|down|up)\\}?)\\b/',
    '/\\b(?:modif|alter)(?:y|ies|ied|ying|es|ed|ing)?\\s+(?:the|our|its)\\s+(?:[\\w-]+\\s+){0,2}?(?:model|network|LLM|classifier)\\b(?![\\w-]|\\s+(?:class|type|name|choice|size|families|family|card)|(?:\\x27|’)s\\s+(?:inputs?|prompts?|context|instructions?|system\\s+prompt|decoding|sampling|temperature|tokeni[sz]er))/',
    '/\\b(?:the|our|this|each) (?:neuron |weight |targeted )?edits?\\b(?! distance)/',
    '/\\b(?:scal(?:e|es|ed|ing)|multipl(?:y|ies|ied|ying)|zero(?:es|ed|ing)?|downweight\\w*|dampen\\w*|rescal\\w*)\\s+(?:down\\s+)?(?:the\\s+|their\\s+|its\\s+)?(?:[\\w-]+\\s+){0,3}(?:output|input|MLP|value)\\s+weights\\b/',
  ],
  'unlearning or erasure': [
    '/\\bunlearn\\w*/', 'concept erasure', 'LEACE', 'INLP',
    '/\\beras(?:e|es|ed|ing) (?:the |a |this )?(?:concept|features?|information|attributes?|directions?|knowledge|subspace)\\b/',
    '/\\bremov(?:e|es|ed|ing) (?:the |a |this |that )?(?:[\\w-]+ ){0,2}?(?:backdoors?|concepts?|directions?|knowledge|capabilit(?:y|ies))\\b(?! (?:from|in) (?:the )?(?:data|dataset|training))/',
    '/\\bdebias(?:es|ed|ing)? (?:the )?(?:model|representations|embeddings|activations)\\b/',
  ],
  'ablation as an intervention': [
    '/\\b(?:directional|refusal[- ]direction) ablation\\b/', '/\\bweight orthogonali[sz]ation\\b/',
    '/\\borthogonali[sz](?:e|es|ed|ing)\\s+(?:the\\s+|its\\s+|each\\s+|every\\s+|all\\s+)?(?:[\\w$-]+\\s+){0,3}?(?:weights?|weight\\s+matri(?:x|ces)|parameters|matri(?:x|ces)|W_?\\{?(?:O|out|in|U|E|V|down|up)\\}?)\\b/',
    // Removing a direction from the model's computation: "projecting the hidden state onto the orthogonal complement of u".
    '/\\bproject(?:s|ed|ing)?\\s+(?:[\\w$-]+\\s+){0,5}?onto\\s+(?:the\\s+|its\\s+|their\\s+)?(?:orthogonal\\s+complement|null\\s*-?space)\\b/',
    '/\\bablat(?:e|es|ed|ing) [^.;]{0,50}?\\bto (?:(?:remove|suppress|reduce|mitigate|prevent|eliminate|disable|bypass|induce|restore)\\s+(?:\\w+\\s+){0,2}(?:refusals?|toxic\\w*|bias\\w*|backdoors?|behaviou?rs?|jailbreaks?|harmful\\w*|hallucinations?|sycophan\\w*|capabilit\\w*|knowledge|concepts?|memori[sz]ation|outputs?)|improve|debias|jailbreak)\\b/',
  ],
  'clamping or suppressing features': [
    '/\\bclamp(?:s|ed|ing)? (?:the |this |these |a |each )?(?:[\\w-]+ )?(?:features?|latents?|neurons?|directions?|activations?)\\b/', 'feature clamping',
    '/\\bsuppress(?:es|ed|ing)? (?:the |this |these )?(?:[\\w-]+ )?(?:features?|latents?|neurons?|directions?)\\b/',
    '/\\bamplif(?:y|ies|ied|ying) (?:the |this |these )?(?:[\\w-]+ )?(?:features?|latents?|neurons?|directions?)\\b/',
  ],
  'fine-tuning selected components': [
    '/\\bfine-?tun(?:e|es|ed|ing) (?:only )?(?:the )?(?:identified|selected|localized|localised|located|responsible|relevant|critical|circuit|top-?\\w*) (?:attention )?(?:heads?|neurons?|layers?|components?|parameters|subnetworks?|features?)\\b/',
    'representation fine-tuning', 'ReFT', 'sparse fine-tuning', 'component-targeted fine-tuning', '/\\bcircuit[- ](?:targeted|guided|based) fine-?tuning\\b/',
  ],
  'patching to change behaviour': [
    '/\\bpatch(?:es|ed|ing)? (?:the )?(?:model|weights|behaviou?r)\\b/',
    '/\\bpatch(?:es|ed|ing)? [^.;]{0,40}?\\bto (?:fix|correct|repair|mitigate|prevent)\\b/',
  ],
};

/** The intervention named as something compared against ("we compare with a steering baseline", "it outperforms a reranker and prompt compression"), not as the paper's method. */
function comparedAgainst(text: string, m: { start: number; end: number }): boolean {
  const before = text.slice(Math.max(0, m.start - 100), m.start);
  const after = text.slice(m.end, m.end + 30);
  return /\b(?:compar\w*(?: it)? (?:with|to|against)|versus|vs\.|instead of|rather than|unlike|than|outperform\w*|beat(?:s|ing)?|surpass\w*)\b[^.;]*$/i.test(before)
    || /\bbaselines?\b/i.test(`${before.slice(-25)} ${after}`);
}

/** "we do not measure perplexity": the measure is named but not reported. "without hurting MMLU" is a report. */
function notMeasured(sentence: string, at: number): boolean {
  const before = sentence.slice(Math.max(0, at - 70), at);
  return /\b(?:not|never|no longer|did not|do not|does not|cannot|n't)\s+(?:\w+\s+){0,2}(?:measur|evaluat|report|test|check|assess|examin|track|quantif|consider|include|run)\w*\b[^.;]*$/i.test(before)
    || /\bwithout (?:measur|evaluat|report|test|check|assess)\w*\b[^.;]*$/i.test(before)
    || /\b(?:beyond the scope|out of scope|leave\b[^.]{0,40}\bfuture work)\b/i.test(sentence)
    // "There is no perplexity or benchmark number here"; "there is no perplexity increase" is a report.
    || (/\bthere\s+(?:is|are|was|were)\s+no\s+$/i.test(before) && !/^[\w-]+(?:\s+[\w-]+)?\s+(?:increase|rise|drop|loss|change|degradation|difference|decrease|penalty|cost|hit|shift)/i.test(sentence.slice(at)));
}

/** A projection used to test what the activations hold ("retrain the probe on the projected states to test whether…"), not to change the model. */
const TEST_FRAMING = /\bto\s+(?:test|check|measure|see|verify|assess|examine|determine|probe)\b|\bwhether\b|\b(?:re-?train\w*|fit\w*)\s+(?:a\s+|the\s+|new\s+)?(?:linear\s+)?probes?\b/i;

/**
 * A heading or run-in lead that announces a check of side effects (§6.1: "do unrelated behaviors remain
 * unchanged?"): "Side effects", "Collateral effects", "Off-target effects", "Capabilities preserved",
 * "What else changes?", "Does erasure hurt the model?", "Specificity", "Locality", "Utility cost".
 */
const SIDE_EFFECT_HEADING = /(?<![\w-])(?:side[\s-]effects?|collateral(?:\s+(?:effects?|damage|costs?))?|off[\s-]target(?:\s+effects?)?|unintended\s+(?:effects?|consequences|changes)|specificity|locality|(?:general|unrelated|other|retained|preserved)\s+(?:capabilit(?:y|ies)|behaviou?rs?|tasks?|skills?|performance|utility)|(?:capabilit(?:y|ies)|utility|performance|accuracy|fluency|knowledge)\s+(?:preserv\w*|retention|retained|intact|costs?|trade-?offs?|checks?)|what\s+else\s+(?:changes|breaks|is\s+affected)|(?:does|do|did)\s+(?:it|this|the\s+[\w-]+|[\w-]+)\s+(?:hurt|harm|break|damage|degrade|impair)\b)/i;
/** A measured value in a sentence: "drops by 0.4 points", "50.6%", "0.806". */
const MEASURED = /\d(?:\.\d+)?\s?(?:%|\\%|percent\b|points?\b|pp\b)|(?<![\w.-])\d*\.\d+(?![\w.-])/;
/** The side-effect lexicon's category for agreement with the unchanged model's outputs. */
const AGREEMENT = 'agreement with the unchanged model';
/** A control run of the target measure, not another behaviour: "random directions", "a shuffled-label control". */
const CONTROL = /\b(?:random(?:ly)?|shuffled|placebo|control)\b/i;

/** Whether a sentence sits under a heading, or in a paragraph opened by a run-in lead ("**Side effects.**"), that announces a side-effect check. */
function inSideEffectPart(view: DocumentView, block: { section: number; text: string }): boolean {
  for (let i = block.section; i >= 0; i = view.doc.sections[i].parent) {
    if (SIDE_EFFECT_HEADING.test(view.doc.sections[i].title)) return true;
  }
  const lead = /^\s*([^.:;!?]{3,60})[.:]\s/.exec(block.text);
  return !!lead && lead[1].trim().split(/\s+/).length <= 6 && SIDE_EFFECT_HEADING.test(lead[1]);
}

/** A sentence that is only a heading-like lead ending in a period or colon ("Side effects.", "Collateral effects:"); a table header "Specificity" is a column of scores, not a lead. */
function isLeadIn(sentence: string): boolean {
  const t = sentence.trim();
  return /^[^.:;!?]{3,60}[.:]$/.test(t) && t.split(/\s+/).length <= 6 && SIDE_EFFECT_HEADING.test(t) && !MEASURED.test(t);
}

/**
 * Measurements reported where the draft checks side effects: every sentence of a section or paragraph
 * headed "Side effects", "Collateral effects", "Capabilities preserved"… that reports a measured value
 * ("Occupation classification drops by 0.4 points", "the MTEB average moves by 0.3"). Authors name the
 * unrelated behaviours they check in their own words; the heading says what the numbers are for.
 */
function sideEffectSections(view: DocumentView, scan: Pick<ScanOptions, 'roles' | 'firstPersonRoles' | 'evidence'>): Mention[] {
  const out: Mention[] = [];
  for (const s of ownSentences(view, scan)) {
    if (!MEASURED.test(s.text) || notMeasured(s.text, s.text.length) || CONTROL.test(s.text)) continue;
    if (!inSideEffectPart(view, s.block)) continue;
    const number = MEASURED.exec(s.text)!;
    out.push({ block: s.block, start: s.start + number.index, end: s.start + number.index + number[0].length, text: number[0], category: 'side-effect section', role: s.role, sentence: s });
  }
  return out;
}

/**
 * §6.1 asks what else changes when the computation is changed to a purpose, and an inference-time change
 * (early exit from an intermediate-layer reading, skipping layers, pruning tokens or context, evicting or
 * quantizing parts of the KV cache, keeping chosen parts in higher precision) changes the outputs just as a
 * steering vector does. The phrases are the action lexicon's "inference and deployment" category.
 */
const INFERENCE_CATEGORY = 'inference and deployment';
const INFERENCE_KIND = 'inference-time change to the computation';
/** Serving techniques that leave the outputs exactly as they were: speculative decoding and its draft model, prefix caching, cache offloading or reuse. */
const LOSSLESS = /\b(?:speculative|draft|prefix\s+caching|offload\w*|reuse)\b/i;
/** "we keep the SAE activations in fp16": the precision of the interpretability tool's data, not of the served model. */
const TOOL_DATA = /\b(?:activations?|latents?|features?|SAEs?|autoencoders?|dictionar\w*|probes?|attributions?|gradients?|datasets?|logs?)\b/i;

let interventionsLexicon: { actions: Lexicon; lexicon: Lexicon } | undefined;

/** The rule's interventions plus the action lexicon's inference-time changes (as configured). */
function interventionLexicon(actions: Lexicon): Lexicon {
  if (interventionsLexicon?.actions !== actions) {
    interventionsLexicon = { actions, lexicon: new Lexicon({ ...INTERVENTIONS, [INFERENCE_KIND]: actions.data[INFERENCE_CATEGORY] ?? [] }) };
  }
  return interventionsLexicon.lexicon;
}

/** An inference-time change that does not change the outputs, or that acts on the interpretability tool's own data. */
function notAnInferenceChange(text: string, m: { category: string; text: string }): boolean {
  return m.category === INFERENCE_KIND && (LOSSLESS.test(m.text) || TOOL_DATA.test(m.text));
}

/** Agreement with the unchanged model used as a selection target ("the smallest threshold at which it matches in at least 97%"), not a measured result. */
const AGREEMENT_TARGET = /\b(?:at\s+least|no\s+less\s+than|above|over|more\s+than|exceed\w*)\s+\d|\bthresholds?\b[^.;]{0,60}\b(?:for|at)\s+which\b|\b(?:for|at)\s+which\b[^.;]{0,80}\bthreshold/i;

const OWN_ROLES: readonly Role[] = ['abstract', 'method', 'experiments', 'results', 'appendix', 'other', 'front'];
const FIRST_PERSON_ROLES: readonly Role[] = ['introduction'];
/** Where a paper carries out its intervention; the framing only proposes it. */
const INTERVENTION_ROLES: readonly Role[] = ['abstract', 'method', 'experiments', 'results', 'appendix', 'other', 'front'];
/** "we propose steering", "this lets developers unlearn": a proposal, not an intervention carried out. */
const PROPOSAL = /\b(?:propos\w*|argue\w*|suggest\w*|lets?|enabl\w*|allow\w*|natural targets?|promising|potential(?:ly)?|can be used|in principle)\b/i;

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
    const interventionLex = interventionLexicon(ctx.lexicons.actions).extend(ctx.options.extraInterventions);
    const sideEffects = ctx.options.extraSideEffects.length ? ctx.lexicons.sideEffects.extend({ configured: ctx.options.extraSideEffects }) : ctx.lexicons.sideEffects;

    // 1. Does the paper's own work change the model? Proposals, hedges and comparisons do not count.
    const interventions = [
      ...ownMentions(view, interventionLex, {
        roles: INTERVENTION_ROLES,
        skipHedged: true,
        evidence: true,
        drop: (text, m) => comparedAgainst(text, m) || PROPOSAL.test(text) || (/^project/i.test(m.text) && TEST_FRAMING.test(text)) || notAnInferenceChange(text, m),
      }),
      // A results subsection titled "Steering along the order direction" reports an intervention.
      ...headingMentions(view, interventionLex, ['experiments', 'results', 'appendix', 'other']).filter((m) => !notAnInferenceChange(m.text, m)),
    ];
    if (interventions.length === 0) {
      ctx.notApplicable('the draft\'s own method and experiments do not change the model (no steering, editing, unlearning, clamping, targeted fine-tuning or inference-time change such as early exit or cache eviction); routing and detection leave it intact');
      return;
    }

    // 2. Is anything unrelated to the target measured?
    const scan = { roles: OWN_ROLES, firstPersonRoles: FIRST_PERSON_ROLES, tables: true, negated: notMeasured, evidence: true };
    const measures = [
      // A preserved score counts unless it is a control run of the target ("random directions leave accuracy at 99%").
      // A run-in lead alone ("**Side effects.**") names the check; the measurements are in the sentences after it.
      // Agreement with the unchanged model counts when a rate is reported, not when it is the target a threshold is chosen for.
      ...ownMentions(view, sideEffects, { ...scan, drop: (text, m) => (m.category === 'preserved task performance' && CONTROL.test(text)) || isLeadIn(text) || (m.category === AGREEMENT && (!MEASURED.test(text) || AGREEMENT_TARGET.test(text))) }),
      ...sideEffectSections(view, scan),
    ];
    for (const m of measures.slice(0, 10)) {
      const note = m.category === 'side-effect section' ? `side-effect measure reported under "${sideEffectTitle(view, m.block)}": ${quoteAround(m.sentence!.text, m.start - m.sentence!.start, m.end - m.sentence!.start)}` : `side-effect measure: ${m.text}`;
      ctx.evidence({ block: m.block, start: m.start, end: m.end }, note);
    }
    if (measures.length > 0) return;

    const first = interventions[0];
    const kinds = [...new Set(interventions.map((i) => i.category))];
    const where = describeWhere(view, ['experiments', 'results', 'method', 'appendix', 'other']);
    const target = firstParagraph(view, ['experiments', 'results', 'method', 'other', 'abstract', 'front']);
    ctx.report({
      message: `the draft intervenes on the model (${listNames(kinds)}: "${first.sentence ? quoteAround(first.sentence.text, first.start - first.sentence.start, first.end - first.sentence.start) : first.text}" in ${placeOf(view, first)}) but reports no measure of unrelated capabilities — a general benchmark such as MMLU, perplexity or fluency, locality on unrelated inputs, accuracy on a task it should leave alone — in ${where}; show that the effect is targeted (§6.1)`,
      at: view.anchor(['experiments', 'results', 'method']),
      related: interventions.slice(0, 3).map((i) => ({ at: { block: i.block, start: i.start, end: i.end }, message: `intervention (${i.category}): "${i.text}"` })),
      fix: target && {
        title: 'Add a side-effect evaluation (general capability and fluency)',
        edits: [appendToBlock(target, ' To check that the intervention is targeted, we measure [general capability, e.g. MMLU accuracy] and [fluency, e.g. perplexity on WikiText] before and after [intervention].')],
        hasPlaceholders: true,
      },
    });
  },
};

/** The heading (or run-in lead) that made a block part of a side-effect check, for evidence notes. */
function sideEffectTitle(view: DocumentView, block: { section: number; text: string }): string {
  for (let i = block.section; i >= 0; i = view.doc.sections[i].parent) {
    if (SIDE_EFFECT_HEADING.test(view.doc.sections[i].title)) return view.doc.sections[i].title;
  }
  return /^\s*([^.:;!?]{3,60})[.:]/.exec(block.text)?.[1].trim() ?? 'side effects';
}

export default rule;
