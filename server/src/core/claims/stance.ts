import type { Token } from '../nlp/analyse';
import { measuredOutcome } from './actions';
import { citationInConjunct, type Claim, sentenceClaims } from './claims';
import WORDS from './lexicon/stance.json';
import { byText } from '../text-cache';

// A sentence's stance, read from its claims: does it report something this work did, or does it
// plan, propose, hedge or report others' work? And is a mention at a given place negated or cited?
// The validation and baselines rules count evidence only in what a paper reports of its own work.

const set = (xs: readonly string[]) => new Set(xs);
const OWN_VOICE = set(WORDS.ownVoice);
const OWN_WORK = set(WORDS.ownWork);
const NEGATORS = set(WORDS.negators);
const NEGATING_PAIRS = WORDS.negatingPairs.map((p) => p.split(' '));
const DEFERRALS = WORDS.deferrals.map((p) => p.split(' '));
/** Words that open a clause before or beside the main one. */
const SUBORDINATE = set(WORDS.subordinate);
/** Verbs that introduce what this paper builds: "We propose X, which…" describes its method, not a plan. */
const INTRODUCE = set(WORDS.introduce);

export interface Stance {
  /** The main clause plans, proposes or recommends ("we will…", "auditors should…", "Train a probe…"). */
  plan: boolean;
  /** The main clause is left to the future ("we will…", "in future work we plan to…"). */
  future: boolean;
  /** The main clause is hedged or conditional ("a larger study could…", "if we had…"). */
  hypothetical: boolean;
  /** It cites others and says nothing in this paper's own voice. */
  others: boolean;
  /** It speaks in this paper's voice ("we", "our", "this paper"). */
  ownVoice: boolean;
  /** One of its own clauses reports a measured outcome of this work ("we trained…; the probe reaches 81%"). */
  measuredRun: boolean;
}

/** The stance of a sentence (cached by text, as its claims are). */
export const stanceOf: (text: string) => Stance = byText((text) => readStance(text), undefined, 'stance');

function readStance(text: string): Stance {
  const { tokens, claims } = sentenceClaims(text);
  const main = mainClaim(tokens, claims);
  const ownVoice = tokens.some((t, i) => (t.pos === 'PRON' && OWN_VOICE.has(t.lower)) || (t.lower === 'this' && OWN_WORK.has(tokens[i + 1]?.lemma ?? '')));
  const cites = tokens.some((t) => t.placeholder === 'cite') || claims.some((c) => c.source === 'cited');
  const introduces = !!main && INTRODUCE.has(tokens[main.actAt].lemma);
  const own = (c: Claim) => c.source === 'own' && c.actor !== 'others';
  return {
    plan: !!main && own(main) && !introduces && (main.status === 'proposed' || main.status === 'future'),
    future: !!main && own(main) && main.status === 'future',
    hypothetical: !!main && own(main) && main.status === 'hypothetical',
    others: cites && !ownVoice,
    ownVoice,
    // A number alone ("at layer 12", "above 0.3") measures nothing: an outcome that changes or compares does.
    measuredRun: measuredOutcome(tokens) && claims.some((c) => own(c) && c.status === 'measured' && c.actor !== 'audience'),
  };
}

/** The sentence's main clause: the first that no subordinator, relative or infinitive opens. */
function mainClaim(tokens: readonly Token[], claims: readonly Claim[]): Claim | undefined {
  return claims.find((c) => !SUBORDINATE.has(tokens[c.start]?.lower ?? '')) ?? claims[0];
}

/** Whether the place `offset` (a character offset in the sentence) sits in a negated clause, after its negation. */
export function negatedAt(text: string, offset: number): boolean {
  const { tokens, claims } = sentenceClaims(text);
  const at = tokenAt(tokens, offset);
  if (at < 0) return false;
  const claim = claims.find((c) => c.start <= at && at < c.end);
  const from = claim?.start ?? 0;
  // The clause's own negation governs what it acts on, however far ("we have not tried the protocol on … or on real data").
  if (claim?.status === 'negated' && at > claim.actAt) return true;
  for (let i = from; i < at; i++) {
    if (NEGATORS.has(tokens[i].lower) || tokens[i].negated) return true;
    if (NEGATING_PAIRS.some((p) => startsAt(tokens, i, p) && i + p.length <= at)) return true;
  }
  // A deferral later in the clause governs its subject and what "leave" put off: "A comparison with X
  // is beyond the scope…", "we leave a comparison with X to future work" (not "we compare with X and leave Y to future work").
  const to = claim?.end ?? tokens.length;
  const deferred = tokens.slice(at, to).some((_, k) => DEFERRALS.some((p) => startsAt(tokens, at + k, p) && at + k + p.length <= to));
  return deferred && ((claim !== undefined && at <= claim.actAt) || tokens.slice(from, at).some((t) => t.lemma === 'leave'));
}

function startsAt(tokens: readonly Token[], i: number, words: readonly string[]): boolean {
  return words.every((w, k) => tokens[i + k]?.lower === w);
}

/** Whether the place `offset` belongs to cited work: a clause of others, or a citation in the same conjunct ("…, identify and fix errors [cite], …"). */
export function citedAt(text: string, offset: number): boolean {
  const { tokens, claims } = sentenceClaims(text);
  const at = tokenAt(tokens, offset);
  if (at < 0) return false;
  const claim = claims.find((c) => c.start <= at && at < c.end);
  if (claim && claim.actor === 'we') return false;
  if (claim && (claim.source === 'cited' || claim.actor === 'others') && !tokens.some((t) => t.pos === 'PRON' && OWN_VOICE.has(t.lower))) return true;
  return citationInConjunct(tokens, at);
}

function tokenAt(tokens: readonly Token[], offset: number): number {
  for (let i = 0; i < tokens.length; i++) if (tokens[i].end > offset) return i;
  return tokens.length - 1;
}
