import type { Block, BlockKind, Reference } from './model';
import { segmentSentences } from './sentences';

/**
 * Accumulates the plain text of one block together with the source span of every character.
 * Offsets given to it are relative to the chunk being read; `base` is added when the block is placed.
 */
export class TextBuilder {
  // One entry per character: appending to a string and then asking `endsWith` or slicing it flattens
  // the whole string each time, which made a long paragraph quadratic.
  private chars: string[] = [];
  private starts: number[] = [];
  private ends: number[] = [];
  private refs: Reference[] = [];

  get length(): number {
    return this.chars.length;
  }

  private get last(): string | undefined {
    return this.chars[this.chars.length - 1];
  }

  /** Characters copied verbatim from source offset `start` on. */
  addVerbatim(chars: string, start: number): void {
    for (let i = 0; i < chars.length; i++) {
      this.chars.push(chars[i]);
      this.starts.push(start + i);
      this.ends.push(start + i + 1);
    }
  }

  /** Text that stands for the whole source span [start, end), e.g. `\&` → `&` or `~` → ` `. */
  addReplacement(chars: string, start: number, end: number): void {
    for (let i = 0; i < chars.length; i++) {
      this.chars.push(chars[i]);
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /** A single space for a source whitespace run, collapsing repeated whitespace. */
  addSpace(start: number, end: number): void {
    if (this.chars.length === 0 || this.last === ' ') return;
    this.addReplacement(' ', start, end);
  }

  addReference(kind: Reference['kind'], keys: string[], placeholder: string, start: number, end: number): void {
    const at = this.chars.length;
    this.addReplacement(placeholder, start, end);
    this.refs.push({ kind, keys, start: at, end: this.chars.length });
  }

  /** Marks the text added since `startTextIndex` (e.g. a link's text) as a reference. */
  markReference(kind: Reference['kind'], keys: string[], startTextIndex: number): void {
    this.refs.push({ kind, keys, start: startTextIndex, end: this.chars.length });
  }

  /** The last `n` characters of the text so far. */
  tail(n: number): string {
    return n <= 0 ? '' : this.chars.slice(-n).join('');
  }

  /** Turns a trailing space into a line break, which always ends a sentence (unless after an abbreviation). */
  breakAtSpace(): void {
    if (this.last === ' ') this.chars[this.chars.length - 1] = '\n';
  }

  endsWithSpace(): boolean {
    return this.last === ' ';
  }

  /** Builds the block, trimming surrounding whitespace; returns undefined when nothing but whitespace. */
  build(kind: BlockKind, file: string, base: number, section: number): Block | undefined {
    const all = this.chars.join('');
    let from = 0;
    let to = all.length;
    while (from < to && /\s/.test(all[from])) from++;
    while (to > from && /\s/.test(all[to - 1])) to--;
    if (from === to) return undefined;
    const text = all.slice(from, to);
    const refs = this.refs
      .filter((r) => r.start >= from && r.end <= to)
      .map((r) => ({ ...r, start: r.start - from, end: r.end - from }));
    return {
      kind,
      file,
      text,
      base,
      starts: Int32Array.from(this.starts.slice(from, to)),
      ends: Int32Array.from(this.ends.slice(from, to)),
      refs,
      sentences: segmentSentences(text),
      section,
    };
  }
}

/** Source span of text range [start, end) of a block, as absolute offsets in block.file. */
export function blockSourceSpan(block: Block, start: number, end: number): { start: number; end: number } {
  if (block.text.length === 0) return { start: block.base, end: block.base };
  const s = Math.min(Math.max(start, 0), block.text.length - 1);
  const e = Math.min(Math.max(end, s + 1), block.text.length);
  return { start: block.base + block.starts[s], end: block.base + block.ends[e - 1] };
}
