import { strict as assert } from 'node:assert';
import { shortfalls } from '../../server/src/core/bar';
import type { LintResult } from '../../server/src/core/rules/engine';

// The bar compares as the score line prints (two decimals) and never asks for a step the kind lacks.
function result(concreteness: number, validation: number, quadrant: string, statuses: string[]): LintResult {
  return {
    score: { concreteness, validation, quadrant, components: [] },
    checklist: statuses.map((status, i) => ({ step: i + 1, title: '', status, missing: [], evidence: [] })),
  } as unknown as LintResult;
}

describe('the bar', () => {
  it('meets a minimum equal to the printed score, misses one just above it', () => {
    const r = result(0.4999, 0.5, 'actionable', ['met', 'met', 'met', 'met', 'met', 'met']);
    assert.deepEqual(shortfalls(r, { concreteness: 0.5, validation: 0.5 }), []);
    assert.deepEqual(shortfalls(r, { concreteness: 0.51 }).map((s) => s.message), ['concreteness 0.50, below 0.51 by 0.01']);
  });

  it('accepts any quadrant of a list, and names the list when the document is in none', () => {
    const r = result(0.7, 0.2, 'proposal', []);
    assert.deepEqual(shortfalls(r, { quadrant: ['proposal', 'actionable'] }), []);
    assert.deepEqual(shortfalls(r, { quadrant: ['actionable', 'validated-unspecific'] }).map((s) => s.message), ['quadrant proposal, not actionable or validated-unspecific']);
  });

  it('needs every applicable step when the bar asks for more than the kind has', () => {
    const analysis = result(0.3, 0.3, 'exploratory', ['met', 'met', 'not-applicable', 'met', 'met', 'met']);
    assert.deepEqual(shortfalls(analysis, { checklist: 6 }), []);
    const short = result(0.3, 0.3, 'exploratory', ['met', 'missing', 'not-applicable', 'met', 'met', 'met']);
    assert.deepEqual(shortfalls(short, { checklist: 6 }).map((s) => s.message), ['checklist 4/5 steps met, 5 required (1 short)']);
  });

  it('has no shortfall without a bar or with an empty one', () => {
    const r = result(0, 0, 'exploratory', ['missing']);
    assert.deepEqual(shortfalls(r, undefined), []);
    assert.deepEqual(shortfalls(r, {}), []);
  });
});
