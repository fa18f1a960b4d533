import type { Rule } from '../../server/src/core/rules/types';
import type { Block } from '../../server/src/core/model';
import { rewriteInBlock } from '../../server/src/core/rules/fixes';
import type { SentenceRef } from '../../server/src/core/rules/view';
import { describesOthers, isFutureOrHypothetical, negatedBefore, ownTableBlocks, quoted } from '../shared';

// §6.1 "mechanistic faithfulness": an explanation is faithful if intervening on the components it
// identifies changes the computation as predicted. A sentence of the paper's own framing or results
// that says a head, neuron, feature, direction or circuit is responsible for / implements / controls
// / causes / mediates a behaviour is a causal claim; it needs a causal test (ablation, patching,
// steering, clamping, interchange intervention) somewhere in the paper. Correlational wording
// ("activates on", "correlates with", "encodes") is not a causal claim.

interface Options {
  /** Most findings per document (the first claims in reading order). */
  maxFindings: number;
  /** Extra causal verb phrases to flag after a component, e.g. ["is in charge of"]. */
  extraVerbs: string[];
}

/** A model component as a subject: "head 5.1", "L3H7", "feature 1234", "these heads", "the circuit", "the refusal direction". */
const COMPONENT = new RegExp(
  String.raw`(?<![\w-])(?:` +
    [
      String.raw`L\d+H\d+`,
      String.raw`(?:attention\s+)?heads?\s+(?:L?\d+[.:]\d+|\d+)`,
      String.raw`(?:neuron|feature|latent|unit)s?\s+#?\d[\d,.]*\d|(?:neuron|feature|latent|unit)s?\s+#?\d`,
      String.raw`(?:attention\s+)?heads?(?!\s+(?:of|count|dimension|size|start|entit\w*|nouns?|words?|tokens?|and\s+tail|classes|categories|quer\w*|questions?|-?to-?tail))`,
      String.raw`neurons?`,
      String.raw`features?(?!\s+(?:extract\w*|engineering|selection|importance|attributions?|sets?|spaces?|vectors?|maps?|dimensions?|counts?|of))`,
      String.raw`latents?`,
      String.raw`directions?(?!\s+(?:of|for|to|in\s+which))`,
      String.raw`subspaces?`,
      String.raw`(?:sub-?)?circuits?`,
      String.raw`sub-?networks?`,
      String.raw`components?(?!\s+of\s+(?:our|the|this)\s+(?:method|approach|system|pipeline|framework))`,
      String.raw`MLPs?(?:\s+(?:layers?|blocks?))?(?:\s+\d+)?`,
      String.raw`layers?(?:\s+\d+)?(?!\s*(?:norm|normali[sz]ation|counts?|index|choice|selection|sweep))`,
    ].join('|') +
    String.raw`)(?![\w-])`,
  'gi',
);

/** Words just before a component that make it something other than the subject of a claim ("the number of features"). */
const NOT_A_SUBJECT_BEFORE = /\b(?:number|choice|size|width|depth|sparsity|count|amount|fraction|proportion|selection|position|dimension(?:ality)?|type|kind)\s+of\s+(?:the\s+|these\s+|its\s+)?$|\bthe\s+(?:model|probe|classifier|router|gate)'s\s+(?:input|output)\s+$/i;

/** Verbs that say a component acts on behaviour, in three shapes. `be` keeps its form in the rewrite. */
const ACTIVE_SINGULAR = /(?<![\w-])(?:implements|controls(?!\s+for)|causes|mediates|drives|underlies|governs|determines|computes|plays\s+an?\s+(?:causal|central|key|crucial|critical|decisive)\s+role\s+in)(?![\w-])/gi;
const ACTIVE_PLURAL = /(?<![\w-])(?:implement|control(?!\s+(?:for|group|set|condition|task|prompt)s?\b)|cause|mediate|drive|underlie|govern|determine|compute|play\s+an?\s+(?:causal|central|key|crucial|critical|decisive)\s+role\s+in)(?![\w-])/gi;
const BE_PHRASE = /(?<![\w-])(is|are|was|were|be|being)\s+(?:(?:primarily|mainly|largely|solely|directly|causally|fully|partly|partially|chiefly|jointly|ultimately|in\s+part)\s+)?(?:responsible\s+for|necessary\s+(?:and\s+sufficient\s+)?for|sufficient\s+for|causally\s+involved\s+in|the\s+(?:mechanism|cause|source)\s+(?:of|for|behind|by\s+which)|used\s+by\s+the\s+(?:model|network|transformer|LLM)\s+(?:to|for))(?![\w-])/gi;
const BARE_RESPONSIBLE = /(?<![\w-])(?:responsible\s+for|underlying)(?![\w-])/gi;
const PASSIVE = /(?<![\w-])(is|are|was|were|be)\s+(?:(?:primarily|mainly|largely|solely|directly|causally|fully|partly|partially|chiefly|jointly|in\s+part)\s+)?(?:controlled|implemented|mediated|caused|driven|computed|governed|determined)\s+by(?![\w-])/gi;

