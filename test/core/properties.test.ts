// Property-based tests of the document model: generated LaTeX and Markdown drafts whose every plain
// word has a known source offset, incremental rebuilds against fresh builds, and fuzzing.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { ModelBuilder, type TextChange } from '../../server/src/core/build';
import { NodeFileHost } from '../../server/src/core/host';
import type { Block, PaperDocument } from '../../server/src/core/model';

// ---------------------------------------------------------------------------------------------
// Shared: temp files, generated drafts, checks

let tmpRoot = '';
let dirCounter = 0;

/** A fresh folder under the test's temp root, so that root lookup never sees another draft. */
function freshDir(): string {
  const dir = path.join(tmpRoot, `d${dirCounter++}`);
  fs.mkdirSync(dir);
  return dir;
}

function writeDraft(name: string, text: string): string {
  const file = path.join(freshDir(), name);
  fs.writeFileSync(file, text, 'utf8');
  return file;
}

interface Word {
  w: string;
  at: number;
}

/** A generated draft: its text, where every plain word was put, and what must never leak into prose. */
interface Draft {
  text: string;
  words: Word[];
  headings: Array<{ title: string; level: number }>;
  /** Substrings that must not appear in any block's text (math bodies, comment and code markers). */
  forbidden: string[];
}

class Out {
  s = '';
  words: Word[] = [];
  forbidden: string[] = [];
  word(w: string): void {
    this.words.push({ w, at: this.s.length });
    this.s += w;
  }
  raw(x: string): void {
    this.s += x;
  }
}

// Word characters: ASCII letters and digits, accented letters, Greek, CJK, emoji (astral, with a
// skin-tone modifier, and a ZWJ sequence). Lower case only: upper-case `QX` marks comment/code text.
const WORD_CHARS = ['a', 'b', 'c', 'e', 'k', 'm', 'n', 'o', 'p', 'r', 's', 't', 'z', '0', '1', '7', 'é', 'ü', 'ß', 'ç', 'α', '中', '文', '研', '究', '😀', '🧪', '👍🏽', '👩‍🔬'];
const wordArb = fc.array(fc.constantFrom(...WORD_CHARS), { minLength: 1, maxLength: 7 }).map((a) => a.join(''));
const titleArb = fc.array(wordArb, { minLength: 1, maxLength: 4 });
const markerArb = fc.array(fc.constantFrom('a', 'b', 'x', 'y', ' ', '{', '}', '$'), { maxLength: 10 }).map((a) => `QX${a.join('')}`);
/** Sentence punctuation after a word; only after a letter, so that `12.` never starts a Markdown list. */
const punctArb = fc.constantFrom('', '', '', '', '.', ',', ';');
const withPunct = (w: string, p: string) => (/\p{L}$/u.test(w) ? p : '');

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

function allBlocks(doc: PaperDocument): Block[] {
  return doc.title ? [doc.title, ...doc.blocks] : doc.blocks;
}

/** (i) every generated word is found at its own offset, with matching text and source. */
function checkWords(doc: PaperDocument, file: string, draft: Draft): void {
  const src = doc.sources.get(path.resolve(file))?.text;
  assert.equal(src, draft.text, 'the decoded source differs from the text written');
  const byStart = new Map<number, Array<[Block, number]>>();
  for (const b of allBlocks(doc)) {
    if (b.file !== path.resolve(file)) continue;
    for (let i = 0; i < b.text.length; i++) {
      const at = b.base + b.starts[i];
      const list = byStart.get(at) ?? [];
      list.push([b, i]);
      byStart.set(at, list);
    }
  }
  for (const { w, at } of draft.words) {
    const hits = byStart.get(at) ?? [];
    const ok = hits.some(([b, i]) => {
      const last = i + w.length - 1;
      return b.text.slice(i, i + w.length) === w && last < b.text.length && src!.slice(b.base + b.starts[i], b.base + b.ends[last]) === w;
    });
    if (!ok) {
      const context: string = JSON.stringify(src!.slice(Math.max(0, at - 30), at + w.length + 30));
      const seen = hits.map(([b, i]) => JSON.stringify(b.text.slice(i, i + w.length + 10)));
      assert.fail(`word ${JSON.stringify(w)} at ${at} not mapped (source around it: ${context}; block text at that offset: ${seen.join(' | ') || 'none'})`);
    }
  }
}

