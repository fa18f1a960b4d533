import type { Token } from '../../nlp/analyse';
import type { Claim } from '../claims';
import WORDS from '../lexicon/audience.json';
import { type Context, own } from './shared';

// An audience that acts (§5, Table 1): a named stakeholder doing something with this work's result,
// in this paper's own claims. It proposes what they can do ("lets developers remove…", "auditors
// should run…"), or measures what they did with it ("radiologists shown the concepts rejected 58%…"),
// or describes them using the work's own tool ("a moderator reviews the turns the probe flags").
// People who take part in a study (annotate, rate, are recruited), who are only described (said,
// saw, need), who have a problem (cannot…), or who appear in a hypothetical or a quote do not act.

const set = (xs: readonly string[]) => new Set(xs);
const PARTICIPATES = set(WORDS.participates);
const DESCRIBES = set(WORDS.describes);
const STATES = set(WORDS.states);
const STATUS_QUO = set(WORDS.statusQuo);

/** How an audience acts with this work's result, and the claim that says so. */
export interface AudienceAct {
  claim: Claim;
  /** proposed: they are told or enabled to act; measured: this work's study measured what they did; workflow: they use this work's tool, in the present tense. */
  how: 'proposed' | 'measured' | 'workflow';
}

/** The first claim by which an audience acts with this work's result, if any. */
export function audienceAct(tokens: readonly Token[], claims: readonly Claim[], hypothetical = false): AudienceAct | undefined {
  const people = claims.filter((c) => own(c) && c.actor === 'audience' && !!c.role && c.role !== 'researcher' && !PARTICIPATES.has(c.act) && !STATES.has(c.act));
  const proposed = people.find((c) => c.status === 'proposed' || c.status === 'future');
  if (proposed) return { claim: proposed, how: 'proposed' };
  if (hypothetical) return undefined;
  const measured = people.find((c) => c.status === 'measured' && !DESCRIBES.has(c.act));
  if (measured) return { claim: measured, how: 'measured' };
  // Not the status quo ("operators already cite probe accuracy…"), and with this work's own system in the sentence.
  const tool = claims.some((c) => own(c) && c.actor === 'system');
  const workflow = people.find((c) => c.status === 'done' && tool && !DESCRIBES.has(c.act) && present(tokens[c.actAt]) && !tokens.slice(c.start, c.end).some((t) => STATUS_QUO.has(t.lower)));
  return workflow && { claim: workflow, how: 'workflow' };
}

function present(t: Token): boolean {
  return t.pos === 'VERB' && (t.lower === t.lemma || t.lower === `${t.lemma}s` || t.lower === `${t.lemma}es` || t.lower === `${t.lemma.replace(/y$/, '')}ies`);
}

export function audience(ctx: Context): void {
  if (ctx.out.has('vague-impact')) return;
  // A workflow described in the present tense is the method's design; the sentence set counts what is proposed or measured.
  const a = audienceAct(ctx.tokens, ctx.claims, ctx.out.has('hypothetical'));
  if (a && a.how !== 'workflow') ctx.out.add('audience-acts');
}
