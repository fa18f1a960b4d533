import type { Rule } from '../../server/src/core/rules/types';
import { EXPERIMENTAL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import type { Block } from '../../server/src/core/model';
import { rewriteInBlock } from '../../server/src/core/rules/fixes';
import { Lexicon } from '../../server/src/core/rules/lexicon';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import type { Token } from '../../server/src/core/nlp/analyse';
import { type Claim as Clause, sentenceCategories, sentenceClaims } from '../../server/src/core/claims';
import { BACK_REFERENCE, interventions, isComponent, responsibilitySpan } from '../../server/src/core/claims/categories/mechanism';
import { firstMatch } from '../../server/src/core/nlp/patterns';
import WORDS from '../../server/src/core/claims/lexicon/faithfulness.json';
import LEXICON from '../../server/src/core/claims/lexicon.json';
import { CAUSAL } from '../../server/src/core/claims/categories/shared';
import MECHANISM from '../../server/src/core/claims/lexicon/mechanism.json';
import { ownTableBlocks, quote } from '../shared';
import { componentRefs, everyCovers, kindOf, ONE_AT_A_TIME, type ComponentKind, type ComponentRef } from './components';

// §6.1 "mechanistic faithfulness": an explanation is faithful if intervening on the components it
// identifies changes the computation as predicted. The decision, over the linguistic layer's claims:
// a sentence of this paper's own framing or results that the layer files as a responsibility claim
// (a component said to implement, move, mediate, be responsible for… a behaviour), stated as fact
// (not hedged, hypothetical, cited, quoted, or itself the report of an intervention's effect), needs a
// causal test of THAT component: a sentence the layer files as a causal test in the paper's own work,
// or a table whose caption or header names one. A component named by identifier ("head 1.2") is
// covered only by a test naming the same identifier, pointing back to it, or covering every
// component of its kind; an unnamed "direction" or "circuit" by a test of that kind.

interface Options {
  /** Most findings per document (the first claims in reading order). */
  maxFindings: number;
  /** Extra causal verb phrases to flag after a component, e.g. ["is in charge of"]. */
  extraVerbs: string[];
}

interface Claim {
  s: SentenceRef;
  /** Claim range in the sentence: from its subject to the end of the verb phrase. */
  start: number;
  end: number;
  /** The verb to hedge, in the sentence. */
  verb: Token;
  /** What the finding rests on: actor, act and status of the clause. */
  basis: string;
  /** The claimed component: identifiers ("head:1.2") when the text gives or points back to them, else its kind. */
  ids: string[];
  kind: ComponentKind;
  /** The component as written ("head 1.2", "latent 4,211"), or its kind ("a direction"). */
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

const CLAIM_ROLES = new Set<string>(['abstract', 'introduction', 'discussion', 'conclusion', 'front', 'experiments', 'results', 'other']);
const NOT_OWN_WORK = new Set<string>(['related-work', 'background', 'limitations']);
const INTERVENE = new Set([...CAUSAL, ...MECHANISM.intervene]);
const STATED = new Set<Clause['status']>(['done', 'measured']);
const HEDGE = new Set(WORDS.hedge);
const CORRELATIONAL = new Set(WORDS.correlational);
const MECHANISTIC = new Set(WORDS.mechanistic);
const SYSTEM = new Set(LEXICON.system);

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
    const extra = ctx.options.extraVerbs.length > 0 ? new Lexicon({ verb: ctx.options.extraVerbs }) : undefined;
    const previous = previousIn(view);
    const claims: Claim[] = [];
    for (const s of view.sentences) {
      if (!CLAIM_ROLES.has(s.role) || s.block.kind === 'table-cell') continue;
      const claim = responsibilityClaim(s, previous(s)) ?? backReference(s, previous(s)) ?? extraClaim(s, extra);
      if (claim) claims.push(claim);
    }
    if (claims.length === 0) {
      ctx.notApplicable('no sentence claims that a component is responsible for a behaviour');
      return;
    }

    // Causal tests of the paper's own work, in its text and tables, with the components each names.
    const tests: TestSite[] = [];
    const negated: Array<{ block: Block; start: number; end: number; ids: string[] }> = [];
    for (const s of view.sentences) {
      if (s.block.kind === 'table-cell' || s.role === 'related-work' || s.role === 'background') continue;
      const refs = componentRefs(s.text);
      const denial = negatedTest(s.text);
      if (denial && refs.some((r) => r.ids.length > 0)) negated.push({ block: s.block, start: s.start + denial.start, end: s.start + denial.end, ids: refs.flatMap((r) => r.ids) });
      if (NOT_OWN_WORK.has(s.role) || denial || !isTest(s.text)) continue;
      const at = testWord(s.text) ?? { start: 0, end: s.text.length, label: 'an intervention' };
      tests.push(site(s.block, s.start, s.text, at, refs, pointsBack(s.text, refs, previous(s))));
    }
    for (const block of ownTableBlocks(view)) {
      const t = view.roleOf(block) === 'limitations' ? undefined : lexicons.causalTests.find(block.text)[0];
      if (t) tests.push(site(block, 0, block.text, { start: t.start, end: t.end, label: t.text }, componentRefs(block.text), []));
    }
    // A table whose caption or header names a test ("Activation patching of layer-0 heads") tests every component in its rows.
    for (const table of view.tables) {
      if (NOT_OWN_WORK.has(table.role)) continue;
      const header = [...(table.caption ? [table.caption] : []), ...table.cells.filter((c) => (c.cell?.row ?? 0) === 0)].find((b) => lexicons.causalTests.test(b.text));
      const t = header && lexicons.causalTests.find(header.text)[0];
      if (header && t) tests.push(site(header, 0, header.text, { start: t.start, end: t.end, label: t.text }, [...table.cells.flatMap((c) => componentRefs(c.text)), ...componentRefs(header.text)], columnIds(table.cells)));
    }

    const uncovered: Claim[] = [];
    for (const c of claims) {
      const by = tests.find((t) => covers(t, c));
      if (by) ctx.evidence({ block: by.block, start: by.start, end: by.end }, `causal test of ${c.ids.length > 0 ? c.name : `the ${c.kind === 'unit' ? 'feature' : c.kind}`}: ${by.label}`);
      else uncovered.push(c);
    }
    for (const c of uncovered.slice(0, Math.max(1, ctx.options.maxFindings))) {
      const phrase = c.s.text.slice(c.start, c.end);
      const sentenceEnd = c.s.start + c.s.text.length;
      const endOffset = c.s.block.base + c.s.block.ends[sentenceEnd - 1];
      const others = tests.filter((t) => t.ids.size > 0 || t.kinds.size > 0);
      const denied = negated.find((n) => c.ids.some((id) => n.ids.includes(id)));
      const found = denied ? ' (the draft says it was not tested)' : others.length > 0 ? `; tests were found on ${describeSites(others)}, none on ${c.name}` : '; no causal test of any component was found';
      ctx.report({
        message: `"${quote(phrase, 36)}" has no causal test: ablate or patch it, or hedge the claim`,
        detail: `"${phrase}" (${c.basis}) claims a causal role, but no causal test (ablation, activation patching, steering) of ${c.name} is reported in the draft's own work${found}; intervene on ${c.ids.length > 0 ? 'it' : 'that component'} and measure the behaviour, or state the claim as an association`,
        at: { block: c.s.block, start: c.s.start + c.start, end: c.s.start + c.end },
        related: [
          ...(denied ? [{ at: { block: denied.block, start: denied.start, end: denied.end }, message: `the draft says ${c.name} was not tested` }] : []),
          ...others.slice(0, 2).map((t) => ({ at: { block: t.block, start: t.start, end: t.end }, message: `causal test of ${describeSites([t])}` })),
        ],
        fix: {
          title: 'Hedge the claim and name the causal test to run',
          edits: [
            hedgeEdit(c),
            { file: c.s.block.file, start: endOffset, end: endOffset, text: ` [We test this causally by ablating/patching ${c.ids.length > 0 ? c.name : '[component]'} and measuring [behaviour] (Section [ref]).]` },
          ],
          hasPlaceholders: true,
        },
      });
    }
  },
};