/** (ii) and (iii): every character span and sentence range lies inside its file; starts never go back. */
function checkSpans(doc: PaperDocument, monotonic = true): void {
  for (const b of allBlocks(doc)) {
    const len = doc.sources.get(b.file)?.text.length;
    assert.ok(len !== undefined, `block file ${b.file} has no source`);
    assert.equal(b.starts.length, b.text.length);
    assert.equal(b.ends.length, b.text.length);
    let prev = -1;
    for (let i = 0; i < b.text.length; i++) {
      const s = b.base + b.starts[i];
      const e = b.base + b.ends[i];
      assert.ok(0 <= s && s <= e && e <= len, `span [${s}, ${e}) of ${JSON.stringify(b.text[i])} (index ${i} of ${JSON.stringify(b.text)}) is outside 0..${len}`);
      if (monotonic) assert.ok(s >= prev, `span start goes back at index ${i} of ${JSON.stringify(b.text)}: ${s} < ${prev}`);
      prev = s;
    }
    for (const sent of b.sentences) {
      assert.ok(0 <= sent.start && sent.start < sent.end && sent.end <= b.text.length, `sentence ${JSON.stringify(sent)} outside block text`);
      const s = b.base + b.starts[sent.start];
      const e = b.base + b.ends[sent.end - 1];
      assert.ok(0 <= s && s <= e && e <= len, `sentence source range [${s}, ${e}) outside 0..${len}`);
    }
    for (const r of b.refs) assert.ok(0 <= r.start && r.start <= r.end && r.end <= b.text.length, `reference ${JSON.stringify(r)} outside block text`);
  }
  for (const p of doc.problems) {
    const len = doc.sources.get(p.range.file)?.text.length ?? 0;
    assert.ok(0 <= p.range.start && p.range.start <= p.range.end && p.range.end <= len, `problem range ${JSON.stringify(p.range)} outside 0..${len}: ${p.message}`);
  }
  for (const s of doc.sections) {
    const len = doc.sources.get(s.file)?.text.length ?? 0;
    assert.ok(0 <= s.start && s.start <= len, `section start ${s.start} outside 0..${len}`);
    const endLen = doc.sources.get(s.end.file)?.text.length ?? 0;
    assert.ok(0 <= s.end.offset && s.end.offset <= endLen, `section end ${s.end.offset} outside 0..${endLen}`);
  }
}

function checkForbidden(doc: PaperDocument, forbidden: string[], patterns: RegExp[]): void {
  for (const b of allBlocks(doc)) {
    for (const f of forbidden) assert.ok(!b.text.includes(f), `block ${JSON.stringify(b.text)} contains ${JSON.stringify(f)}`);
    for (const re of patterns) assert.ok(!re.test(b.text), `block ${JSON.stringify(b.text)} matches ${re}`);
  }
}

// ---------------------------------------------------------------------------------------------
// LaTeX drafts

type LTok =
  | { t: 'word'; w: string; p: string }
  | { t: 'esc'; s: string }
  | { t: 'dash'; s: string }
  | { t: 'tilde' }
  | { t: 'cmd'; cmd: string; w: string }
  | { t: 'cite'; keys: string[] }
  | { t: 'cref'; key: string }
  | { t: 'math'; body: string }
  | { t: 'footnote'; words: string[] }
  | { t: 'comment'; text: string; nl: string }
  | { t: 'br'; nl: string };

type LEl =
  | { t: 'para'; toks: LTok[] }
  | { t: 'head'; cmd: 'section' | 'subsection' | 'paragraph'; words: string[]; toks: LTok[] }
  | { t: 'list'; items: LTok[][] };

interface LDraftSpec {
  preamble: boolean;
  els: LEl[];
  seps: string[];
}

const LEVEL: Record<string, number> = { section: 1, subsection: 2, paragraph: 4 };

const lTok: fc.Arbitrary<LTok> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ t: fc.constant('word' as const), w: wordArb, p: punctArb }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('esc' as const), s: fc.constantFrom('\\&', '\\%', '\\_') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('dash' as const), s: fc.constantFrom('--', '---') }) },
  { weight: 1, arbitrary: fc.constant({ t: 'tilde' as const }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('cmd' as const), cmd: fc.constantFrom('emph', 'textbf'), w: wordArb }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cite' as const), keys: fc.array(fc.constantFrom('smith2020', 'doe-etal', 'key1', 'key2', 'ab:c'), { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cref' as const), key: fc.constantFrom('sec:x', 'fig:a1', 'tab:res') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('math' as const), body: fc.constantFrom('x^2', '\\alpha_i + \\beta', 'f(x) = \\sum_{i=1}^{n} w_i', 'a^{b}', '\\mathbf{h}_\\ell') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('footnote' as const), words: fc.array(wordArb, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('comment' as const), text: markerArb, nl: fc.constantFrom('\n', '\r\n') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('br' as const), nl: fc.constantFrom('\n', '\r\n') }) },
);
const lToks = (max: number) => fc.array(lTok, { minLength: 1, maxLength: max });

