import { getParser } from '@unified-latex/unified-latex-util-parse';
import type * as Ast from '@unified-latex/unified-latex-types';
import type { Block, BlockKind } from '../model';
import type { ChunkResult, ExtractItem, FormatReader, MacroTable } from '../reader';
import { endsWithAbbreviation } from '../sentences';
import { TextBuilder } from '../text-builder';
import * as M from './macros';
import { scanConditional, splitLatex } from './split';

// Reads one chunk of LaTeX into prose blocks with exact source maps. unified-latex gives the tree;
// every character's source span is taken from node positions and the source text itself, because
// the tree has gaps (a macro's span excludes its arguments; argument nodes have no position).

const parser = getParser({ macros: M.EXTRA_SIGNATURES, environments: M.ENV_SIGNATURES });
/** Deeper nesting than this is not prose; the PEG parser would also overflow the stack on it. */
const MAX_BRACE_DEPTH = 200;

export const latexReader: FormatReader = {
  split: splitLatex,
  read: readLatexChunk,
};

export function readLatexChunk(chunk: string, macros: MacroTable): ChunkResult {
  // unified-latex reads `\r\n` as a paragraph break: give it `\n` line ends, same offsets.
  const source = maskSkippedRegions(chunk).replace(/\r(?=\n)/g, ' ').replace(/\r/g, '\n');
  const braces = braceReport(source);
  if (braces.max > MAX_BRACE_DEPTH) {
    return fallback(source, `braces are nested more than ${MAX_BRACE_DEPTH} deep here; the text was read without LaTeX structure`);
  }
  let root: Ast.Root;
  try {
    root = parser.parse(source);
  } catch (error) {
    return fallback(source, `could not parse this LaTeX (${(error as Error).message.split('\n')[0]}); the text was read without LaTeX structure`);
  }
  try {
    const walker = new Walker(source, macros);
    walker.walkNodes(root.content);
    walker.flush();
    if (braces.unclosed >= 0) walker.items.push({ type: 'problem', severity: 'warning', message: 'this { is never closed; the text after it may be read wrongly', start: braces.unclosed, end: braces.unclosed + 1 });
    if (braces.unopened >= 0) walker.items.push({ type: 'problem', severity: 'warning', message: 'this } closes nothing', start: braces.unopened, end: braces.unopened + 1 });
    const unclosed = unclosedIffalse(chunk);
    if (unclosed >= 0) walker.items.push({ type: 'problem', severity: 'warning', message: '\\iffalse has no matching \\fi: the text after it, which TeX would skip, is read as prose', start: unclosed, end: unclosed + '\\iffalse'.length });
    return { items: walker.items, macros: walker.defined };
  } catch (error) {
    return fallback(source, `could not read this LaTeX (${(error as Error).message.split('\n')[0]})`);
  }
}

/**
 * The first `\iffalse` (the idiom for commenting a passage out) with no matching `\fi`, or -1. A
 * conditional is one unit of the chunk splitter, so its `\fi` would be in the same chunk.
 */
function unclosedIffalse(chunk: string): number {
  const re = /\\iffalse(?![A-Za-z@])/g;
  for (let m = re.exec(chunk); m; m = re.exec(chunk)) {
    const lineStart = chunk.lastIndexOf('\n', m.index) + 1;
    if (/(?:^|[^\\])%/.test(chunk.slice(lineStart, m.index))) continue; // inside a % comment
    const cond = scanConditional(chunk, m.index);
    if (!cond) return m.index;
    re.lastIndex = cond.end;
  }
  return -1;
}

/**
 * Blanks what is never LaTeX to read, with spaces, keeping offsets and line breaks: the branches of
 * conditionals that are not read (and their tests and `\fi`), and the bodies of verbatim-like
 * environments (the parser knows only some of them, and a brace in one must not unbalance the rest).
 */
export function maskSkippedRegions(text: string): string {
  const regions: Region[] = [];
  maskRange(text, 0, text.length, regions);
  if (regions.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [s, e, glue] of regions) {
    if (e <= s) continue;
    const masked = text.slice(s, e);
    // A verbatim body becomes spaces. An unread branch or test leaves no space behind (`\ifdraft s\fi,`
    // is "s,"), so each of its lines becomes markup that reads as nothing: a control word closed by
    // `{}`, so that it cannot run into a letter after it (a lone `\fi` cannot either: keep it).
    out += text.slice(at, s) + (glue ? masked.replace(/[^\r\n]+/g, glueFill) : masked.replace(/[^\r\n]/g, ' '));
    at = e;
  }
  return out + text.slice(at);
}

function glueFill(run: string): string {
  if (run.length >= 4) return `\\${'z'.repeat(run.length - 3)}{}`;
  if (run.length === 3) return /^\\[A-Za-z]{2}$/.test(run) ? run : '{} ';
  return run.length === 2 ? '{}' : ' ';
}

/** A masked range, and whether it is glued to its neighbours (a conditional) or blank (a verbatim body). */
type Region = [number, number, boolean];

const MASK_TOKEN = /\\(?:(if[A-Za-z@]*)|begin\s*\{([^{}]*)\}|verb\*?(?=[^A-Za-z\s*])|[^A-Za-z@])|%[^\n]*/g;

function maskRange(text: string, from: number, to: number, regions: Region[]): void {
  const re = new RegExp(MASK_TOKEN.source, 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    if (m[1] !== undefined) {
      const cond = scanConditional(text, m.index);
      if (!cond || cond.end > to) continue;
      regions.push([m.index, cond.keepStart, true]);
      maskRange(text, cond.keepStart, cond.keepEnd, regions);
      regions.push([cond.keepEnd, cond.end, true]);
      re.lastIndex = cond.end;
    } else if (m[2] !== undefined) {
      if (!M.VERBATIM_ENVS.has(m[2])) continue;
      const close = text.indexOf(`\\end{${m[2]}}`, re.lastIndex);
      const bodyEnd = close < 0 || close > to ? to : close;
      regions.push([re.lastIndex, bodyEnd, false]);
      re.lastIndex = close < 0 || close > to ? to : close + `\\end{${m[2]}}`.length;
    } else if (m[0].startsWith('\\verb')) {
      // \verb|…| is inline code the walker reads; only its delimiters are looked for here.
      const delim = text[re.lastIndex];
      const close = text.indexOf(delim, re.lastIndex + 1);
      const eol = text.indexOf('\n', re.lastIndex);
      if (close >= 0 && (eol < 0 || close < eol)) re.lastIndex = close + 1;
    }
  }
}

/** Deepest brace nesting, and where an unclosed `{` or an unopened `}` is (-1 if balanced). */
function braceReport(text: string): { max: number; unclosed: number; unopened: number } {
  const open: number[] = [];
  let max = 0;
  let unopened = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      const code = inlineCodeEnd(text, i);
      i = code > 0 ? code - 1 : i + 1;
    } else if (c === 37 /* % */) while (i < text.length && text[i] !== '\n') i++;
    else if (c === 123) {
      open.push(i);
      if (open.length > max) max = open.length;
    } else if (c === 125) {
      if (open.length === 0 && unopened < 0) unopened = i;
      open.pop();
    }
  }
  return { max, unclosed: open.length > 0 ? open[0] : -1, unopened };
}

