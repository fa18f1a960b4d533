import { BASELINE, COMPARE, type Context, hasAny, INTERP, quantity, SIDE_EFFECT, VARIATION } from './shared';

// What the work is measured against and across: baselines, variation, side effects.

const COUNTS = new Set(['across', 'three', 'five', 'several', 'multiple', 'different', 'all', 'both', 'two', 'four', 'ten']);

export function comparisons(ctx: Context): void {
  const { text, tokens, out } = ctx;
  if (hasAny(tokens, COMPARE)) {
    if (hasAny(tokens, BASELINE)) out.add('non-interp-baseline');
    else if (hasAny(tokens, INTERP)) out.add('interp-only-comparison');
  }
  const varied = tokens.some((t, i) => VARIATION.has(t.lemma) && t.lower !== t.lemma && /s$/.test(t.lower)
    && (tokens[i - 1]?.pos === 'NUM' || COUNTS.has(tokens[i - 1]?.lower ?? '') || ['across', 'over'].includes(tokens[i - 2]?.lower ?? '')));
  if (varied) out.add('variation');
  if (hasAny(tokens, SIDE_EFFECT) && (quantity(tokens) || /\b(measure|report|evaluate|preserve|retain|keep|leave|intact|unchanged|degrade)/.test(text.toLowerCase()))) out.add('side-effect');
}