/**
 * The sentence's responsibility claim, when it is this paper's own claim stated as fact: the layer
 * files it as a responsibility claim and not as cited background, a hypothetical, or a causal test
 * (a claim that reports what an intervention did is backed in the same sentence), and the clause
 * that makes it is this work's, done or measured (not hedged, negated, proposed or future).
 */
function responsibilityClaim(s: SentenceRef, prev: SentenceRef | undefined): Claim | undefined {
  const out = new Set(sentenceCategories(s.text));
  if (!out.has('responsibility-claim') || out.has('causal-test') || out.has('hypothetical') || out.has('cited-background')) return undefined;
  if (s.text.trimEnd().endsWith('?')) return undefined;
  const { tokens, claims } = sentenceClaims(s.text);
  const span = responsibilitySpan({ text: s.text, tokens, claims, out });
  if (!span) return undefined;
  const clause = claims.find((c) => c.start <= span.verb && span.verb < c.end);
  if (clause && (!STATED.has(clause.status) || clause.source !== 'own')) return undefined;
  // Hedged, asked or planned ("we hypothesize that…", "may be", "we look for the heads responsible").
  if (tokens.slice(0, span.end).some((t) => HEDGE.has(t.lemma) || HEDGE.has(t.lower))) return undefined;
  const act = tokens[span.verb].lemma;
  // "Latent 40 drives the probe output": the paper's own predictor, true by construction.
  if (tokens.slice(span.verb + 1, span.verb + 4).some((t) => SYSTEM.has(t.lemma))) return undefined;
  // "The probe direction encodes the indentation level": where information is, not that the model uses it.
  if (CORRELATIONAL.has(act) || CORRELATIONAL.has(tokens[span.verb].lower.replace(/s$/, ''))) return undefined;
  const start = tokens[span.start].start;
  const end = tokens[span.end - 1].end;
  const what = claimed(s.text, start, end, prev);
  // "Attention heads move information between positions" is about a kind of component; "head 4.2 copies the name" is a finding.
  if (MECHANISTIC.has(act) && what.ids.length === 0 && !componentRefs(s.text).some((r) => r.kind === 'layer' && r.ids.length > 0)) return undefined;
  return { s, start, end, verb: tokens[span.verb], basis: basisOf(clause, tokens[span.verb]), ...what };
}