const lEl: fc.Arbitrary<LEl> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant('para' as const), toks: lToks(25) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('head' as const), cmd: fc.constantFrom('section' as const, 'subsection' as const, 'paragraph' as const), words: titleArb, toks: fc.array(lTok, { maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('list' as const), items: fc.array(lToks(8), { minLength: 1, maxLength: 4 }) }) },
);
const lSep = fc.constantFrom('\n\n', '\r\n\r\n', '\n\n\n', '\n  \n', '\n', '\r\n');

function lDraftArb(minEls: number, maxEls: number): fc.Arbitrary<LDraftSpec> {
  return fc
    .record({ preamble: fc.boolean(), els: fc.array(lEl, { minLength: minEls, maxLength: maxEls }), seps: fc.array(lSep, { minLength: maxEls, maxLength: maxEls }) });
}

function renderLatexInline(out: Out, toks: LTok[]): void {
  let sep = false; // a space is due before the next token
  for (const tok of toks) {
    if (sep && tok.t !== 'tilde') out.raw(' ');
    sep = true;
    switch (tok.t) {
      case 'word':
        out.word(tok.w);
        out.raw(withPunct(tok.w, tok.p));
        break;
      case 'esc':
      case 'dash':
        out.raw(tok.s);
        break;
      case 'tilde':
        out.raw('~');
        sep = false;
        break;
      case 'cmd':
        out.raw(`\\${tok.cmd}{`);
        out.word(tok.w);
        out.raw('}');
        break;
      case 'cite':
        out.raw(`\\citep{${tok.keys.join(',')}}`);
        break;
      case 'cref':
        out.raw(`\\cref{${tok.key}}`);
        break;
      case 'math':
        out.raw(`$${tok.body}$`);
        out.forbidden.push(tok.body);
        break;
      case 'footnote':
        out.raw('\\footnote{');
        tok.words.forEach((w, i) => {
          if (i > 0) out.raw(' ');
          out.word(w);
        });
        out.raw('}');
        break;
      case 'comment':
        out.raw(` % ${tok.text}${tok.nl}`);
        out.forbidden.push('QX');
        sep = false;
        break;
      case 'br':
        out.raw(tok.nl);
        sep = false;
        break;
    }
  }
}

function renderLatex(spec: LDraftSpec): Draft {
  const out = new Out();
  const headings: Draft['headings'] = [];
  if (spec.preamble) out.raw('\\documentclass{article}\n\\usepackage{amsmath}\n\n\\begin{document}\n');
  spec.els.forEach((el, k) => {
    if (k > 0) out.raw(spec.seps[k]);
    switch (el.t) {
      case 'para':
        renderLatexInline(out, el.toks);
        break;
      case 'head':
        out.raw(`\\${el.cmd}{`);
        el.words.forEach((w, i) => {
          if (i > 0) out.raw(' ');
          out.word(w);
        });
        out.raw('}');
        headings.push({ title: el.words.join(' '), level: LEVEL[el.cmd] });
        if (el.cmd === 'paragraph' && el.toks.length > 0) {
          out.raw(' ');
          renderLatexInline(out, el.toks);
        }
        break;
      case 'list':
        out.raw('\\begin{itemize}\n');
        for (const item of el.items) {
          out.raw('  \\item ');
          renderLatexInline(out, item);
          out.raw('\n');
        }
        out.raw('\\end{itemize}');
        break;
    }
  });
  if (spec.preamble) out.raw('\n\\end{document}\n');
  return { text: out.s, words: out.words, headings, forbidden: out.forbidden };
}

const LATEX_LEAKS = [/\\[A-Za-z]/, /[{}$]/];

// ---------------------------------------------------------------------------------------------
// Markdown drafts

type MTok =
  | { t: 'word'; w: string; p: string }
  | { t: 'emph'; w: string; strong: boolean }
  | { t: 'esc'; ch: string }
  | { t: 'entity'; e: string }
  | { t: 'code'; w: string }
  | { t: 'cite'; keys: string[] }
  | { t: 'link'; words: string[]; anchor: string }
  | { t: 'br'; nl: string };

