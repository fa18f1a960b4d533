import type { Token } from '../../nlp/analyse';
import { firstMatch, type Pattern } from '../../nlp/patterns';
import type { Claim } from '../claims';
import LEXICON from '../lexicon.json';
import WORDS from '../lexicon/audience.json';
import { type Context, own } from './shared';
import { dictionary } from '../../dictionary';

// An audience that acts (§5, Table 1): a named stakeholder doing something with this work's result,
// in this paper's own claims. The paper proposes what they can do ("lets developers remove…",
// "auditors should run…", "For platform engineers, the probe offers…"), or its study measured what
// they did with it ("radiologists shown the concepts rejected 58%…"). People who take part in a
// study (annotate, rate, are recruited), who are only described (said, saw, read) or in a state
// (need, are interested), or who appear in others' work, a quote or a hypothetical do not act.

const set = (xs: readonly string[]) => new Set(xs);
const AUDIENCE = dictionary(LEXICON.audience as Record<string, string>);
const MACHINE = set([...LEXICON.model, ...LEXICON.system]);
const PARTICIPATES = set(WORDS.participates);
const DESCRIBES = set(WORDS.describes);
const STATES = set(WORDS.states);
const STATUS_QUO = set(WORDS.statusQuo);
const INTENDED = set(WORDS.intended);
const PRACTICE = set(WORDS.practice);
const CAPABLE = set(WORDS.capable);
const CONDITIONS = set(WORDS.conditions);
const MEASURES = set(WORDS.measures);
const AUDIENCE_LEMMAS = Object.keys(AUDIENCE);

/** A readership stated as a role of Table 1: "Our audience is the developers who…", "The people who act on our method are the radiologists". */
export const NAMED_AUDIENCE: readonly Pattern[] = [
  {
    id: 'audience-is',
    tokens: [{ lemma: ['audience', 'readership', 'stakeholder', 'beneficiary'] }, { lemma: ['be', 'include', 'comprise'], pos: ['AUX', 'VERB'], gap: 3 }, { lemma: AUDIENCE_LEMMAS, gap: 4 }],
    examples: { match: ['Our audience is the developers who fine-tune small assistants.', 'The intended audience includes hospital radiologists.'], noMatch: ['Our audience is anyone curious about circuits.', 'The audience rated the talk.'] },
  },
  {
    id: 'who-acts-are',
    tokens: [{ lemma: ['people', 'those', 'person', 'one'] }, { lemma: ['who', 'that'] }, { lemma: ['act', 'use', 'benefit', 'rely', 'apply', 'decide'], gap: 1 }, { lemma: ['be'], pos: ['AUX', 'VERB'], gap: 5 }, { lemma: AUDIENCE_LEMMAS, gap: 4 }],
    examples: { match: ['The people who act on our method are the radiologists who read flagged studies.', 'Those who benefit most are deployment engineers.'], noMatch: ['The people who act on our method are many.'] },
  },
];

/**
 * How an audience acts with this work's result. The sentence set's audience-acts counts the first three:
 * - proposed: told or enabled to act ("auditors should run…", "lets developers remove…");
 * - measured: this work's study measured what they did ("radiologists … rejected 58%");
 * - offered: the work is put forward for them ("For platform engineers, the probe offers…").
 * A draft's framing may also name its audience by
 * - intended: whom the work is meant for ("designed for nurses");
 * - workflow: what they do, in the present tense ("a moderator reviews the flagged turns");
 * - practice: what they run ("teams that host speech models");
 * - problem: the decision they cannot make today ("practitioners cannot tell when retrieval helps").
 */
export type How = 'proposed' | 'measured' | 'offered' | 'intended' | 'workflow' | 'practice' | 'problem';

export interface AudienceAct {
  claim: Claim;
  how: How;
  /** The words that name the audience ("loan officers", "you"). */
  who: string;
}

/** The role an audience word names, if any ("clinicians" → domain-expert). */
export function audienceRole(t: Token): string | undefined {
  return AUDIENCE[t.lemma] ?? AUDIENCE[t.lemma.replace(/s$/, '')];
}