/**
 * "Head 2.4 binds the beak and the eyes. This is how the model represents bird heads.": a sentence
 * that names no component puts the model's behaviour on the components the sentence before names.
 */
function backReference(s: SentenceRef, prev: SentenceRef | undefined): Claim | undefined {
  if (!prev || componentRefs(s.text).length > 0) return undefined;
  const { tokens, claims } = sentenceClaims(s.text);
  const m = firstMatch(BACK_REFERENCE, tokens);
  if (!m || tokens.slice(0, m.end).some((t) => HEDGE.has(t.lemma) || HEDGE.has(t.lower)) || sentenceCategories(prev.text).has('cited-background')) return undefined;
  const named = componentRefs(prev.text).filter((r) => r.ids.length > 0 && !r.qualifier);
  if (named.length === 0) return undefined;
  const same = named.filter((r) => r.kind === named[0].kind);
  const verb = tokens.slice(m.start, m.end).find((t) => t.lemma === 'be') ?? tokens[m.start];
  const clause = claims.find((c) => c.start <= m.start && m.start < c.end);
  return { s, start: tokens[m.start].start, end: tokens[m.end - 1].end, verb, basis: basisOf(clause, verb), ids: [...new Set(same.flatMap((r) => r.ids))], kind: same[0].kind, name: same.map((r) => lower(r.text)).join(' and '), layers: [] };
}

