import type { Rule } from '../../server/src/core/rules/types';
import { EXPERIMENTAL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import type { Block } from '../../server/src/core/model';
import { rewriteInBlock } from '../../server/src/core/rules/fixes';
import type { SentenceRef } from '../../server/src/core/rules/view';
import { describesOthers, isFutureOrHypothetical, negatedBefore, ownTableBlocks, quoted } from '../shared';
import { componentRefs, everyCovers, kindOf, ONE_AT_A_TIME, type ComponentKind, type ComponentRef } from './components';

// §6.1 "mechanistic faithfulness": an explanation is faithful if intervening on the components it
// identifies changes the computation as predicted. A sentence of the paper's own framing or results
// that says a head, neuron, feature, direction or circuit is responsible for / implements / controls
// / causes / mediates a behaviour (or "encodes X that the model uses to…") is a causal claim; it needs
// a causal test (ablation, patching, steering, clamping, interchange intervention) of THAT component
// in the paper's own work. A claim that names a component by identifier ("head 1.2", "L5H1",
// "latent 4,211", "layer 14 MLP") is covered only by a test that names the same identifier, or
// refers back to it ("this head" right after naming it), or covers every component of its kind
// ("we ablate each head"). A claim about an unnamed "direction" or "circuit" is covered by a test of
// a direction / any component. Correlational wording ("activates on", "correlates with", "encodes")
// is not a causal claim.

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
/**
 * Mechanistic verbs: a named or specific component said to transform, move or store information
 * ("the MLP in layer 9 converts the offset into a position", "head 4.2 copies the name") states what
 * it does in the computation, a causal claim. Descriptive verbs (activates, fires, attends, encodes
 * alone) stay correlational. Group 1 is the verb, rewritten as "may <base form>".
 */
const MECHANISTIC = /(?<![\w-])(converts?|transforms?|maps(?!\s+(?:on)?to\b)|map(?=\s+(?:the|each|every|its|this|these|a|an)\b)|moves?|cop(?:y|ies)|stores?|retrieves?|reads?(?=\s+(?:out\s+)?(?:the|a|an|its|their|both|each|this|these|that|those|from)\b)|writes?(?=\s+(?:the|a|an|its|their|both|each|this|these|that|those|to|into|out)\b)|transports?|transfers?)(?![\w-])/gi;
const BE_PHRASE = /(?<![\w-])(is|are|was|were|be|being)\s+(?:(?:primarily|mainly|largely|solely|directly|causally|fully|partly|partially|chiefly|jointly|ultimately|in\s+part)\s+)?(?:responsible\s+for|necessary\s+(?:and\s+sufficient\s+)?for|sufficient\s+for|causally\s+involved\s+in|the\s+(?:mechanism|cause|source)\s+(?:of|for|behind|by\s+which)|used\s+by\s+the\s+(?:model|network|transformer|LLM)\s+(?:to|for))(?![\w-])/gi;
const BARE_RESPONSIBLE = /(?<![\w-])(?:responsible\s+for|underlying)(?![\w-])/gi;
/** "encodes the depth counter that the model uses to decide": a representation claimed to be used. Group 1 is the verb to hedge. */
const USED_BY_MODEL = /(?<![\w-])(?:encodes?|represents?|carries|carry|tracks?|stores?|holds?|signals?|computes?)\s+[^;:.()]{0,60}?\b(?:that|which)\s+the\s+(?:model|network|transformer|LLM)\s+(uses|relies\s+on|reads|exploits|depends\s+on)(?![\w-])/gi;
/** "the model uses this direction to…", "the network relies on head 1.2": the component follows. */
const MODEL_USES = /(?<![\w-])the\s+(?:model|network|transformer|LLM)\s+(uses|relies\s+on|reads(?:\s+from)?|exploits|depends\s+on)(?=\s+(?:(?:this|these|that|those)\s+(?:[\w-]+\s+)?(?:direction|head|neuron|feature|latent|circuit|subspace|component)s?\b|(?:head|neuron|feature|latent|unit)s?\s+#?\d|L\d+H\d+))/gi;
const PASSIVE = /(?<![\w-])(is|are|was|were|be)\s+(?:(?:primarily|mainly|largely|solely|directly|causally|fully|partly|partially|chiefly|jointly|in\s+part)\s+)?(?:controlled|implemented|mediated|caused|driven|computed|governed|determined)\s+by(?![\w-])/gi;

/** Verbs of action after "the components that…": "are the heads that write the signal", not "the heads that attend to it". */
const ACTION_VERB = String.raw`(?:writ(?:e|es)|mov(?:e|es)|cop(?:y|ies)|transports?|produc(?:e|es)|generat(?:e|es)|comput(?:e|es)|implements?|performs?|assembl(?:e|es)|binds?|combin(?:e|es)|compos(?:e|es)|rout(?:e|es)|suppress(?:es)?|promot(?:e|es)|boosts?|inhibits?|driv(?:e|es)|controls?|caus(?:e|es)|determin(?:e|es)|triggers?|decid(?:e|es)|convert?s?|transforms?|aggregat(?:e|es)|propagat(?:e|es)|injects?|eras(?:e|es)|builds?|constructs?|creat(?:e|es)|mediat(?:e|es)|governs?|resolv(?:e|es)|retriev(?:e|es)|integrat(?:e|es)|carr(?:y|ies)\s+out|mak(?:e|es)|enabl(?:e|es)|shap(?:e|es)|steers?)`;
/** Nouns for one or more components: "the heads that…", "the latent responsible for…". */
const UNIT_NOUN = String.raw`(?:(?:attention\s+)?heads?|neurons?|features?|latents?|units?|components?|directions?|layers?|MLPs?|sub-?networks?)`;
/** Adjectives between "the" and the noun, but no hedge ("a candidate mechanism", "a possible circuit"). */
const ADJ = String.raw`(?:(?!(?:possible|candidate|putative|potential|likely|plausible|hypothesi[sz]ed|proposed|tentative)\b)[\w-]+\s+){0,2}`;
/** What a copular identification names: "the mechanism that…", "the components that write…", "the cause of…". */
const IDENTITY_TAIL = String.raw`(?:the|an?)\s+${ADJ}(?:(?:mechanism|circuit|pathway|sub-?network)s?\s+(?:that|which|by\s+which|through\s+which|whereby|responsible\s+for|behind|underlying|for|of)|(?:cause|driver|source)s?\s+of|${UNIT_NOUN}\s+(?:that|which)\s+(?:(?:actually|directly|causally|then|jointly|selectively|mainly|primarily|ultimately)\s+)?${ACTION_VERB}|${UNIT_NOUN}\s+responsible\s+for)(?![\w-])`;
/** "heads 9.6 and 10.0 are the components that write the name", "latent 7 is the mechanism behind…", "the direction is what the model uses to…". */
const COPULAR = new RegExp(String.raw`(?<![\w-])(is|are|was|were|be)\s+(?:(?:also|thus|therefore|then|precisely|exactly|indeed|in\s+fact)\s+)?(?:${IDENTITY_TAIL}|what\s+the\s+(?:[\w-]+\s+)?(?:model|network|transformer|LLM|classifier)\s+(?:uses|relies\s+on|reads|exploits|depends\s+on)(?![\w-]))`, 'gi');
/** "…, which is how the model represents bird heads": the component's behaviour is said to be the model's mechanism. */
const HOW_MODEL = /(?<![\w-])(?:which|and\s+this|and\s+that)\s+(is|was)\s+(?:(?:precisely|exactly|also|thus|therefore|essentially)\s+)?(?:how|why|the\s+way)\s+the\s+(?:[\w-]+\s+)?(?:model|network|transformer|LLM|ViT|classifier|policy)(?![\w-])/gi;
/** "This is how the model represents…" at the start of a sentence: points back to the component named just before. */
const THIS_IS_HOW = /^\s*(?:This|That|Such\s+\w+)\s+(is|was)\s+(?:(?:precisely|exactly|also|thus|therefore|essentially)\s+)?(?:how|why|the\s+way)\s+the\s+(?:[\w-]+\s+)?(?:model|network|transformer|LLM|ViT|classifier|policy)(?![\w-])/i;
/** "We interpret these heads as the mechanism that assembles parts", "we identify latent 9 as the cause of…": the component sits between the verb and "as". */
const INTERPRET_AS = new RegExp(String.raw`(?<![\w-])we\s+(?:(?:therefore|thus|hence|then|further|now)\s+)?(?:interpret|read|treat|understand|view|see|regard|identify|characteri[sz]e|describe|think\s+of|consider|take|classify|label)\s+([^;:.()]{1,80}?)\s+(as)\s+(?:(?:being|forming|constituting)\s+)?(?:${IDENTITY_TAIL}|(?:implementing|computing|performing|controlling|mediating|driving|causing|carrying\s+out)(?![\w-]))`, 'gi');

const HEDGE = /\b(?:(?:check|test|ask|see|examine|investigate|study|measure|identify)\w*\s+(?:which|what|how)|may|might|could|would|should|can|cannot|possibly|perhaps|likely|plausibly|presumably|hypothes\w+|conjectur\w+|speculat\w+|whether|if|suspect|expect|predict\w*|look(?:s|ed|ing)?\s+for|search(?:es|ed|ing)?\s+for|seek\w*|aim(?:s|ed|ing)?\s+to|tr(?:y|ies|ied|ying)\s+to|attempt\w*\s+to|want\s+to|candidates?)\b/i;
const QUESTION = /\?\s*$|^\s*(?:which|what|how|why|where|does|do|is|are|can)\b/i;
const OTHERS_CLAUSE = /\b(?:prior|previous|earlier|past|recent|existing)\s+(?:work|studies|research|papers?|findings)\b|\b(?:has|have|had)\s+been\s+(?:shown|found|reported|argued|proposed|identified)\b|\bknown\s+to\b|\bet al\b/i;
const CLAUSE_BREAK = /[;:()]|\bbut\b|\bwhereas\b|\bwhile\b|\b(?:we|they)\b(?!\s+(?:found|find|identified|identify|discovered|discover|call|label(?:led)?|located?|described?|isolated?)\b)/i;
const MAX_GAP = 60;
const OWN_PREDICTOR_OBJECT = /^\s+(?:(?:the|our|its|each|a)\s+)?(?:gate|probe|router|classifier|detector|predictor|routing|monitor)s?\b/i;

/** Causal tests whose name alone says they intervene on internals. */
const INHERENTLY_INTERNAL = new Set(['patching', 'causal mediation']);
/** Verbs that intervene on a component when one follows: "ablating head 5.1", "clamping latent 40213 to zero". */
const INTERVENTION_VERB = /\b(?:ablat\w+|knock\w*\s+out|zero(?:ed|ing)?(?:[\s-]out)?|clamp\w*|patch\w*|remov(?:e|ed|ing)|add(?:ed|ing)|subtract\w*|steer\w*|amplif\w+|suppress\w*|scal(?:ed|ing)|project(?:ed|ing)\s+out|swap\w*|resampl\w*|interven\w+|disabl\w+|mask\w*)\b/gi;


interface Claim {
  s: SentenceRef;
  /** Claim range in the sentence: from the component to the end of the verb phrase. */
  start: number;
  end: number;
  /** The verb phrase to rewrite, in the sentence. */
  verbStart: number;
  verbEnd: number;
  replacement: string;
  /** The claimed component: identifiers ("head:1.2") when the text gives or points back to them, else its kind. */
  ids: string[];
  kind: ComponentKind;
  /** The component as written ("Head 1.2", "Latent 4,211"), or its kind ("a direction"). */
  name: string;
  /** Layers the claim places it in ("neuron 3071 in layer 9" → layer:9). */
  layers: string[];
}

/** One place where the paper's own work intervenes on components. */
interface TestSite {
  block: Block;
  start: number;
  end: number;
  /** The test as written ("patching", "Ablating"). */
  label: string;
  ids: Set<string>;
  /** The named components as written ("head 0.1", "latent 40213"). */
  names: string[];
  every: ComponentRef[];
  kinds: Set<ComponentKind>;
}

const rule: Rule<Options> = {
  meta: {
    id: 'faithfulness',
    description: 'A head, neuron, feature or circuit is claimed to be responsible for a behaviour with no causal test (ablation, patching, steering)',
    checklistStep: null,
    topic: 'faithfulness',
    paperSection: '§6.1',
    defaultSeverity: 'warning',
    kinds: EXPERIMENTAL_KINDS,
    scope: 'sentence',
    fixable: true,
    optionsSchema: optionsSchema({
      maxFindings: { type: 'integer', minimum: 1, description: 'Most findings per document.' },
      extraVerbs: phraseList('More causal verb phrases (used after a component, singular form), e.g. "is in charge of".'),
    }),
  },
  defaultOptions: { maxFindings: 3, extraVerbs: [] },
  check(ctx) {
    const { view, lexicons } = ctx;
    const claims: Claim[] = [];
    const extra = ctx.options.extraVerbs.length > 0 ? new RegExp(`(?<![\\w-])(?:${ctx.options.extraVerbs.map(escape).join('|')})(?![\\w-])`, 'gi') : undefined;
    const previous = (s: SentenceRef): SentenceRef | undefined => {
      const i = view.sentences.indexOf(s);
      const p = i > 0 ? view.sentences[i - 1] : undefined;
      return p && p.block === s.block ? p : undefined;
    };
    for (const s of view.sentences) {
      if (!CLAIM_ROLES.has(s.role) || s.block.kind === 'table-cell') continue;
      if (describesOthers(s) || isFutureOrHypothetical(s.text) || QUESTION.test(s.text)) continue;
      const claim = findClaim(s, extra, previous(s));
      if (claim) claims.push(claim);
    }
    if (claims.length === 0) {
      ctx.notApplicable('no sentence claims that a component is responsible for a behaviour');
      return;
    }

    // Causal tests in the paper's own text and tables, with the components each one names.
    const tests: TestSite[] = [];
    const negated: Array<{ block: Block; start: number; end: number; ids: string[] }> = [];
    const testIn = (text: string): { start: number; end: number; label: string; steering: boolean } | undefined => {
      // A steering vector is a direction too: "adding the vector with coefficient -1.5".
      const comps = [...components(text), ...[...text.matchAll(/(?<![\w-])vectors?(?![\w-])/gi)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length }))];
      const onComponent = (start: number, end: number) =>
        /\bcausal/i.test(text) || comps.some((c) => (c.start >= end && c.start - end <= 50 && !/[;:]/.test(text.slice(end, c.start))) || (c.end <= start && start - c.end <= 25 && !/[;:,]/.test(text.slice(c.end, start))));
      for (const m of lexicons.causalTests.find(text)) {
        if (negatedBefore(text, m.start)) continue;
        // "Beyond the ablated set, latent 7…": an adjective naming what was ablated, here not a component.
        if (/ed$/i.test(m.text) && /\b(?:the|a|an|this|these|that|those|our|its)\s+$/i.test(text.slice(Math.max(0, m.start - 8), m.start)) && !comps.some((c) => c.start >= m.end && /^\s+(?:[\w-]+\s+)?$/.test(text.slice(m.end, c.start)))) continue;
        if (!INHERENTLY_INTERNAL.has(m.category) && !/clamp|activation addition|interven/i.test(m.text) && !onComponent(m.start, m.end)) continue;
        return { start: m.start, end: m.end, label: m.text, steering: m.category === 'steering intervention' };
      }
      INTERVENTION_VERB.lastIndex = 0;
      for (let m = INTERVENTION_VERB.exec(text); m; m = INTERVENTION_VERB.exec(text)) {
        if (negatedBefore(text, m.index)) continue;
        const end = m.index + m[0].length;
        if (!comps.some((c) => c.start >= end && /^\s+(?:[\w.-]+\s+){0,3}$/.test(text.slice(end, c.start)))) continue;
        return { start: m.index, end, label: m[0], steering: /steer|add|subtract|amplif|project/i.test(m[0]) };
      }
      PROJECT_OUT.lastIndex = 0;
      const p = PROJECT_OUT.exec(text);
      if (p && !negatedBefore(text, p.index) && comps.some((c) => c.start >= p.index && c.end <= p.index + p[0].length + 30)) return { start: p.index, end: p.index + p[0].length, label: p[0], steering: true };
      return undefined;
    };
    const negatedTestIn = (text: string): { start: number; end: number } | undefined => {
      for (const m of lexicons.causalTests.find(text)) if (negatedBefore(text, m.start)) return m;
      INTERVENTION_VERB.lastIndex = 0;
      for (let m = INTERVENTION_VERB.exec(text); m; m = INTERVENTION_VERB.exec(text)) if (negatedBefore(text, m.index)) return { start: m.index, end: m.index + m[0].length };
      return undefined;
    };
    const site = (block: Block, offset: number, text: string, t: { start: number; end: number; label: string; steering: boolean }, found: ComponentRef[], resolved: string[]): TestSite => {
      const kinds = new Set(found.map((r) => r.kind));
      if (t.steering) kinds.add('direction');
      const refs = ONE_AT_A_TIME.test(text) ? found.map((r) => (r.ids.length === 0 && !r.qualifier && !r.every ? { ...r, every: {} } : r)) : found;
      return { block, start: offset + t.start, end: offset + t.end, label: t.label, ids: new Set([...refs.flatMap((r) => r.ids), ...resolved]), names: refs.filter((r) => r.ids.length > 0).map((r) => lower(r.text)), every: refs.filter((r) => r.every), kinds };
    };
    for (const s of view.sentences) {
      if (s.block.kind === 'table-cell' || s.role === 'related-work' || s.role === 'background') continue;
      if (describesOthers(s) || isFutureOrHypothetical(s.text) || /\b(?:could|may|might|would|should)\b/i.test(s.text)) continue;
      const refs = componentRefs(s.text);
      if (s.role === 'limitations') {
        // "We did not intervene on head 1.2": kept to say so in the message, never a test.
        const n = negatedTestIn(s.text);
        if (n && refs.some((r) => r.ids.length > 0)) negated.push({ block: s.block, start: s.start + n.start, end: s.start + n.end, ids: refs.flatMap((r) => r.ids) });
        continue;
      }
      const t = testIn(s.text);
      if (!t) {
        const n = negatedTestIn(s.text);
        if (n && refs.some((r) => r.ids.length > 0)) negated.push({ block: s.block, start: s.start + n.start, end: s.start + n.end, ids: refs.flatMap((r) => r.ids) });
        continue;
      }
      tests.push(site(s.block, s.start, s.text, t, refs, resolveAnaphora(s.text, refs, previous(s))));
    }
    for (const block of ownTableBlocks(view)) {
      if (view.roleOf(block) === 'limitations') continue;
      const t = testIn(block.text);
      if (t) tests.push(site(block, 0, block.text, t, componentRefs(block.text), []));
    }
    // A table whose caption or header names a test ("Activation patching of layer-0 heads") tests every component in its rows.
    for (const table of view.tables) {
      if (table.role === 'related-work' || table.role === 'background' || table.role === 'limitations') continue;
      const heads = [...(table.caption ? [table.caption] : []), ...table.cells.filter((c) => (c.cell?.row ?? 0) === 0)];
      for (const block of heads) {
        const t = testIn(block.text);
        if (!t) continue;
        const refs = table.cells.flatMap((c) => componentRefs(c.text));
        tests.push(site(block, 0, block.text, t, [...refs, ...componentRefs(block.text)], columnIds(table.cells)));
        break;
      }
    }

    const uncovered: Claim[] = [];
    for (const c of claims) {
      const by = tests.find((t) => covers(t, c));
      if (by) ctx.evidence({ block: by.block, start: by.start, end: by.end }, `causal test of ${c.ids.length > 0 ? c.name : `the ${c.kind === 'unit' ? 'feature' : c.kind}`}: ${by.label}`);
      else uncovered.push(c);
    }
    if (uncovered.length === 0) return;

    for (const c of uncovered.slice(0, Math.max(1, ctx.options.maxFindings))) {
      const phrase = c.s.text.slice(c.start, c.end);
      const sentenceEnd = c.s.start + c.s.text.length;
      const endOffset = c.s.block.base + c.s.block.ends[sentenceEnd - 1];
      const target = c.name;
      const others = tests.filter((t) => t.ids.size > 0 || t.kinds.size > 0);
      const elsewhere = others.length > 0 ? `; causal tests were found on ${describeSites(others)}, none on ${c.ids.length > 0 ? c.name : `${c.name.replace(/^a /, 'a ')}`}` : '; no causal test of any component was found';
      const denied = negated.find((n) => c.ids.some((id) => n.ids.includes(id)));
      const related = [
        ...(denied ? [{ at: { block: denied.block, start: denied.start, end: denied.end }, message: `the draft says ${c.name} was not tested` }] : []),
        ...others.slice(0, 2).map((t) => ({ at: { block: t.block, start: t.start, end: t.end }, message: `causal test of ${describeSites([t])}` })),
      ];
      ctx.report({
        message: `"${phrase}" claims a causal role, but no causal test (ablation, activation patching, steering) of ${target} is reported in the draft's own work${denied ? ' (the draft says it was not tested)' : elsewhere}; intervene on ${c.ids.length > 0 ? 'it' : 'that component'} and measure the behaviour, or state the claim as an association`,
        at: { block: c.s.block, start: c.s.start + c.start, end: c.s.start + c.end },
        related,
        fix: {
          title: 'Hedge the claim as an association and name the causal test to run',
          edits: [
            rewriteInBlock(c.s.block, c.s.start + c.verbStart, c.s.start + c.verbEnd, c.replacement),
            { file: c.s.block.file, start: endOffset, end: endOffset, text: ` [We test this causally by ablating/patching ${c.ids.length > 0 ? c.name : '[component]'} and measuring [behaviour] (Section [ref]).]` },
          ],
          hasPlaceholders: true,
        },
      });
    }
  },
};

/** Whether a test site covers a claim: the same identifier, a test of every component of its kind, or (for an unnamed component) a test of that kind. */
function covers(t: TestSite, c: Claim): boolean {
  if (c.ids.length > 0) return c.ids.some((id) => t.ids.has(id) || t.every.some((r) => everyCovers(r, id, c.layers)));
  if (c.kind === 'circuit' || c.kind === 'component') return true;
  return t.kinds.has(c.kind);
}

function lower(s: string): string {
  return s.replace(/^[A-Z](?![A-Z\d])/, (c) => c.toLowerCase());
}

function describeSites(sites: TestSite[]): string {
  const names = [...new Set(sites.flatMap((t) => t.names))];
  if (names.length > 0) return names.slice(0, 3).join(', ') + (names.length > 3 ? ' and others' : '');
  const kinds = [...new Set(sites.flatMap((t) => [...t.kinds]))].map((k) => (k === 'unit' ? 'neurons/features' : `${k}s`));
  return kinds.join(', ');
}

/** Bare identifiers under a column headed "Head", "Latent", "Patched neuron"…: "1.2" in a "Head" column is head:1.2. */
function columnIds(cells: Block[]): string[] {
  const out: string[] = [];
  for (const header of cells.filter((c) => c.cell?.row === 0)) {
    const kind = /^\s*(?:(?:patched|ablated|clamped|steered|zeroed|knocked[\s-]out)\s+)?(?:attention\s+)?(head|neuron|feature|latent|unit|layer)s?\s*$/i.exec(header.text)?.[1];
    if (!kind) continue;
    for (const c of cells.filter((x) => x.cell?.column === header.cell?.column && (x.cell?.row ?? 0) > 0)) {
      const m = /^\s*(?:(L?\d+[.:]\d+|L\d+H\d+)|#?(\d{1,3}(?:,\d{3})+|\d+))\s*$/i.exec(c.text);
      if (!m) continue;
      const base = kind.toLowerCase() === 'head' ? 'head' : kind.toLowerCase() === 'layer' ? 'layer' : 'unit';
      const text = m[1] ? `head ${m[1]}` : `${base} ${m[2]}`;
      out.push(...componentRefs(text).flatMap((r) => r.ids));
    }
  }
  return out;
}

/** Identifiers that "this head", "these latents" or "ablating it" point back to in the previous sentence of the paragraph. */
function resolveAnaphora(text: string, refs: ComponentRef[], prev: SentenceRef | undefined): string[] {
  if (!prev) return [];
  const before = componentRefs(prev.text).filter((r) => r.ids.length > 0);
  if (before.length === 0) return [];
  const out: string[] = [];
  const pick = (kind: ComponentKind | undefined, plural: boolean, count?: number) => {
    const ids = [...new Set(before.filter((r) => kind === undefined || r.kind === kind).flatMap((r) => r.ids))];
    // Number agreement: "these latents" cannot point back to one latent, "the eight selected latents" only to eight.
    if (count !== undefined && ids.length !== count) return;
    if (ids.length > 0 && (plural ? ids.length >= 2 : ids.length === 1)) out.push(...ids);
  };
  for (const r of refs) {
    if (!r.anaphor || r.ids.length > 0) continue;
    const n = /\b(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+)?$/i.exec(text.slice(Math.max(0, r.start - 30), r.start))?.[1];
    const count = n === undefined ? undefined : /^\d+$/.test(n) ? Number(n) : ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].indexOf(n.toLowerCase()) + 2;
    pick(r.kind, r.anaphor === 'plural', count);
  }
  if (!refs.some((r) => r.ids.length > 0)) {
    const pronoun = PRONOUN_AFTER_TEST.exec(text);
    // "Zero-ablating the eight selected latents, instead of clamping them": the pronoun's antecedent is in this sentence.
    if (pronoun && !refs.some((r) => r.end <= pronoun.index)) pick(undefined, /^(?:them|their)$/i.test(pronoun[1]));
  }
  return out;
}

const PRONOUN_AFTER_TEST = /\b(?:ablat\w+|patch\w*|clamp\w*|steer\w*|knock\w*\s+out|zero\w*(?:[\s-]out)?|remov\w+|scal\w+|suppress\w*|amplif\w+|interven\w+\s+on)\s+(it|them|its|their)\b/i;
const PROJECT_OUT = /\bproject(?:s|ed|ing)?\s+(?:[\w.-]+\s+){1,4}?out\b|\bproject(?:s|ed|ing)?\s+out\b/gi;

const CLAIM_ROLES = new Set<string>(['abstract', 'introduction', 'discussion', 'conclusion', 'front', 'experiments', 'results', 'other']);

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
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

function findClaim(s: SentenceRef, extra: RegExp | undefined, prev: SentenceRef | undefined): Claim | undefined {
  const text = s.text;
  const comps = components(text);
  if (comps.length === 0) return thisIsHow(s, prev);
  type Candidate = { start: number; end: number; replacement: string; passive: boolean; verbStart?: number; verbEnd?: number; gap?: number; inside?: number; hedgeInside?: boolean };
  const candidates: Candidate[] = [];
  const collect = (re: RegExp, replacement: (m: RegExpExecArray) => string, passive = false, verb?: (m: RegExpExecArray) => number) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) candidates.push({ start: m.index, end: m.index + m[0].length, replacement: replacement(m), passive, verbStart: verb?.(m) });
  };
  /** "is" → "may be", "was" → "may have been": keeps the sentence grammatical and hedged. */
  const mayBe = (be: string) => (/^(?:was|were)$/i.test(be) ? 'may have been' : /^be$/i.test(be) ? 'possibly be' : 'may be');
  // Copular identifications reach further back for their subject ("heads 28.4 and 30.11 attend to X and are the components that write Y").
  COPULAR.lastIndex = 0;
  for (let m = COPULAR.exec(text); m; m = COPULAR.exec(text)) candidates.push({ start: m.index, end: m.index + m[0].length, replacement: mayBe(m[1]), passive: false, verbStart: m.index, verbEnd: m.index + m[1].length, gap: 140, hedgeInside: true });
  HOW_MODEL.lastIndex = 0;
  for (let m = HOW_MODEL.exec(text); m; m = HOW_MODEL.exec(text)) {
    const at = m.index + m[0].search(new RegExp(`\\b${m[1]}\\b`));
    candidates.push({ start: m.index, end: m.index + m[0].length, replacement: mayBe(m[1]), passive: false, verbStart: at, verbEnd: at + m[1].length, gap: 160, hedgeInside: true });
  }
  INTERPRET_AS.lastIndex = 0;
  for (let m = INTERPRET_AS.exec(text); m; m = INTERPRET_AS.exec(text)) {
    // The component is the object between the verb and "as"; "as" becomes "as possibly".
    const as = m.index + m[0].indexOf(m[1]) + m[1].length + m[0].slice(m[0].indexOf(m[1]) + m[1].length).indexOf(m[2]);
    candidates.push({ start: m.index, end: m.index + m[0].length, replacement: 'as possibly', passive: false, verbStart: as, verbEnd: as + 2, inside: as, hedgeInside: true });
  }
  // "uses" → "may use", "relies on" → "may rely on".
  const hedged = (m: RegExpExecArray) => `may ${m[1].replace(/^relies\b/i, 'rely').replace(/^(use|read|exploit|depend)s\b/i, '$1')}`;
  collect(USED_BY_MODEL, hedged, false, (m) => m.index + m[0].length - m[1].length);
  collect(MODEL_USES, hedged, true, (m) => m.index + m[0].length - m[1].length);
  collect(MECHANISTIC, (m) => `may ${baseForm(m[1])}`);
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
    const verbStart = v.verbStart ?? v.start;
    const verbEnd = v.verbEnd ?? v.end;
    if ((verbStart !== v.start || v.hedgeInside) && (HEDGE.test(text.slice(v.start, v.end)) || NEGATION_INSIDE.test(text.slice(v.start, v.end)))) continue;
    let comp: { start: number; end: number } | undefined;
    if (v.inside !== undefined) {
      // "we interpret these heads as…": the component named between the verb and "as".
      comp = comps.find((c) => c.start >= v.start && c.end <= v.inside!);
      if (!comp || OTHERS_CLAUSE.test(text.slice(v.start, v.end)) || hasCiteIn(s, v.start, v.end)) continue;
      const what = claimed(text, comp, comp.start, v.inside, prev);
      return { s, start: v.start, end: v.end, verbStart, verbEnd, replacement: v.replacement, ...what };
    }
    if (v.passive) {
      comp = comps.find((c) => c.start >= v.end && c.start - v.end <= 40 && !/[;:,]/.test(text.slice(v.end, c.start)));
      if (!comp) continue;
      if (OTHERS_CLAUSE.test(text.slice(v.start, comp.end))) continue;
      const what = claimed(text, comp, comp.start, comp.end + 60, prev);
      return { s, start: v.start, end: comp.end, verbStart, verbEnd, replacement: v.replacement, ...what };
    }
    const subject = [...comps].reverse().find((c) => c.end <= v.start && v.start - c.end <= (v.gap ?? MAX_GAP) && !CLAUSE_BREAK.test(text.slice(c.end, v.start)));
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
    // "attention heads move information between positions": a mechanistic verb is a finding only about a
    // named component, or one in a named layer ("the MLP in layer 9"), not about a kind of component.
    if (MECHANISTIC_START.test(text.slice(v.start)) && !/\d/.test(text.slice(Math.max(clauseStart(text, subject.start), subject.start - 30), v.start))) continue;
    // "ablating head 5.1 causes…": the sentence reports an intervention, not an unsupported claim.
    // An adjective ("outside the steered set, latent 7 is…", "in the ablated model") or a verb in another phrase does not govern the subject.
    const governs = /\b(?:ablat\w+|patch\w*|clamp\w*|steer\w*|knock\w*\s+out|zero\w*|remov\w+|adding|intervening)\s+(?:[^\s,;:]+\s+){0,3}$/i.exec(text.slice(Math.max(0, subject.start - 40), subject.start));
    if (governs && !/\b(?:the|a|an|this|these|that|those|our|its)\s+\w+ed\s/i.test(text.slice(Math.max(0, subject.start - 40), subject.start).slice(Math.max(0, governs.index - 8)))) continue;
    // Bare "underlying"/"responsible for" must follow the component directly ("the heads responsible for copying").
    if (/^(?:responsible|underlying)/i.test(text.slice(v.start)) && !/^\s*(?:\S+\s*)?$/.test(text.slice(subject.end, v.start))) continue;
    if (OTHERS_CLAUSE.test(text.slice(Math.max(0, subject.start - 40), v.end)) || hasCiteIn(s, subject.start, v.end)) continue;
    const determiner = /\b(?:the|these|this|those|our|a|an|one|two|three|both|all)\s+(?:(?:the|these|this|those|that)\s+)?(?:[\w-]+\s+)?$/i.exec(text.slice(Math.max(0, subject.start - 30), subject.start));
    // "identifying components responsible for unwanted behaviours": generic, not a finding about a specific component.
    if (/^(?:responsible|underlying)/i.test(text.slice(v.start)) && !determiner && !/\d/.test(text.slice(subject.start, subject.end))) continue;
    const what = claimed(text, subject, clauseStart(text, subject.start), v.start, prev);
    // The claim starts at the named component ("Neuron 3071 in layer 9 is responsible"), else at the subject and its determiner.
    const start = Math.min(what.nameStart ?? Infinity, determiner ? subject.start - determiner[0].length : subject.start);
    return { s, start, end: v.end, verbStart, verbEnd, replacement: v.replacement, ...what };
  }
  return thisIsHow(s, prev);
}

