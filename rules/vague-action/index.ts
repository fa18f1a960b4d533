import type { Rule } from '../../server/src/core/rules/types';
import { ALL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import { rewriteInBlock, appendToBlock } from '../../server/src/core/rules/fixes';
import type { LexiconMatch } from '../../server/src/core/rules/lexicon';
import type { SentenceRef } from '../../server/src/core/rules/view';
import { VAGUE_IMPACT } from '../../server/src/core/claims/categories/index';
import { sentenceClaims } from '../../server/src/core/claims';
import { firstMatch } from '../../server/src/core/nlp/patterns';
import { describesOthers, FRAMING_ROLES, hedgedClaims, quoted, sameClause } from '../shared';

// §2.1: at the low end of concreteness are "vague suggestions ('could inform safety research')".
// A vague claim is a pattern: a hedge, an impact verb and a non-specific object in one clause, or an
// idiom such as "sheds light on". It is not vague when the claim names who does what (judged claim by
// claim: a concrete clause before a semicolon does not make a vague one after it concrete).

interface Options {
  /** Extra idioms to flag, e.g. ["moves the needle on"]. */
  extraPhrases: string[];
}

/** A plain verb in the forms an idiom's verb can take. */
interface Verb {
  base: string;
  s: string;
  ing: string;
  ed: string;
}

function verb(base: string): Verb {
  const stem = base.replace(/e$/, '');
  return { base, s: `${base}s`, ing: `${stem}ing`, ed: `${stem}ed` };
}

/** Idiom → a plain verb (or noun) that says what the work does; the template sentence adds who acts and how. */
const IDIOM_REPLACEMENTS: Array<[RegExp, string | Verb]> = [
  [/^(?:shed|throw|cast)(s|ding)?(?: (?:some|new|more|further))? light (?:on|onto|into)$/i, verb('explain')],
  // "opens a path" reads with what follows "paves the way": "for audits", "toward fairer hiring".
  [/^pav(es|e|ing|ed) the way$/i, { base: 'open a path', s: 'opens a path', ing: 'opening a path', ed: 'opened a path' }],
  [/step toward/i, 'progress toward'],
  [/implications for$/i, 'consequences for'],
  [/avenues|possibilities|opportunities|directions$/i, { base: 'suggest directions', s: 'suggests directions', ing: 'suggesting directions', ed: 'suggested directions' }],
  [/opens the door to$/i, 'suggests directions'],
  [/understanding/i, 'explanation'],
  [/insights? into$/i, 'evidence about'],
  [/groundwork/i, verb('prepare')],
];

/** Words after which a bare verb is in its base form: "could shed", "to pave", "findings shed". */
const BASE_CONTEXT = /(?:\b(?:can|could|may|might|will|would|should|must|to|do|does|did|we|they|you|I)|\w+s)\s+$/i;

/**
 * The replacement verb in the idiom's own form, so that the subject still agrees: "Our findings shed
 * light on" → "explain", "This work sheds light on" → "explains", "shedding" → "explaining", "This
 * work shed light on" (past) → "explained".
 */
function inflect(replacement: string | Verb, phrase: string, before: string): string {
  if (typeof replacement === 'string') return replacement;
  const first = phrase.trim().split(/\s+/)[0].toLowerCase();
  if (first.endsWith('ing')) return replacement.ing;
  // "shed" is its own past tense, so only the words before it tell.
  if ((first.endsWith('ed') && first !== 'shed') || /\b(?:has|have|had)\s+$/i.test(before)) return replacement.ed;
  if (first.endsWith('s')) return replacement.s;
  return BASE_CONTEXT.test(before) ? replacement.base : replacement.ed;
}

const UNDERSTANDING = /\bunderstand|\binsights?\b/i;
/** A hedge that opens a clause of its own ("we believe", "we hope"), as opposed to a modal ("could"). */
const BELIEF = /^(?:we|I)\b|^hopefully$/i;
const MAX_GAP_TO_OBJECT = 60;

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
    const { lexicons, view } = ctx;
    const idioms = ctx.options.extraPhrases.length ? lexicons.vagueIdioms.extend({ extra: ctx.options.extraPhrases }) : lexicons.vagueIdioms;
    for (const s of view.sentences) {
      if (!FRAMING_ROLES.includes(s.role) && !(s.role === 'other' && isPostLike(ctx.doc.sections.length))) continue;
      if (describesOthers(s)) continue;
      const hit = findVague(s, lexicons.hedges.find(s.text), lexicons.impactVerbs.find(s.text), lexicons.vagueObjects.find(s.text), idioms.find(s.text)) ?? impactPattern(s.text);
      if (!hit || quoted(s, hit.start, hit.end) || clauseDescribesOthers(s, hit.start)) continue;
      if (namesWhoDoesWhat(s, ctx.lexicons.audiences.find(s.text), ctx.lexicons.actions.find(s.text), claimStart(s.text, hit.start))) continue;
      const phrase = s.text.slice(hit.start, hit.end);
      ctx.report({
        message: `"${phrase}" names no one who acts and no action; say who does what with the result, and point to where you show it`,
        at: { block: s.block, start: s.start + hit.start, end: s.start + hit.end },
        fix: {
          title: 'Rewrite as a concrete claim: who can do what, and where it is validated',
          edits: hit.kind === 'idiom' ? idiomFix(s, hit, phrase) : [rewriteInBlock(s.block, s.start + (hit.rewriteStart ?? hit.start), s.start + hit.end, hedgeRewrite(phrase, hit.objectText))],
          hasPlaceholders: true,
        },
      });
    }
  },
};

