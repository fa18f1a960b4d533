// Readings of a sentence are asked for by many rules on every lint, and an edit changes few sentences:
// each reading is computed once per distinct text and kept in a bounded cache (cleared when full).

/** `read`, cached by its text argument; at most `limit` texts are kept. */
export function byText<T>(read: (text: string) => T, limit = 20_000): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = read(text);
    if (cache.size >= limit) cache.clear();
    cache.set(text, value);
    return value;
  };
}
