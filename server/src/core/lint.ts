import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import picomatch from 'picomatch';
import { globSync, isDynamicPattern } from 'tinyglobby';
import type { ModelBuilder } from './build';
import { formatOf, isInside, isLatexFragment } from './project';
import { MAX_IGNORE_SIZE, ProjectBoundary, readRegularFile } from './project-boundary';
import { lintDocument, type LintConfig, type LintResult } from './rules/engine';
import type { Lexicons } from './rules/lexicon';
import type { Rule } from './rules/types';
import { append } from './arrays';
import { countEvent, timed } from './timing';
import type { LintCache } from './cache/lint-cache';

// The one entry point every face uses to lint: paths in, one result per document out.

/** Ignore patterns (gitignore syntax) that apply below `base`. */
export interface IgnoreRules {
  base: string;
  patterns: string[];
}

/**
 * Expands files, folders and glob patterns into draft files. Folders are searched recursively,
 * skipping dot-folders and node_modules, and honouring every `.gitignore` on the way and the given
 * `ignore` rules (from the config, `--ignore-pattern`, and `!pattern` inputs). A glob (`examples/*.md`,
 * `paper/**`, quoted so that the shell leaves it) matches files below the working directory with the same
 * ignores; a pattern that matches nothing is listed in `unmatched`. A file named explicitly is always
 * linted; `.txt` files only when named or matched by a pattern that ends in `.txt`. A `.gitignore`
 * that is not a regular file inside the project (a folder, a link to /dev/zero or out of the
 * repository, over 1 MB) is not read: `warnings` says so, and the search goes on without it.
 */
export function expandPaths(
  inputs: string[],
  ignores: IgnoreRules[] = [],
  options: { boundary?: ProjectBoundary; cwd?: string } = {},
): { files: string[]; missing: string[]; unmatched: string[]; searched: Set<string>; warnings: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const unmatched: string[] = [];
  const warnings: string[] = [];
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const boundary = options.boundary ?? new ProjectBoundary();
  const named = new Set<string>();
  const found: string[] = [];
  // `!drafts/old/**` excludes, relative to the working directory, both as the glob it reads as
  // (braces included: `!**/{README,CHANGELOG}.md`) and as the same line in a .gitignore would.
  const negated = inputs.filter((i) => i.startsWith('!') && !present(path.resolve(cwd, i))).map((i) => i.slice(1));
  const matchers = ignores.map((r) => gitignoreMatcher(path.resolve(r.base), r.patterns));
  if (negated.length) matchers.push(gitignoreMatcher(cwd, negated), globMatcher(cwd, negated));
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    if (input.startsWith('!') && !present(abs)) continue;
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (!stat && isGlobPattern(input)) {
      const matched = globDrafts(input, cwd, matchers, { boundary, project: boundary.enterFolder(cwd), warnings });
      if (matched.length === 0) unmatched.push(input);
      append(files, matched);
      append(found, matched);
    } else if (!stat) {
      missing.push(input);
    } else if (stat.isDirectory()) {
      const inside = walk(abs, matchers, { boundary, project: boundary.enterFolder(abs), warnings });
      append(files, inside);
      append(found, inside);
    } else {
      files.push(abs);
      named.add(abs);
    }
  }
  // Files a folder search or a pattern found (and that were not also named): a fragment among them
  // that no document reaches is not a paper of its own (see lintFiles).
  const searched = new Set(found.filter((f) => !named.has(f)));
  return { files: [...new Set(files)], missing, unmatched, searched, warnings };
}

/** Whether a command-line path is a glob pattern (and not a file that happens to hold `*` or `[`). */
export function isGlobPattern(input: string): boolean {
  return isDynamicPattern(input);
}

/**
 * The drafts a glob matches below `cwd`, through tinyglobby: no dot-folders, no node_modules, links
 * not followed (a link to a folder could lead out of the project or loop), then the same ignores as
 * a folder search, `.gitignore` files included from the working directory down.
 */
function globDrafts(pattern: string, cwd: string, matchers: Matcher[], context: Walk): string[] {
  const txt = /\.txt\}?$/i.test(pattern);
  const matched = globSync(pattern, { cwd, absolute: true, dot: false, onlyFiles: true, followSymbolicLinks: false, expandDirectories: false, ignore: ['**/node_modules/**'] });
  const byFolder = new Map<string, Matcher[]>();
  const out: string[] = [];
  for (const file of matched.map((f) => path.resolve(f))) {
    if (!(txt ? formatOf(file) !== undefined : searchedFormat(file))) continue;
    const chain = gitignoreChain(path.dirname(file), cwd, matchers, context, byFolder);
    if (!isIgnored(chain, file, false)) out.push(file);
  }
  return out.sort();
}

/** The ignore matchers in force in `dir`: the inherited ones and each `.gitignore` from `top` down to `dir`. */
function gitignoreChain(dir: string, top: string, inherited: Matcher[], context: Walk, cache: Map<string, Matcher[]>): Matcher[] {
  const hit = cache.get(dir);
  if (hit) return hit;
  const parent = path.dirname(dir);
  const above = dir === top || !isInside(dir, top) || parent === dir ? inherited : gitignoreChain(parent, top, inherited, context, cache);
  const own = readGitignore(dir, context);
  // A folder that an outer rule ignores hides everything below it, as in a folder search.
  const chain = own ? [...above, own] : above;
  const result = dir !== top && isInside(dir, top) && isIgnored(above, dir, true) ? [...chain, gitignoreMatcher(dir, ['*'])] : chain;
  cache.set(dir, result);
  return result;
}

