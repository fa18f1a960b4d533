import { performance } from 'node:perf_hooks';

// Where a run's time goes, from inside the process (`ACTIONABLE_TIMING=1`, as ESLint's `TIMING=1`):
// milliseconds per phase, summed over documents. Off by default, and then each phase costs one check.

export type Phase = 'parse' | 'model' | 'analyse' | 'rules' | 'cache' | 'format';

const totals = new Map<Phase, number>();
let enabled = false;

export function enableTiming(on = true): void {
  enabled = on;
}

export function timingEnabled(): boolean {
  return enabled;
}

/** Runs `fn`, adding its time to `phase` when timing is on. */
export function timed<T>(phase: Phase, fn: () => T): T {
  if (!enabled) return fn();
  const started = performance.now();
  try {
    return fn();
  } finally {
    totals.set(phase, (totals.get(phase) ?? 0) + performance.now() - started);
  }
}

export function phaseTotals(): ReadonlyMap<Phase, number> {
  return totals;
}

const counts = new Map<string, number>();

/** Counts an event (a document served from the cache) when timing is on. */
export function countEvent(name: 'cached' | 'linted'): void {
  if (enabled) counts.set(name, (counts.get(name) ?? 0) + 1);
}

export function eventCount(name: 'cached' | 'linted'): number {
  return counts.get(name) ?? 0;
}
