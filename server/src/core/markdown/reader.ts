// Markdown / Quarto / R Markdown reader. remark builds the tree; because mdast text is unescaped,
// entity-decoded and stripped of line prefixes, every prose character is re-aligned with the raw
// source so that rules can point at exact spans.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkFrontmatter from 'remark-frontmatter';
import type { Block, BlockKind, Reference } from '../model';
import type { ChunkResult, ChunkSpan, ExtractItem, FormatReader, MacroTable } from '../reader';
import { TextBuilder } from '../text-builder';

// Pandoc reads `~x~` as subscript, so only `~~x~~` is strikethrough.
const parser = unified().use(remarkParse).use(remarkGfm, { singleTilde: false }).use(remarkMath).use(remarkFrontmatter, ['yaml', 'toml']);

/** The few mdast fields read here; a loose shape keeps the walker free of per-extension typings. */
interface Md {
  type: string;
  value?: string;
  children?: Md[];
  depth?: number;
  url?: string;
  alt?: string | null;
  position?: { start: { offset?: number }; end: { offset?: number } };
}

/** Text handed to remark. Front-matter values are derived text whose characters map to chunk spans. */
interface Source {
  text: string;
  starts?: number[];
  ends?: number[];
}

interface Ctx {
  src: Source;
  items: ExtractItem[];
  /** Inside a front-matter abstract, where a heading must not open a section. */
  abstract: boolean;
}

interface Link {
  kind: Reference['kind'];
  key: string;
  from: number;
  to: number;
}

// remark's time grows steeply with container depth and it can overflow the stack; real drafts nest
// a few levels, so 33 markers (`>`, `-`, `1.`) on one line, or one indented 128 columns, is garbage.
const TOO_DEEP = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))){33}|^[ \t]{128,}(?:[-*+>]|\d{1,9}[.)])/m;

/** Lines after which a run with no blank line is cut into another chunk (see split). */
const MAX_PARAGRAPH_LINES = 500;

// Its emphasis and link resolution grow with the square of the delimiters in one paragraph; prose
// has a few dozen, so a paragraph with more than this many is not prose either.
const MAX_INLINE_MARKERS = 1000;

/** Whether one paragraph (text between blank lines) carries more emphasis or link markers than prose does. */
function tooManyInlineMarkers(chunk: string): boolean {
  let markers = 0;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    // "*", "_", "[" and "]" count; a blank line starts a new paragraph.
    if (c === 42 || c === 95 || c === 91 || c === 93) {
      if (++markers > MAX_INLINE_MARKERS) return true;
    } else if (c === 10 && /^[ \t]*\r?\n/.test(chunk.slice(i + 1, i + 130))) markers = 0;
  }
  return false;
}

export const markdownReader: FormatReader = {
  split,
  read(chunk: string, _macros: MacroTable): ChunkResult {
    if (TOO_DEEP.test(chunk)) return plainText(chunk, 'lists or quotes nest too deeply');
    if (tooManyInlineMarkers(chunk)) return plainText(chunk, `a paragraph has more than ${MAX_INLINE_MARKERS} emphasis or link markers`);
    const ctx: Ctx = { src: { text: blankDivFences(chunk) }, items: [], abstract: false };
    try {
      walk(parse(ctx.src.text).children ?? [], ctx, 'paragraph');
      return { items: ctx.items };
    } catch (error) {
      return plainText(chunk, (error as Error)?.message ?? String(error));
    }
  },
};

/** The fallback when parsing fails: a warning, and the text kept as one paragraph. */
function plainText(chunk: string, reason: string): ChunkResult {
  const b = new TextBuilder();
  for (let i = 0; i < chunk.length; i++) /\s/.test(chunk[i]) ? b.addSpace(i, i + 1) : b.addVerbatim(chunk[i], i);
  const block = b.build('paragraph', '', 0, -1);
  const message = `Markdown could not be parsed here (${reason}); read as plain text`;
  const items: ExtractItem[] = [{ type: 'problem', severity: 'warning', message, start: 0, end: chunk.length }];
  if (block) items.push({ type: 'block', block });
  return { items };
}

