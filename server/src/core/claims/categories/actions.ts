import { ACTIONS, CAUSAL, COMPARE, type Context, OUTCOME, own, quantity } from './shared';
import { actionReadings } from '../actions';
import { audienceActs } from './audience';

// Who acts on a model, its data, inputs or outputs: an action this work
// proposes, an action it carried out and measured. Only this paper's own claims count, and only when
// a person or a system acts: a component as the subject describes the mechanism.

export function actions(ctx: Context): void {
  const { tokens, claims, out } = ctx;
  if (out.has('vague-impact')) return;
  const hypothetical = out.has('hypothetical');
  // A goal or a question asks whether an action works; it does not propose it. So does an open
  // question named in passing ("the question of which explanations help users tell…").
  const asks = out.has('goal') || tokens[tokens.length - 1]?.text === '?' || tokens.some((t, i) => t.lemma === 'question' && t.pos === 'NOUN' && /^(of|whether|how)$/.test(tokens[i + 1]?.lower ?? ''));
  const mine = claims.filter(own);
  // A measured outcome: a quantity and a verb of change or comparison ("cuts toxicity by 40%").
  const outcome = quantity(tokens) && tokens.some((t) => OUTCOME.has(t.lemma) || COMPARE.has(t.lemma));
  const mechanismOnly = mine.some((c) => c.actor === 'component' && c.status !== 'negated');

  for (const c of mine) {
    // A person or a system this work builds, changing a measured outcome ("the router saves 58%").
    if (!hypothetical && !asks && outcome && (c.actor === 'system' || c.actor === 'audience') && OUTCOME.has(c.act) && c.status === 'measured') out.add('action-measured');
  }
  // The actions family's claim-level decision (core/claims/actions.ts), which the paper's own actions read too.
  for (const r of actionReadings({ tokens, claims })) {
    if (r.reason || !r.status) continue;
    if (!asks && r.status === 'proposed') out.add('proposed-action');
    // A system this work builds, doing its action, with nothing measured: the method as proposed ("the router sends the query to…").
    else if (!asks && r.claim.actor === 'system' && r.status === 'done' && !quantity(tokens)) out.add('proposed-action');
    else if (!hypothetical && !asks && outcome && r.claim.actor !== 'audience') out.add('action-measured');
  }
  // An audience told or enabled to act with this work's result is this work's proposal (§5): "auditors
  // should run the readout test", "we recommend that operators recalibrate…", "If you try this, budget…".
  if (!asks && audienceActs(tokens, claims, hypothetical).some((a) => a.how === 'proposed')) out.add('proposed-action');
  // An outcome measured after an action named in passing ("after the edit", "our erased model"); a verb
  // after a determiner is a noun the tagger misread ("after the edit/VERB").
  if (!hypothetical && !asks && outcome && !out.has('action-measured') && mine.length > 0 && !mechanismOnly && mine.every((c) => c.status !== 'hypothetical' && c.status !== 'negated')) {
    if (tokens.some((t, i) => ACTIONS.has(t.lemma) && !CAUSAL.has(t.lemma) && i > 0 && (t.pos === 'NOUN' || t.pos === 'ADJ' || (t.pos === 'VERB' && (t.lower.endsWith('ed') || tokens[i - 1].pos === 'DET'))))) out.add('action-measured');
  }
}
