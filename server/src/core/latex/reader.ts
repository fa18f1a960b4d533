import { getParser } from '@unified-latex/unified-latex-util-parse';
import type * as Ast from '@unified-latex/unified-latex-types';
import type { Block, BlockKind } from '../model';
import type { ChunkResult, ExtractItem, FormatReader, MacroTable } from '../reader';
import { TextBuilder } from '../text-builder';
import * as M from './macros';
import { skipIffalse, splitLatex } from './split';

// Reads one chunk of LaTeX into prose blocks with exact source maps. unified-latex gives the tree;
// every character's source span is taken from node positions and the source text itself, because
// the tree has gaps (a macro's span excludes its arguments; argument nodes have no position).

const parser = getParser({ macros: M.EXTRA_SIGNATURES });
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
    return { items: walker.items, macros: walker.defined };
  } catch (error) {
    return fallback(source, `could not read this LaTeX (${(error as Error).message.split('\n')[0]})`);
  }
}

/** Blanks `\iffalse…\fi` and `comment` environments with spaces, keeping offsets and line breaks. */
export function maskSkippedRegions(text: string): string {
  const regions: Array<[number, number]> = [];
  const re = /\\iffalse(?![A-Za-z@])|\\begin\s*\{comment\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let end: number;
    if (m[0].startsWith('\\iffalse')) end = skipIffalse(text, m.index);
    else {
      const close = text.indexOf('\\end{comment}', re.lastIndex);
      end = close < 0 ? text.length : close + '\\end{comment}'.length;
    }
    regions.push([m.index, end]);
    re.lastIndex = end;
  }
  if (regions.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [s, e] of regions) {
    out += text.slice(at, s) + text.slice(s, e).replace(/[^\r\n]/g, ' ');
    at = e;
  }
  return out + text.slice(at);
}

