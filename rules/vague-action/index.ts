import type { Rule } from '../../server/src/core/rules/types';
import { ALL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import { rewriteInBlock, appendToBlock } from '../../server/src/core/rules/fixes';
import { Lexicon } from '../../server/src/core/rules/lexicon';
import type { SentenceRef } from '../../server/src/core/rules/view';
import type { Token } from '../../server/src/core/nlp/analyse';
import type { PatternMatch } from '../../server/src/core/nlp/patterns';
import { matchPattern } from '../../server/src/core/nlp/patterns';
import { type Claim, sentenceCategories, sentenceClaims } from '../../server/src/core/claims';
import { VAGUE_IMPACT } from '../../server/src/core/claims/categories/index';
import { ACTIONS } from '../../server/src/core/claims/categories/shared';
import { actLemma } from '../../server/src/core/claims/claims';
import LEXICON from '../../server/src/core/claims/lexicon.json';
import { FRAMING_ROLES, quote, quoted } from '../shared';

// §2.1: at the low end of concreteness are "vague suggestions ('could inform safety research')".
// A vague claim is a clause of this paper's own voice that matches one of the linguistic layer's
// vague-impact patterns (lemma sequences: "paved the way", "sheds some light on", "could inform the
// design of…"). It is not vague when it names who does what, and it is not this paper's claim when
// it is cited, quoted, or has a model component as its subject (that is the mechanism).

interface Options {
  /** Extra idioms to flag, e.g. ["moves the needle on"]. */
  extraPhrases: string[];
}

/** Sections where a paper states what its work is for ("Discussion and Limitations" too). */
const CHECKED: ReadonlyArray<string> = [...FRAMING_ROLES, 'limitations'];
/** Patterns that point toward something: vague only toward a vague object ("a step towards safer AI", not "…towards a public leaderboard"). */
const TOWARD = new Set(['step-toward', 'closer-to']);
const AUDIENCE = new Set(Object.keys(LEXICON.audience));
const UNDERSTAND = new Set(LEXICON.understand);
const MODAL = new Set(['could', 'may', 'might', 'can', 'would']);

/** An idiom's plain replacement, by pattern: a verb (inflected like the idiom's verb) or a fixed phrase. */
const REPLACEMENT: Record<string, Verb | string> = {
  'shed-light': verb('explain', 'explains', 'explaining', 'explained'),
  'pave-the-way': verb('open a path', 'opens a path', 'opening a path', 'opened a path'),
  'implications-for': verb('matter for', 'matters for', 'mattering for', 'mattered for'),
  'open-avenue': verb('suggest directions', 'suggests directions', 'suggesting directions', 'suggested directions'),
  'open-new-avenue': verb('suggest directions', 'suggests directions', 'suggesting directions', 'suggested directions'),
  'lay-groundwork': verb('prepare', 'prepares', 'preparing', 'prepared'),
  'step-toward': 'move toward',
  'valuable-insight': 'evidence about',
};

interface Verb {
  base: string;
  s: string;
  ing: string;
  ed: string;
}

function verb(base: string, s: string, ing: string, ed: string): Verb {
  return { base, s, ing, ed };
}

const rule: Rule<Options> = {
  meta: {
    id: 'vague-action',
    description: 'Impact stated without who acts or what they do ("could inform safety research", "sheds light on")',
    checklistStep: 3,
    topic: 'concrete action',
    paperSection: '§2.1',
    defaultSeverity: 'warning',
    kinds: ALL_KINDS,
    scope: 'sentence',
    fixable: true,
    optionsSchema: optionsSchema({ extraPhrases: phraseList('More idioms to flag as vague.') }),
  },
  defaultOptions: { extraPhrases: [] },
  check(ctx) {
    const extra = ctx.options.extraPhrases.length > 0 ? new Lexicon({ idiom: ctx.options.extraPhrases }) : undefined;
    const postLike = ctx.doc.sections.length <= 12; // blog posts use free-form headings: their 'other' sections are framing too
    for (const s of ctx.view.sentences) {
      if (!CHECKED.includes(s.role) && !(s.role === 'other' && postLike)) continue;
      const hit = vagueClaim(s, ctx.lexicons.vagueObjects) ?? extraIdiom(s, extra);
      if (!hit) continue;
      const phrase = s.text.slice(hit.start, hit.end);
      ctx.report({
        message: `"${quote(phrase, 40)}" names no actor or action: say who does what with the result`,
        detail: `"${phrase}" names no one who acts and no action (${hit.basis}); say who does what with the result, and point to where you show it`,
        at: { block: s.block, start: s.start + hit.start, end: s.start + hit.end },
        fix: {
          title: 'Rewrite as a concrete claim: who can do what, and where it is validated',
          edits: hit.replacement !== undefined ? idiomFix(s, hit, hit.replacement) : [rewriteInBlock(s.block, s.start + hit.start, s.start + hit.end, hedgeRewrite(hit.object))],
          hasPlaceholders: true,
        },
      });
    }
  },
};

interface VagueHit {
  start: number;
  end: number;
  /** What the finding rests on: the clause's actor, act and status. */
  basis: string;
  /** An idiom's plain replacement in the idiom's own form; undefined for a claim to rewrite. */
  replacement?: string;
  /** The rest of the claim after the impact verb ("safety research"). */
  object?: string;
}

/**
 * The first vague-impact pattern in a clause of this paper's own voice, unless its claim names who
 * does what. Only a sentence the linguistic layer files as vague-impact is read (cited background
 * and quotations are not).
 */
function vagueClaim(s: SentenceRef, vagueObjects: Lexicon): VagueHit | undefined {
  if (!sentenceCategories(s.text).has('vague-impact')) return undefined;
  const { tokens, claims } = sentenceClaims(s.text);
  // Every match of every pattern, in reading order.
  const matches = VAGUE_IMPACT.flatMap((p) => {
    const out: PatternMatch[] = [];
    for (let m = matchPattern(p, tokens); m; m = matchPattern(p, tokens, m.start + 1)) out.push(m);
    return out;
  }).sort((a, b) => a.start - b.start);
  {
    for (const m of matches) {
      const p = m.pattern;
      const start = tokens[m.start].start;
      const end = tokens[m.end - 1].end;
      const claim = claims.find((c) => c.start <= m!.start && m!.start < c.end);
      if (claim && !ownVoice(claim, m)) continue;
      // "helps the community better understand X" frames the work as understanding: understanding-only reports it, once.
      if (claim && UNDERSTAND.has(claim.act) && claim.actAt >= m.start) continue;
      if (quoted(s, start, end)) continue;
      // "X has shed light on Y, but we have not investigated Z": a limitation's scope, not a claim of impact.
      if (s.role === 'limitations' && claims.some((c) => c.actor === 'we' && c.status === 'negated')) continue;
      // "Fine-grained steering of outputs is essential for safety", "Continuing this investigation is a promising
      // line of future work": the evaluative frame's subject names what is done (not only understanding).
      if (EVALUATIVE.has(p.id) && namesActivity(tokens.slice(0, m.start))) continue;
      const rest = clauseRest(s.text, tokens, m.end, claim?.end ?? tokens.length);
      // "pointing toward opportunities to scale our understanding": impact on understanding is understanding-only's to report.
      if (tokens.some((t, i) => i >= m.end && t.end <= rest.end && (t.lemma === 'understand' || t.lemma === 'understanding'))) continue;
      if (TOWARD.has(p.id) && !vagueObjects.find(s.text).some((o) => o.start >= end && o.start <= rest.end)) continue;
      if (namesWhoDoesWhat(tokens, claims, claim) || statesHow(tokens, m.end, claim?.end ?? tokens.length)) continue;
      const basis = `${!claim || claim.actor === 'unnamed' ? 'no actor' : `actor ${claim.actor}`}, "${tokens[m.start].text}", ${claim?.status ?? 'done'}`;
      const fixed = REPLACEMENT[p.id];
      if (fixed !== undefined) return { start, end, basis, replacement: typeof fixed === 'string' ? fixed : inflect(fixed, tokens, m) };
      // The object starts at the first word of a noun phrase after the impact verb ("inform [the design of…]", "help build [more private…]").
      const from = tokens.findIndex((t, i) => i > m!.start && ['DET', 'ADJ', 'NOUN', 'PROPN', 'ADV'].includes(t.pos) && t.end <= rest.end);
      // The claim's hedge belongs to the phrase: "could inform safety research".
      const modal = tokens[m.start - 1]?.pos === 'AUX' && MODAL.has(tokens[m.start - 1].lower) ? tokens[m.start - 1].start : start;
      return { start: modal, end: rest.end, basis, object: from > 0 ? s.text.slice(tokens[from].start, rest.end).trim() : undefined };
    }
  }
  return undefined;
}

/** Extra idioms from the config, matched as phrases. */
function extraIdiom(s: SentenceRef, extra: Lexicon | undefined): VagueHit | undefined {
  const m = extra?.find(s.text).find((x) => !quoted(s, x.start, x.end));
  return m ? { start: m.start, end: m.end, basis: 'configured idiom', replacement: 'shows' } : undefined;
}

/**
 * The pattern's clause is this paper's own claim: not cited or quoted, not others' work, not a model
 * component as the subject of a present fact ("the same heads inform the verb's form" describes the mechanism).
 */
function ownVoice(c: Claim, m: PatternMatch): boolean {
  if (c.source === 'cited' || c.source === 'quoted' || c.actor === 'others') return false;
  // A mechanism is stated as fact; "directions of this kind will play a central role in building fairer AI" is a forecast of impact.
  const forecast = c.status === 'future' || c.status === 'hypothetical' || c.status === 'proposed';
  return !(c.actor === 'component' && !forecast && c.actAt >= m.start && c.actAt < m.end);
}

/**
 * "practitioners can decide when to override the model": an audience named in the sentence and an
 * action in the vague claim's clause or a later one ("…paves the way for developers to flag…";
 * "…; concretely, auditors can…"). An action in an earlier, separate claim does not make a later
 * vague one concrete ("the tool lets developers flag X, and we hope this paves the way toward…").
 */
function namesWhoDoesWhat(tokens: readonly Token[], claims: readonly Claim[], claim: Claim | undefined): boolean {
  const audience = claims.some((c) => c.actor === 'audience') || tokens.some((t) => AUDIENCE.has(t.lemma));
  return audience && tokens.some((t, i) => i >= (claim?.start ?? 0) && ACTIONS.has(actLemma(t)) && t.pos !== 'ADP');
}

/**
 * The claim goes on to say how: a preposition of means that belongs to it ("might inform more targeted
 * anonymization through noise added to layers 6 to 9"), not to an embedded question ("sheds light on
 * how models route information through heads" describes the mechanism).
 */
function statesHow(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (WH.has(tokens[i].lower)) return false;
    if (MEANS.has(tokens[i].lower) && ['NOUN', 'VERB', 'ADJ', 'DET'].includes(tokens[i + 1]?.pos ?? '')) return true;
  }
  return false;
}

