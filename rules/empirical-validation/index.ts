import type { Block, PaperDocument } from '../../server/src/core/model';
import { EXPERIMENTAL_KINDS, optionsSchema, phraseLists } from '../../server/src/core/rules/meta';
import { insertAfterBlock } from '../../server/src/core/rules/fixes';
import type { LexiconMatch } from '../../server/src/core/rules/lexicon';
import type { Rule } from '../../server/src/core/rules/types';
import type { DocumentView } from '../../server/src/core/rules/view';
import { EXPERIMENT_ROLES, FRAMING_ROLES, isFutureOrHypothetical, lastBodyParagraph, listNames, negatedBefore } from '../shared';
import { describeWhere, inPlanSection, ownSentences, PLAN_HEADING, placeOf, quoteAround, tableBlocks, type Role } from './evidence';

// Checklist step 4 and §2.1 (validation): "where possible, implement the proposed action yourself
// and demonstrate its effects". The rule finds the actions the paper's own framing says its insight
// enables (abstract, introduction, discussion, conclusion), then looks in its own experiments for
// one of them being carried out with a measured outcome. No proposed action → not applicable
// (concrete-action reports that).

interface Options {
  /** More action phrases by category, e.g. {"routing": ["gate retrieval"]}. */
  extraActions: Record<string, string[]>;
}

/**
 * Families of actions (after §5): a measured action of the same family validates a proposal. Routing
 * and deferral are kept apart from detection: predicting errors is not yet routing on them.
 */
const FAMILY: Record<string, string> = {
  steering: 'modify outputs',
  editing: 'modify outputs',
  'unlearning and erasure': 'modify outputs',
  'input selection': 'modify outputs',
  'data curation': 'training and design',
  'training decisions': 'training and design',
  architecture: 'training and design',
  routing: 'routing and deferral',
  'trust or override': 'routing and deferral',
  'audits and compliance': 'monitoring',
  'detection and flagging': 'monitoring',
};

/** Inflected forms of action verbs as experiments report them ("routed", "steering", "edited"). */
const PERFORMED: Array<[string, RegExp]> = [
  ['routing', /\b(?:rout(?:e|es|ed|ing|er|ers)|escalat\w+|defer(?:s|red|ring|ral)|abstain\w*|abstention|cascad\w+|gat(?:e|es|ed|ing) (?:retrieval|queries|inputs|requests|generation)|flag(?:s|ged|ging)? [^.;]{0,30}\bfor (?:human |manual )?review)\b/i],
  ['steering', /\b(?:steer(?:s|ed|ing)?|clamp(?:s|ed|ing)?|activation addition|suppress(?:es|ed|ing)? (?:the )?(?:feature|latent|direction|neuron)s?)\b/i],
  ['editing', /\b(?:edit(?:s|ed|ing)? (?:the )?(?:model|weights|facts?|knowledge)|(?:model|knowledge|weight) editing|edited (?:model|facts?))\b/i],
  ['unlearning and erasure', /\b(?:unlearn\w*|eras(?:e|es|ed|ing|ure)|remov(?:e|es|ed|ing) (?:the )?(?:backdoor|concept|feature|direction|behaviou?r)s?)\b/i],
  ['data curation', /\b(?:filter(?:s|ed|ing)? (?:out )?(?:the )?(?:training )?(?:data|examples|samples|documents)|curat(?:e|es|ed|ing|ion)|relabel\w*|reweight\w*|remov(?:e|es|ed|ing) (?:the )?(?:flagged |mislabel\w* )?(?:training )?(?:examples|samples|documents))\b/i],
  ['training decisions', /\b(?:retrain\w*|early[- ]stopping|regulari[sz](?:e|es|ed|ing|ation)|checkpoint selection|(?:selected|chosen) checkpoints?)\b/i],
  ['architecture', /\b(?:prun(?:e|es|ed|ing)|compress(?:es|ed|ing|ion)|distill\w*)\b/i],
  ['detection and flagging', /\b(?:flag(?:s|ged|ging)|detect(?:s|ed|ing|ion|or)|predict(?:s|ed|ing)? (?:errors|failures|hallucinations)|monitor(?:s|ed|ing))\b/i],
  ['trust or override', /\b(?:overrid(?:e|es|ing)|overrode|reliance|trust(?:ed)?|accept(?:ed)? or reject(?:ed)?)\b/i],
  ['audits and compliance', /\b(?:audit(?:s|ed|ing|or|ors)?|monitor(?:s|ed|ing))\b/i],
  ['input selection', /\b(?:select(?:s|ed|ing)? (?:the )?(?:demonstrations|examples|prompts|inputs)|demonstration selection)\b/i],
];

