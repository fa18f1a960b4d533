import { ACTIONS, ANNOTATE, type Context, OUTCOME, own, quantity } from './shared';

// Who acts on a model, its data, inputs or outputs: an audience that acts, an action this work
// proposes, an action it carried out and measured.

export function actions(ctx: Context): void {
  const { tokens, claims, out } = ctx;
  const vague = out.has('vague-impact');
  const hypothetical = out.has('hypothetical');
  // A measured outcome: a verb of change or comparison with a quantity ("cuts toxicity by 40%").
  const outcome = quantity(tokens) && tokens.some((t) => OUTCOME.has(t.lemma) && (t.pos === 'VERB' || t.pos === 'NOUN'));
  for (const c of claims) {
    if (!own(c)) continue;
    if (c.actor === 'audience' && c.role !== 'researcher' && !ANNOTATE.has(c.act) && c.status !== 'negated' && !hypothetical) out.add('audience-acts');
    if (ACTIONS.has(c.act) && !vague && (c.actor === 'we' || c.actor === 'system' || c.actor === 'audience' || c.actor === 'unnamed')) {
      if ((c.status === 'measured' || c.status === 'done') && c.actor !== 'audience' && outcome) out.add('action-measured');
      else if (c.status === 'proposed' || (c.status === 'hypothetical' && c.actor === 'audience') || c.status === 'future') out.add('proposed-action');
    }
  }
}