/** A causal test of this work: the layer files the sentence as one, or it carries out an intervention on a component ("we mean-ablate the top 200 latents one at a time"). */
function isTest(text: string): boolean {
  const out = new Set(sentenceCategories(text));
  if (out.has('causal-test')) return true;
  if (out.has('cited-background') || out.has('hypothetical')) return false;
  const { tokens, claims } = sentenceClaims(text);
  // Only an act that is an intervention whatever its object: projecting onto a component to read it is a measurement.
  return interventions({ text, tokens, claims, out }).some((i) => INTERVENE.has(tokens[i].lemma) || INTERVENE.has(tokens[i].lower.split('-').pop() ?? '')) && tokens.some((t) => isComponent(t));
}

/** An extra verb phrase from the config after a component subject: "head 1.2 is in charge of copying". */
function extraClaim(s: SentenceRef, extra: Lexicon | undefined): Claim | undefined {
  const m = extra?.find(s.text)[0];
  if (!m) return undefined;
  const { tokens, claims } = sentenceClaims(s.text);
  const at = tokens.findIndex((t) => t.start >= m.start);
  const clause = claims.find((c) => c.start <= at && at < c.end);
  if (at < 0 || !clause || clause.source !== 'own' || !STATED.has(clause.status) || !tokens.slice(clause.start, at).some((t) => isComponent(t))) return undefined;
  const start = tokens[clause.start].start;
  return { s, start, end: m.end, verb: tokens[at], basis: basisOf(clause, tokens[at]), ...claimed(s.text, start, m.end, undefined) };
}

/** "component, "implements", stated as fact": what the finding rests on (hedged, cited and planned claims never get here). */
function basisOf(c: Clause | undefined, verb: Token): string {
  return `${c?.actor === 'we' ? 'this work' : 'component'}, "${verb.text}", stated as fact`;
}

/**
 * The hedge: "implements" → "might implement", "is" → "might be", "was" → "might have been"; where
 * the claim's verb is not a plain finite verb ("…that the model uses to decide"), "we hypothesise that"
 * before the claim.
 */
function hedgeEdit(c: Claim) {
  const { block, start } = c.s;
  const v = c.verb;
  const { tokens } = sentenceClaims(c.s.text);
  const prev = tokens[tokens.indexOf(v) - 1];
  if (v.lemma === 'be') return rewriteInBlock(block, start + v.start, start + v.end, /^(was|were)$/i.test(v.text) ? 'might have been' : 'might be');
  if ((v.pos === 'VERB' || v.pos === 'NOUN') && prev?.lower !== 'to' && v.lower !== v.lemma + 'ing') return rewriteInBlock(block, start + v.start, start + v.end, `might ${baseForm(v)}`);
  const first = c.s.text.slice(c.start, c.start + 1);
  const opens = c.s.text.slice(0, c.start).trim() === '';
  return rewriteInBlock(block, start + c.start, start + c.start + 1, opens ? `We hypothesise that ${/[A-Z][a-z]/.test(c.s.text.slice(c.start, c.start + 2)) ? first.toLowerCase() : first}` : `we hypothesise that ${first}`);
}

/** The base form after "might": the lemma, or the stem of a verb the tagger read as a plural noun ("copies" → copy). */
function baseForm(v: Token): string {
  if (v.lemma !== v.lower || !v.lower.endsWith('s')) return v.lemma;
  return /ies$/.test(v.lower) ? `${v.lower.slice(0, -3)}y` : /(ss|sh|ch|x)es$/.test(v.lower) ? v.lower.slice(0, -2) : v.lower.slice(0, -1);
}

