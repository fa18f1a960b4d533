import * as path from 'node:path';
import type { Format } from './model';
import type { FileHost } from './host';
import { isInside } from './project-boundary';

export { isInside };

// LaTeX projects: which file is the root of a draft, and where an \input points.

export function formatOf(file: string): Format | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.tex' || ext === '.latex' || ext === '.ltx') return 'latex';
  if (ext === '.md' || ext === '.markdown' || ext === '.qmd' || ext === '.rmd') return 'markdown';
  if (ext === '.txt') return 'text';
  if (ext === '.pdf') return 'pdf';
  return undefined;
}

/** The name runs to the end of its line, trimmed in code: a lazy name before `[ \t]*$` was quadratic on long runs of spaces. */
const MAGIC_ROOT = /^[ \t]*%[ \t]*!T[eE]X[ \t]+root[ \t]*=[ \t]*([^\n]*)$/m;
const DOCUMENTCLASS = /\\documentclass(?![A-Za-z@])/;
/** A `subfiles` child names its root in the class option: `\documentclass[../main.tex]{subfiles}`. */
const SUBFILES_CLASS = /\\documentclass\s*\[([^\]]*)\]\s*\{\s*subfiles\s*\}/;
const BEGIN_DOCUMENT = /\\begin\s*\{document\}/;
/**
 * Commands that read another file, anywhere in the text (inside `\resizebox{…}{!}{\input{t}}` too):
 * braced names, the two-argument \import family, and TeX's brace-less `\input name` (the name runs
 * up to a space).
 */
const INPUT_SCAN = /\\(input|include|subfile|import|subimport|inputfrom|subinputfrom|includefrom)(?![A-Za-z@])\s*(?:\{([^{}]*)\}(?:\s*\{([^{}]*)\})?|([^\s{}%\\]+))?/g;
const BRACELESS_INPUT = /\\input(?![A-Za-z@])[ \t]*([^\s{}%\\]+)/y;
/** How far up from a file to look for the root that inputs it. */
const ROOT_SEARCH_LEVELS = 3;
/** Names that roots usually have: when two documents input a file, these are tried first. */
const ROOT_NAMES = /^(main|paper|root|ms|manuscript|article|thesis)\.tex$/i;
/** How many `subfiles` parents to follow (a child's root may be a child itself). */
const SUBFILES_DEPTH = 8;

export interface RootInfo {
  root: string;
  via: 'magic-comment' | 'documentclass' | 'includer' | 'subfiles' | 'self';
}

/** The text with every `%` comment replaced by spaces (same length, so offsets still hold). */
export function blankComments(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++;
      continue;
    }
    if (c !== 37 /* % */) continue;
    let end = i;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    out += text.slice(last, i) + ' '.repeat(end - i);
    last = end;
    i = end - 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

export interface InputRef {
  command: string;
  /** The file name as written (for \import: folder and name joined). */
  spec: string;
  /** Offset of the command's backslash. */
  index: number;
}

/** Every command that reads another file, by a quick scan that does not parse (comments skipped). */
export function scanInputs(text: string): InputRef[] {
  const refs: InputRef[] = [];
  for (const m of blankComments(text).matchAll(INPUT_SCAN)) {
    const command = m[1];
    let spec: string | undefined;
    if (m[2] !== undefined) spec = command.endsWith('import') || command.endsWith('from') ? m[2] + (m[3] ?? '') : m[2];
    else if (m[4] !== undefined && command === 'input') spec = m[4];
    if (spec === undefined || spec.includes('#')) continue;
    refs.push({ command, spec, index: m.index! });
  }
  return refs;
}

/**
 * TeX's brace-less `\input name` at `at` (the backslash): the name as written, up to a space, and
 * where it ends. Undefined when the command there is not a brace-less \input.
 */
export function braceLessInput(text: string, at: number): { spec: string; end: number } | undefined {
  BRACELESS_INPUT.lastIndex = at;
  const m = BRACELESS_INPUT.exec(text);
  return m ? { spec: m[1], end: at + m[0].length } : undefined;
}

/**
 * The root of a LaTeX file: `% !TEX root = …` (first 30 lines); else, for a `subfiles` child, the
 * root its class option names (when that root reads it); else the file itself when it is a document (its `\documentclass`
 * written in it or in a file its preamble inputs); else a file up to three folders above that
 * inputs it (not above the top of a git repository, nor outside `projectDir`); else the file itself.
 * A preamble file (`\documentclass` but no `\begin{document}`) goes to the document that inputs it.
 * When several documents in a folder input the file, `main.tex` (or `paper.tex`, `ms.tex`…) wins,
 * then the first by name.
 */