/** Frames that judge their subject ("X is essential for safety", "X is a promising line of future work"). */
const EVALUATIVE = new Set(['important-for-safe', 'promising-direction']);

/** A subject that names an activity: an action ("steering of outputs") or an opening gerund other than understanding ("Continuing this investigation"). */
function namesActivity(subject: readonly Token[]): boolean {
  const first = subject.find((t) => t.pos !== 'ADV' && t.pos !== 'PUNCT');
  const gerund = !!first && /ing$/.test(first.lower) && (first.pos === 'VERB' || first.pos === 'NOUN') && !UNDERSTAND.has(actLemma(first)) && !UNDERSTAND.has(first.lemma);
  return gerund || subject.some((t) => t.pos === 'NOUN' && ACTIONS.has(actLemma(t)) && !UNDERSTAND.has(actLemma(t)));
}

const MEANS = new Set(['by', 'through', 'via']);
const WH = new Set(['how', 'where', 'what', 'why', 'which', 'whether', 'when']);

/** From the pattern's end to the end of its clause, at most about 50 characters, cut at a word. */
function clauseRest(text: string, tokens: readonly Token[], from: number, clauseEnd: number): { end: number } {
  let end = from > 0 ? tokens[from - 1].end : 0;
  for (let i = from; i < clauseEnd; i++) {
    const t = tokens[i];
    if (t.pos === 'PUNCT' || t.end - tokens[from - 1].end > 50) break;
    end = t.end;
  }
  return { end };
}