type MEl =
  | { t: 'head'; level: number; words: string[] }
  | { t: 'para'; toks: MTok[] }
  | { t: 'list'; ordered: boolean; items: MTok[][] }
  | { t: 'table'; rows: string[][][] }
  | { t: 'fence'; fence: string; lines: string[] };

const mTok: fc.Arbitrary<MTok> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ t: fc.constant('word' as const), w: wordArb, p: punctArb }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('emph' as const), w: wordArb, strong: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('esc' as const), ch: fc.constantFrom('*', '_', '#', '[', '!') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('entity' as const), e: fc.constantFrom('&amp;', '&lt;', '&copy;', '&#42;') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('code' as const), w: wordArb }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cite' as const), keys: fc.array(fc.constantFrom('smith2020', 'doe_etal', 'key1', 'key2'), { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('link' as const), words: fc.array(wordArb, { minLength: 1, maxLength: 3 }), anchor: fc.constantFrom('sec-a', 'intro', 'fig-1') }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('br' as const), nl: fc.constantFrom('\n', '\r\n', '  \n') }) },
);
/** Inline tokens that neither start nor end with a line break. */
const mToks = (max: number) =>
  fc.array(mTok, { minLength: 1, maxLength: max }).map((toks) => {
    while (toks.length > 0 && toks[0].t === 'br') toks.shift();
    while (toks.length > 0 && toks[toks.length - 1].t === 'br') toks.pop();
    return toks.length > 0 ? toks : [{ t: 'word' as const, w: 'w', p: '' }];
  });

const cellArb = fc.array(wordArb, { minLength: 1, maxLength: 3 });
const tableArb = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 4 }))
  .chain(([cols, rows]) => fc.array(fc.array(cellArb, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));
const fenceLineArb = fc.tuple(fc.constantFrom('', '# ', '## ', '### ', '- '), markerArb).map(([a, b]) => a + b);

const mEl: fc.Arbitrary<MEl> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('head' as const), level: fc.integer({ min: 1, max: 3 }), words: titleArb }) },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('para' as const), toks: mToks(25) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('list' as const), ordered: fc.boolean(), items: fc.array(mToks(8), { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('table' as const), rows: tableArb }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('fence' as const), fence: fc.constantFrom('```', '~~~', '````'), lines: fc.array(fenceLineArb, { minLength: 1, maxLength: 4 }) }) },
);
const mSep = fc.constantFrom('\n\n', '\r\n\r\n', '\n\n\n', '\n \n');

interface MDraftSpec {
  els: MEl[];
  seps: string[];
}

function mDraftArb(minEls: number, maxEls: number): fc.Arbitrary<MDraftSpec> {
  return fc.record({ els: fc.array(mEl, { minLength: minEls, maxLength: maxEls }), seps: fc.array(mSep, { minLength: maxEls, maxLength: maxEls }) });
}

function renderMarkdownInline(out: Out, toks: MTok[]): void {
  let sep = false;
  for (const tok of toks) {
    if (sep) out.raw(' ');
    sep = true;
    switch (tok.t) {
      case 'word':
        out.word(tok.w);
        out.raw(withPunct(tok.w, tok.p));
        break;
      case 'emph': {
        const mark = tok.strong ? '**' : '*';
        out.raw(mark);
        out.word(tok.w);
        out.raw(mark);
        break;
      }
      case 'esc':
        out.raw(`\\${tok.ch}`);
        break;
      case 'entity':
        out.raw(tok.e);
        break;
      case 'code':
        out.raw('`');
        out.word(tok.w);
        out.raw('`');
        break;
      case 'cite':
        out.raw(`[${tok.keys.map((k) => `@${k}`).join('; ')}]`);
        break;
      case 'link':
        out.raw('[');
        tok.words.forEach((w, i) => {
          if (i > 0) out.raw(' ');
          out.word(w);
        });
        out.raw(`](#${tok.anchor})`);
        break;
      case 'br':
        out.raw(tok.nl);
        sep = false;
        break;
    }
  }
}