/** A claim reported as someone else's: "have been said to", "are claimed to", "is often described as", "reportedly", "X et al. argue", "some authors suggested". */
const ATTRIBUTION = /\b(?:(?:has|have|had) been|(?:is|are|was|were)(?: (?:often|widely|commonly|frequently|sometimes|usually|generally))?) (?:said|claimed|argued|reported|described|touted|promoted|advertised|credited) (?:to|as)\b|\breportedly\b|\ballegedly\b|\bit (?:has been|is) (?:often |widely |commonly )?(?:argued|claimed|suggested|said|hoped) that\b|\b(?:authors?|proponents|advocates|they|others|(?:prior|previous|earlier|past|existing|some|many|several) (?:work|studies|papers|analyses|authors)) (?:(?:have|has|had) )?(?:argue|claim|suggest|hope|believe|state|contend|assert|report|propose|speculate|posit)(?:s|d|ed)?\b|\b(?:authors?|they|others) (?:write|wrote)\b|\bet al\.?|\baccording to\b/i;
/** Where a new clause about this work starts: ", and we ask…", "; we show…", ", but our…". */
const OWN_CLAUSE = /(?:[;:]|,\s*(?:and|but|while|whereas|so|yet|though|although)?)\s*(?=(?:here\s+|in this (?:work|paper),?\s+)?(?:we|our|this (?:work|paper|post|study))\b)/gi;

/**
 * Whether the clause of a sentence that holds a vague phrase reports others' work (§2.1 asks about
 * this paper's claims): a citation or an attribution ("have been said to", "reportedly", "X et al.
 * argue") and no first person in that clause, even when a later clause speaks of this work ("Earlier
 * analyses have been said to shed light on X [cite], and we ask whether…").
 */
function clauseDescribesOthers(s: SentenceRef, at: number): boolean {
  let start = 0;
  let end = s.text.length;
  OWN_CLAUSE.lastIndex = 0;
  for (let m = OWN_CLAUSE.exec(s.text); m; m = OWN_CLAUSE.exec(s.text)) {
    if (m.index + m[0].length <= at) start = m.index + m[0].length;
    else if (m.index >= at) { end = m.index; break; }
    if (m[0].length === 0) OWN_CLAUSE.lastIndex++;
  }
  const clause = s.text.slice(start, end);
  if (/\b(?:we|our|ours|us|this (?:work|paper|post|study|analysis|article|note|draft|report)|here)\b/i.test(clause)) return false;
  const cites = s.block.refs.some((r) => r.kind === 'cite' && r.start >= s.start + start && r.end <= s.start + end + 2);
  return cites || ATTRIBUTION.test(clause);
}