/**
 * "Head 2.4 binds the beak and the eyes. This is how the model represents bird heads.": the sentence
 * names no component, so the claim is about the components named in the sentence before.
 */
function thisIsHow(s: SentenceRef, prev: SentenceRef | undefined): Claim | undefined {
  const m = THIS_IS_HOW.exec(s.text);
  if (!m || !prev || components(s.text).length > 0) return undefined;
  if (HEDGE.test(m[0]) || NEGATION_INSIDE.test(m[0]) || quoted(s, m.index, m.index + m[0].length)) return undefined;
  const named = componentRefs(prev.text).filter((r) => r.ids.length > 0 && !r.qualifier);
  if (named.length === 0 || describesOthers(prev)) return undefined;
  const kind = named[0].kind;
  const same = named.filter((r) => r.kind === kind);
  const verbStart = m.index + m[0].search(new RegExp(`\\b${m[1]}\\b`));
  return {
    s,
    start: m.index + (m[0].length - m[0].trimStart().length),
    end: m.index + m[0].length,
    verbStart,
    verbEnd: verbStart + m[1].length,
    replacement: /^was$/i.test(m[1]) ? 'may have been' : 'may be',
    ids: [...new Set(same.flatMap((r) => r.ids))],
    kind,
    name: same.map((r) => lower(r.text)).join(' and '),
    layers: [],
  };
}

