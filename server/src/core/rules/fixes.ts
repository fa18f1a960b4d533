import type { Block, PaperDocument, SourceFile } from '../model';
import { positionAt } from '../source';
import { blockSourceSpan } from '../text-builder';
import type { Finding, Fix, TextEdit } from './types';

// Fixes as data, in the draft's own syntax. They insert or rewrite; they never delete the author's
// text beyond the phrase they rewrite.

function source(doc: PaperDocument, file: string): SourceFile {
  return doc.sources.get(file) ?? { path: file, text: '', lineStarts: [0] };
}

function comment(doc: PaperDocument, body: string): string {
  return doc.format === 'latex' ? `% ${body}` : `<!-- ${body} -->`;
}

/** "Disable <id> for this line": a directive on its own line above the finding's line. */
export function disableLineFix(doc: PaperDocument, f: Finding): Fix {
  const file = source(doc, f.range.file);
  const line = positionAt(file, f.range.start).line;
  const lineStart = file.lineStarts[line];
  const indent = /^[ \t]*/.exec(file.text.slice(lineStart))![0];
  const eol = lineEnding(file.text);
  return {
    title: `Disable ${f.ruleId} for this line`,
    edits: [{ file: file.path, start: lineStart, end: lineStart, text: `${indent}${comment(doc, `actionable-disable-next-line ${f.ruleId} -- [reason]`)}${eol}` }],
    hasPlaceholders: true,
  };
}

/** "Disable <id> for this file": a directive at the top (after Markdown front matter). */
export function disableFileFix(doc: PaperDocument, f: Finding): Fix {
  const file = source(doc, f.range.file);
  const eol = lineEnding(file.text);
  let at = 0;
  const front = /^(---|\+\+\+)\r?\n[\s\S]*?\r?\n\1[ \t]*(\r?\n|$)/.exec(file.text);
  if (doc.format === 'markdown' && front) at = front[0].length;
  return {
    title: `Disable ${f.ruleId} for this file`,
    edits: [{ file: file.path, start: at, end: at, text: `${comment(doc, `actionable-disable-file ${f.ruleId} -- [reason]`)}${eol}` }],
    hasPlaceholders: true,
  };
}

export function lineEnding(text: string): string {
  return /\r\n/.test(text.slice(0, 4096)) ? '\r\n' : '\n';
}

/** Inserts text right after a block's last character (e.g. a sentence at the end of a paragraph). */
export function appendToBlock(block: Block, text: string): TextEdit {
  const span = blockSourceSpan(block, 0, block.text.length);
  return { file: block.file, start: span.end, end: span.end, text };
}

/** Inserts a new paragraph (or table) after the block, separated by blank lines. */
export function insertAfterBlock(doc: PaperDocument, block: Block, paragraph: string): TextEdit {
  const file = source(doc, block.file);
  const span = blockSourceSpan(block, 0, block.text.length);
  const line = positionAt(file, span.end).line;
  const nextLineStart = line + 1 < file.lineStarts.length ? file.lineStarts[line + 1] : file.text.length;
  const eol = lineEnding(file.text);
  const needsBreak = nextLineStart === file.text.length && !/(\r?\n|\r)$/.test(file.text);
  return { file: block.file, start: nextLineStart, end: nextLineStart, text: `${needsBreak ? eol : ''}${eol}${paragraph.replace(/\n/g, eol)}${eol}` };
}

/** Replaces a text range of a block (a vague phrase) with new text. */
export function rewriteInBlock(block: Block, start: number, end: number, text: string): TextEdit {
  const span = blockSourceSpan(block, start, end);
  return { file: block.file, start: span.start, end: span.end, text };
}

/** Applies edits to texts by file (for tests and `--fix`): later offsets first so earlier ones stay valid. */
export function applyEdits(texts: Map<string, string>, edits: TextEdit[]): Map<string, string> {
  const out = new Map(texts);
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  for (const e of sorted) {
    const text = out.get(e.file) ?? '';
    out.set(e.file, text.slice(0, e.start) + e.text + text.slice(e.end));
  }
  return out;
}