/** End of inline code at `i` (`\verb|…|`, `\lstinline[opts]|…|`), whose braces are not LaTeX; -1 if none. */
function inlineCodeEnd(text: string, i: number): number {
  const next = text.charCodeAt(i + 1);
  if (next !== 118 /* v */ && next !== 108 /* l */) return -1;
  const m = /^\\(?:verb\*?|lstinline(?:\[[^\]\n]*\])?)(?=[^A-Za-z\s])/.exec(text.slice(i, i + 80));
  if (!m) return -1;
  const delimAt = i + m[0].length;
  const delim = text[delimAt] === '{' ? '}' : text[delimAt];
  const close = text.indexOf(delim, delimAt + 1);
  const eol = text.indexOf('\n', delimAt + 1);
  return close >= 0 && (eol < 0 || close < eol) ? close + 1 : -1;
}

/** Structure-free reading: paragraphs split at blank lines, with commands and braces left out. */
function fallback(source: string, message: string): ChunkResult {
  const items: ExtractItem[] = [{ type: 'problem', severity: 'warning', message, start: 0, end: Math.min(source.length, source.search(/\r?\n|$/)) }];
  const para = /(?:[^\r\n]+(?:\r?\n|\r|$))+/g;
  for (let m = para.exec(source); m && m[0].length > 0; m = para.exec(source)) {
    const b = new TextBuilder();
    const re = /\\[A-Za-z@]+\*?|%[^\r\n]*|[{}]|\s+|[^\\%{}\s]+|\\./g;
    for (let t = re.exec(m[0]); t; t = re.exec(m[0])) {
      const at = m.index + t.index;
      if (/^\s/.test(t[0])) b.addSpace(at, at + t[0].length);
      else if (/^[^\\%{}]/.test(t[0])) b.addVerbatim(t[0], at);
    }
    const block = b.build('paragraph', '', 0, -1);
    if (block) items.push({ type: 'block', block });
    if (para.lastIndex >= source.length) break;
  }
  return { items };
}

const start = (n: Ast.Node): number | undefined => n.position?.start.offset;
const end = (n: Ast.Node): number | undefined => n.position?.end.offset;

function argContent(macro: Ast.Macro, index: number): Ast.Node[] {
  return macro.args?.[index]?.content ?? [];
}

/** The mandatory (braced) arguments of a macro, in order. */
function mandatoryArgs(macro: Ast.Macro): Ast.Node[][] {
  return (macro.args ?? []).filter((a) => a.openMark === '{').map((a) => a.content);
}

function lastMandatory(macro: Ast.Macro): Ast.Node[] {
  const args = mandatoryArgs(macro);
  return args[args.length - 1] ?? [];
}

/** Plain characters of nodes, ignoring structure: for keys, labels and macro bodies. */
function rawText(nodes: Ast.Node[], source: string): string {
  let s = '';
  for (const n of nodes) {
    if (n.type === 'string') s += n.content;
    else if (n.type === 'whitespace') s += ' ';
    else if (n.type === 'group') s += rawText(n.content, source);
    else if (n.type === 'macro' && n.content in M.SYMBOLS) s += M.SYMBOLS[n.content];
    else if (n.type === 'macro' && n.content === 'xspace') continue;
    else if (n.type === 'macro' && M.TEXT_ARG_MACROS.has(n.content)) s += rawText(lastMandatory(n), source);
    else if (n.type === 'macro') s += '\0';
  }
  return s;
}

class Walker {
  readonly items: ExtractItem[] = [];
  readonly defined: Record<string, string> = {};
  private para = new TextBuilder();
  private paraKind: BlockKind = 'paragraph';
  private tableCounter = 0;
  /** Footnotes wait for the block they are attached to, so that they follow their sentence. */
  private notes = new Map<TextBuilder, Block[]>();
  /** A display (equation, listing) just read inside a paragraph: whether it ends the sentence depends on what follows. */
  private pendingBreak?: { b: TextBuilder; start: number; end: number; math: boolean; leadOpen: boolean };
  /** Paragraphs that open with a run-in label (`\textbf{Note.}`): the label's length, to keep it with its sentence. */
  private runIn = new WeakMap<TextBuilder, Array<{ start: number; text: string }>>();

  constructor(
    private readonly source: string,
    private readonly macros: MacroTable,
  ) {}

  /** A macro defined earlier in this chunk, else one known from earlier chunks. */
  private lookup(name: string): string | undefined {
    return Object.prototype.hasOwnProperty.call(this.defined, name) ? this.defined[name] : this.macros.get(name);
  }

  /** Ends the current paragraph. */
  flush(): void {
    this.emit(this.para, this.paraKind);
    this.para = new TextBuilder();
    this.paraKind = 'paragraph';
  }

  private emit(builder: TextBuilder, kind: BlockKind, cell?: Block['cell']): Block | undefined {
    // A display that ends the block after a lead-in ("Formally, \[…\]") is part of that sentence.
    const p = this.pendingBreak;
    if (p?.b === builder && p.math && p.leadOpen) {
      builder.addSpace(p.start, p.end);
      builder.addReplacement('[math]', p.start, p.end);
    }
    const block = builder.build(kind, '', 0, -1);
    const labels = this.runIn.get(builder);
    if (block && labels) joinRunInLabels(block, labels);
    if (block) {
      if (cell) block.cell = cell;
      this.items.push({ type: 'block', block });
    }
    this.releaseNotes(builder);
    return block;
  }

  private releaseNotes(builder: TextBuilder): void {
    if (this.pendingBreak?.b === builder) this.pendingBreak = undefined;
    const notes = this.notes.get(builder);
    if (!notes) return;
    this.notes.delete(builder);
    for (const block of notes) this.items.push({ type: 'block', block });
  }