/** Blog posts often use free-form headings: their 'other' sections are framing too. */
function isPostLike(sectionCount: number): boolean {
  return sectionCount <= 12;
}

interface VagueHit {
  kind: 'idiom' | 'hedge';
  start: number;
  end: number;
  /** Where the fix's rewrite starts (the hedge, or the verb after "we hope"/"we believe"). */
  rewriteStart?: number;
  objectText?: string;
}

function findVague(s: SentenceRef, hedges: readonly LexiconMatch[], verbs: readonly LexiconMatch[], objects: readonly LexiconMatch[], idioms: readonly LexiconMatch[]): VagueHit | undefined {
  const claims = hedgedClaims(s.text, hedges, verbs, objects);
  for (const { hedge, verb, object } of claims) {
    // "We believe X could inform safety research": the nearer hedge ("could") states the claim.
    if (BELIEF.test(s.text.slice(hedge.start, hedge.end)) && claims.some((c) => c.verb === verb && c.hedge.start > hedge.start)) continue;
    // "We hope this sheds light on X and helps the community…": the idiom is the nearer vague phrase.
    if (idioms.some((i) => i.start >= hedge.end && i.end <= verb.start)) continue;
    // "helps the community better understand X" frames the work as understanding:
    // understanding-only reports that, so the two rules never flag one sentence twice.
    if (UNDERSTANDING.test(s.text.slice(verb.start, object.end + clauseRest(s.text.slice(object.end)).length))) continue;
    // The claim runs to the end of its clause: "could inform future safety research".
    const rest = clauseRest(s.text.slice(object.end));
    const end = object.end + rest.length;
    // After "we hope" or "we believe" the rewrite keeps the author's subject: "We hope these findings will let [who]…".
    const rewriteStart = BELIEF.test(s.text.slice(hedge.start, hedge.end)) ? verb.start : hedge.start;
    return { kind: 'hedge', start: hedge.start, end, rewriteStart, objectText: s.text.slice(object.start, end) };
  }
  // An idiom after a hedge ("may pave the way") is covered below.
  for (const idiom of idioms) {
    // "a step towards" is vague only toward a vague goal ("safer AI"), not toward a named artefact.
    if (idiom.category === 'direction' && !objects.some((o) => o.start >= idiom.end && o.start - idiom.end <= MAX_GAP_TO_OBJECT && sameClause(s.text, idiom.end, o.start))) continue;
    return { kind: 'idiom', start: idiom.start, end: idiom.end };
  }
  return undefined;
}

/**
 * The vague-impact patterns of the claims layer (lemma sequences: "paved the way", "sheds some light
 * on", "could inform the design of more honest assistants"), for what the phrase lexicons miss.
 * Only a sentence with one of their cue words is analysed, so most drafts never load the layer.
 */
function impactPattern(text: string): VagueHit | undefined {
  const lower = text.toLowerCase();
  if (!IMPACT_CUES.some((cue) => lower.includes(cue))) return undefined;
  const { tokens, claims } = sentenceClaims(text);
  const m = firstMatch(IDIOM_PATTERNS, tokens);
  // "The same heads inform the verb's form": a model component doing it is the mechanism, not an impact claim.
  if (m && claims.some((c) => c.actor === 'component' && c.actAt >= m.start && c.actAt < m.end)) return undefined;
  // "inform the design of…", "inform future safety research"; not "inform more targeted anonymization".
  if (!m || (m.pattern.id === 'inform-field' && !GENERIC_AFTER_INFORM.has(tokens[m.start + 1]?.lemma ?? ''))) return undefined;
  const start = tokens[m.start].start;
  const end = tokens[m.end - 1].end;
  if (IDIOM_REPLACEMENTS.some(([re]) => re.test(text.slice(start, end)))) return { kind: 'idiom', start, end };
  // Other patterns are a claim to rewrite from its verb to the end of its clause.
  return { kind: 'hedge', start, end: end + clauseRest(text.slice(end)).length, rewriteStart: start };
}