const HEDGE = /\b(?:may|might|could|would|should|can|cannot|possibly|perhaps|likely|plausibly|presumably|hypothes\w+|conjectur\w+|speculat\w+|whether|if|suspect|expect|predict\w*|look(?:s|ed|ing)?\s+for|search(?:es|ed|ing)?\s+for|seek\w*|aim(?:s|ed|ing)?\s+to|tr(?:y|ies|ied|ying)\s+to|attempt\w*\s+to|want\s+to|candidates?)\b/i;
const QUESTION = /\?\s*$|^\s*(?:which|what|how|why|where|does|do|is|are|can)\b/i;
const OTHERS_CLAUSE = /\b(?:prior|previous|earlier|past|recent|existing)\s+(?:work|studies|research|papers?|findings)\b|\b(?:has|have|had)\s+been\s+(?:shown|found|reported|argued|proposed|identified)\b|\bknown\s+to\b|\bet al\b/i;
const CLAUSE_BREAK = /[;:()]|\bbut\b|\bwhereas\b|\bwhile\b|\b(?:we|they)\b(?!\s+(?:found|find|identified|identify|discovered|discover|call|label(?:led)?|located?|described?|isolated?)\b)/i;
const MAX_GAP = 60;
const OWN_PREDICTOR_OBJECT = /^\s+(?:(?:the|our|its|each|a)\s+)?(?:gate|probe|router|classifier|detector|predictor|routing|monitor)s?\b/i;

/** Causal tests whose name alone says they intervene on internals. */
const INHERENTLY_INTERNAL = new Set(['patching', 'causal mediation']);
/** Verbs that intervene on a component when one follows: "ablating head 5.1", "clamping latent 40213 to zero". */
const INTERVENTION_VERB = /\b(?:ablat\w+|knock\w*\s+out|zero(?:ed|ing)?(?:[\s-]out)?|clamp\w*|patch\w*|remov(?:e|ed|ing)|add(?:ed|ing)|subtract\w*|steer\w*|amplif\w+|suppress\w*|scal(?:ed|ing)|project(?:ed|ing)\s+out|swap\w*|resampl\w*|interven\w+|disabl\w+|mask\w*)\b/gi;

const EVIDENCE_EXCLUDED = new Set(['related-work', 'background', 'limitations']);

interface Claim {
  s: SentenceRef;
  /** Claim range in the sentence: from the component to the end of the verb phrase. */
  start: number;
  end: number;
  /** The verb phrase to rewrite, in the sentence. */
  verbStart: number;
  verbEnd: number;
  replacement: string;
}

