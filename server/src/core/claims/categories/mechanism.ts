import { CAUSAL, type Context, RESPONSIBLE } from './shared';

// Claims about mechanisms: a component said to be responsible for a behaviour, and interventions
// that test whether it is.

export function mechanism(ctx: Context): void {
  const { text, claims, out } = ctx;
  for (const c of claims) {
    if (c.source !== 'own' && c.source !== 'definition') continue;
    if (CAUSAL.has(c.act) && (c.actor === 'we' || c.actor === 'unnamed') && c.status !== 'negated' && c.status !== 'hypothetical') out.add('causal-test');
    if (c.actor === 'component' && RESPONSIBLE.has(c.act) && c.status !== 'negated') out.add('responsibility-claim');
  }
  if (/\b(is|are|was|were) (responsible|necessary|sufficient) for\b/.test(text) && claims.some((c) => c.actor === 'component' || c.actor === 'unnamed')) out.add('responsibility-claim');
}