/** The fixed idioms and vague objects; a step toward a named goal is the phrase lexicons' business. */
const IDIOM_PATTERNS = VAGUE_IMPACT.filter((p) => ['pave-the-way', 'shed-light', 'implications-for', 'inform-field'].includes(p.id));
const GENERIC_AFTER_INFORM = new Set(['the', 'future', 'safety', 'further', 'research', 'work', 'development', 'alignment', 'interpretability']);
const IMPACT_CUES = ['pave', 'paving', 'shed', 'light on', 'implication', 'inform', 'avenue', 'groundwork', 'stepping', 'toward', 'interest to'];

/** The rest of the clause after a match, at most about 50 characters, cut at a word boundary. */
function clauseRest(after: string): string {
  const clause = /^[^,;:.!?()[\]“”"]*/.exec(after)![0];
  if (clause.length <= 50) return clause.trimEnd();
  const cut = clause.slice(0, 50);
  return cut.slice(0, Math.max(0, cut.lastIndexOf(' '))).trimEnd();
}

/**
 * Where a new claim starts: a semicolon, or ", and we hope…" / ", but this…" with a subject of its
 * own. "X lets screening teams meet an audit threshold; we hope it paves the way toward fairer
 * hiring" makes two claims, and the concrete first one does not make the second concrete.
 */
const CLAIM_BREAK = /;|,\s*(?:and|but|so|yet)\s+(?=(?:we|I|this|it|these|that|such|our)\b)/gi;

/** The start of the claim that holds the vague phrase at `at`. */
function claimStart(text: string, at: number): number {
  let start = 0;
  CLAIM_BREAK.lastIndex = 0;
  for (let m = CLAIM_BREAK.exec(text); m && m.index < at; m = CLAIM_BREAK.exec(text)) start = m.index + m[0].length;
  return start;
}

/**
 * "practitioners can decide when to override the model": a named actor and a named action. The
 * action must belong to the vague claim, in its own clause or in one after it that spells it out
 * ("…paves the way for audits; concretely, auditors can…"); an action in an earlier, separate claim
 * does not. The actor may be named anywhere in the sentence ("they" refers back to it).
 */
function namesWhoDoesWhat(s: SentenceRef, audiences: readonly LexiconMatch[], actions: readonly LexiconMatch[], from: number): boolean {
  return audiences.length > 0 && actions.some((a) => a.start >= from);
}

function hedgeRewrite(phrase: string, objectText?: string): string {
  const context = objectText ? ` in ${objectText}` : '';
  void phrase;
  return `let [who acts, e.g. safety teams] [do what, e.g. flag unsafe completions]${context} by [procedure], as we show in [Section]`;
}

function idiomFix(s: SentenceRef, hit: VagueHit, phrase: string) {
  const found = IDIOM_REPLACEMENTS.find(([re]) => re.test(phrase))?.[1];
  const replacement = found ? inflect(found, phrase, s.text.slice(0, hit.start)) : 'shows';
  const sentenceEnd = s.start + s.text.length;
  return [
    rewriteInBlock(s.block, s.start + hit.start, s.start + hit.end, replacement),
    appendToBlockAt(s, sentenceEnd),
  ];
}

function appendToBlockAt(s: SentenceRef, textIndex: number) {
  const edit = appendToBlock(s.block, '');
  const span = s.block.base + s.block.ends[textIndex - 1];
  return { ...edit, start: span, end: span, text: ' Concretely, [who acts] can [do what] by [procedure]; we validate this in [Section].' };
}

export default rule;