/** The sentence before in the same paragraph, for "this head" and "ablating them". */
function previousIn(view: DocumentView): (s: SentenceRef) => SentenceRef | undefined {
  const index = new Map(view.sentences.map((s, i) => [s, i]));
  return (s) => {
    const p = view.sentences[(index.get(s) ?? 0) - 1];
    return p && p.block === s.block && p !== s ? p : undefined;
  };
}

/**
 * The claimed component: the identifiers named in the claim ("Heads 14.2 and 16.7", "Neuron 2017 in
 * the final MLP" → unit:2017, not the MLP), else those a demonstrative ("this head") points back to
 * in the previous sentence, else only its kind ("a direction").
 */
function claimed(text: string, from: number, to: number, prev: SentenceRef | undefined): Pick<Claim, 'ids' | 'kind' | 'name' | 'layers'> {
  const refs = componentRefs(text).filter((r) => r.start >= from && r.end <= to);
  const named = refs.filter((r) => r.ids.length > 0 && !r.qualifier);
  const layers = refs.filter((r) => r.kind === 'layer' && r.qualifier).flatMap((r) => r.ids);
  const written = (rs: ComponentRef[]) => rs.map((r) => lower(r.text)).join(' and ');
  if (named.length > 0) {
    const same = named.filter((r) => r.kind === named[0].kind);
    return { ids: [...new Set(same.flatMap((r) => r.ids))], kind: named[0].kind, name: written(same), layers };
  }
  const own = refs.find((r) => !r.qualifier) ?? refs[0];
  const kind = own?.kind ?? kindOf(text.slice(from, to));
  // "Heads 9.4 and 11.2 attend to the tag and are the heads that copy the name": named earlier in the sentence.
  const earlier = componentRefs(text).filter((r) => r.end <= from && r.kind === kind && r.ids.length > 0 && !r.qualifier);
  if (own?.anaphor && earlier.length > 0) return { ids: [...new Set(earlier.flatMap((r) => r.ids))], kind, name: written(earlier), layers };
  if (own?.anaphor && own.demonstrative && prev) {
    const before = componentRefs(prev.text).filter((r) => r.kind === kind && r.ids.length > 0);
    const ids = [...new Set(before.flatMap((r) => r.ids))];
    if (ids.length > 0 && (own.anaphor === 'plural' || ids.length === 1)) return { ids, kind, name: written(before), layers };
  }
  return { ids: [], kind, name: `a ${kind === 'unit' ? 'neuron or feature' : kind}`, layers };
}

/** The intervention's word in a causal-test sentence ("Ablating", "patching"), for the evidence label. */
function testWord(text: string): { start: number; end: number; label: string } | undefined {
  const t = sentenceClaims(text).tokens.find((x) => INTERVENE.has(x.lemma) || INTERVENE.has(x.lower.replace(/-/g, '')) || [...INTERVENE].some((w) => x.lower.startsWith(w.slice(0, 5)) && w.length > 4));
  return t && { start: t.start, end: t.end, label: t.text };
}

/** "We did not ablate head 1.2": an intervention in a negated clause. */
function negatedTest(text: string): { start: number; end: number } | undefined {
  const { tokens, claims } = sentenceClaims(text);
  const c = claims.find((x) => x.status === 'negated' && INTERVENE.has(x.act));
  return c && { start: tokens[c.actAt].start, end: tokens[c.actAt].end };
}

/**
 * Identifiers a test points back to in the previous sentence of its paragraph: "these heads", "the
 * six selected latents" (when the number agrees), or a pronoun after the intervention ("ablating
 * them") when the sentence names no component of its own before it.
 */
