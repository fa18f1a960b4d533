import type { SourceFile } from './model';

/** Offsets at which each line starts; CRLF, LF and lone CR all end a line. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

export function makeSourceFile(path: string, text: string): SourceFile {
  return { path, text, lineStarts: computeLineStarts(text) };
}

/** 0-based line and UTF-16 column of an offset. */
export function positionAt(file: SourceFile, offset: number): { line: number; character: number } {
  const o = Math.max(0, Math.min(offset, file.text.length));
  let lo = 0;
  let hi = file.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (file.lineStarts[mid] <= o) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: o - file.lineStarts[lo] };
}

export function offsetAt(file: SourceFile, line: number, character: number): number {
  if (line < 0) return 0;
  if (line >= file.lineStarts.length) return file.text.length;
  const lineStart = file.lineStarts[line];
  const next = line + 1 < file.lineStarts.length ? file.lineStarts[line + 1] : file.text.length;
  return Math.min(lineStart + Math.max(0, character), next);
}

export type DecodeResult =
  | { ok: true; text: string; warning?: string }
  | { ok: false; reason: string };

/**
 * Decodes a draft's bytes. A BOM is dropped (editors do not count it); text with NUL bytes is
 * treated as binary; invalid UTF-8 is read as Latin-1 so that no byte is lost, with a warning.
 */
export function decodeDraft(bytes: Uint8Array): DecodeResult {
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { ok: false, reason: 'looks like a binary file (it contains NUL bytes)' };
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    return {
      ok: true,
      text: new TextDecoder('latin1').decode(body),
      warning: 'is not valid UTF-8; it was read as Latin-1, so accented characters may look wrong',
    };
  }
}