/** Start of the clause a subject sits in: after the last ";", ":", "(" or non-numeric comma before it. */
function clauseStart(text: string, at: number): number {
  const from = Math.max(0, at - 80);
  let start = from;
  const re = /[;:(]|,(?!\d{3})|\.\s/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < at; m = re.exec(text)) start = m.index + m[0].length;
  return start;
}

/**
 * The claimed component: the identifiers of the subject noun phrase ("Heads 14.2 and 16.7", "Neuron
 * 2017 in the final MLP" → unit:2017, not the MLP), else those "this head" points back to in the
 * previous sentence, else only its kind ("this direction").
 */
function claimed(text: string, subject: { start: number; end: number }, from: number, to: number, prev: SentenceRef | undefined): { ids: string[]; kind: ComponentKind; name: string; layers: string[]; nameStart?: number } {
  const refs = componentRefs(text).filter((r) => r.start >= from && r.start < to && r.end <= Math.max(to, subject.end));
  const named = refs.filter((r) => r.ids.length > 0 && !r.qualifier);
  const layers = refs.filter((r) => r.kind === 'layer' && r.qualifier).flatMap((r) => r.ids);
  const written = (rs: ComponentRef[]) => rs.map((r) => lower(r.text)).join(' and ');
  if (named.length > 0) {
    const kind = named[0].kind;
    const same = named.filter((r) => r.kind === kind);
    return { ids: [...new Set(same.flatMap((r) => r.ids))], kind, name: written(same), layers, nameStart: same[0].start };
  }
  const own = refs.find((r) => r.start <= subject.start && r.end >= subject.end) ?? refs.find((r) => r.end >= subject.end);
  const kind = own?.kind ?? kindOf(text.slice(subject.start, subject.end));
  // Only a demonstrative points back: "The features underlying string escaping" is a description of its own.
  if (own?.anaphor && own.demonstrative && prev) {
    const before = componentRefs(prev.text).filter((r) => r.kind === kind && r.ids.length > 0);
    const ids = [...new Set(before.flatMap((r) => r.ids))];
    if (ids.length > 0 && (own.anaphor === 'plural' || ids.length === 1)) return { ids, kind, name: written(before), layers };
  }
  return { ids: [], kind, name: `a ${kind === 'unit' ? 'neuron or feature' : kind}`, layers };
}

const MECHANISTIC_START = /^(?:convert|transform|map|move|cop(?:y|ies)|store|retriev|read|write|transport|transfer)/i;

/** "converts" → "convert", "copies" → "copy": the form after "may". */
function baseForm(verb: string): string {
  const v = verb.toLowerCase();
  if (v === 'copies') return 'copy';
  if (/(?:ss|sh|ch|x)es$/.test(v)) return v.slice(0, -2);
  return v.replace(/s$/, '');
}

const NEGATION_INSIDE = /\b(?:not|never|no longer)\b|n't\b/i;

function hasCiteIn(s: SentenceRef, start: number, end: number): boolean {
  return s.block.refs.some((r) => r.kind === 'cite' && r.start >= s.start + start && r.end <= s.start + end);
}

export default rule;
