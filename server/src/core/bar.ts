import type { LintResult } from './rules/engine';
import type { Quadrant } from './rules/score';

// The bar a team sets for CI (`require` in the config, `--require-quadrant`, `--min-*` flags): a
// document below it fails the run, whatever the severities of its findings, and each shortfall is
// said with its size.

export const QUADRANT_IDS: readonly Quadrant[] = ['exploratory', 'proposal', 'actionable', 'validated-unspecific'];

export interface Bar {
  /** The quadrant, or any of the quadrants, the document must be in. */
  quadrant?: Quadrant | Quadrant[];
  /** Lowest concreteness score (0–1). */
  concreteness?: number;
  /** Lowest validation score (0–1). */
  validation?: number;
  /** Fewest checklist steps met (0–6); a paper with fewer applicable steps needs all of them. */
  checklist?: number;
}

export interface BarShortfall {
  bar: keyof Bar;
  /** One short clause: "concreteness 0.31, below 0.50 by 0.19". */
  message: string;
}

/** The JSON Schema of `require`, shared by the config schema. */
export const BAR_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  description: 'The bar a document must meet, or the run exits 1: any subset of quadrant, concreteness, validation and checklist.',
  properties: {
    quadrant: {
      description: 'The quadrant (or any of the quadrants) the document must be in.',
      oneOf: [{ enum: [...QUADRANT_IDS] }, { type: 'array', items: { enum: [...QUADRANT_IDS] }, minItems: 1, uniqueItems: true }],
    },
    concreteness: { type: 'number', minimum: 0, maximum: 1, description: 'Lowest concreteness score (0–1).' },
    validation: { type: 'number', minimum: 0, maximum: 1, description: 'Lowest validation score (0–1).' },
    checklist: { type: 'integer', minimum: 0, maximum: 6, description: 'Fewest checklist steps met (0–6); a paper kind with fewer applicable steps needs all of them.' },
  },
};

export function hasBar(bar: Bar | undefined): bar is Bar {
  return bar !== undefined && Object.values(bar).some((v) => v !== undefined);
}

/** Where a document falls short of the bar; empty when it meets it. Scores compare as printed (two decimals). */
export function shortfalls(result: LintResult, bar: Bar | undefined): BarShortfall[] {
  if (!hasBar(bar)) return [];
  const out: BarShortfall[] = [];
  const { score } = result;
  if (bar.quadrant !== undefined) {
    const wanted = Array.isArray(bar.quadrant) ? bar.quadrant : [bar.quadrant];
    if (!wanted.includes(score.quadrant)) out.push({ bar: 'quadrant', message: `quadrant ${score.quadrant}, not ${wanted.join(' or ')}` });
  }
  for (const axis of ['concreteness', 'validation'] as const) {
    const min = bar[axis];
    if (min === undefined) continue;
    const got = round2(score[axis]);
    if (got < min) out.push({ bar: axis, message: `${axis} ${got.toFixed(2)}, below ${min.toFixed(2)} by ${(min - got).toFixed(2)}` });
  }
  if (bar.checklist !== undefined) {
    // A step that does not apply to the paper's kind cannot be met: all applicable steps always suffice.
    const met = result.checklist.filter((c) => c.status === 'met').length;
    const applicable = result.checklist.filter((c) => c.status !== 'not-applicable').length;
    const wanted = Math.min(bar.checklist, applicable);
    if (met < wanted) out.push({ bar: 'checklist', message: `checklist ${met}/${applicable} steps met, ${wanted} required (${wanted - met} short)` });
  }
  return out;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
