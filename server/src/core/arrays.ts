// Array helpers for lists of any length. `a.push(...b)`, `Math.min(...b)` and `f(...b)` pass every
// element as a call argument, on the stack: at about 125,000 elements V8 throws "Maximum call
// stack size exceeded", and a chunk of a large draft, a rule's findings or a folder search can be
// that long. These loop instead.

/** Appends `items` to `target` (in place) and returns it. */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The smallest value (`empty` when there is none). */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  let min: number | undefined;
  for (const v of values) if (min === undefined || v < min) min = v;
  return min ?? empty;
}

/** The largest value (`empty` when there is none). */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max: number | undefined;
  for (const v of values) if (max === undefined || v > max) max = v;
  return max ?? empty;
}