/** A measured outcome: a number with a unit, a decimal, a metric or a change, or a pointer to a table. */
const MEASURE = /\d+(?:\.\d+)?\s?(?:%|percent|points?|pp\b|×)|\b\d+\.\d+\b|\b(?:accuracy|auroc|auc|f1|precision|recall|success rate|error rate|win rate|refusal rate|perplexity|exact match|bleu|rouge|latency|cost|savings?|improv(?:e|es|ed|ing|ement)|reduc(?:e|es|ed|ing|tion)|increas(?:e|es|ed|ing)|decreas(?:e|es|ed|ing)|outperform\w*|drops?|dropped|recover(?:s|ed)?|halv\w+|doubl\w+|cuts?)\b|\[ref:(?:tab|table)[^\]]*\]|\btable\s+(?:\d|\[)/i;

/** A sentence that presents an action as something the work enables, proposes or recommends. */
const ENABLING = /\b(?:enabl\w*|allow\w*|lets?|can|could|may|might|would|should|help\w*|so that|in order to|inform\w*|guid\w*|support\w*|suggest\w*|propos\w*|argue\w*|recommend\w*|advocat\w*|tool|practical|actionable|decid\w*|decision\w*|useful|us(?:e|es|ed|ing)\b[^.]{0,60}\bto)\b/i;

/**
 * Action words used in another sense: information "routed" through heads, mixture-of-experts
 * routing, a model's "reliance" on a feature, the training objective or pruning of the paper's own
 * SAE or probe.
 */
function otherSense(sentence: string, m: LexiconMatch): boolean {
  const after = sentence.slice(m.end, m.end + 40);
  const before = sentence.slice(Math.max(0, m.start - 30), m.start);
  if (m.category === 'routing') {
    if (/^\s+(?:\w+\s+){0,2}(?:information|signals?|attention|activations?|gradients?|messages?|mass|through|via|between (?:heads|layers))\b/i.test(after)) return true;
    if (/\binformation\s+(?:is\s+|gets\s+)?$/i.test(before) || /\b(?:experts?|MoE|mixture[- ]of[- ]experts|tokens? (?:to|among))\b/i.test(sentence)) return true;
  }
  // "steering interventions to test whether the model uses it": a causal test, not an action.
  if (/\bto (?:test|verify|check|validate|confirm|establish|probe) (?:whether|that|if|its|the (?:causal|role))\b|\bcausal (?:tests?|checks?|evidence|role|interventions?)\b/i.test(sentence)) return true;
  if (m.category === 'trust or override' && /^reliance$/i.test(m.text)) return !/\b(?:users?|humans?|people|clinicians?|practitioners?|participants?|over-?|appropriate|calibrated|inappropriate)\W+(?:\w+\W+)?$/i.test(before);
  if (m.category === 'training decisions' || m.category === 'architecture') return /\b(?:SAEs?|autoencoders?|probes?|transcoders?|crosscoders?|dictionar(?:y|ies)|our (?:method|approach|probe|model))\b/i.test(sentence);
  return false;
}

/** Wording of each category that the lexicon recognises again once the scaffold is inserted. */
const NOUN: Record<string, string> = {
  'data curation': 'data curation',
  'input selection': 'input selection',
  'training decisions': 'training decisions',
  editing: 'model editing',
  steering: 'steering',
  'unlearning and erasure': 'unlearning',
  routing: 'routing',
  'trust or override': 'decision rule for when to override the model',
  'audits and compliance': 'audit',
  architecture: 'architectural change',
  'detection and flagging': 'error detection',
};

/** How each category reads in a message. */
const READS: Record<string, string> = {
  'trust or override': 'deciding when to override the model',
  'unlearning and erasure': 'unlearning or erasure',
  editing: 'model editing',
  'training decisions': 'a training change',
  architecture: 'an architectural change',
  'audits and compliance': 'audits or monitoring',
  'detection and flagging': 'error detection',
};

interface Proposal {
  block: Block;
  start: number;
  end: number;
  text: string;
  category: string;
  sentence: string;
  /** Offsets of the match in `sentence`. */
  at: [number, number];
}

const rule: Rule<Options> = {
  meta: {
    id: 'empirical-validation',
    description: 'Actions are proposed but none is carried out and measured in the paper\'s own experiments',
    checklistStep: 4,
    topic: 'validation',
    paperSection: '§2.1',
    defaultSeverity: 'warning',
    kinds: EXPERIMENTAL_KINDS,
    scope: 'document',
    fixable: true,
    optionsSchema: optionsSchema({
      extraActions: phraseLists('More action phrases by category (e.g. {"routing": ["gate retrieval"]}); they count both as proposals and as actions carried out.'),
    }),
  },
  defaultOptions: { extraActions: {} },
  check(ctx) {
    const { view } = ctx;
    const actions = ctx.lexicons.actions.extend(ctx.options.extraActions);

    // 1. What the paper's own framing proposes.
    const proposals: Proposal[] = [];
    for (const s of ownSentences(view, { roles: FRAMING_ROLES })) {
      if (!ENABLING.test(s.text)) continue;
      for (const m of actions.find(s.text)) {
        if (negatedBefore(s.text, m.start) || otherSense(s.text, m)) continue;
        proposals.push({ block: s.block, start: s.start + m.start, end: s.start + m.end, text: m.text, category: m.category, sentence: s.text, at: [m.start, m.end] });
      }
    }
    if (proposals.length === 0) {
      ctx.notApplicable('the abstract, introduction, discussion and conclusion propose no action (concrete-action reports that)');
      return;
    }
    const proposedFamilies = new Set(proposals.map((p) => family(p.category)));

    // 2. What the paper's own experiments carry out and measure.
    const hasExperimentSections = view.doc.sections.some((s) => s.role === 'experiments' || s.role === 'results');
    const roles: readonly Role[] = hasExperimentSections ? [...EXPERIMENT_ROLES, 'other'] : ['other', 'method', 'appendix', 'discussion', 'limitations'];
    const measuredOther: string[] = [];
    let validated = false;
    const seen = new Set<string>();
    const evidence = (block: Block, start: number, end: number, note: string) => {
      const key = `${block.file}|${block.base}|${start}`;
      if (seen.has(key)) return;
      seen.add(key);
      ctx.evidence({ block, start, end }, note);
    };
    const headingActions = new Map<number, ReturnType<typeof performedActions>>();
    const measuredSections = new Set<number>();
    const performedUnmeasured: Array<{ top: number; block: Block; start: number; end: number; category: string }> = [];
    for (const s of ownSentences(view, { roles, evidence: true })) {
      // The action may be named in the sentence, or in the heading of its (sub)section ("Steering along the direction").
      const heading = s.block.section >= 0 ? view.doc.sections[s.block.section].heading : undefined;
      let fromHeading = headingActions.get(s.block.section);
      if (!fromHeading) {
        fromHeading = heading && !isPlanTitle(view.doc.sections[s.block.section].title) ? performedActions(heading.text, actions.find(heading.text)) : [];
        headingActions.set(s.block.section, fromHeading);
      }
      if (fromHeading.length > 0 && MEASURE.test(s.text)) {
        for (const p of fromHeading) {
          if (proposedFamilies.has(family(p.category))) {
            validated = true;
            evidence(s.block, s.start, s.end, `carries out ${p.category} (section "${heading!.text}") and measures it`);
          }
        }
      }
      const top = topSection(view, s.block.section);
      if (MEASURE.test(s.text)) measuredSections.add(top);
      const performed = performedActions(s.text, actions.find(s.text));
      if (performed.length === 0) continue;
      if (!MEASURE.test(s.text) && !(s.block.kind === 'paragraph' && MEASURE.test(s.block.text))) {
        // "We steer a 7B model …" in a setup paragraph, measured later in the same section.
        for (const p of performed) if (proposedFamilies.has(family(p.category))) performedUnmeasured.push({ top, block: s.block, start: s.start + p.start, end: s.start + p.end, category: p.category });
        continue;
      }
      for (const p of performed) {
        if (proposedFamilies.has(family(p.category))) {
          validated = true;
          evidence(s.block, s.start + p.start, s.start + p.end, `carries out ${p.category} and measures it`);
        } else measuredOther.push(p.category);
      }
    }
    // A table whose caption or cells name the action and whose cells hold numbers.
    for (const table of view.tables) {
      if (!roles.includes(table.role) || (table.cells[0] && inPlanSection(view, table.cells[0]))) continue;
      const numeric = table.cells.some((c) => /\d/.test(c.text));
      if (!numeric) continue;
      if (table.cells[0]) measuredSections.add(topSection(view, table.cells[0].section));
      for (const block of [...table.cells, ...(table.caption ? [table.caption] : [])]) {
        for (const p of performedActions(block.text, actions.find(block.text))) {
          if (block.kind === 'caption' && negatedBefore(block.text, p.start)) continue;
          if (proposedFamilies.has(family(p.category))) {
            validated = true;
            evidence(block, p.start, p.end, `a table measures ${p.category}`);
          } else measuredOther.push(p.category);
        }
      }
    }
    // Captions of tables the reader did not pair up still describe a measurement.
    for (const block of tableBlocks(view, roles)) {
      if (block.kind !== 'caption' || !MEASURE.test(block.text)) continue;
      for (const p of performedActions(block.text, actions.find(block.text))) {
        if (negatedBefore(block.text, p.start) || isFutureOrHypothetical(block.text)) continue;
        if (proposedFamilies.has(family(p.category))) {
          validated = true;
          evidence(block, p.start, p.end, `a caption reports ${p.category}`);
        }
      }
    }
    for (const p of performedUnmeasured) {
      if (!measuredSections.has(p.top)) continue;
      validated = true;
      evidence(p.block, p.start, p.end, `carries out ${p.category}; the same section reports measured outcomes`);
    }
    if (validated) return;

    const categories = [...new Set(proposals.map((p) => p.category))];
    const first = proposals[0];
    const where = hasExperimentSections ? describeWhere(view, EXPERIMENT_ROLES) : 'the body of the draft (it has no Experiments or Results section)';
    const instead = measuredOther.length > 0 ? `; it measures ${listNames([...new Set(measuredOther)].map((c) => READS[c] ?? c))} instead, which the framing does not propose` : '';
    ctx.report({
      message: `the draft proposes ${listNames(categories.map((c) => READS[c] ?? c))} ("${quoteAround(first.sentence, first.at[0], first.at[1])}" in ${placeOf(view, first)}) but nothing in ${where} carries out one of these actions and reports a measured outcome${instead}; implement the action and measure its effect (§2.1)`,
      at: view.anchor(['experiments', 'results', 'introduction']),
      related: proposals.slice(0, 3).map((p) => ({ at: { block: p.block, start: p.start, end: p.end }, message: `proposed action: ${p.category} ("${p.text}")` })),
      fix: scaffoldFix(ctx.doc, view, NOUN[first.category] ?? first.category, hasExperimentSections),
    });
  },
};

/** The top-level section a section belongs to (itself at level 1), -1 outside any section. */
function topSection(view: DocumentView, index: number): number {
  let i = index;
  while (i >= 0 && view.doc.sections[i].parent >= 0) i = view.doc.sections[i].parent;
  return i;
}

function isPlanTitle(title: string): boolean {
  return PLAN_HEADING.test(title);
}

function family(category: string): string {
  return FAMILY[category] ?? category;
}

/** Actions carried out in a text: lexicon phrases and the inflected verbs of PERFORMED. */
function performedActions(text: string, lexiconMatches: readonly LexiconMatch[]): Array<{ category: string; start: number; end: number }> {
  const out: Array<{ category: string; start: number; end: number }> = [];
  for (const m of lexiconMatches) if (!negatedBefore(text, m.start)) out.push({ category: m.category, start: m.start, end: m.end });
  for (const [category, re] of PERFORMED) {
    const m = re.exec(text);
    if (m && !negatedBefore(text, m.index)) out.push({ category, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function scaffoldFix(doc: PaperDocument, view: DocumentView, noun: string, hasExperimentSections: boolean) {
  const paragraph = `We implement the proposed ${noun} ([describe the procedure]) on [model] and measure [outcome metric, e.g. accuracy] against [baseline]; Table [ref] reports the results.`;
  if (hasExperimentSections) {
    // Not inside a section that announces plans ("Proposed evaluation protocol"): a scaffold there would read as a plan too.
    const target = view.doc.blocks.find((b) => b.kind === 'paragraph' && (view.roleOf(b) === 'experiments' || view.roleOf(b) === 'results') && !inPlanSection(view, b));
    if (target) return { title: 'Insert a paragraph that implements and measures the proposed action', edits: [insertAfterBlock(doc, target, paragraph)], hasPlaceholders: true };
  }
  // No Experiments section (or no paragraph in it): add one before the conclusion.
  const conclusion = view.doc.sections.findIndex((s) => s.role === 'conclusion' || s.role === 'appendix');
  const before = conclusion >= 0 ? view.doc.blocks.filter((b) => b.kind === 'paragraph' && b.section >= 0 && b.section < conclusion && b.file === view.doc.sections[conclusion].file) : [];
  const target = before[before.length - 1] ?? lastBodyParagraph(view);
  if (!target) return undefined;
  const heading = doc.format === 'latex' ? '\\section{Experiments}' : `${markdownHashes(doc)} Experiments`;
  return { title: 'Insert an Experiments section that implements and measures the proposed action', edits: [insertAfterBlock(doc, target, `${heading}\n\n${paragraph}`)], hasPlaceholders: true };
}

/** The number of `#` the draft's top-level section headings use. */
function markdownHashes(doc: PaperDocument): string {
  const top = doc.sections.find((s) => s.level === 1 && s.heading);
  const text = top ? doc.sources.get(top.file)?.text.slice(top.start, top.start + 8) ?? '' : '';
  return /^#+/.exec(text)?.[0] ?? '##';
}

export default rule;