function renderMarkdown(spec: MDraftSpec): Draft {
  const out = new Out();
  const headings: Draft['headings'] = [];
  spec.els.forEach((el, k) => {
    if (k > 0) out.raw(spec.seps[k]);
    switch (el.t) {
      case 'head':
        out.raw(`${'#'.repeat(el.level)} `);
        el.words.forEach((w, i) => {
          if (i > 0) out.raw(' ');
          out.word(w);
        });
        headings.push({ title: el.words.join(' '), level: el.level });
        break;
      case 'para':
        renderMarkdownInline(out, el.toks);
        break;
      case 'list':
        el.items.forEach((item, i) => {
          if (i > 0) out.raw('\n');
          out.raw(el.ordered ? `${i + 1}. ` : '- ');
          renderMarkdownInline(out, item);
        });
        break;
      case 'table': {
        const row = (cells: string[][]) => {
          out.raw('|');
          for (const cell of cells) {
            out.raw(' ');
            cell.forEach((w, i) => {
              if (i > 0) out.raw(' ');
              out.word(w);
            });
            out.raw(' |');
          }
        };
        el.rows.forEach((cells, r) => {
          if (r > 0) out.raw('\n');
          row(cells);
          if (r === 0) out.raw(`\n|${' --- |'.repeat(cells.length)}`);
        });
        break;
      }
      case 'fence':
        out.raw(`${el.fence}\n${el.lines.join('\n')}\n${el.fence}`);
        out.forbidden.push('QX');
        break;
    }
  });
  out.raw('\n');
  return { text: out.s, words: out.words, headings, forbidden: [...new Set(out.forbidden)] };
}

const MARKDOWN_LEAKS = [/`/, /\]\(#/, /&(amp|lt|copy|#42);/, /\\[!-/:-@[-`{-~]/, /QX/];

/** Sections as the assembler makes them: a lone first `#` heading is the title; depths are shifted. */
function expectedMarkdownOutline(headings: Draft['headings']): { title?: string; sections: Draft['headings'] } {
  const h1 = headings.filter((h) => h.level === 1);
  const titled = h1.length === 1 && headings[0] === h1[0];
  const rest = titled ? headings.slice(1) : headings;
  const shift = rest.length > 0 ? Math.min(...rest.map((h) => h.level)) - 1 : 0;
  return { title: titled ? headings[0].title : undefined, sections: rest.map((h) => ({ title: h.title, level: h.level - shift })) };
}

// ---------------------------------------------------------------------------------------------
// Incremental edits

interface EditSpec {
  pos: number;
  del: number;
  ins: string;
}

const LATEX_INSERTS = ['word ', ' more words', '\n\n', '\r\n', '\\section{New title}\n', '% note', '{', '}', '$', '\\begin{itemize}', '\\item ', '\\end{itemize}', '😀', '\\emph{x}', '', '\\footnote{f}', '\\\\', '\\paragraph{P}'];
const MARKDOWN_INSERTS = ['word ', ' more words', '\n\n', '\r\n', '# ', '## New\n\n', '```\n', '*', '**', '- ', '| a | b |\n|---|---|\n', '[@k]', '😀', '', '\\', '&amp;', '`', '> '];

const editsArb = (inserts: string[]) =>
  fc.array(fc.record({ pos: fc.nat(), del: fc.nat({ max: 12 }), ins: fc.constantFrom(...inserts) }), { minLength: 1, maxLength: 5 });

/** An offset moved off the middle of a surrogate pair or a CRLF, where no editor puts a cursor. */
function settle(text: string, o: number): number {
  while (o > 0 && o < text.length && ((isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o))) || (text[o - 1] === '\r' && text[o] === '\n'))) o++;
  return o;
}

/** LSP position of an offset: CRLF, LF and lone CR end lines; characters are UTF-16 units. */
function lspPosition(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n' && i + 1 < offset) {
      i++;
      line++;
      lineStart = i + 1;
    } else if (c === '\n' || c === '\r') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** The parts of a model that an incremental rebuild must reproduce exactly. */
function projection(doc: PaperDocument) {
  const block = (b: Block) => ({
    kind: b.kind,
    text: b.text,
    section: b.section,
    spans: Array.from(b.starts, (s, i) => [b.base + s, b.base + b.ends[i]]),
    refs: b.refs,
    sentences: b.sentences,
    cell: b.cell,
  });
  return {
    title: doc.title ? block(doc.title) : undefined,
    blocks: doc.blocks.map(block),
    sections: doc.sections.map((s) => ({ title: s.title, role: s.role, level: s.level, parent: s.parent, start: s.start, end: s.end.offset })),
    problems: doc.problems.map((p) => ({ severity: p.severity, message: p.message, start: p.range.start, end: p.range.end })),
  };
}