export function findLatexRoot(host: FileHost, file: string, projectDir?: string): RootInfo {
  return rootOf(host, file, projectDir, 0);
}

function rootOf(host: FileHost, file: string, projectDir: string | undefined, depth: number): RootInfo {
  const read = host.read(file);
  if (!read.ok) return { root: file, via: 'self' };
  const allowed = (target: string) => !projectDir || isInside(target, projectDir);
  const magic = magicRoot(host, file, read.text, projectDir);
  if (magic?.target) {
    // A chain of magic comments (a section file names its chapter, the chapter names main.tex) leads
    // to the last; a cycle stops where it would come back.
    const next = depth < SUBFILES_DEPTH ? rootOf(host, magic.target, projectDir, depth + 1) : undefined;
    return { root: next && next.via === 'magic-comment' && next.root !== file ? next.root : magic.target, via: 'magic-comment' };
  }
  const code = blankComments(read.text);
  const parent = subfilesParent(host, file, code);
  if (parent && allowed(parent) && depth < SUBFILES_DEPTH) {
    // A child its root never reads (left out of the \subfile list) is a document of its own.
    const up = rootOf(host, parent, projectDir, depth + 1);
    if (inputsTransitively(host, up.root, file)) return { root: up.root, via: 'subfiles' };
  }
  const isDocument = BEGIN_DOCUMENT.test(code);
  if (isDocument && (DOCUMENTCLASS.test(code) || preambleHasClass(host, file, code))) return { root: file, via: 'documentclass' };
  // A fragment (or a preamble file): look for the document that inputs it.
  let dir = path.dirname(file);
  for (let level = 0; level <= ROOT_SEARCH_LEVELS; level++) {
    if (projectDir && !isInside(dir, projectDir)) break;
    const conventional = (f: string) => (ROOT_NAMES.test(path.basename(f)) ? 0 : 1);
    for (const candidate of host.listTexFiles(dir).sort((a, b) => conventional(a) - conventional(b) || (a < b ? -1 : a > b ? 1 : 0))) {
      if (candidate === file) continue;
      const text = host.read(candidate);
      if (!text.ok) continue;
      const candidateCode = blankComments(text.text);
      if (!DOCUMENTCLASS.test(candidateCode) && !(BEGIN_DOCUMENT.test(candidateCode) && preambleHasClass(host, candidate, candidateCode))) continue;
      if (!inputsTransitively(host, candidate, file)) continue;
      const via = subfilesParent(host, candidate, candidateCode);
      if (via && allowed(via) && depth < SUBFILES_DEPTH) return { root: rootOf(host, via, projectDir, depth + 1).root, via: 'includer' };
      return { root: candidate, via: 'includer' };
    }
    const up = path.dirname(dir);
    if (up === dir || host.isRepositoryTop(dir)) break;
    dir = up;
  }
  if (DOCUMENTCLASS.test(code)) return { root: file, via: 'documentclass' };
  return { root: file, via: 'self' };
}

export interface MagicRoot {
  /** The name as written after `% !TEX root =`. */
  spec: string;
  /** Offset of the comment's `%`. */
  start: number;
  end: number;
  /** The root it names, when that is an existing file inside the project. */
  target?: string;
  /** Why the root it names was refused (outside the project, a link out): it was not read. */
  refused?: string;
}

/**
 * The `% !TEX root = …` comment in a file's first 30 lines and where it leads. A root outside
 * `projectDir`, by its path or through a symbolic link, is refused and never read.
 */
export function magicRoot(host: FileHost, file: string, text: string, projectDir: string | undefined): MagicRoot | undefined {
  const head = text.split(/\r?\n|\r/, 30).join('\n');
  const m = MAGIC_ROOT.exec(head);
  const spec = m?.[1].trimEnd();
  if (!m || !spec) return undefined;
  // The head joins lines with \n: map the match back to the text (a \r\n file has longer lines).
  const line = head.slice(0, m.index).split('\n').length - 1;
  const lineStart = lineOffset(text, line);
  const start = lineStart + text.slice(lineStart).indexOf('%');
  const out: MagicRoot = { spec, start, end: start + m[0].trimStart().length };
  const target = path.resolve(path.dirname(file), spec);
  if (target === file) return out;
  if (projectDir && !isInside(target, projectDir)) out.refused = `points outside the project folder (${projectDir})`;
  else if (projectDir && !isInside(host.realPath(target), host.realPath(projectDir))) out.refused = `is a link to ${host.realPath(target)}, outside the project folder (${projectDir})`;
  else if (host.exists(target)) out.target = target;
  return out;
}