function parse(text: string): Md {
  return parser.parse(text) as unknown as Md;
}

// ---------------------------------------------------------------------------------------------
// Splitting: before ATX headings, which always end the previous block, so each chunk parses alone.

function split(text: string): ChunkSpan[] {
  const cuts = [0];
  const fm = /^(---|\+\+\+)[ \t]*\r?\n/.exec(text);
  let pos = 0;
  if (fm) {
    const close = new RegExp(`^${fm[1] === '---' ? '---' : '\\+\\+\\+'}[ \\t]*$`, 'm');
    const m = close.exec(text.slice(fm[0].length));
    if (m) {
      const lineEnd = fm[0].length + m.index + m[0].length;
      pos = lineEnd + (text.startsWith('\r\n', lineEnd) ? 2 : text[lineEnd] === '\n' || text[lineEnd] === '\r' ? 1 : 0);
      if (pos < text.length) cuts.push(pos);
    }
  }
  let fence = ''; // the open ``` / ~~~ run
  let math = false;
  let comment = false;
  let run = 0; // lines since the last blank line
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const next = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, next);
    if (fence) {
      const m = /^ {0,3}(`{3,}|~{3,})[ \t\r\n]*$/.exec(line);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = '';
    } else if (math) {
      if (/^\s*\$\$/.test(line)) math = false;
    } else if (comment) {
      if (line.includes('-->')) comment = false;
    } else {
      const f = /^ {0,3}(`{3,}|~{3,})(.*)/.exec(line);
      if (/^ {0,3}#{1,6}(?:[ \t\r\n]|$)/.test(line) && pos > cuts[cuts.length - 1]) cuts.push(pos);
      else if (f && !(f[1][0] === '`' && f[2].includes('`'))) fence = f[1];
      else if (/^ {0,3}\$\$[^$]*$/.test(line)) math = true;
      else if (/^ {0,3}<!--/.test(line) && !line.slice(line.indexOf('<!--') + 4).includes('-->')) comment = true;
      // remark's time on one paragraph grows with the square of its lines; no prose paragraph runs to
      // this many, so a run this long (an unclosed front matter, a pasted log) is cut into chunks.
      run = /^[ \t]*\r?\n?$/.test(line) ? 0 : run + 1;
      if (run > MAX_PARAGRAPH_LINES && pos > cuts[cuts.length - 1]) {
        cuts.push(pos);
        run = 0;
      }
    }
    pos = next;
  }
  return cuts.map((start, i) => ({ start, end: i + 1 < cuts.length ? cuts[i + 1] : text.length }));
}

/** Pandoc fenced-div lines (`::: {#fig-x}`) are not prose; blanking them keeps every offset. */
function blankDivFences(text: string): string {
  return text.replace(/^ {0,3}:{3,}.*$/gm, (line) => ' '.repeat(line.length));
}

// ---------------------------------------------------------------------------------------------
// Blocks

function walk(nodes: Md[], ctx: Ctx, kind: BlockKind): void {
  for (const n of nodes) {
    const children = n.children ?? [];
    switch (n.type) {
      case 'heading': {
        const block = finish(inline(n, ctx), ctx.abstract ? 'paragraph' : 'heading');
        if (!block) break;
        if (ctx.abstract) ctx.items.push({ type: 'block', block });
        else ctx.items.push({ type: 'heading', level: n.depth ?? 1, title: block.text, start: at(ctx, span(n)[0]), block });
        break;
      }
      case 'paragraph':
        emit(ctx, finish(inline(n, ctx), kind === 'paragraph' && isFigure(n) ? 'caption' : kind));
        break;
      case 'listItem':
        walk(children, ctx, kind === 'footnote' ? 'footnote' : 'list-item');
        break;
      case 'blockquote':
        walk(children, ctx, kind === 'footnote' ? 'footnote' : 'paragraph');
        break;
      case 'footnoteDefinition':
        walk(children, ctx, 'footnote');
        break;
      case 'table': {
        const table = ctx.items.length; // unique within the chunk; the assembler renumbers
        children.forEach((row, r) =>
          (row.children ?? []).forEach((cell, column) => {
            const block = finish(inline(cell, ctx), 'table-cell');
            if (block) emit(ctx, { ...block, cell: { table, row: r, column } });
          }),
        );
        break;
      }
      case 'yaml':
      case 'toml':
        if (!ctx.src.starts) frontMatter(n, ctx);
        break;
      case 'code':
        codeCaptions(n, ctx);
        break;
      case 'html':
        figcaptions(n, ctx);
        unclosedComment(n, ctx);
        break;
      case 'math':
      case 'definition':
      case 'thematicBreak':
        break;
      default:
        walk(children, ctx, kind);
    }
  }
}

