import type { Block, BlockKind, Reference } from './model';
import { segmentSentences } from './sentences';

/**
 * Accumulates the plain text of one block together with the source span of every character.
 * Offsets given to it are relative to the chunk being read; `base` is added when the block is placed.
 */
export class TextBuilder {
  private text = '';
  private starts: number[] = [];
  private ends: number[] = [];
  private refs: Reference[] = [];

  get length(): number {
    return this.text.length;
  }

  /** Characters copied verbatim from source offset `start` on. */
  addVerbatim(chars: string, start: number): void {
    for (let i = 0; i < chars.length; i++) {
      this.text += chars[i];
      this.starts.push(start + i);
      this.ends.push(start + i + 1);
    }
  }

  /** Text that stands for the whole source span [start, end), e.g. `\&` → `&` or `~` → ` `. */
  addReplacement(chars: string, start: number, end: number): void {
    for (let i = 0; i < chars.length; i++) {
      this.text += chars[i];
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  /** A single space for a source whitespace run, collapsing repeated whitespace. */
  addSpace(start: number, end: number): void {
    if (this.text.length === 0 || this.text.endsWith(' ')) return;
    this.addReplacement(' ', start, end);
  }

  addReference(kind: Reference['kind'], keys: string[], placeholder: string, start: number, end: number): void {
    const at = this.text.length;
    this.addReplacement(placeholder, start, end);
    this.refs.push({ kind, keys, start: at, end: this.text.length });
  }

  /** Marks the text added since `startTextIndex` (e.g. a link's text) as a reference. */
  markReference(kind: Reference['kind'], keys: string[], startTextIndex: number): void {
    this.refs.push({ kind, keys, start: startTextIndex, end: this.text.length });
  }

  /** The last `n` characters of the text so far. */
  tail(n: number): string {
    return this.text.slice(-n);
  }

  /** Turns a trailing space into a line break, which always ends a sentence (unless after an abbreviation). */
  breakAtSpace(): void {
    if (this.text.endsWith(' ')) this.text = this.text.slice(0, -1) + '\n';
  }

  endsWithSpace(): boolean {
    return this.text.endsWith(' ');
  }

  /** Builds the block, trimming surrounding whitespace; returns undefined when nothing but whitespace. */
  build(kind: BlockKind, file: string, base: number, section: number): Block | undefined {
    let from = 0;
    let to = this.text.length;
    while (from < to && /\s/.test(this.text[from])) from++;
    while (to > from && /\s/.test(this.text[to - 1])) to--;
    if (from === to) return undefined;
    const text = this.text.slice(from, to);
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