/** Ignore rules that apply below `base`; `ignores` gets a path relative to it (a folder ends in `/`). */
type Matcher = { base: string; ignores: (relative: string) => boolean };

function gitignoreMatcher(base: string, patterns: string | string[]): Matcher {
  const ig = ignore().add(patterns);
  return { base, ignores: (relative) => ig.ignores(relative) };
}

/** A glob matches a folder too, so that `!drafts/old` and `!drafts/old/**` both exclude what is below. */
function globMatcher(base: string, patterns: string[]): Matcher {
  const matches = picomatch(patterns, { dot: true });
  return { base, ignores: (relative) => matches(relative.replace(/\/$/, '')) || (relative.endsWith('/') && matches(`${relative}x`)) };
}

/** Whether anything (a file, a folder, a link, even a dangling one) has this name. */
function present(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Drafts a folder search picks up. Plain `.txt` files are drafts only when named (or matched by a
 * shell glob): in a folder they are mostly READMEs, notes and requirements lists, not papers.
 */
function searchedFormat(file: string): boolean {
  const format = formatOf(file);
  return format !== undefined && format !== 'text';
}

interface Walk {
  boundary: ProjectBoundary;
  project: string;
  warnings: string[];
}

function walk(dir: string, inherited: Matcher[], context: Walk): string[] {
  const own = readGitignore(dir, context);
  const matchers = own ? [...inherited, own] : inherited;
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!isIgnored(matchers, p, true)) for (const f of walk(p, matchers, context)) out.push(f);
    } else if (entry.isFile() && searchedFormat(p) && !isIgnored(matchers, p, false)) out.push(p);
  }
  return out.sort();
}

/** A folder's `.gitignore` as a matcher, if it has one that is a regular file inside the project. */
function readGitignore(dir: string, context: Walk): Matcher | undefined {
  const gitignore = path.join(dir, '.gitignore');
  if (!present(gitignore)) return undefined;
  const checked = context.boundary.check(gitignore, context.project);
  const read = checked.ok ? readRegularFile(checked.real, MAX_IGNORE_SIZE) : checked;
  if (read.ok) return gitignoreMatcher(dir, read.data.toString('utf8'));
  context.warnings.push(`${gitignore}: ${read.reason.replace(/; it was not read$/, '')}; it was not read and its patterns were not used`);
  return undefined;
}

function isIgnored(matchers: Matcher[], p: string, isDir: boolean): boolean {
  return matchers.some(({ base, ignores }) => {
    const rel = path.relative(base, p).split(path.sep).join('/');
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) && ignores(isDir ? `${rel}/` : rel);
  });
}

/** One document's result: from the cache when nothing it read has changed, else built and linted (and stored). */
export function lintRoot(builder: ModelBuilder, root: string, rules: readonly Rule<any>[], lexicons: Lexicons, config: LintConfig, cache?: LintCache): LintResult {
  const cached = cache?.lookup(root, config, builder.host);
  if (cached) {
    countEvent('cached');
    return cached;
  }
  countEvent('linted');
  cache?.begin(root);
  const doc = timed('model', () => builder.build(root));
  const result = timed('rules', () => lintDocument(doc, rules, lexicons, config));
  cache?.end(root, config, result);
  return result;
}

/**
 * Lints each document once: files that belong to the same LaTeX root share one result. `config`
 * is one config for all, or a function giving the config for a document's root file.
 */
export function lintFiles(
  builder: ModelBuilder,
  files: string[],
  rules: readonly Rule<any>[],
  lexicons: Lexicons,
  config: LintConfig | ((root: string) => LintConfig) = {},
  options: { searched?: ReadonlySet<string>; cache?: LintCache } = {},
): LintResult[] {
  const seen = new Set<string>();
  const results: LintResult[] = [];
  const fragments: string[] = [];
  const configFor = (root: string) => (typeof config === 'function' ? config(root) : config);
  const lintOne = (root: string) => lintRoot(builder, root, rules, lexicons, configFor(root), options.cache);
  for (const file of files) {
    const { root, via } = builder.rootOf(file);
    if (seen.has(root)) continue;
    // A LaTeX fragment a folder search found (a `tables/old.tex`, a section file no root reads) is
    // not a paper: it waits until every document is built, to see whether one of them reaches it.
    if (via === 'self' && options.searched?.has(file) && isLatexFragment(builder.host, file)) {
      fragments.push(file);
      continue;
    }
    seen.add(root);
    results.push(lintOne(root));
  }
  if (fragments.length === 0) return results;
  // A folder of fragments only (section files whose root is elsewhere, or none): each is read as
  // its own document, as when named.
  if (results.length === 0) {
    for (const file of fragments) results.push(lintOne(file));
    return results;
  }
  // As a linter reports a file outside every project once rather than checking it on its own: one
  // `input` warning, under the document nearest to it, for each fragment that no document includes.
  const reached = new Set(results.flatMap((r) => r.doc.files));
  for (const file of fragments) {
    if (reached.has(file)) continue;
    const home = results.find((r) => isInside(file, path.dirname(r.doc.root))) ?? results[0];
    home.findings.push({
      ruleId: 'input',
      severity: 'warning',
      message: 'not included by any document; not linted (name it on the command line to lint it on its own)',
      range: { file, start: 0, end: 0 },
      related: [],
      checklistStep: null,
      suggestions: [],
    });
  }
  return results;
}