/** Every way in which an audience acts with this work's result in a sentence, in the order above. */
export function audienceActs(tokens: readonly Token[], claims: readonly Claim[], hypothetical = false): AudienceAct[] {
  const out: AudienceAct[] = [];
  const add = (claim: Claim | undefined, how: How, who = claim ? audienceWords(tokens, claim) : '') => {
    if (claim && who) out.push({ claim, how, who });
  };
  const mine = claims.filter(own);
  const people = claims.filter((c) => own(c) && c.actor === 'audience' && !!c.role && c.role !== 'researcher' && !PARTICIPATES.has(c.act) && !STATES.has(c.act));
  add(people.find((c) => c.status === 'proposed' || c.status === 'future'), 'proposed');
  // Advice for a case the audience is in: "When a deployment team needs to retract many facts, we suggest…",
  // "If a clinician finds…, the correction can be entered…", "If you try this, budget time for…" (an imperative).
  const condition = CONDITIONS.has(tokens[0]?.lower ?? '') ? claims.find((c) => c.start === 0 && c.actor === 'audience' && c.status !== 'negated') : undefined;
  const main = condition && mine.find((c) => c.start > condition.actAt && tokens[c.start - 1]?.text === ',');
  if (condition && main && (main.status === 'proposed' || (audienceWords(tokens, condition) === 'you' && imperative(tokens[main.start])))) add(main, 'proposed', audienceWords(tokens, condition));
  if (hypothetical) return out;
  add(people.find((c) => c.status === 'measured' && !DESCRIBES.has(c.act)), 'measured');
  // What a user study reports of them: "Radiologists' accuracy was 76.2%…", "…: their accuracy rose by 9.8 points".
  const measure = tokens.findIndex((t, i) => MEASURES.has(t.lemma) && i > 0 && (/^('s|'|’s|’)$/.test(tokens[i - 1].text) || tokens[i - 1].lower === 'their'));
  const whose = measure > 0 ? whoIn(tokens, 0, measure) : '';
  if (whose && tokens.some((t) => t.pos === 'NUM')) add(claims.find((c) => c.start <= measure && measure < c.end) ?? { actor: 'audience', role: tokens.slice(0, measure).map(audienceRole).filter(Boolean).pop(), act: tokens[measure].lemma, actAt: measure, object: '', status: 'measured', source: 'own', start: 0, end: tokens.length }, 'measured', whose);
  // "For platform engineers, the probe offers a gate…", "For developers who…, we recommend…": the main clause after the fronted phrase.
  const fronted = tokens[0]?.lower === 'for' ? tokens.findIndex((t) => t.text === ',') : -1;
  if (fronted > 0) add(claims.find((c) => own(c) && c.start <= fronted + 1 && fronted < c.actAt && c.actAt < c.end && c.actor !== 'others' && (c.status === 'proposed' || (c.status === 'done' && present(tokens[c.actAt])))), 'offered', whoIn(tokens, 0, fronted));
  // "Our explanations are designed for nurses", "We propose a trigger for radiologists", "Our audience is the developers…".
  const meant = intendedFor(tokens);
  if (meant) add(claims.find((c) => own(c) && c.start <= meant[0] && meant[0] < c.end && c.status !== 'negated' && c.status !== 'hypothetical'), 'intended', whoIn(tokens, meant[1], meant[2]));
  const named = firstMatch(NAMED_AUDIENCE, tokens);
  const role = named && audienceRole(tokens[named.end - 1]);
  if (named && role) add({ actor: 'audience', role, act: 'be', actAt: named.start, object: '', status: 'done', source: 'own', start: named.start, end: named.end }, 'intended', whoIn(tokens, named.start, named.end));
  // The audience right before a present-tense verb, not the status quo ("operators already cite probe accuracy…").
  add(people.find((c) => c.status === 'done' && !CONDITIONS.has(tokens[c.start].lower) && subjectIsAudience(tokens, c) && !DESCRIBES.has(c.act) && present(tokens[c.actAt]) && !tokens.slice(c.start, c.end).some((t) => STATUS_QUO.has(t.lower))), 'workflow');
  // "teams that host speech-recognition models", "developers who deploy chat assistants".
  add(people.find((c) => /^(who|that)$/.test(tokens[c.start].lower) && PRACTICE.has(c.act) && tokens.slice(c.actAt + 1, c.end).some((t) => MACHINE.has(t.lemma))), 'practice', whoIn(tokens, 0, claims.find((c) => /^(who|that)$/.test(tokens[c.start].lower))?.start ?? 0));
  // "practitioners cannot tell when retrieval will help": the decision the work aims to support.
  add(people.find((c) => c.status === 'negated' && CAPABLE.has(c.act) && tokens.slice(c.start, c.actAt).some((t) => /^(can|cannot|ca)$/.test(t.lower))), 'problem');
  return out;
}