function lineOffset(text: string, line: number): number {
  const re = /\r?\n|\r/g;
  let offset = 0;
  for (let i = 0; i < line; i++) {
    const m = re.exec(text);
    if (!m) return text.length;
    offset = m.index + m[0].length;
  }
  return offset;
}

/**
 * Whether a LaTeX file is a fragment: no `\\documentclass` (nor a subfiles class) and no
 * `\\begin{document}` of its own, so not a document unless some document inputs it.
 */
export function isLatexFragment(host: FileHost, file: string): boolean {
  if (formatOf(file) !== 'latex') return false;
  const read = host.read(file);
  if (!read.ok) return false;
  const code = blankComments(read.text);
  return !DOCUMENTCLASS.test(code) && !BEGIN_DOCUMENT.test(code);
}

/** The root a `subfiles` child names (`\documentclass[../main.tex]{subfiles}`), if it exists. */
function subfilesParent(host: FileHost, file: string, code: string): string | undefined {
  const m = SUBFILES_CLASS.exec(code);
  if (!m) return undefined;
  const spec = m[1].trim();
  if (!spec) return undefined;
  const target = resolveInput(host, spec, path.dirname(file), path.dirname(file));
  return target && target !== file ? target : undefined;
}

/** Whether a file that has no `\documentclass` of its own inputs one before `\begin{document}`. */
function preambleHasClass(host: FileHost, file: string, code: string): boolean {
  const begin = BEGIN_DOCUMENT.exec(code);
  const preamble = begin ? code.slice(0, begin.index) : code;
  const dir = path.dirname(file);
  const seen = new Set<string>([file]);
  const queue: Array<{ text: string; dir: string; depth: number }> = [{ text: preamble, dir, depth: 0 }];
  while (queue.length > 0) {
    const next = queue.shift()!;
    for (const ref of scanInputs(next.text)) {
      const target = resolveInput(host, ref.spec, dir, next.dir);
      if (!target || seen.has(target) || !isInside(target, dir)) continue;
      seen.add(target);
      const read = host.read(target);
      if (!read.ok) continue;
      const text = blankComments(read.text);
      if (DOCUMENTCLASS.test(text)) return true;
      if (next.depth < 3) queue.push({ text, dir: path.dirname(target), depth: next.depth + 1 });
    }
  }
  return false;
}

/** Whether `root`'s \input graph reaches `target`, by a quick scan that does not parse. */
function inputsTransitively(host: FileHost, root: string, target: string): boolean {
  const seen = new Set<string>([root]);
  const queue = [root];
  const rootDir = path.dirname(root);
  while (queue.length > 0 && seen.size < 500) {
    const file = queue.shift()!;
    const read = host.read(file);
    if (!read.ok) continue;
    for (const ref of scanInputs(read.text)) {
      const resolved = resolveInput(host, ref.spec, rootDir, path.dirname(file));
      if (!resolved) continue;
      if (resolved === target) return true;
      if (!seen.has(resolved) && isInside(resolved, rootDir)) {
        seen.add(resolved);
        queue.push(resolved);
      }
    }
  }
  return false;
}

/**
 * Where an \input target points: relative to the root's folder as LaTeX resolves it, then to the
 * including file's folder (\subfile, \import), with or without `.tex`. Returns undefined if no file
 * exists; the candidate path is returned by `inputCandidates` for messages.
 */
export function resolveInput(host: FileHost, spec: string, rootDir: string, includerDir: string): string | undefined {
  for (const candidate of inputCandidates(spec, rootDir, includerDir)) if (host.exists(candidate)) return candidate;
  return undefined;
}

export function inputCandidates(spec: string, rootDir: string, includerDir: string): string[] {
  const clean = cleanSpec(spec);
  if (!clean) return [];
  const names = /\.(tex|ltx|latex)$/i.test(clean) ? [clean] : [`${clean}.tex`, clean];
  const dirs = rootDir === includerDir ? [rootDir] : [rootDir, includerDir];
  return dirs.flatMap((d) => names.map((n) => path.resolve(d, n)));
}

function cleanSpec(spec: string): string {
  return spec.trim().replace(/^"|"$/g, '');
}

/**
 * The file name an \input asks for, as its author wrote it, for messages: `sections/missing` →
 * `sections/missing.tex`, `fig/plot.pgf` stays `fig/plot.pgf` (TeX tries `.tex` first only when
 * the name has no extension of its own).
 */
export function writtenFileName(spec: string): string {
  const clean = cleanSpec(spec);
  return /\.[A-Za-z0-9]+$/.test(path.posix.basename(clean.replace(/\\/g, '/'))) ? clean : `${clean}.tex`;
}
