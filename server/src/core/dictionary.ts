// Word-keyed lookup tables with no prototype: a draft's word "constructor" or "toString" must find
// nothing, not Object's inherited function (which once made seven rules throw on a real paper).

/** A frozen copy of `entries` with a null prototype, safe to index with any word from a draft. */
export function dictionary<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