/** The replacement in the idiom verb's form: "sheds" → "explains", "paved" → "opened a path". */
function inflect(v: Verb, tokens: readonly Token[], m: PatternMatch): string {
  const t = tokens[m.start];
  const before = tokens[m.start - 1];
  if (t.lower.endsWith('ing')) return v.ing;
  if (before && /^(has|have|had)$/.test(before.lower)) return v.ed;
  if (t.lower === t.lemma) return v.base;
  return t.lower.endsWith('s') ? v.s : v.ed;
}

function hedgeRewrite(objectText?: string): string {
  const context = objectText ? ` in ${objectText}` : '';
  return `let [who acts, e.g. safety teams] [do what, e.g. flag unsafe completions]${context} by [procedure], as we show in [Section]`;
}

function idiomFix(s: SentenceRef, hit: VagueHit, replacement: string) {
  const sentenceEnd = s.start + s.text.length;
  const edit = appendToBlock(s.block, '');
  const at = s.block.base + s.block.ends[sentenceEnd - 1];
  return [
    rewriteInBlock(s.block, s.start + hit.start, s.start + hit.end, replacement),
    { ...edit, start: at, end: at, text: ' Concretely, [who acts] can [do what] by [procedure]; we validate this in [Section].' },
  ];
}

export default rule;