function pointsBack(text: string, refs: ComponentRef[], prev: SentenceRef | undefined): string[] {
  if (!prev) return [];
  const before = componentRefs(prev.text).filter((r) => r.ids.length > 0);
  if (before.length === 0) return [];
  const { tokens } = sentenceClaims(text);
  const pick = (kind: ComponentKind | undefined, plural: boolean, count?: number): string[] => {
    const ids = [...new Set(before.filter((r) => kind === undefined || r.kind === kind).flatMap((r) => r.ids))];
    if (count !== undefined && ids.length !== count) return [];
    return ids.length > 0 && (plural ? ids.length >= 2 : ids.length === 1) ? ids : [];
  };
  const out: string[] = [];
  for (const r of refs) {
    if (!r.anaphor || r.ids.length > 0) continue;
    out.push(...pick(r.kind, r.anaphor === 'plural', countBefore(tokens, r.start)));
  }
  if (!refs.some((r) => r.ids.length > 0)) {
    // "Zero-ablating the eight selected latents, instead of clamping them": the pronoun's antecedent is in this sentence.
    const k = tokens.findIndex((t, i) => PRONOUN.has(t.lower) && i > 0 && INTERVENE.has(testLemma(tokens[i - 1])));
    if (k >= 0 && !refs.some((r) => r.end <= tokens[k].start)) out.push(...pick(undefined, /^(them|their)$/.test(tokens[k].lower)));
  }
  return out;
}

const PRONOUN = new Set(['it', 'them', 'its', 'their']);

function testLemma(t: Token): string {
  return INTERVENE.has(t.lemma) ? t.lemma : t.lower.replace(/ing$/, '').replace(/^(.*?)(?:-)?$/, '$1');
}

/** A number word or digits just before a component noun ("the six selected latents"). */
function countBefore(tokens: readonly Token[], at: number): number | undefined {
  const i = tokens.findIndex((t) => t.start >= at);
  for (let k = i - 1; k >= Math.max(0, i - 3); k--) {
    const t = tokens[k];
    if (t.pos === 'NUM') return /^\d+$/.test(t.text) ? Number(t.text) : NUMBERS.indexOf(t.lower) + 2 || undefined;
  }
  return undefined;
}

const NUMBERS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function site(block: Block, offset: number, text: string, t: { start: number; end: number; label: string }, found: ComponentRef[], resolved: string[]): TestSite {
  const steering = /steer|add|subtract|amplif|project/i.test(t.label) || /\bsteer|\bvector/i.test(text);
  const kinds = new Set(found.map((r) => r.kind));
  if (steering) kinds.add('direction');
  // "we ablate the top 500 neurons one at a time": a test of each of them.
  const refs = ONE_AT_A_TIME.test(text) ? found.map((r) => (r.ids.length === 0 && !r.qualifier && !r.every ? { ...r, every: {} } : r)) : found;
  return { block, start: offset + t.start, end: offset + t.end, label: t.label, ids: new Set([...refs.flatMap((r) => r.ids), ...resolved]), names: refs.filter((r) => r.ids.length > 0).map((r) => lower(r.text)), every: refs.filter((r) => r.every), kinds };
}

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
  return [...new Set(sites.flatMap((t) => [...t.kinds]))].map((k) => (k === 'unit' ? 'neurons/features' : `${k}s`)).join(', ');
}

/** Bare identifiers under a column headed "Head", "Latent", "Patched neuron"…: "1.2" in a "Head" column is head:1.2. */
function columnIds(cells: Block[]): string[] {
  const out: string[] = [];
  for (const header of cells.filter((c) => c.cell?.row === 0)) {
    const kind = componentRefs(header.text).find((r) => r.ids.length === 0)?.kind;
    if (!kind || header.text.trim().split(/\s+/).length > 3) continue;
    for (const c of cells.filter((x) => x.cell?.column === header.cell?.column && (x.cell?.row ?? 0) > 0)) {
      const id = c.text.trim();
      const text = kind === 'head' ? `head ${id.replace(/^L(\d+)H(\d+)$/i, '$1.$2')}` : `${kind === 'layer' ? 'layer' : 'unit'} ${id.replace(/^#/, '')}`;
      out.push(...componentRefs(text).filter((r) => r.end === text.length).flatMap((r) => r.ids));
    }
  }
  return out;
}

export default rule;