/** Applies the edits through update() one by one and compares with a fresh build of the final text. */
function checkIncremental(name: string, initial: string, edits: EditSpec[]): void {
  const file = writeDraft(name, initial);
  const builder = new ModelBuilder();
  builder.build(file);
  let text = initial;
  for (const e of edits) {
    const start = settle(text, e.pos % (text.length + 1));
    const end = settle(text, Math.min(text.length, start + e.del));
    const change: TextChange = { range: { start: lspPosition(text, start), end: lspPosition(text, end) }, text: e.ins };
    text = text.slice(0, start) + e.ins + text.slice(end);
    builder.update(file, [change]);
    assert.equal((builder.host as NodeFileHost).getOverlay(file), text, 'the overlay differs from the edited text');
  }
  const incremental = builder.update(file, []);
  const freshFile = writeDraft(name, text);
  const fresh = new ModelBuilder().build(freshFile);
  assert.deepStrictEqual(projection(incremental), projection(fresh));
}

// Fuzz material: special characters, commands and markup, mixed with words and random code points.
const LATEX_PIECES = ['\\', '{', '}', '$', '%', '&', '#', '_', '^', '~', '[', ']', ' ', '\n', '\r\n', '\r', '\n\n', '\t', '$$', '\\[', '\\]', '\\(', '\\)', '\\\\',
  '\\section{', '\\subsection*{', '\\paragraph', '\\begin{itemize}', '\\item', '\\item[', '\\end{itemize}', '\\begin{document}', '\\end{document}', '\\begin{abstract}', '\\end{abstract}',
  '\\begin{tabular}{ll}', '\\end{tabular}', '\\footnote{', '\\emph{', '\\citep[p.~3]{', '\\cref{', '\\verb|', '\\verb', '\\iffalse', '\\fi', '\\newcommand{\\x}{y}', '\\def\\y{z}', '\\x', '\\input{',
  '\\begin{verbatim}', '\\end{verbatim}', '\\begin{comment}', '\\end{comment}', '\\appendix', '\\title{', '\\SI{3}{\\percent}', '\\newacronym{a}{A}{Long}', '\\gls{a}', '\\href{', '\\url{', '--', '---', '``', "''", '\\&', '\\%', '\\'];
const MARKDOWN_PIECES = ['*', '_', '`', '```', '~~~', '[', ']', '(', ')', '#', '# ', '>', '-', '- ', '|', '<', '>', '&', '!', '\\', '~', '$', '$$', '---', '\n', '\r\n', '\r', '\n\n', '  ', '    ',
  '&amp;', '&#x1F600;', '&#128512;', '&bogus;', '[@', '@k', '{#sec-a}', '<!--', '-->', '1. ', ':::', '^[', '[^1]', '[^1]: ', '<br>', '<figcaption>', '</figcaption>', '![alt', '](', '{{< x >}}', '+++', 'title: ', 'abstract: |', '```{r fig.cap="c"}', '#| fig-cap: '];
const mixed = (pieces: string[]) =>
  fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pieces) }, { weight: 2, arbitrary: wordArb }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) }), { maxLength: 120, size: 'medium' }).map((a) => a.join(''));

/**
 * Run options: a time limit stops a run that would take too long (a failure found before it still
 * fails, with the counterexample shrunk so far), so that a regression cannot hang the suite while
 * fast-check shrinks large drafts.
 */
function runs(numRuns: number): fc.Parameters<unknown> {
  return { numRuns, plugins: [fc.interruptAfterTimeLimit(20_000)] };
}

// ---------------------------------------------------------------------------------------------