/** Deepest brace nesting, and where an unclosed `{` or an unopened `}` is (-1 if balanced). */
function braceReport(text: string): { max: number; unclosed: number; unopened: number } {
  const open: number[] = [];
  let max = 0;
  let unopened = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 37 /* % */) while (i < text.length && text[i] !== '\n') i++;
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
    const block = builder.build(kind, '', 0, -1);
    if (!block) return undefined;
    if (cell) block.cell = cell;
    this.items.push({ type: 'block', block });
    return block;
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
      case 'group':
        this.walkNodes(node.content, b);
        return 0;
      case 'inlinemath':
        this.inlineMath(node, b);
        return 0;
      case 'displaymath':
      case 'verbatim':
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
    // Simple math such as `$5$` or `$k=3$` reads as its text ("5 seeds"); anything else is a placeholder.
    if (/^[\w.,\s=<>+\-%]{1,24}$/.test(inner) && inner.trim()) b.addVerbatim(inner, innerStart);
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
      const keys = splitKeys(rawText(lastMandatory(m), this.source));
      b.addReference('cite', keys, `[cite:${keys.join(',')}]`, s, this.macroEnd(m));
      return 0;
    }
    if (M.REF_MACROS.has(name)) {
      const keys = splitKeys(rawText(lastMandatory(m), this.source));
      b.addReference('ref', keys, `[ref:${keys.join(',')}]`, s, this.macroEnd(m));
      return 0;
    }
    if (name === 'url' || name === 'href') {
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
    if (name === 'footnote' || name === 'footnotetext') {
      const fb = new TextBuilder();
      this.walkNodes(lastMandatory(m), fb);
      this.emit(fb, 'footnote');
      return 0;
    }
    if (name === 'caption' || name === 'captionof' || name === 'subcaption') {
      const cb = new TextBuilder();
      this.walkNodes(lastMandatory(m), cb);
      this.emit(cb, 'caption');
      return 0;
    }
    if (M.DEFINE_MACROS.has(name)) {
      this.defineMacro(m);
      return 0;
    }
    if (name === 'def') return this.def(nodes, i);
    if (name === 'newacronym' || name === 'acro' || name === 'DeclareAcronym' || name === 'newglossaryentry') {
      this.defineAcronym(m);
      return 0;
    }
    if (M.INPUT_MACROS.has(name)) {
      const args = mandatoryArgs(m).map((a) => rawText(a, this.source).trim());
      const target = name === 'import' || name === 'subimport' || name.endsWith('from') ? (args[0] ?? '') + (args[1] ?? '') : args[0] ?? '';
      this.flush();
      this.items.push({ type: 'input', command: name, target, start: s, end: this.macroEnd(m) });
      return 0;
    }
    if (M.ACRONYM_SHORT.has(name) || M.ACRONYM_LONG.has(name) || M.ACRONYM_FULL.has(name)) {
      const key = rawText(lastMandatory(m), this.source).trim();
      const short = this.lookup(`acronym:${key}`) ?? key;
      const long = this.lookup(`acronym-long:${key}`);
      let text = M.ACRONYM_LONG.has(name) && long ? long : M.ACRONYM_FULL.has(name) && long ? `${long} (${short})` : short;
      if (/p$|pl$/.test(name) && !text.endsWith('s')) text += 's';
      if (/^[A-Z]/.test(name)) text = text[0].toUpperCase() + text.slice(1);
      b.addReplacement(text, s, this.macroEnd(m));
      return 0;
    }
    if (name === 'SI' || name === 'qty' || name === 'num' || name === 'si' || name === 'SIrange' || name === 'qtyrange') {
      const args = mandatoryArgs(m);
      const parts = args.map((a) => this.unitText(a)).filter(Boolean);
      const text = name.endsWith('range') ? `${parts[0]} to ${parts[1]} ${parts[2] ?? ''}`.trim() : parts.join(name === 'num' || name === 'si' ? '' : ' ');
      b.addReplacement(text.replace(/\s+%/, '%'), s, this.macroEnd(m));
      return 0;
    }
    if (name === 'multicolumn' || name === 'multirow') {
      this.walkNodes(lastMandatory(m), b);
      return 0;
    }
    if (name === 'texorpdfstring') {
      this.walkNodes(mandatoryArgs(m)[0] ?? [], b);
      return 0;
    }
    if (M.ALGORITHM_LINE_MACROS.has(name)) {
      b = this.startListItem(b);
      this.walkNodes(lastMandatory(m), b);
      return 0;
    }
    if (M.ALGORITHM_ARG_MACROS.has(name)) {
      b = this.startListItem(b);
      for (const arg of mandatoryArgs(m)) {
        this.walkNodes(arg, b);
        b.addSpace(this.macroEnd(m), this.macroEnd(m));
      }
      return 0;
    }
    if (name === 'item') {
      b = this.startListItem(b);
      // description lists: `\item[Label]` reads as "Label".
      const label = (m.args ?? []).find((a) => a.openMark === '[');
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
      b.addReplacement(M.SYMBOLS[name], s, this.macroEnd(m));
      return 0;
    }
    if (M.SPACE_MACROS.has(name)) {
      b.addSpace(s, this.macroEnd(m));
      return 0;
    }
    if (M.TEXT_ARG_MACROS.has(name)) {
      for (const arg of mandatoryArgs(m)) this.walkNodes(arg, b);
      return 0;
    }
    if (M.SKIP_MACROS.has(name)) {
      // A skipped macro's braced arguments may not be attached (`\vspace` yes, `\cmidrule(lr)` no):
      // swallow groups that follow it directly.
      let k = i + 1;
      while (nodes[k]?.type === 'group' && start(nodes[k]) === (end(nodes[k - 1]) ?? -1)) k++;
      return k - i - 1;
    }
    const text = this.lookup(name);
    if (text !== undefined) {
      // A user text macro; `\method{}` and `\method\ ` keep the following space semantics simple.
      const next = nodes[i + 1];
      const emptyGroup = next?.type === 'group' && next.content.length === 0 && start(next) === end(m);
      b.addReplacement(text, s, emptyGroup ? end(next)! : this.macroEnd(m));
      return emptyGroup ? 1 : 0;
    }
    // Unknown macros: read attached braced arguments as prose (they are usually formatting).
    for (const arg of mandatoryArgs(m)) this.walkNodes(arg, b);
    return 0;
  }

  /** A `\item` or algorithm line ends the paragraph and opens a list item, unless inside a cell or caption. */
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
    } else if (m.content === 'acro' && args.length >= 2) {
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
    if (M.SKIP_ENVS.has(name) || env.type === 'mathenv') {
      // Display math inside a paragraph keeps the paragraph going ("we minimize … where x is").
      b.addSpace(start(env) ?? 0, end(env) ?? 0);
      return;
    }
    if (name === 'document') {
      this.walkNodes(env.content);
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
    const isBlockEnv = M.LIST_ENVS.has(name) || M.ALGORITHM_ENVS.has(name) || name.startsWith('algorithm') ||
      /^(figure|table|wrapfigure|wraptable|subfigure|subtable|minipage|center)\*?$/.test(name);
    if (isBlockEnv && b === this.para) {
      this.flush();
      this.walkNodes(env.content);
      this.flush();
      return;
    }
    // Theorems, quotes, boxes and unknown environments hold prose: read them in place.
    this.walkNodes(env.content, b);
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