const rule: Rule<Options> = {
  meta: {
    id: 'faithfulness',
    description: 'A head, neuron, feature or circuit is claimed to be responsible for a behaviour with no causal test (ablation, patching, steering)',
    checklistStep: null,
    paperSection: '§6.1',
    defaultSeverity: 'warning',
    kinds: ['empirical', 'method', 'analysis', 'benchmark'],
    scope: 'sentence',
    fixable: true,
    optionsSchema: {
      type: 'object',
      properties: {
        maxFindings: { type: 'integer', minimum: 1, description: 'Most findings per document.' },
        extraVerbs: { type: 'array', items: { type: 'string' }, description: 'More causal verb phrases (used after a component, singular form), e.g. "is in charge of".' },
      },
      additionalProperties: false,
    },
  },
  defaultOptions: { maxFindings: 3, extraVerbs: [] },
  check(ctx) {
    const { view, lexicons } = ctx;
    const claims: Claim[] = [];
    const extra = ctx.options.extraVerbs.length > 0 ? new RegExp(`(?<![\\w-])(?:${ctx.options.extraVerbs.map(escape).join('|')})(?![\\w-])`, 'gi') : undefined;
    for (const s of view.sentences) {
      if (!CLAIM_ROLES.has(s.role) || s.block.kind === 'table-cell') continue;
      if (describesOthers(s) || isFutureOrHypothetical(s.text) || QUESTION.test(s.text)) continue;
      const claim = findClaim(s, extra);
      if (claim) claims.push(claim);
    }
    if (claims.length === 0) {
      ctx.notApplicable('no sentence claims that a component is responsible for a behaviour');
      return;
    }

    // A causal test anywhere in the paper's own text or tables.
    let tested = false;
    const consider = (block: Block, text: string, offset: number) => {
      const comps = components(text);
      const onComponent = (start: number, end: number) =>
        /\bcausal/i.test(text) || comps.some((c) => (c.start >= end && c.start - end <= 50 && !/[;:]/.test(text.slice(end, c.start))) || (c.end <= start && start - c.end <= 25 && !/[;:,]/.test(text.slice(c.end, start))));
      for (const m of lexicons.causalTests.find(text)) {
        if (negatedBefore(text, m.start)) continue;
        if (!INHERENTLY_INTERNAL.has(m.category) && !/clamp|activation addition|interven/i.test(m.text) && !onComponent(m.start, m.end)) continue;
        tested = true;
        ctx.evidence({ block, start: offset + m.start, end: offset + m.end }, `causal test: ${m.text}`);
        return;
      }
      INTERVENTION_VERB.lastIndex = 0;
      for (let m = INTERVENTION_VERB.exec(text); m; m = INTERVENTION_VERB.exec(text)) {
        if (negatedBefore(text, m.index)) continue;
        const end = m.index + m[0].length;
        if (!comps.some((c) => c.start >= end && /^\s+(?:[\w.-]+\s+){0,3}$/.test(text.slice(end, c.start)))) continue;
        tested = true;
        ctx.evidence({ block, start: offset + m.index, end: offset + end }, 'intervention on a component');
        return;
      }
    };
    for (const s of view.sentences) {
      if (s.role !== 'front' && EVIDENCE_EXCLUDED.has(s.role)) continue;
      if (s.block.kind === 'table-cell') continue;
      if (describesOthers(s) || isFutureOrHypothetical(s.text) || /\b(?:could|may|might|would|should)\b/i.test(s.text)) continue;
      consider(s.block, s.text, s.start);
    }
    for (const block of ownTableBlocks(view)) if (view.roleOf(block) !== 'limitations') consider(block, block.text, 0);
    if (tested) return;

    for (const c of claims.slice(0, Math.max(1, ctx.options.maxFindings))) {
      const phrase = c.s.text.slice(c.start, c.end);
      const sentenceEnd = c.s.start + c.s.text.length;
      const endOffset = c.s.block.base + c.s.block.ends[sentenceEnd - 1];
      ctx.report({
        message: `"${phrase}" claims a causal role, but no causal test (ablation, activation patching, steering) of a component is reported in the draft; intervene on it and measure the behaviour, or state the claim as an association`,
        at: { block: c.s.block, start: c.s.start + c.start, end: c.s.start + c.end },
        fix: {
          title: 'Hedge the claim as an association and name the causal test to run',
          edits: [
            rewriteInBlock(c.s.block, c.s.start + c.verbStart, c.s.start + c.verbEnd, c.replacement),
            { file: c.s.block.file, start: endOffset, end: endOffset, text: ' [We test this causally by ablating/patching [component] and measuring [behaviour] (Section [ref]).]' },
          ],
          hasPlaceholders: true,
        },
      });
    }
  },
};

const CLAIM_ROLES = new Set<string>(['abstract', 'introduction', 'discussion', 'conclusion', 'front', 'experiments', 'results', 'other']);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

function hasComponent(text: string): boolean {
  return components(text).length > 0;
}