/** The first audience act of the sentence set's kind (proposed, measured, offered). */
export function audienceAct(tokens: readonly Token[], claims: readonly Claim[], hypothetical = false): AudienceAct | undefined {
  return audienceActs(tokens, claims, hypothetical).find((a) => a.how === 'proposed' || a.how === 'measured' || a.how === 'offered');
}

/** A verb of making or proposing the work, then "for"/"at" and an audience in the same phrase: [verb, audience from, to). */
function intendedFor(tokens: readonly Token[]): [number, number, number] | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].pos !== 'VERB' || !INTENDED.has(tokens[i].lemma)) continue;
    for (let j = i + 1; j < tokens.length && j <= i + 7 && tokens[j].pos !== 'PUNCT'; j++) {
      if (!/^(for|at)$/.test(tokens[j].lower)) continue;
      // The phrase after "for" ends at a verb, a relative or punctuation outside brackets ("for [audience, e.g. engineers]").
      let k = j + 1;
      for (let depth = 0; k < tokens.length && k <= j + 7; k++) {
        const t = tokens[k];
        if (t.text === '[' || t.text === '(') depth++;
        else if ((t.text === ']' || t.text === ')') && depth > 0) depth--;
        else if ((t.pos === 'PUNCT' && !(depth > 0 && t.text === ',')) || t.pos === 'VERB' || /^(who|that|which)$/.test(t.lower)) break;
      }
      if (whoIn(tokens, j + 1, k)) return [i, j + 1, k];
      break;
    }
  }
  return undefined;
}

/** The words that name the audience of an audience claim ("loan officers", "you"), or its role. */
export function audienceWords(tokens: readonly Token[], c: Claim): string {
  return whoIn(tokens, c.start, c.actAt) || whoIn(tokens, 0, c.actAt) || (c.role ?? '');
}

/** The audience words in tokens [from, to): the last audience noun with the words before it in its phrase, or "you". */
function whoIn(tokens: readonly Token[], from: number, to: number): string {
  for (let i = Math.min(to, tokens.length) - 1; i >= from; i--) {
    const t = tokens[i];
    if (/^(you|your)$/.test(t.lower)) return 'you';
    if ((t.pos === 'NOUN' || t.pos === 'PROPN') && audienceRole(t)) {
      let j = i;
      while (j > from && ['NOUN', 'ADJ', 'PROPN'].includes(tokens[j - 1].pos) && !tokens[j - 1].placeholder) j--;
      return tokens.slice(j, i + 1).map((x) => x.text).join(' ');
    }
  }
  return '';
}

/** The last noun before the act, if any, is the audience: "Loan officers review", not "…interested in how such models reach". */
function subjectIsAudience(tokens: readonly Token[], c: Claim): boolean {
  const head = tokens.slice(c.start, c.actAt).filter((t) => t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'PRON').pop();
  return !head || !!audienceRole(head) || /^(who|that)$/.test(head.lower);
}

/** A clause that opens with a bare verb, as advice does ("budget time for…", "drop this in…"). */
function imperative(t: Token | undefined): boolean {
  return !!t && (t.pos === 'VERB' || t.pos === 'NOUN') && t.lower === t.lemma && !t.lower.endsWith('ing');
}

function present(t: Token): boolean {
  return t.pos === 'VERB' && (t.lower === t.lemma || t.lower === `${t.lemma}s` || t.lower === `${t.lemma}es` || t.lower === `${t.lemma.replace(/y$/, '')}ies`);
}

export function audience(ctx: Context): void {
  if (ctx.out.has('vague-impact')) return;
  if (audienceAct(ctx.tokens, ctx.claims, ctx.out.has('hypothetical'))) ctx.out.add('audience-acts');
}