/** An HTML comment that never closes hides the rest of the file, in a renderer and here: say so. */
function unclosedComment(n: Md, ctx: Ctx): void {
  const value = n.value ?? '';
  if (!/^ {0,3}<!--/.test(value) || value.includes('-->')) return;
  const [s, e] = span(n);
  const start = at(ctx, s + value.indexOf('<!--'));
  const lines = ctx.src.text.slice(s, e).split('\n').length;
  const message = `this <!-- is never closed: the rest of the file (${lines} lines) is a comment and is not read`;
  ctx.items.push({ type: 'problem', severity: 'warning', message, start, end: start + 4 });
}

function emit(ctx: Ctx, block: Block | undefined): void {
  if (block) ctx.items.push({ type: 'block', block });
}

/** Pandoc makes an image alone in its paragraph a figure whose alt text is the caption. */
function isFigure(n: Md): boolean {
  const rest = (n.children ?? []).filter((c) => !(c.type === 'text' && /^\s*(\{[^{}]*\})?\s*$/.test(c.value ?? '')));
  return rest.length === 1 && (rest[0].type === 'image' || rest[0].type === 'imageReference');
}

/** Quarto `#| fig-cap: ...` options and R Markdown `fig.cap="..."` chunk headers. */
function codeCaptions(n: Md, ctx: Ctx): void {
  const [s, e] = span(n);
  const code = ctx.src.text.slice(s, e);
  if (!/^\s*(`{3,}|~{3,})\s*\{/.test(code)) return; // only executable chunks: ```{r}, ```{python}
  const header = code.slice(0, code.search(/\r|\n|$/));
  const options = [
    ...code.matchAll(/^[ \t]*#\|[ \t]*(?:fig|tbl)-cap[ \t]*:[ \t]*(["']?)(.*?)\1[ \t\r]*$/dgm),
    ...header.matchAll(/\b(?:fig|tab)\.cap\s*=\s*(["'])(.*?)\1/dg),
  ];
  for (const m of options) {
    const [from, to] = m.indices![2];
    const inl = new Inline(ctx.src);
    for (let i = from; i < to; i++) inl.push(code[i], s + i, s + i + 1);
    emit(ctx, finish(inl, 'caption'));
  }
}

/** `<figcaption>` text inside raw HTML; the other tags are markup, not prose. */
function figcaptions(n: Md, ctx: Ctx): void {
  const [s, e] = span(n);
  const html = ctx.src.text.slice(s, e);
  for (const m of html.matchAll(/<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/gi)) {
    const from = s + m.index + m[0].length - m[1].length - '</figcaption>'.length;
    const inl = new Inline(ctx.src);
    let tag = false;
    for (let i = 0; i < m[1].length; i++) {
      const ch = m[1][i];
      if (ch === '<') tag = true;
      if (!tag) inl.push(ch, from + i, from + i + 1);
      if (ch === '>') tag = false;
    }
    emit(ctx, finish(inl, 'caption'));
  }
}

// ---------------------------------------------------------------------------------------------
// Front matter: a minimal YAML/TOML reading of the top-level `title` and `abstract` only.

interface Line {
  start: number;
  end: number; // before the line ending
  next: number; // start of the next line
}

function frontMatter(n: Md, ctx: Ctx): void {
  const t = ctx.src.text;
  const [s, e] = span(n);
  const lines: Line[] = [];
  for (let p = s; p < e; ) {
    const nl = t.indexOf('\n', p);
    const next = nl < 0 || nl >= e ? e : nl + 1;
    lines.push({ start: p, end: nl < 0 || nl >= e ? e : t[nl - 1] === '\r' ? nl - 1 : nl, next });
    p = next;
  }
  const body = lines.slice(1, -1); // without the fences
  const text = (l: Line) => t.slice(l.start, l.end);
  for (let i = 0; i < body.length; i++) {
    const m = /^(title|abstract)[ \t]*[:=][ \t]*/.exec(text(body[i]));
    if (!m) continue;
    let j = i + 1; // continuation lines are indented (or blank)
    while (j < body.length && /^([ \t]|$)/.test(text(body[j]))) j++;
    while (j > i + 1 && text(body[j - 1]).trim() === '') j--;
    const value = scalar(t, body[i].start + m[0].length, body.slice(i, j));
    if (m[1] === 'title') {
      const sub: Ctx = { src: value, items: ctx.items, abstract: true };
      const first = findPhrasing(parse(value.text));
      const block = first && finish(inline(first, sub), 'title');
      if (block) ctx.items.push({ type: 'title', block });
    } else if (value.text.trim()) {
      ctx.items.push({ type: 'open-section', title: 'Abstract', role: 'abstract', start: body[i].start });
      // Parsed in pieces of at most MAX_PARAGRAPH_LINES lines, as the body is split (remark's time on one paragraph grows with the square of its lines).
      for (const piece of linePieces(value)) walk(parse(piece.text).children ?? [], { src: piece, items: ctx.items, abstract: true }, 'paragraph');
      ctx.items.push({ type: 'close-section', end: body[j - 1].end });
    }
    i = j - 1;
  }
}

/** A scalar's text cut after every MAX_PARAGRAPH_LINES lines that run without a blank line, each piece with its own spans. */
function linePieces(value: Source): Source[] {
  const out: Source[] = [];
  const { text } = value;
  let from = 0;
  let run = 0;
  for (let pos = 0; pos < text.length; ) {
    const nl = text.indexOf('\n', pos);
    const next = nl < 0 ? text.length : nl + 1;
    run = text.slice(pos, next).trim() === '' ? 0 : run + 1;
    pos = next;
    if (run >= MAX_PARAGRAPH_LINES && pos < text.length) {
      out.push(slice(value, from, pos));
      from = pos;
      run = 0;
    }
  }
  if (from === 0) return [value];
  out.push(slice(value, from, text.length));
  return out;
}

function slice(value: Source, from: number, to: number): Source {
  return { text: value.text.slice(from, to), starts: value.starts?.slice(from, to), ends: value.ends?.slice(from, to) };
}

/** The scalar's characters as markdown text, each mapped to its span in `t`. */
function scalar(t: string, from: number, lines: Line[]): Source {
  const out = { text: '', starts: [] as number[], ends: [] as number[] };
  const add = (ch: string, s: number, e: number) => {
    out.text += ch;
    out.starts.push(s);
    out.ends.push(e);
  };
  const addRange = (s: number, e: number) => {
    for (let p = s; p < e; p++) add(t[p], p, p + 1);
  };
  const head = t.slice(from, lines[0].end);
  const last = lines[lines.length - 1].end;
  if (/^[|>]/.test(head)) {
    // Block scalar: cut the first content line's indentation from every line.
    const rest = lines.slice(1);
    const firstLine = rest.find((l) => t.slice(l.start, l.end).trim() !== '');
    const indent = firstLine ? /^[ \t]*/.exec(t.slice(firstLine.start, firstLine.end))![0].length : 0;
    for (const l of rest) {
      addRange(Math.min(l.start + indent, l.end), l.end);
      add('\n', l.end, Math.max(l.next, l.end + 1));
    }
  } else if (head[0] === '"' || head[0] === "'") {
    const q = head[0];
    for (let p = from + 1; p < last; p++) {
      const c = t[p];
      const pair = q === "'" ? c === "'" && t[p + 1] === "'" : c === '\\' && p + 1 < last; // `''` and `\x` escapes
      if (pair) add(q === "'" ? "'" : /[ntr]/.test(t[p + 1]) ? ' ' : t[p + 1], p, p + 2);
      else if (c === q) break;
      else add(c, p, p + 1);
      if (pair) p++;
    }
  } else {
    // Plain scalar, possibly over several lines; ` #` starts a comment.
    lines.forEach((l, i) => {
      const s = i === 0 ? from : l.start;
      const comment = t.slice(s, l.end).search(/(^|[ \t])#/);
      addRange(s, comment < 0 ? l.end : s + comment);
      if (i < lines.length - 1) add('\n', l.end, l.next);
    });
  }
  return out;
}

function findPhrasing(n: Md): Md | undefined {
  if (n.type === 'paragraph' || n.type === 'heading') return n;
  for (const c of n.children ?? []) {
    const found = findPhrasing(c);
    if (found) return found;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Inline content

/** Prose characters of one block with their chunk spans, before citations become placeholders. */
class Inline {
  text = '';
  starts: number[] = [];
  ends: number[] = [];
  /** Characters from inline code, which are never read as citations. */
  code: boolean[] = [];
  links: Link[] = [];

  constructor(readonly src: Source) {}

  /** Adds a character standing for [s, e) of the parsed text, translated to chunk offsets. */
  push(ch: string, s: number, e: number, code = false): void {
    const { starts, ends } = this.src;
    if (starts && ends && starts.length > 0) {
      const last = starts.length - 1;
      const a = Math.min(Math.max(s, 0), last);
      [s, e] = [starts[a], ends[Math.min(Math.max(e - 1, a), last)]];
    }
    this.text += ch;
    this.starts.push(s);
    this.ends.push(e);
    this.code.push(code);
  }
}

/** The prose of a paragraph-like node. */
function inline(n: Md, ctx: Ctx): Inline {
  const out = new Inline(ctx.src);
  phrasing(n.children ?? [], out, ...span(n));
  return out;
}

/**
 * Adds phrasing nodes lying in [from, to) and returns where they end. Nodes made by the GFM
 * autolink transform carry no position, so they are aligned between their neighbours.
 */
function phrasing(nodes: Md[], out: Inline, from: number, to: number): number {
  let cursor = from;
  nodes.forEach((n, i) => {
    const [s, e] = n.position ? span(n) : [cursor, nextStart(nodes, i) ?? to];
    let end = e;
    switch (n.type) {
      case 'text':
        end = align(out, n.value ?? '', s, e, true);
        break;
      case 'inlineCode':
        end = align(out, n.value ?? '', s, e, false);
        break;
      case 'break':
        out.push(' ', s, Math.max(e, s + 1));
        break;
      case 'html':
        if (/^<br\b/i.test(n.value ?? '')) out.push(' ', s, e);
        break;
      case 'image':
      case 'imageReference':
        align(out, n.alt ?? '', s + 2, e, true); // alt text starts after `![`
        break;
      case 'link': {
        const start = out.text.length;
        end = phrasing(n.children ?? [], out, s, e);
        const url = n.url ?? '';
        if (url.length > 1 || (url && url[0] !== '#'))
          out.links.push({ kind: url[0] === '#' ? (BIB_ANCHOR.test(url) ? 'cite' : 'ref') : 'url', key: url[0] === '#' ? url.slice(1) : url, from: start, to: out.text.length });
        break;
      }
      case 'inlineMath':
      case 'footnoteReference':
        break;
      default:
        end = phrasing(n.children ?? [], out, s, e);
    }
    cursor = n.position ? e : end;
  });
  return cursor;
}

function nextStart(nodes: Md[], i: number): number | undefined {
  for (let k = i + 1; k < nodes.length; k++) if (nodes[k].position) return span(nodes[k])[0];
  return undefined;
}

/** Converters of HTML papers (ar5iv, LaTeXML) link citations to the bibliography: `[[12](#bib.bib12)]`. */
const BIB_ANCHOR = /^#(?:bib\.|bib-|ref-|cite\.|CR\d|b\d)/i;

const PUNCT = /[!-/:-@[-`{-~]/;
const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/**
 * Maps the characters of a node's mdast `value` onto its source [from, to) and returns where it
 * stopped. Escapes and entities stand for their whole source span, a line ending for a space;
 * source characters the value lacks (line prefixes such as `> `, indentation, emphasis markers in
 * alt text) are skipped.
 */
function align(out: Inline, value: string, from: number, to: number, decoded: boolean): number {
  const src = out.src.text;
  const code = !decoded;
  let p = from;
  for (let j = 0; j < value.length; ) {
    const ch = value[j];
    const entity = decoded && src[p] === '&' ? ENTITY.exec(src.slice(p, Math.min(to, p + 40)))?.[0] : undefined;
    if (p >= to) {
      out.push(ch, Math.max(from, to - 1), Math.max(to, from + 1)); // never expected; keeps spans valid
      j++;
    } else if (ch === '\r' || ch === '\n') {
      const rel = src.slice(p, to).search(/\r\n?|\n/);
      const s = rel < 0 ? p : p + rel;
      const e = src.startsWith('\r\n', s) ? s + 2 : s + 1;
      out.push(' ', s, e, code);
      j += ch === '\r' && value[j + 1] === '\n' ? 2 : 1;
      p = e;
    } else if (decoded && src[p] === '\\' && src[p + 1] === ch && PUNCT.test(ch) && p + 1 < to) {
      out.push(ch, p, p + 2);
      j++;
      p += 2;
    } else if (entity && !value.startsWith(entity, j)) {
      // A decoded reference (an unknown name stays literal). Astral characters take two code units,
      // and so do the few names that decode to a letter plus a combining mark, and `&fjlig;` ("fj").
      const end = p + entity.length;
      const hex = /^&#x/i.test(entity);
      let n = 1;
      if (entity[1] === '#') n = parseInt(entity.slice(hex ? 3 : 2), hex ? 16 : 10) > 0xffff ? 2 : 1;
      else if (/[\ud800-\udbff]/.test(ch) || entity === '&fjlig;') n = 2;
      else if (/[\u0338\u20d2\u200a\u0333\u20e5\ufe00\u0331]/.test(value[j + 1] ?? '') && src[end] !== value[j + 1]) n = 2;
      n = Math.min(n, value.length - j);
      for (let k = 0; k < n; k++) out.push(value[j + k], p, end);
      j += n;
      p = end;
    } else if (src[p] === ch || (ch === '\ufffd' && src[p] === '\0')) {
      // (CommonMark replaces NUL with U+FFFD.)
      out.push(ch, p, p + 1, code);
      j++;
      p++;
    } else {
      p++;
    }
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Citations and cross-references, then the block itself

// Pandoc citation keys: a letter, digit or `_`, then internal punctuation allowed.
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_])?`;
const KEYS = new RegExp(String.raw`(?<![\p{L}\p{N}_])-?@(${KEY})`, 'gu');
// Leftmost match wins: Quarto shortcodes, footnote marks whose definition lies in another chunk,
// Pandoc attributes (`{#sec-x}`, `{.unnumbered}`, `{width=50%}`), then citations.
const MARKUP = new RegExp(
  [
    String.raw`\{\{<[\s\S]*?>\}\}`,
    String.raw`\[\^[^\]\s]+\]`,
    String.raw`\{(?:-|[#.][\p{L}_][^{}\n]*|[\w-]+=[^{}\n]*)\}`,
    String.raw`\[[^[\]]*@[^[\]]*\]`,
    String.raw`(?<![\p{L}\p{N}_])@${KEY}`,
  ].join('|'),
  'gu',
);
// Quarto cross-reference prefixes: `@fig-x` is a reference, not a citation.
const CROSSREF = /^(fig|tbl|lst|sec|eq|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg|apx|tip|nte|wrn|imp|cau)-/;

interface Edit {
  from: number;
  to: number;
  refs: Array<{ kind: Reference['kind']; keys: string[] }>;
}

function edits(inl: Inline): Edit[] {
  let scan = ''; // code units (not code points), so that indexes stay those of inl.text
  for (let i = 0; i < inl.text.length; i++) scan += inl.code[i] ? '\0' : inl.text[i];
  const found: Edit[] = [];
  for (const m of scan.matchAll(MARKUP)) {
    const keys = m[0].includes('@') ? Array.from(m[0].matchAll(KEYS), (k) => k[1]) : [];
    if (m[0].includes('@') && keys.length === 0) continue; // brackets around an email or a lone @
    const refs: Edit['refs'] = [];
    const cites = keys.filter((k) => !CROSSREF.test(k));
    const crossrefs = keys.filter((k) => CROSSREF.test(k));
    if (cites.length) refs.push({ kind: 'cite', keys: cites });
    if (crossrefs.length) refs.push({ kind: 'ref', keys: crossrefs });
    found.push({ from: m.index, to: m.index + m[0].length, refs });
  }
  // Links to the bibliography are citations: one placeholder per bracketed group, `[[3](#bib.bib3),
  // [5](#bib.bib5)]` → `[cite:bib.bib3,bib.bib5]`, or the year of "(Kim et al., [2022](#bib.bib8))".
  const groups: Edit[] = [];
  for (const link of inl.links.filter((l) => l.kind === 'cite')) {
    const last = groups[groups.length - 1];
    if (last && /^\s*[,;]\s*$/.test(inl.text.slice(last.to, link.from))) {
      last.to = link.to;
      last.refs[0].keys.push(link.key);
    } else groups.push({ from: link.from, to: link.to, refs: [{ kind: 'cite', keys: [link.key] }] });
  }
  inl.links = inl.links.filter((l) => l.kind !== 'cite');
  for (const g of groups) {
    if (inl.text[g.from - 1] === '[' && inl.text[g.to] === ']') {
      g.from--;
      g.to++;
    }
    if (g.to > g.from && !found.some((f) => f.from < g.to && g.from < f.to)) found.push(g);
  }
  return found.sort((a, b) => a.from - b.from);
}

/** Builds the block: whitespace collapsed, citations as placeholders, links as references. */
function finish(inl: Inline, kind: BlockKind): Block | undefined {
  const b = new TextBuilder();
  const todo = edits(inl);
  const open: Array<{ link: Link; at: number }> = [];
  let nextLink = 0;
  let nextEdit = 0;
  for (let i = 0; ; ) {
    for (let k = open.length - 1; k >= 0; k--) {
      if (open[k].link.to > i) continue;
      const { link, at } = open[k];
      if (b.length > at) b.markReference(link.kind, [link.key], at);
      open.splice(k, 1);
    }
    while (nextLink < inl.links.length && inl.links[nextLink].from <= i) open.push({ link: inl.links[nextLink++], at: b.length });
    if (i >= inl.text.length) break;
    const edit = todo[nextEdit];
    if (edit && edit.from === i) {
      for (const r of edit.refs) b.addReference(r.kind, r.keys, `[${r.kind}:${r.keys.join(',')}]`, inl.starts[i], inl.ends[edit.to - 1]);
      i = edit.to;
      nextEdit++;
      continue;
    }
    const ch = inl.text[i];
    if (/\s/.test(ch)) b.addSpace(inl.starts[i], inl.ends[i]);
    else b.addReplacement(ch, inl.starts[i], inl.ends[i]);
    i++;
  }
  return b.build(kind, '', 0, -1);
}

function span(n: Md): [number, number] {
  return [n.position?.start.offset ?? 0, n.position?.end.offset ?? 0];
}

/** A parsed-text offset as a chunk offset. */
function at(ctx: Ctx, offset: number): number {
  const { starts } = ctx.src;
  return starts && starts.length > 0 ? starts[Math.min(Math.max(offset, 0), starts.length - 1)] : offset;
}