/** Component mentions usable as a subject. */
function components(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  COMPONENT.lastIndex = 0;
  for (let m = COMPONENT.exec(text); m; m = COMPONENT.exec(text)) {
    if (NOT_A_SUBJECT_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function findClaim(s: SentenceRef, extra: RegExp | undefined): Claim | undefined {
  const text = s.text;
  const comps = components(text);
  if (comps.length === 0) return undefined;
  const candidates: Array<{ start: number; end: number; replacement: string; passive: boolean }> = [];
  const collect = (re: RegExp, replacement: (m: RegExpExecArray) => string, passive = false) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) candidates.push({ start: m.index, end: m.index + m[0].length, replacement: replacement(m), passive });
  };
  collect(ACTIVE_SINGULAR, () => 'is associated with');
  collect(ACTIVE_PLURAL, () => 'are associated with');
  collect(BE_PHRASE, (m) => `${m[1]} associated with`);
  collect(BARE_RESPONSIBLE, () => 'associated with');
  collect(PASSIVE, (m) => `${m[1]} associated with`, true);
  if (extra) collect(extra, () => 'is associated with');
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);

  for (const v of candidates) {
    // Inside a longer match already considered ("is responsible for" contains "responsible for").
    if (candidates.some((o) => o !== v && o.start <= v.start && o.end >= v.end && o.end - o.start > v.end - v.start)) continue;
    const before = text.slice(0, v.start);
    if (HEDGE.test(before) || negatedBefore(text, v.start) || quoted(s, v.start, v.end)) continue;
    let comp: { start: number; end: number } | undefined;
    if (v.passive) {
      comp = comps.find((c) => c.start >= v.end && c.start - v.end <= 40 && !/[;:,]/.test(text.slice(v.end, c.start)));
      if (!comp) continue;
      if (OTHERS_CLAUSE.test(text.slice(v.start, comp.end))) continue;
      return { s, start: v.start, end: comp.end, verbStart: v.start, verbEnd: v.end, replacement: v.replacement };
    }
    const subject = [...comps].reverse().find((c) => c.end <= v.start && v.start - c.end <= MAX_GAP && !CLAUSE_BREAK.test(text.slice(c.end, v.start)));
    if (!subject) continue;
    // "the main cause", "the control condition": a noun, not a verb.
    if (!/^(?:is|are|was|were|be|being|responsible|underlying)\b/i.test(text.slice(v.start)) && /\b(?:the|a|an|main|root|primary|key|its|their|of|to)\s+$/i.test(before)) continue;
    // "each head computes a weighted sum": a description of the architecture, not a finding.
    if (/\b(?:each|every|any)\s+(?:\S+\s+)?$/i.test(text.slice(Math.max(0, subject.start - 20), subject.start))) continue;
    // "latent 40213 drives the gate decision": the paper's own predictor, true by construction.
    if (OWN_PREDICTOR_OBJECT.test(text.slice(v.end, v.end + 40))) continue;
    // "this direction is responsible for 40% of the variance": a statistic, not a mechanism.
    if (/\bvariance\b|\bR\^?2\b/i.test(text.slice(v.end, v.end + 50))) continue;
    // "attention heads compute weighted sums": only a named component ("head 1.1 computes the successor") is a finding.
    if (/^comput/i.test(text.slice(v.start)) && !/\d/.test(text.slice(subject.start, subject.end))) continue;
    // "ablating head 5.1 causes…": the sentence reports an intervention, not an unsupported claim.
    if (/\b(?:ablat\w+|patch\w*|clamp\w*|steer\w*|knock\w*\s+out|zero\w*|remov\w+|adding|intervening)\s+(?:\S+\s+){0,3}$/i.test(text.slice(Math.max(0, subject.start - 40), subject.start))) continue;
    // Bare "underlying"/"responsible for" must follow the component directly ("the heads responsible for copying").
    if (/^(?:responsible|underlying)/i.test(text.slice(v.start)) && !/^\s*(?:\S+\s*)?$/.test(text.slice(subject.end, v.start))) continue;
    if (OTHERS_CLAUSE.test(text.slice(Math.max(0, subject.start - 40), v.end)) || hasCiteIn(s, subject.start, v.end)) continue;
    const determiner = /\b(?:the|these|this|those|our|a|an|one|two|three|both|all)\s+(?:(?:the|these|this|those|that)\s+)?(?:[\w-]+\s+)?$/i.exec(text.slice(Math.max(0, subject.start - 30), subject.start));
    // "identifying components responsible for unwanted behaviours": generic, not a finding about a specific component.
    if (/^(?:responsible|underlying)/i.test(text.slice(v.start)) && !determiner && !/\d/.test(text.slice(subject.start, subject.end))) continue;
    const start = determiner ? subject.start - determiner[0].length : subject.start;
    return { s, start, end: v.end, verbStart: v.start, verbEnd: v.end, replacement: v.replacement };
  }
  return undefined;
}

function hasCiteIn(s: SentenceRef, start: number, end: number): boolean {
  return s.block.refs.some((r) => r.kind === 'cite' && r.start >= s.start + start && r.end <= s.start + end);
}

export default rule;