describe('document model properties', function () {
  this.timeout(60_000);

  before(() => {
    tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-props-'));
  });
  after(() => {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  });

  describe('generated LaTeX drafts', () => {
    it('map every word to its source, keep spans and sentences in the file, leak no markup, and title sections', () => {
      fc.assert(
        fc.property(lDraftArb(1, 12), (spec) => {
          const draft = renderLatex(spec);
          const file = writeDraft('draft.tex', draft.text);
          const doc = new ModelBuilder().build(file);
          checkWords(doc, file, draft); // (i)
          checkSpans(doc); // (ii), (iii)
          checkForbidden(doc, draft.forbidden, LATEX_LEAKS); // (iv)
          assert.deepStrictEqual(
            doc.sections.map((s) => ({ title: s.title, level: s.level })),
            draft.headings,
          ); // (v)
          for (const s of doc.sections) assert.equal(s.heading?.text, s.title);
        }),
        runs(150),
      );
    });
  });

  describe('generated Markdown drafts', () => {
    it('map every word to its source, keep spans and sentences in the file, leak no markup, and title sections', () => {
      fc.assert(
        fc.property(mDraftArb(1, 12), (spec) => {
          const draft = renderMarkdown(spec);
          const file = writeDraft('draft.md', draft.text);
          const doc = new ModelBuilder().build(file);
          checkWords(doc, file, draft);
          checkSpans(doc);
          checkForbidden(doc, draft.forbidden, MARKDOWN_LEAKS);
          const expected = expectedMarkdownOutline(draft.headings);
          assert.equal(doc.title?.text, expected.title);
          assert.deepStrictEqual(
            doc.sections.map((s) => ({ title: s.title, level: s.level })),
            expected.sections,
          );
        }),
        runs(150),
      );
    });
  });

  describe('line breaks inside one paragraph', () => {
    const joined = (breaks: string[]) =>
      fc.record({ words: fc.array(wordArb, { minLength: 2, maxLength: 12 }), breaks: fc.array(fc.constantFrom(...breaks), { minLength: 11, maxLength: 11 }) });

    /** Words joined by line breaks (and line-end comments) read as one block with single spaces. */
    function checkOneParagraph(name: string, words: string[], breaks: string[]): void {
      const text = words.map((w, i) => (i === 0 ? w : breaks[i - 1] + w)).join('') + '\n';
      const doc = new ModelBuilder().build(writeDraft(name, text));
      assert.deepStrictEqual(doc.blocks.map((b) => b.text), [words.join(' ')], `for ${JSON.stringify(text)}`);
    }

    it('LaTeX: LF line breaks and line-end comments after a space keep one paragraph, words apart', () => {
      fc.assert(fc.property(joined([' ', '\n', '  \n  ', ' % QXnote\n', '\n% QXnote\n']), ({ words, breaks }) => checkOneParagraph('para.tex', words, breaks)), runs(100));
    });

    // BUG (core, LaTeX reader): a single CRLF line break inside a paragraph ends the paragraph.
    // unified-latex reads `\r\n` as a parbreak, and the reader does not normalise line endings first:
    // `c d\r\ne f` gives two blocks "c d" and "e f" instead of one block "c d e f" (the same text with
    // `\n` gives one block). Un-skip when fixed.
    it('LaTeX: CRLF line breaks and line-end comments keep one paragraph, words apart', () => {
      fc.assert(fc.property(joined([' ', '\r\n', ' % QXnote\r\n']), ({ words, breaks }) => checkOneParagraph('para.tex', words, breaks)), runs(100));
    });

    it('Markdown: LF and CRLF line breaks keep one paragraph, words apart', () => {
      fc.assert(fc.property(joined([' ', '\n', '\r\n', '  \n']), ({ words, breaks }) => checkOneParagraph('para.md', words, breaks)), runs(100));
    });
  });

  describe('incremental rebuilds', () => {
    it('LaTeX: update() after 1–5 edits equals a fresh build of the final text', () => {
      fc.assert(
        fc.property(lDraftArb(1, 10), editsArb(LATEX_INSERTS), (spec, edits) => checkIncremental('draft.tex', renderLatex(spec).text, edits)),
        runs(100),
      );
    });

    it('Markdown: update() after 1–5 edits equals a fresh build of the final text', () => {
      fc.assert(
        fc.property(mDraftArb(1, 10), editsArb(MARKDOWN_INSERTS), (spec, edits) => checkIncremental('draft.md', renderMarkdown(spec).text, edits)),
        runs(100),
      );
    });

    // Random markup rather than drafts: chunk boundaries, verbatim, \iffalse, fences and front matter
    // move under the edits. No NUL: a binary file cannot be edited through update() (see bad-input).
    it('LaTeX and Markdown: update() equals a fresh build for random mixes of markup too', () => {
      const noNul = (a: fc.Arbitrary<string>) => a.filter((t) => !t.includes('\0'));
      fc.assert(
        fc.property(noNul(mixed(LATEX_PIECES)), editsArb([...LATEX_PIECES, ...LATEX_INSERTS]), (text, edits) => checkIncremental('draft.tex', text, edits)),
        runs(100),
      );
      fc.assert(
        fc.property(noNul(mixed(MARKDOWN_PIECES)), editsArb([...MARKDOWN_PIECES, ...MARKDOWN_INSERTS]), (text, edits) => checkIncremental('draft.md', text, edits)),
        runs(100),
      );
    });

    const longLatex = fc
      .record({
        paras: fc.array(lToks(20), { minLength: 40, maxLength: 55 }),
        every: fc.integer({ min: 3, max: 8 }),
        titles: fc.array(titleArb, { minLength: 20, maxLength: 20 }),
        pick: fc.nat(),
      })
      .map(({ paras, every, titles, pick }) => {
        const els: LEl[] = [];
        paras.forEach((toks, i) => {
          if (i % every === 0) els.push({ t: 'head', cmd: 'section', words: titles[(i / every) % titles.length], toks: [] });
          els.push({ t: 'para', toks });
        });
        return { draft: renderLatex({ preamble: true, els, seps: els.map(() => '\n\n') }), pick };
      });

    const longMarkdown = fc
      .record({
        paras: fc.array(mToks(20), { minLength: 40, maxLength: 55 }),
        every: fc.integer({ min: 3, max: 8 }),
        titles: fc.array(titleArb, { minLength: 20, maxLength: 20 }),
        pick: fc.nat(),
      })
      .map(({ paras, every, titles, pick }) => {
        const els: MEl[] = [];
        paras.forEach((toks, i) => {
          if (i % every === 0) els.push({ t: 'head', level: 2, words: titles[(i / every) % titles.length] });
          els.push({ t: 'para', toks });
        });
        return { draft: renderMarkdown({ els, seps: els.map(() => '\n\n') }), pick };
      });

    /** Inserts a word before a generated word and checks that at most two chunks were parsed again. */
    function checkOneWordEdit(name: string, draft: Draft, pick: number): void {
      const file = writeDraft(name, draft.text);
      const builder = new ModelBuilder();
      builder.build(file);
      // The first build parses every distinct chunk (identical chunks are read once).
      assert.ok(builder.stats.parsed > 0 && builder.stats.parsed <= builder.stats.chunks);
      const at = draft.words[pick % draft.words.length].at;
      const pos = lspPosition(draft.text, at);
      const doc = builder.update(file, [{ range: { start: pos, end: pos }, text: 'inserted ' }]);
      assert.ok(builder.stats.parsed <= 2, `parsed ${builder.stats.parsed} of ${builder.stats.chunks} chunks after a one-word edit`);
      assert.ok(builder.stats.chunks > 2 && builder.stats.chunks > builder.stats.parsed, `only ${builder.stats.chunks} chunks`);
      assert.ok(doc.blocks.some((b) => b.text.includes('inserted')));
      const finalText = draft.text.slice(0, at) + 'inserted ' + draft.text.slice(at);
      assert.deepStrictEqual(projection(doc), projection(new ModelBuilder().build(writeDraft(name, finalText))));
    }

    it('LaTeX: a one-word edit in a long draft re-parses at most two chunks', () => {
      fc.assert(
        fc.property(longLatex, ({ draft, pick }) => checkOneWordEdit('long.tex', draft, pick)),
        runs(15),
      );
    });

    it('Markdown: a one-word edit in a long draft re-parses at most two chunks', () => {
      fc.assert(
        fc.property(longMarkdown, ({ draft, pick }) => checkOneWordEdit('long.md', draft, pick)),
        runs(15),
      );
    });
  });

  describe('fuzzing', () => {
    function fuzzOnce(name: string, text: string): void {
      const file = writeDraft(name, text);
      let doc: PaperDocument;
      try {
        doc = new ModelBuilder().build(file);
      } catch (error) {
        assert.fail(`build threw on ${JSON.stringify(text)}: ${(error as Error).stack}`);
      }
      checkSpans(doc, false);
    }

    it('LaTeX: random binary strings never throw and keep every range in the file', () => {
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300, size: 'medium' }), (text) => fuzzOnce('fuzz.tex', text)), runs(100));
    });

    it('LaTeX: random mixes of special characters, commands and words never throw and keep every range in the file', () => {
      fc.assert(fc.property(mixed(LATEX_PIECES), (text) => fuzzOnce('fuzz.tex', text)), runs(200));
    });

    it('Markdown: random binary strings never throw and keep every range in the file', () => {
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300, size: 'medium' }), (text) => fuzzOnce('fuzz.md', text)), runs(100));
    });

    it('Markdown: random mixes of special characters, markup and words never throw and keep every range in the file', () => {
      fc.assert(fc.property(mixed(MARKDOWN_PIECES), (text) => fuzzOnce('fuzz.md', text)), runs(200));
    });
  });
});
