import * as path from 'node:path';
import type { Format } from './model';
import type { FileHost } from './host';

// LaTeX projects: which file is the root of a draft, and where an \input points.

export function formatOf(file: string): Format | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.tex' || ext === '.latex' || ext === '.ltx') return 'latex';
  if (ext === '.md' || ext === '.markdown' || ext === '.qmd' || ext === '.rmd') return 'markdown';
  return undefined;
}

const MAGIC_ROOT = /^[ \t]*%[ \t]*!T[eE]X[ \t]+root[ \t]*=[ \t]*(.+?)[ \t]*$/m;
const DOCUMENTCLASS = /^[^%\n]*\\documentclass\b/m;
const INPUT_COMMAND = /^[^%\n]*?\\(input|include|subfile|import|subimport|inputfrom|subinputfrom|includefrom)\s*\{([^{}]*)\}(?:\s*\{([^{}]*)\})?/gm;
/** How far up from a file to look for the root that inputs it. */
const ROOT_SEARCH_LEVELS = 3;

export interface RootInfo {
  root: string;
  via: 'magic-comment' | 'documentclass' | 'includer' | 'self';
}

export function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The root of a LaTeX file: `% !TEX root = …` (first 30 lines), else the file itself when it has
 * `\documentclass`, else a file up to three folders above that inputs it (not above the top of a
 * git repository, nor outside `projectDir`), else the file itself.
 */
export function findLatexRoot(host: FileHost, file: string, projectDir?: string): RootInfo {
  const read = host.read(file);
  if (!read.ok) return { root: file, via: 'self' };
  const head = read.text.split(/\r?\n|\r/, 30).join('\n');
  const magic = MAGIC_ROOT.exec(head);
  if (magic) {
    const target = path.resolve(path.dirname(file), magic[1]);
    const allowed = !projectDir || isInside(target, projectDir);
    if (allowed && target !== file && host.exists(target)) return { root: target, via: 'magic-comment' };
  }
  if (DOCUMENTCLASS.test(read.text)) return { root: file, via: 'documentclass' };
  let dir = path.dirname(file);
  for (let level = 0; level <= ROOT_SEARCH_LEVELS; level++) {
    if (projectDir && !isInside(dir, projectDir)) break;
    for (const candidate of host.listTexFiles(dir)) {
      if (candidate === file) continue;
      const text = host.read(candidate);
      if (text.ok && DOCUMENTCLASS.test(text.text) && inputsTransitively(host, candidate, file)) {
        return { root: candidate, via: 'includer' };
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir || host.isRepositoryTop(dir)) break;
    dir = parent;
  }
  return { root: file, via: 'self' };
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
    for (const m of read.text.matchAll(INPUT_COMMAND)) {
      const spec = m[1].endsWith('import') || m[1].endsWith('from') ? (m[2] ?? '') + (m[3] ?? '') : m[2];
      const resolved = resolveInput(host, spec, rootDir, path.dirname(file));
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
  const clean = spec.trim().replace(/^"|"$/g, '');
  if (!clean) return [];
  const names = /\.(tex|ltx|latex)$/i.test(clean) ? [clean] : [`${clean}.tex`, clean];
  const dirs = rootDir === includerDir ? [rootDir] : [rootDir, includerDir];
  return dirs.flatMap((d) => names.map((n) => path.resolve(d, n)));
}
