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
  | { ok: true; text: string; warning?: string; /** Offset in `text` that the warning is about. */ warningAt?: number }
  | { ok: false; reason: string };

/**
 * Decodes a draft's bytes as an editor does. A byte order mark decides first: UTF-8, UTF-16 LE or
 * BE (the BOM is dropped; editors do not count it). Then text with NUL bytes is binary. UTF-8 is
 * decoded as `TextDecoder` and VS Code do, one U+FFFD per invalid sequence, with a warning naming
 * the first bad line; only a file that is not UTF-8 as a whole (no valid multi-byte sequence, or
 * fewer valid ones than invalid) is read as Latin-1, one character per byte.
 */
export function decodeDraft(bytes: Uint8Array): DecodeResult {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) {
    return { ok: false, reason: 'is UTF-32, which is not supported; save it as UTF-8' };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return decodeUtf16(bytes.subarray(2), bytes[0] === 0xff ? 'utf-16le' : 'utf-16be');
  }
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  if (body.subarray(0, 8192).includes(0)) return { ok: false, reason: 'looks like a binary file (it contains NUL bytes)' };
  const check = checkUtf8(body);
  if (check.invalid === 0) return { ok: true, text: new TextDecoder('utf-8').decode(body) };
  if (check.valid === 0 || check.invalid > check.valid) {
    return {
      ok: true,
      text: new TextDecoder('latin1').decode(body),
      warning: 'is not valid UTF-8; it was read as Latin-1, so accented characters may look wrong',
    };
  }
  const text = new TextDecoder('utf-8').decode(body);
  // The U+FFFD of the first bad sequence sits where the valid text before it ends.
  const at = new TextDecoder('utf-8').decode(body.subarray(0, check.firstInvalid)).length;
  const line = lineOf(text, at) + 1;
  const count = check.invalid === 1 ? 'an invalid UTF-8 byte sequence' : `${check.invalid} invalid UTF-8 byte sequences`;
  return {
    ok: true,
    text,
    warning: `has ${count} (first on line ${line}); ${check.invalid === 1 ? 'it reads' : 'they read'} as \ufffd, as in an editor`,
    warningAt: at,
  };
}

function decodeUtf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  const name = encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE';
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  if (text.includes('\0')) return { ok: false, reason: `looks like a binary file (it contains NUL characters after a ${name} byte order mark)` };
  const bad = firstUnpairedSurrogate(body, encoding === 'utf-16le');
  if (bad === undefined && body.length % 2 === 0) return { ok: true, text };
  const at = bad ?? text.length - 1;
  return { ok: true, text, warning: `is ${name} with invalid data (first on line ${lineOf(text, at) + 1}); it reads as \ufffd, as in an editor`, warningAt: at };
}

/** The code unit index of the first unpaired surrogate in UTF-16 bytes, if any. */
function firstUnpairedSurrogate(body: Uint8Array, little: boolean): number | undefined {
  const units = body.length >> 1;
  const unit = (i: number) => (little ? body[2 * i] | (body[2 * i + 1] << 8) : (body[2 * i] << 8) | body[2 * i + 1]);
  for (let i = 0; i < units; i++) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 1 < units ? unit(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (u >= 0xdc00 && u <= 0xdfff) return i;
  }
  return undefined;
}

/**
 * Counts valid multi-byte UTF-8 sequences and invalid ones as the WHATWG decoder delimits them
 * (each invalid sequence is one U+FFFD), and the byte offset of the first invalid one.
 */
export function checkUtf8(bytes: Uint8Array): { valid: number; invalid: number; firstInvalid: number } {
  let valid = 0;
  let invalid = 0;
  let firstInvalid = -1;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let seqStart = 0;
  const error = (at: number) => {
    if (invalid++ === 0) firstInvalid = at;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (needed === 0) {
      if (b <= 0x7f) continue;
      seqStart = i;
      if (b >= 0xc2 && b <= 0xdf) needed = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
      } else error(i);
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence so far is one error; this byte starts afresh.
      needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      error(seqStart);
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    if (++seen === needed) {
      valid++;
      needed = seen = 0;
    }
  }
  if (needed !== 0) error(seqStart);
  return { valid, invalid, firstInvalid };
}

/** 0-based line of an offset, as the editor counts lines. */
function lineOf(text: string, offset: number): number {
  return positionAt(makeSourceFile('', text), offset).line;
}