  /**
   * A display inside a paragraph ends its sentence when a capitalised sentence follows ("…sum to one:
   * [display] Assuming this, …") and not when the text runs on ("[display] where x is …"). Which one is
   * known at the next text, so the display waits until then (at a paragraph's end it is nothing).
   */
  private displayBreak(b: TextBuilder, node: Ast.Node, math: boolean): void {
    const s = start(node);
    const e = end(node);
    if (s === undefined || e === undefined) return;
    // A lead-in that does not end its sentence ("Formally,", "Concretely:", "we define X as") runs
    // into the display: the display is part of that sentence.
    const tail = b.tail(12).trimEnd();
    const leadOpen = tail.length > 0 && !/[.!?]["”’)\]]*$/.test(tail);
    this.pendingBreak = { b, start: s, end: e, math, leadOpen };
  }

  /**
   * Places a waiting display before text added to `b`: a line break (a sentence end) before a capital,
   * else a space. A display that continues its lead-in's sentence reads as `[math]` in it.
   */
  private resolveBreak(b: TextBuilder, upper: boolean): void {
    const p = this.pendingBreak;
    if (!p || p.b !== b) return;
    this.pendingBreak = undefined;
    if (p.math && p.leadOpen) {
      b.addSpace(p.start, p.end);
      b.addReplacement('[math]', p.start, p.end);
    }
    if (upper) b.addReplacement('\n', p.start, p.end);
    else b.addSpace(p.start, p.end);
  }

  /** Reads nodes into `into` (the current paragraph unless a caption, footnote or cell is being read). */
  walkNodes(nodes: Ast.Node[], into?: TextBuilder): void {
    // Looked up per node: a parbreak or \item inside `nodes` replaces the current paragraph.
    const target = into === this.para ? undefined : into;
    for (let i = 0; i < nodes.length; i++) i += this.walkNode(nodes, i, target ?? this.para);
  }

  /** Returns how many following siblings it consumed. */
  private walkNode(nodes: Ast.Node[], i: number, b: TextBuilder): number {
    const node = nodes[i];
    switch (node.type) {
      case 'string':
        this.resolveBreak(b, UPPER.test(node.content));
        return this.string(nodes, i, b);
      case 'whitespace':
        b.addSpace(start(node) ?? 0, end(node) ?? start(node) ?? 0);
        return 0;
      case 'parbreak':
        // unified-latex inserts position-less parbreaks between list items: those are not paragraphs.
        if (!node.position) return 0;
        if (b === this.para) this.flush();
        else b.addSpace(start(node) ?? 0, end(node) ?? 0);
        return 0;
      case 'comment':
        // The parser folds the whitespace before a comment into the comment node. TeX keeps it: the
        // line break before a comment line and the space in `word % note` separate words; only
        // `word% note` joins two lines.
        if ((node.leadingWhitespace || !node.sameline) && node.position) b.addSpace(node.position.start.offset, node.position.start.offset + 1);
        return 0;
      case 'group': {
        const first = node.content.find((n) => n.type !== 'whitespace');
        const runIn = first?.type === 'macro' && M.RUN_IN_DECLARATIONS.has(first.content) ? this.sentenceStart(b) : -1;
        this.walkNodes(node.content, b);
        if (runIn >= 0) this.markRunIn(b, runIn);
        return 0;
      }
      case 'inlinemath':
        this.resolveBreak(b, false);
        this.inlineMath(node, b);
        return 0;
      case 'displaymath':
      case 'verbatim':
        // A comment environment is not typeset at all; a display is.
        if (node.type === 'displaymath' || node.env !== 'comment') this.displayBreak(b, node, node.type === 'displaymath');
        return 0;
      case 'verb': {
        // Inline code such as \verb|x| reads as its content, like `x` in Markdown.
        const s = start(node);
        const raw = s === undefined ? '' : this.source.slice(s, end(node));
        const at = raw.indexOf(node.content, 5);
        if (s !== undefined && at >= 0 && node.content) b.addVerbatim(node.content, s + at);
        return 0;
      }
      case 'environment':
      case 'mathenv':
        this.environment(node as Ast.Environment, b);
        return 0;
      case 'macro':
        return this.macro(nodes, i, b);
      default:
        return 0;
    }
  }

  private string(nodes: Ast.Node[], i: number, b: TextBuilder): number {
    const node = nodes[i] as Ast.String;
    const s = start(node);
    if (s === undefined) {
      return 0;
    }
    // Ligatures read as their typeset characters: -- – , --- —, `` “, '' ”, ~ a space.
    const ligature = this.ligature(nodes, i);
    if (ligature) {
      b.addReplacement(ligature.text, s, ligature.end);
      return ligature.consumed;
    }
    // The parser leaves an unmatched brace as a string; it is markup, not prose.
    if (node.content === '{' || node.content === '}') return 0;
    if (node.content === '~') {
      b.addReplacement(' ', s, s + 1);
      return 0;
    }
    const e = end(node) ?? s + node.content.length;
    const slice = this.source.slice(s, e);
    if (slice === node.content) b.addVerbatim(node.content, s);
    else {
      const at = slice.indexOf(node.content);
      if (at >= 0) b.addVerbatim(node.content, s + at);
      else b.addReplacement(node.content, s, e);
    }
    return 0;
  }

  private ligature(nodes: Ast.Node[], i: number): { text: string; end: number; consumed: number } | undefined {
    const first = nodes[i] as Ast.String;
    if (!['-', '`', "'"].includes(first.content)) return undefined;
    let run = 1;
    while (run < 3) {
      const next = nodes[i + run];
      if (next?.type !== 'string' || next.content !== first.content || start(next) !== (end(nodes[i + run - 1]) ?? -1)) break;
      run++;
    }
    const s = start(first)!;
    if (first.content === '-' && run >= 2) {
      const n = Math.min(run, 3);
      return { text: n === 3 ? '—' : '–', end: s + n, consumed: n - 1 };
    }
    if (first.content === '`' && run >= 2) return { text: '“', end: s + 2, consumed: 1 };
    if (first.content === "'" && run >= 2) return { text: '”', end: s + 2, consumed: 1 };
    return undefined;
  }

  private inlineMath(node: Ast.InlineMath, b: TextBuilder): void {
    const s = start(node);
    const e = end(node);
    if (s === undefined || e === undefined) return;
    const raw = this.source.slice(s, e);
    const inner = raw.replace(/^\\\(|\\\)$|^\$|\$$/g, '');
    const innerStart = s + raw.indexOf(inner);
    // Math right after a sentence end starts a sentence, whatever its first letter: "… configs. $n$ is …".
    const tail = b.tail(24);
    if (/[.!?]["”’)]*\s$/.test(tail) && !endsWithAbbreviation(tail)) b.breakAtSpace();
    // Simple math such as `$5$`, `$n$` or `$k=3$` reads as its text ("5 seeds"); anything else
    // (`$Ax=b$`, `$x_1$`) is a placeholder, in prose and in table cells alike.
    if (SIMPLE_MATH.test(inner)) b.addVerbatim(inner, innerStart);
    else b.addReplacement('[math]', s, e);
  }

  /** Source offset just past a macro and all its arguments, read from the source text. */
  private macroEnd(macro: Ast.Macro): number {
    let cursor = end(macro) ?? 0;
    for (const arg of macro.args ?? []) {
      const contentEnd = maxEnd(arg.content);
      if (arg.openMark === '' || arg.openMark === undefined) {
        if (contentEnd !== undefined) cursor = Math.max(cursor, contentEnd);
        continue;
      }
      let j = cursor;
      while (j < this.source.length && /\s/.test(this.source[j])) j++;
      if (this.source[j] === arg.openMark) cursor = matchClose(this.source, j, arg.openMark, arg.closeMark);
      else if (contentEnd !== undefined) cursor = Math.max(cursor, contentEnd);
    }
    return cursor;
  }

  private macro(nodes: Ast.Node[], i: number, b: TextBuilder): number {
    const m = nodes[i] as Ast.Macro;
    const name = m.content;
    const s = start(m) ?? 0;

    if (name in M.HEADING_LEVELS) {
      this.heading(m, M.HEADING_LEVELS[name]);
      return 0;
    }
    if (M.TITLE_MACROS.has(name)) {
      const tb = new TextBuilder();
      this.walkNodes(lastMandatory(m), tb);
      const block = tb.build('title', '', 0, -1);
      if (block) this.items.push({ type: 'title', block });
      this.releaseNotes(tb);
      return 0;
    }
    if (name === 'appendix' || name === 'appendices') {
      this.flush();
      this.items.push({ type: 'appendix', start: s });
      return 0;
    }
    if (name === 'begin' || name === 'end') {
      // An environment cut by a chunk boundary (`\begin{document}`) or never closed: ignore the marker.
      const next = nodes[i + 1];
      if (next?.type === 'group') {
        const env = rawText(next.content, this.source);
        if (name === 'begin' && env === 'abstract') this.items.push({ type: 'open-section', title: 'Abstract', role: 'abstract', start: s });
        if (name === 'end' && env === 'abstract') {
          this.flush();
          this.items.push({ type: 'close-section', end: end(next) ?? s });
        }
        if (env === 'document') {
          this.flush();
          this.items.push({ type: name === 'begin' ? 'begin-document' : 'end-document', start: s });
        }
        if (env !== 'document') {
          this.flush();
          if (name === 'begin') this.items.push({ type: 'problem', severity: 'warning', message: `\\begin{${env}} has no matching \\end{${env}}`, start: s, end: end(next) ?? s });
          else this.items.push({ type: 'problem', severity: 'warning', message: `\\end{${env}} closes no \\begin{${env}}`, start: s, end: end(next) ?? s });
        }
        return 1;
      }
      return 0;
    }
    if (M.CITE_MACROS.has(name)) {
      this.resolveBreak(b, false);
      const keys = splitKeys(rawText(lastMandatory(m), this.source));
      b.addReference('cite', keys, `[cite:${keys.join(',')}]`, s, this.macroEnd(m));
      return 0;
    }
    if (M.REF_MACROS.has(name)) {
      this.resolveBreak(b, false);
      const keys = splitKeys(rawText(lastMandatory(m), this.source));
      b.addReference('ref', keys, `[ref:${keys.join(',')}]`, s, this.macroEnd(m));
      return 0;
    }
    if (name === 'url' || name === 'href') {
      this.resolveBreak(b, false);
      const urlArg = argContent(m, 0).length ? argContent(m, 0) : mandatoryArgs(m)[0] ?? [];
      const urlStart = minStart(urlArg);
      const urlEnd = maxEnd(urlArg);
      const url = urlStart !== undefined && urlEnd !== undefined ? this.source.slice(urlStart, urlEnd) : rawText(urlArg, this.source);
      const at = b.length;
      if (name === 'href') this.walkNodes(lastMandatory(m), b);
      else if (urlStart !== undefined) b.addVerbatim(url, urlStart);
      b.markReference('url', [url], at);
      return 0;
    }
    if (name === 'footnote' || name === 'footnotetext' || name === 'tablefootnote') {
      const fb = new TextBuilder();
      this.walkNodes(lastMandatory(m), fb);
      const block = fb.build('footnote', '', 0, -1);
      // A footnote that only gives a link is a reference, not a sentence of the paper.
      if (block && onlyLinks(block)) block.sentences = [];
      const queue = this.notes.get(b) ?? [];
      if (block) queue.push(block);
      // Footnotes inside this one come after it.
      for (const inner of this.notes.get(fb) ?? []) queue.push(inner);
      this.notes.delete(fb);
      if (queue.length > 0) this.notes.set(b, queue);
      return 0;
    }
    if (name === 'caption' || name === 'captionof' || name === 'subcaption') {
      const cb = new TextBuilder();
      this.walkNodes(lastMandatory(m), cb);
      this.emit(cb, 'caption');
      return 0;
    }
    if (name === 'subfigure' || name === 'subfloat') {
      // subfig's `\subfloat[caption]{content}`: the (last) optional argument is the caption.
      const options = (m.args ?? []).filter((a) => a.openMark === '[');
      const caption = options[options.length - 1];
      if (caption) {
        const cb = new TextBuilder();
        this.walkNodes(caption.content, cb);
        this.emit(cb, 'caption');
      }
      this.walkNodes(lastMandatory(m), b);
      return 0;
    }
    if (M.DEFINE_MACROS.has(name)) {
      this.defineMacro(m);
      return 0;
    }
    if (name === 'def') return this.def(nodes, i);
    if (name === 'let') return this.letAssignment(nodes, i);
    if (name === 'excludecomment') {
      // comment package: `\excludecomment{note}` makes `note` an environment that is never typeset.
      const env = rawText(lastMandatory(m), this.source).trim();
      if (env) this.defined[`excluded-env:${env}`] = '1';
      return 0;
    }
    if (M.ACRONYM_DEFINE.has(name)) {
      this.defineAcronym(m);
      return 0;
    }
    if (M.INPUT_MACROS.has(name)) return this.input(nodes, i);
    if (M.ACRONYM_SHORT.has(name) || M.ACRONYM_LONG.has(name) || M.ACRONYM_FULL.has(name)) {
      const key = rawText(lastMandatory(m), this.source).trim();
      const short = this.lookup(`acronym:${key}`) ?? key;
      const long = this.lookup(`acronym-long:${key}`);
      let text = M.ACRONYM_LONG.has(name) && long ? long : M.ACRONYM_FULL.has(name) && long ? `${long} (${short})` : short;
      if (/p$|pl$/.test(name) && !text.endsWith('s')) text += 's';
      if (/^[A-Z]/.test(name)) text = text[0].toUpperCase() + text.slice(1);
      this.resolveBreak(b, UPPER.test(text));
      b.addReplacement(text, s, this.macroEnd(m));
      return 0;
    }
    if (name === 'SI' || name === 'qty' || name === 'num' || name === 'si' || name === 'SIrange' || name === 'qtyrange') {
      this.resolveBreak(b, false);
      const args = mandatoryArgs(m);
      const parts = args.map((a) => this.unitText(a)).filter(Boolean);
      const text = name.endsWith('range') ? `${parts[0]} to ${parts[1]} ${parts[2] ?? ''}`.trim() : parts.join(name === 'num' || name === 'si' ? '' : ' ');
      b.addReplacement(text.replace(/\s+%/, '%'), s, this.macroEnd(m));
      return 0;
    }
    if (name === 'multicolumn' || name === 'multirow' || M.LAST_ARG_MACROS.has(name)) {
      // Boxes and links: the last argument is the content (often a table or an \input), the rest sizes and colours.
      const content = lastMandatory(m);
      this.resolveBreak(b, UPPER.test(rawText(content, this.source).trimStart()));
      this.walkNodes(content, b);
      return 0;
    }
    if (name === 'texorpdfstring') {
      this.walkNodes(mandatoryArgs(m)[0] ?? [], b);
      return 0;
    }
    if (name in M.BRANCH_MACROS) {
      this.walkNodes(mandatoryArgs(m)[M.BRANCH_MACROS[name]] ?? [], b);
      return 0;
    }
    if (name === 'item') {
      b = this.startListItem(b);
      // description lists: `\item[Label]` reads as "Label".
      // A label that is only a symbol (`\item[$\bullet$]`) is not text.
      const label = (m.args ?? []).find((a) => a.openMark === '[' && a.content.some((n) => n.type === 'string' || n.type === 'group' || n.type === 'macro'));
      if (label) {
        this.walkNodes(label.content, b);
        const labelEnd = maxEnd(label.content) ?? s;
        b.addSpace(labelEnd, labelEnd + 1);
      }
      // unified-latex puts the item's body into its last, unbracketed argument.
      const body = m.args?.[m.args.length - 1];
      if (body && body.openMark === '') this.walkNodes(body.content, b === this.para ? undefined : b);
      return 0;
    }
    if (name === '\\' || name === 'newline' || name === 'par' || name === 'linebreak') {
      if (name === 'par' && b === this.para) this.flush();
      else b.addSpace(s, this.macroEnd(m));
      return 0;
    }
    if (name in M.SYMBOLS) {
      this.resolveBreak(b, false);
      // TeX eats the space after a control word: `\textbackslash n` is "\\n".
      const next = nodes[i + 1];
      const eat = M.CHAR_SYMBOLS.has(name) && next?.type === 'whitespace' && nodes[i + 2]?.type === 'string' && m.args === undefined;
      b.addReplacement(M.SYMBOLS[name], s, eat ? end(next) ?? this.macroEnd(m) : this.macroEnd(m));
      return eat ? 1 : 0;
    }
    if ((name in M.ACCENTS || name in M.LETTERS) && this.lookup(name) === undefined) return this.accent(nodes, i, b);
    if (M.SPACE_MACROS.has(name)) {
      b.addSpace(s, this.macroEnd(m));
      return 0;
    }
    if (M.TEXT_ARG_MACROS.has(name)) {
      const args = mandatoryArgs(m);
      this.resolveBreak(b, UPPER.test(rawText(args[0] ?? [], this.source).trimStart()));
      const runIn = M.RUN_IN_MACROS.has(name) ? this.sentenceStart(b) : -1;
      for (const arg of args) this.walkNodes(arg, b);
      if (runIn >= 0) this.markRunIn(b, runIn);
      return 0;
    }
    if (name === 'documentclass') this.items.push({ type: 'documentclass', start: s });
    if (name === 'twocolumn') {
      // ICML and others put the title block in `\twocolumn[…]`: its title (and an abstract, if one
      // is there) are read; authors, affiliations, keywords and skips are not prose.
      const opt = (m.args ?? []).find((a) => a.openMark === '[');
      if (opt) {
        this.titleBlock(opt.content);
        return 0;
      }
      // The parser takes no optional argument across a blank line: find the brackets among the siblings.
      let k = i + 1;
      while (nodes[k]?.type === 'whitespace') k++;
      const open = nodes[k];
      if (open?.type === 'string' && open.content === '[') {
        const close = bracketRun(nodes, k, true);
        if (close > k) {
          this.titleBlock(nodes.slice(k + 1, close));
          return close - i;
        }
      }
      return 0;
    }
    if (M.ENV_DEFINE.has(name)) this.defineEnvironment(m);
    if (M.SKIP_MACROS.has(name)) {
      for (const arg of m.args ?? []) this.inputsIn(arg.content);
      return this.looseArgs(nodes, i, b, false);
    }
    const text = this.lookup(name);
    if (text !== undefined) {
      // A user text macro; `\method{}` and `\method\ ` keep the following space semantics simple.
      const next = nodes[i + 1];
      const emptyGroup = next?.type === 'group' && next.content.length === 0 && start(next) === end(m);
      this.resolveBreak(b, UPPER.test(text));
      b.addReplacement(text, s, emptyGroup ? end(next)! : this.macroEnd(m));
      return emptyGroup ? 1 : 0;
    }
    // A command the reader does not know: decide from its arguments. Optional ones are options,
    // never prose; braced ones are usually formatting of prose (`\myemph{…}`) unless they read as
    // settings (`key=value`, a length); a TeX assignment's value (`\foo=1`) is not prose either.
    // Separate arguments read as text are separate words: `\pair{\ok}{tone}` is "Documented tone".
    let read = false;
    for (const arg of m.args ?? []) {
      if (arg.openMark === '{' && !this.settingLike(arg.content)) {
        const at = minStart(arg.content);
        if (read && at !== undefined) b.addSpace(at - 1, at);
        const before = b.length;
        this.walkNodes(arg.content, b);
        read = read || b.length > before;
      } else this.inputsIn(arg.content);
    }
    return this.looseArgs(nodes, i, b, true);
  }

  /**
   * Consumes what follows a macro, as TeX would take it: for a macro with no known signature,
   * directly attached `[options]` (dropped) and `{groups}` (read when `read` and not settings); then
   * a TeX assignment (`=value`, or a register's value). Returns how many siblings it consumed.
   */
  private looseArgs(nodes: Ast.Node[], i: number, b: TextBuilder, read: boolean): number {
    const m = nodes[i] as Ast.Macro;
    let k = i + 1;
    let prevEnd = this.macroEnd(m);
    while (m.args === undefined) {
      const n = nodes[k];
      if (!n || start(n) !== prevEnd) break;
      if (n.type === 'string' && n.content === '[') {
        const close = bracketRun(nodes, k);
        if (close < 0) break;
        prevEnd = end(nodes[close]) ?? prevEnd;
        k = close + 1;
      } else if (n.type === 'group') {
        if (read && !this.settingLike(n.content)) {
          if (k > i + 1 && b.length > 0) b.addSpace(start(n) ?? prevEnd, (start(n) ?? prevEnd) + 1);
          this.walkNodes(n.content, b);
        } else this.inputsIn(n.content);
        prevEnd = end(n) ?? prevEnd;
        k++;
      } else break;
    }
    // `\pdfoutput=1`, `\parindent 0pt`, `\tikzstyle{x}=[…]`.
    let j = k;
    if (nodes[j]?.type === 'whitespace') j++;
    const eq = nodes[j]?.type === 'string' && (nodes[j] as Ast.String).content === '=';
    if (eq || M.REGISTERS.has(m.content)) {
      if (eq) j++;
      if (nodes[j]?.type === 'whitespace') j++;
      const first = nodes[j];
      if (first?.type === 'string' && first.content === '[') {
        const close = bracketRun(nodes, j);
        if (close >= 0) return close - i;
      }
      const valueLike = first?.type === 'macro' || (first?.type === 'string' && /^[-+.\d]/.test(first.content));
      if (valueLike) {
        const valueEnd = (from: number) => {
          let last = from;
          while (nodes[last + 1] && (nodes[last + 1].type === 'string' || nodes[last + 1].type === 'macro') && start(nodes[last + 1]) === end(nodes[last])) last++;
          return last;
        };
        let last = valueEnd(j);
        // Glue: `\hskip 2em plus 1fil minus 1pt`.
        for (;;) {
          const word = nodes[last + 2];
          const value = nodes[last + 4];
          if (nodes[last + 1]?.type !== 'whitespace' || word?.type !== 'string' || !/^(plus|minus)$/.test(word.content) || nodes[last + 3]?.type !== 'whitespace' || value?.type !== 'string' || !/^[-+.\d]/.test(value.content)) break;
          last = valueEnd(last + 4);
        }
        return last - i;
      }
      if (eq) return j - 1 - i;
    }
    return k - i - 1;
  }

  /** A braced argument that is a setting rather than prose: `key=value` lists and lengths. */
  private settingLike(nodes: Ast.Node[]): boolean {
    if (nodes.length === 0) return false;
    if (rawText(nodes, this.source).includes('=')) return true;
    const s = minStart(nodes);
    const e = maxEnd(nodes);
    if (s === undefined || e === undefined) return false;
    return SETTING.test(this.source.slice(s, e));
  }

  /** `\input`/`\include` inside an argument that is not read (a box, a setting) is still followed. */
  private inputsIn(nodes: Ast.Node[]): void {
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      if (n.type === 'macro') {
        if (M.INPUT_MACROS.has(n.content)) i += this.input(nodes, i);
        else if (!M.DEFINITION_MACROS.has(n.content)) for (const arg of n.args ?? []) this.inputsIn(arg.content);
      } else if (n.type === 'group') this.inputsIn(n.content);
      else if (n.type === 'environment' && !M.SKIP_ENVS.has(n.env)) this.inputsIn(n.content);
    }
  }

  /** `\input{x}`, `\include{x}`, `\import{dir}{x}`, and TeX's brace-less `\input sections/x`. */
  private input(nodes: Ast.Node[], i: number): number {
    const m = nodes[i] as Ast.Macro;
    const name = m.content;
    const s = start(m) ?? 0;
    const after = end(m) ?? s;
    let j = after;
    while (this.source[j] === ' ' || this.source[j] === '\t') j++;
    if (name === 'input' && this.source[j] !== '{') {
      // The parser took only the first word as the argument; the file name runs to the next space.
      const bare = /^[^\s{}%\\]+/.exec(this.source.slice(j, j + 300));
      if (bare) {
        const targetEnd = j + bare[0].length;
        this.flush();
        this.items.push({ type: 'input', command: name, target: bare[0], start: s, end: targetEnd });
        let k = i + 1;
        while (nodes[k] && (start(nodes[k]) ?? targetEnd) < targetEnd) k++;
        return k - i - 1;
      }
    }
    const args = mandatoryArgs(m).map((a) => rawText(a, this.source).trim());
    const target = name === 'import' || name === 'subimport' || name.endsWith('from') ? (args[0] ?? '') + (args[1] ?? '') : args[0] ?? '';
    this.flush();
    this.items.push({ type: 'input', command: name, target, start: s, end: this.macroEnd(m) });
    return 0;
  }

  /** `\let\a\b` / `\let\a=\b`: both names are code. */
  private letAssignment(nodes: Ast.Node[], i: number): number {
    let k = i + 1;
    let names = 0;
    while (k < nodes.length && k - i <= 6 && names < 2) {
      const n = nodes[k];
      if (n.type === 'macro') names++;
      else if (!(n.type === 'whitespace' || (n.type === 'string' && n.content === '='))) break;
      k++;
    }
    return k - i - 1;
  }

  /** Accents and letters typed as macros read as their Unicode character: `\'e` → é, `\c{c}` → ç, `{\o}` → ø. */
  private accent(nodes: Ast.Node[], i: number, b: TextBuilder): number {
    const m = nodes[i] as Ast.Macro;
    const name = m.content;
    const s = start(m) ?? 0;
    const e = end(m) ?? s;
    if (name in M.LETTERS) {
      // `\ss{}`, and TeX eats the space after a control word: `\AA ngstr\"om` is one word.
      const next = nodes[i + 1];
      const emptyGroup = next?.type === 'group' && next.content.length === 0 && start(next) === e;
      const space = next?.type === 'whitespace' && nodes[i + 2]?.type === 'string';
      this.resolveBreak(b, UPPER.test(M.LETTERS[name]));
      b.addReplacement(M.LETTERS[name], s, emptyGroup || space ? end(next)! : e);
      return emptyGroup || space ? 1 : 0;
    }
    // TeX skips spaces after a control word (`\c c`), not after a control symbol (`\' e`).
    let k = i + 1;
    if (/^[A-Za-z]$/.test(name) && nodes[k]?.type === 'whitespace') k++;
    const next = nodes[k];
    let base: string | undefined;
    let baseEnd = e;
    let rest: { text: string; at: number; end: number } | undefined;
    if (next?.type === 'string' && start(next) !== undefined) {
      base = next.content[0];
      baseEnd = start(next)! + 1;
      if (next.content.length > 1) rest = { text: next.content.slice(1), at: baseEnd, end: end(next) ?? baseEnd };
    } else if (next?.type === 'group') {
      const inner = next.content.find((n) => n.type !== 'whitespace');
      const text = inner?.type === 'macro' && (inner.content === 'i' || inner.content === 'j') ? inner.content : rawText(next.content, this.source).trim();
      base = text[0];
      baseEnd = end(next) ?? e;
      if (text.length > 1) rest = { text: text.slice(1), at: baseEnd - 1, end: baseEnd };
    } else if (next?.type === 'macro' && (next.content === 'i' || next.content === 'j')) {
      base = next.content;
      baseEnd = end(next) ?? e;
    }
    if (base === undefined || base === '\0') {
      // `\~{}` and `\^{}` typeset the accent itself.
      if (name === '~' || name === '^') b.addReplacement(name, s, baseEnd);
      return next?.type === 'group' ? k - i : 0;
    }
    this.resolveBreak(b, UPPER.test(base));
    b.addReplacement((base + M.ACCENTS[name]).normalize('NFC'), s, baseEnd);
    if (rest) {
      if (this.source.slice(rest.at, rest.end) === rest.text) b.addVerbatim(rest.text, rest.at);
      else b.addReplacement(rest.text, rest.at, rest.end);
    }
    return k - i;
  }

  /** A `\item` ends the paragraph and opens a list item, unless inside a cell or caption. */
  private startListItem(b: TextBuilder): TextBuilder {
    if (b !== this.para) return b;
    this.flush();
    this.paraKind = 'list-item';
    return this.para;
  }

  private unitText(nodes: Ast.Node[]): string {
    let out = '';
    for (const n of nodes) {
      if (n.type === 'string') out += n.content;
      else if (n.type === 'whitespace') out += ' ';
      else if (n.type === 'macro') out += (M.UNIT_TEXT[n.content] ?? n.content) + (n.content in M.UNIT_TEXT ? '' : ' ');
      else if (n.type === 'group') out += this.unitText(n.content);
    }
    return out.replace(/\s+/g, ' ').trim();
  }

  private heading(m: Ast.Macro, level: number): void {
    this.flush();
    const titleArg = lastMandatory(m);
    const hb = new TextBuilder();
    this.walkNodes(titleArg, hb);
    const block = hb.build('heading', '', 0, -1);
    const title = block?.text ?? '';
    const emptyBlock: Block = { kind: 'heading', file: '', text: '', base: 0, starts: new Int32Array(), ends: new Int32Array(), refs: [], sentences: [], section: -1 };
    this.items.push({ type: 'heading', level, title, start: start(m) ?? 0, block: block ?? emptyBlock });
    this.releaseNotes(hb);
  }

  /** `\newenvironment{name}[n][default]`, `\newtcolorbox{name}[n][default]{…}`: whether `name` takes an optional argument. */
  private defineEnvironment(m: Ast.Macro): void {
    const args = m.args ?? [];
    const nameAt = args.findIndex((a) => a.openMark === '{');
    if (nameAt < 0) return;
    const envName = rawText(args[nameAt].content, this.source).trim();
    if (!envName || envName.includes('\0')) return;
    const brackets = args.slice(nameAt + 1).filter((a) => a.openMark === '[');
    this.defined[`env-opt:${envName}`] = brackets.length >= 2 ? '1' : '0';
  }

  /**
   * Where a run-in label could start in `b`: at the start of a block, or after a sentence end
   * (`\end{proposition} \emph{Sketch.} By definition …`); -1 inside a sentence.
   */
  private sentenceStart(b: TextBuilder): number {
    if (b.length === 0) return 0;
    return /[.!?:]["”’)]*\s$/.test(b.tail(4)) && !endsWithAbbreviation(b.tail(24)) ? b.length : -1;
  }

  /** Notes a run-in label in `b` from `from` on, if it is short, one phrase, and ends in a period. */
  private markRunIn(b: TextBuilder, from: number): void {
    const text = b.tail(b.length - from).trimEnd();
    if (text.length === 0 || text.length > 60 || !/\S\.$/.test(text) || /[.!?]\s+\S/.test(text.slice(0, -1))) return;
    const labels = this.runIn.get(b) ?? [];
    labels.push({ start: from, text });
    this.runIn.set(b, labels);
  }

  /** A class's title block (`\twocolumn[…]`): titles, abstracts and inputs are read; the rest is not prose. */
  private titleBlock(nodes: Ast.Node[]): void {
    this.walkNodes(nodes, new TextBuilder());
  }

  private defineMacro(m: Ast.Macro): void {
    const args = m.args ?? [];
    const nameArg = args.find((a) => a.openMark === '{' && a.content.some((n) => n.type === 'macro'));
    const nameNode = nameArg?.content.find((n) => n.type === 'macro') as Ast.Macro | undefined;
    const numArgs = args.find((a) => a.openMark === '[' && a !== args[args.length - 1]);
    if (!nameNode || (numArgs && rawText(numArgs.content, this.source).trim() !== '0')) return;
    const body = lastMandatory(m);
    const text = this.plainBody(body);
    if (text !== undefined) this.defined[nameNode.content] = text;
  }

  /** `\def\method{ProbeRoute}`: the parser sees `\def`, `\method`, then a group. */
  private def(nodes: Ast.Node[], i: number): number {
    const nameNode = nodes[i + 1];
    const body = nodes[i + 2];
    if (nameNode?.type !== 'macro' || body?.type !== 'group') return 0;
    const text = this.plainBody(body.content);
    if (text !== undefined) this.defined[nameNode.content] = text;
    return 2;
  }

  /** The text of a macro body when it is plain prose (no parameters, no unknown commands). */
  private plainBody(body: Ast.Node[]): string | undefined {
    const text = rawText(body, this.source).replace(/\s+/g, ' ').trim();
    if (!text || text.includes('\0') || text.includes('#') || text.length > 80) return undefined;
    return text;
  }

  private defineAcronym(m: Ast.Macro): void {
    const args = mandatoryArgs(m).map((a) => rawText(a, this.source).replace(/\s+/g, ' ').trim());
    if (m.content === 'newacronym' && args.length >= 3) {
      this.defined[`acronym:${args[0]}`] = args[1];
      this.defined[`acronym-long:${args[0]}`] = args[2];
    } else if (m.content === 'newabbreviation' && args.length >= 3) {
      this.defined[`acronym:${args[0]}`] = args[1];
      this.defined[`acronym-long:${args[0]}`] = args[2];
    } else if ((m.content === 'acro' || m.content === 'newacro' || m.content === 'acrodef') && args.length >= 2) {
      const short = (m.args ?? []).find((a) => a.openMark === '[');
      this.defined[`acronym:${args[0]}`] = short ? rawText(short.content, this.source).trim() : args[0];
      this.defined[`acronym-long:${args[0]}`] = args[args.length - 1];
    } else if ((m.content === 'DeclareAcronym' || m.content === 'newglossaryentry') && args.length >= 2) {
      const fields = Object.fromEntries(
        args[1].split(',').map((kv) => kv.split('=').map((x) => x.trim().replace(/^\{|\}$/g, '')) as [string, string]),
      );
      const short = fields.short ?? fields.name;
      if (short) this.defined[`acronym:${args[0]}`] = short;
      const long = fields.long ?? fields.description;
      if (long) this.defined[`acronym-long:${args[0]}`] = long;
    }
  }

  private environment(env: Ast.Environment, b: TextBuilder): void {
    const name = env.env;
    if (this.lookup(`excluded-env:${name}`) !== undefined) return;
    if (M.SKIP_ENVS.has(name) || env.type === 'mathenv') {
      this.displayBreak(b, env, env.type === 'mathenv' || M.MATH_ENVS.has(name));
      return;
    }
    if (name === 'document') {
      this.flush();
      this.items.push({ type: 'begin-document', start: start(env) ?? 0 });
      this.walkNodes(env.content);
      this.flush();
      this.items.push({ type: 'end-document', start: end(env) ?? 0 });
      return;
    }
    if (name === 'abstract') {
      this.flush();
      this.items.push({ type: 'open-section', title: 'Abstract', role: 'abstract', start: start(env) ?? 0 });
      this.walkNodes(env.content);
      this.flush();
      this.items.push({ type: 'close-section', end: end(env) ?? 0 });
      return;
    }
    if (M.TABLE_ENVS.has(name)) {
      this.table(env);
      return;
    }
    if (M.ALGORITHM_FLOATS.has(name)) {
      if (b === this.para) this.flush();
      this.captionsOnly(env.content);
      return;
    }
    if (M.DEFINITION_ENVS.has(name)) {
      // The acronym list prints its definitions; they are recorded, the list is not prose.
      this.walkNodes(env.content, new TextBuilder());
      return;
    }
    const content = this.withoutOptions(env);
    if ((M.LIST_ENVS.has(name) || M.BLOCK_ENVS.has(name)) && b === this.para) {
      this.flush();
      this.walkNodes(content);
      this.flush();
      return;
    }
    // Theorems, quotes, boxes and unknown environments hold prose: read them in place.
    this.walkNodes(content, b);
  }

  /**
   * The body of an environment without the options the parser left in it (for an environment it has
   * no signature for, or more than the signature says): `[…]` and setting groups attached to
   * `\begin{name}` and its arguments.
   */
  private withoutOptions(env: Ast.Environment): Ast.Node[] {
    const content = env.content;
    const s = start(env);
    if (s === undefined) return content;
    const begin = /^\\begin\s*\{[^{}]*\}/.exec(this.source.slice(s, s + 80));
    if (!begin) return content;
    let prevEnd = s + begin[0].length;
    for (const arg of env.args ?? []) {
      if (!arg.openMark) continue;
      let j = prevEnd;
      while (j < this.source.length && /\s/.test(this.source[j])) j++;
      if (this.source[j] === arg.openMark) prevEnd = matchClose(this.source, j, arg.openMark, arg.closeMark);
    }
    // Brackets after `\begin{name}` are its options only if the environment takes one (defined with a
    // default in this document, or known), or they are short and on the same line; else they are text
    // ("\begin{desc}[A] and [B] tokens …" with `desc` defined without options).
    const takes = this.lookup(`env-opt:${env.env}`);
    let k = 0;
    for (;;) {
      const n = content[k];
      if (!n || start(n) !== prevEnd) break;
      if (n.type === 'string' && n.content === '[') {
        if (takes === '0') break;
        const close = bracketRun(content, k);
        if (close < 0) break;
        const runEnd = end(content[close]) ?? prevEnd;
        if (takes !== '1' && (runEnd - prevEnd > 60 || this.source.slice(prevEnd, runEnd).includes('\n'))) break;
        prevEnd = end(content[close]) ?? prevEnd;
        k = close + 1;
      } else if (n.type === 'group' && this.settingLike(n.content)) {
        prevEnd = end(n) ?? prevEnd;
        k++;
      } else break;
    }
    return k === 0 ? content : content.slice(k);
  }

  /** Pseudo-code floats: only the caption is prose. */
  private captionsOnly(nodes: Ast.Node[]): void {
    for (const n of nodes) {
      if (n.type === 'macro' && (n.content === 'caption' || n.content === 'captionof')) {
        const cb = new TextBuilder();
        this.walkNodes(lastMandatory(n), cb);
        this.emit(cb, 'caption');
      } else if (n.type === 'group') this.captionsOnly(n.content);
      else if (n.type === 'environment' && !M.SKIP_ENVS.has(n.env)) this.captionsOnly(n.content);
    }
  }

  /** Table cells are evidence (a baseline is often named only in a row): one block per cell. */
  private table(env: Ast.Environment): void {
    this.flush();
    const tableId = this.tableCounter++;
    let row = 0;
    let column = 0;
    let cell = new TextBuilder();
    const endCell = () => {
      this.emit(cell, 'table-cell', { table: tableId, row, column });
      cell = new TextBuilder();
    };
    // The column spec (`{lcc}`) is the environment's first argument; unified-latex may leave it as a group.
    let content = env.content;
    if (content[0]?.type === 'group' && !(env.args ?? []).some((a) => a.openMark === '{')) content = content.slice(1);
    if (env.env === 'tabular*' || env.env === 'tabularx') {
      if (content[0]?.type === 'group') content = content.slice(1);
    }
    for (let i = 0; i < content.length; i++) {
      const n = content[i];
      if (n.type === 'string' && n.content === '&') {
        endCell();
        column++;
      } else if (n.type === 'macro' && (n.content === '\\' || n.content === 'tabularnewline')) {
        endCell();
        row++;
        column = 0;
      } else {
        i += this.walkNode(content, i, cell);
      }
    }
    endCell();
  }
}

const UPPER = /^\p{Lu}/u;
const MATH_NUMBER = String.raw`[-+]?\d[\d.,]*\s*%?`;
/** Inline math that reads as text: a number, one letter, or a name or number compared with a number. */
const SIMPLE_MATH = new RegExp(String.raw`^\s*(?:${MATH_NUMBER}|[A-Za-z]|(?:[A-Za-z]\w{0,2}|${MATH_NUMBER})\s*(?:=|<|>|<=|>=)\s*${MATH_NUMBER})\s*$`);

/**
 * A paragraph or sentence that opens with a run-in label ending in a period (`\textbf{Note.} The probe …`,
 * `\end{proposition} \emph{Sketch.} By definition …`): the
 * label is not a sentence of its own but the start of the first one, so that a one-word "Note." never
 * stands as a claim and the label still reads with what it introduces.
 */
function joinRunInLabels(block: Block, labels: Array<{ start: number; text: string }>): void {
  const out: Block['sentences'] = [];
  const sentences = block.sentences;
  for (let k = 0; k < sentences.length; k++) {
    const s = sentences[k];
    const text = block.text.slice(s.start, s.end);
    const next = sentences[k + 1];
    if (next && labels.some((l) => l.text === text && Math.abs(l.start - s.start) <= 1)) {
      out.push({ start: s.start, end: next.end });
      k++;
    } else out.push(s);
  }
  block.sentences = out;
}
/** Lengths and sizes given as braced arguments: `0.5\linewidth`, `2pt`, `!`. */
const SETTING = /^\s*(?:[-+]?\d*\.?\d+\s*(?:pt|em|ex|cm|mm|in|bp|sp|pc|mu|px)|[-+]?\d*\.?\d*\s*\\(?:line|text|column|paper|h|v)(?:width|height|size)|!)\s*$/;

/** Index of the `]` string node closing the `[` at `k`, or -1 (none before a paragraph break). */
function bracketRun(nodes: Ast.Node[], k: number, acrossParagraphs = false): number {
  let depth = 0;
  for (let j = k; j < nodes.length && (acrossParagraphs || j - k < 400); j++) {
    const n = nodes[j];
    if (n.type === 'parbreak' && !acrossParagraphs) return -1;
    if (n.type !== 'string') continue;
    if (n.content === '[') depth++;
    else if (n.content === ']' && --depth === 0) return j;
  }
  return -1;
}

/** Whether a block's text is nothing but links (and punctuation). */
function onlyLinks(block: Block): boolean {
  let rest = '';
  let at = 0;
  for (const r of [...block.refs].filter((x) => x.kind === 'url').sort((x, y) => x.start - y.start)) {
    rest += block.text.slice(at, r.start);
    at = Math.max(at, r.end);
  }
  rest += block.text.slice(at);
  return block.refs.some((r) => r.kind === 'url') && /^[\s.,;:()[\]]*$/.test(rest);
}

function splitKeys(raw: string): string[] {
  return raw
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
}

function maxEnd(nodes: Ast.Node[]): number | undefined {
  let best: number | undefined;
  for (const n of nodes) {
    const e = end(n);
    if (e !== undefined && (best === undefined || e > best)) best = e;
    if (n.type === 'macro') {
      for (const a of n.args ?? []) {
        const inner = maxEnd(a.content);
        if (inner !== undefined && (best === undefined || inner > best)) best = inner;
      }
    }
  }
  return best;
}

function minStart(nodes: Ast.Node[]): number | undefined {
  for (const n of nodes) if (start(n) !== undefined) return start(n);
  return undefined;
}

/** Offset just past the bracket that closes the one at `open`, counting nesting and escapes. */
function matchClose(source: string, open: number, openMark: string, closeMark: string): number {
  let depth = 0;
  for (let j = open; j < source.length; j++) {
    const c = source[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '%') {
      while (j < source.length && source[j] !== '\n') j++;
      continue;
    }
    if (c === openMark) depth++;
    else if (c === closeMark && --depth === 0) return j + 1;
  }
  return source.length;
}
