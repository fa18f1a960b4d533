// Readings of a sentence are asked for by many rules on every lint, and an edit changes few sentences:
// each reading is computed once per distinct text and kept in a bounded cache (cleared when full).
// A named cache can also be saved and restored (the on-disk cache, core/cache): its readings
// depend on the text alone (and on this build's code and built-in lexicons, which key the disk cache).

interface NamedCache {
  entries: Map<string, unknown>;
  /** Texts asked for since `recordReadings` began, and how many of them were not cached. */
  used?: Set<string>;
  computed: number;
}

const NAMED = new Map<string, NamedCache>();

/** `read`, cached by its text argument; at most `limit` texts are kept. `name` makes it persistable. */
export function byText<T>(read: (text: string) => T, limit = 20_000, name?: string): (text: string) => T {
  const cache = new Map<string, T>();
  const named: NamedCache | undefined = name ? { entries: cache, computed: 0 } : undefined;
  if (name && named) {
    if (NAMED.has(name)) throw new Error(`two text caches named ${name}`);
    NAMED.set(name, named);
  }
  return (text) => {
    named?.used?.add(text);
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = read(text);
    if (named?.used) named.computed++;
    if (cache.size >= limit) cache.clear();
    cache.set(text, value);
    return value;
  };
}

/** Saved readings: cache name → [text, reading] pairs. */
export type Readings = Record<string, Array<[string, unknown]>>;

/** Starts noting which texts each named cache is asked for (what one document's lint uses). */
export function recordReadings(): void {
  for (const c of NAMED.values()) {
    c.used = new Set();
    c.computed = 0;
  }
}

/** The readings asked for since `recordReadings` (and how many were computed afresh), and stops noting. */
export function takeReadings(): { readings: Readings; computed: number } {
  const out: Readings = {};
  let computed = 0;
  for (const [name, c] of NAMED) {
    const pairs: Array<[string, unknown]> = [];
    for (const text of c.used ?? []) {
      const value = c.entries.get(text);
      if (value !== undefined) pairs.push([text, value]);
    }
    out[name] = pairs;
    computed += c.computed;
    c.used = undefined;
  }
  return { readings: out, computed };
}

/** Puts saved readings back into their caches (names this build does not have are ignored). */
export function restoreReadings(readings: Readings): void {
  for (const [name, pairs] of Object.entries(readings)) {
    const c = NAMED.get(name);
    if (!c || !Array.isArray(pairs)) continue;
    for (const pair of pairs) if (Array.isArray(pair) && typeof pair[0] === 'string' && !c.entries.has(pair[0])) c.entries.set(pair[0], pair[1]);
  }
}
