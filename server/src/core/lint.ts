import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ModelBuilder } from './build';
import { formatOf, isInside, isLatexFragment } from './project';
import { MAX_IGNORE_SIZE, ProjectBoundary, readRegularFile } from './project-boundary';
import { lintDocument, type LintConfig, type LintResult } from './rules/engine';
import type { Lexicons } from './rules/lexicon';
import type { Rule } from './rules/types';
import { append } from './arrays';

// The one entry point every face uses to lint: paths in, one result per document out.

/** Ignore patterns (gitignore syntax) that apply below `base`. */
export interface IgnoreRules {
  base: string;
  patterns: string[];
}

/**
 * Expands files and folders into draft files. Folders are searched recursively, skipping dot-folders
 * and node_modules, and honouring every `.gitignore` on the way and the given `ignore` rules (from
 * the config). A file named explicitly is always linted; `.txt` files only when named. A
 * `.gitignore` that is not a regular file inside the project (a folder, a link to /dev/zero or out
 * of the repository, over 1 MB) is not read: `warnings` says so, and the search goes on without it.
 */
export function expandPaths(
  inputs: string[],
  ignores: IgnoreRules[] = [],
  options: { boundary?: ProjectBoundary } = {},
): { files: string[]; missing: string[]; searched: Set<string>; warnings: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const warnings: string[] = [];
  const boundary = options.boundary ?? new ProjectBoundary();
  const named = new Set<string>();
  const found: string[] = [];
  const matchers = ignores.map((r) => ({ base: path.resolve(r.base), ig: ignore().add(r.patterns) }));
  for (const input of inputs) {
    const abs = path.resolve(input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      missing.push(input);
      continue;
    }
    if (stat.isDirectory()) {
      const inside = walk(abs, matchers, { boundary, project: boundary.enterFolder(abs), warnings });
      append(files, inside);
      append(found, inside);
    } else {
      files.push(abs);
      named.add(abs);
    }
  }
  // Files a folder search found (and that were not also named): a fragment among them that no
  // document reaches is not a paper of its own (see lintFiles).
  const searched = new Set(found.filter((f) => !named.has(f)));
  return { files: [...new Set(files)], missing, searched, warnings };
}

type Matcher = { base: string; ig: Ignore };

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
  const matchers = [...inherited];
  const gitignore = path.join(dir, '.gitignore');
  if (present(gitignore)) {
    const checked = context.boundary.check(gitignore, context.project);
    const read = checked.ok ? readRegularFile(checked.real, MAX_IGNORE_SIZE) : checked;
    if (read.ok) matchers.push({ base: dir, ig: ignore().add(read.data.toString('utf8')) });
    else context.warnings.push(`${gitignore}: ${read.reason.replace(/; it was not read$/, '')}; it was not read and its patterns were not used`);
  }
  const ignored = (p: string, isDir: boolean) =>
    matchers.some(({ base, ig }) => {
      const rel = path.relative(base, p).split(path.sep).join('/');
      return rel !== '' && !rel.startsWith('..') && ig.ignores(isDir ? `${rel}/` : rel);
    });
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!ignored(p, true)) for (const f of walk(p, matchers, context)) out.push(f);
    } else if (entry.isFile() && searchedFormat(p) && !ignored(p, false)) out.push(p);
  }
  return out.sort();
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
  options: { searched?: ReadonlySet<string> } = {},
): LintResult[] {
  const seen = new Set<string>();
  const results: LintResult[] = [];
  const fragments: string[] = [];
  const configFor = (root: string) => (typeof config === 'function' ? config(root) : config);
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
    results.push(lintDocument(builder.build(root), rules, lexicons, configFor(root)));
  }
  if (fragments.length === 0) return results;
  // A folder of fragments only (section files whose root is elsewhere, or none): each is read as
  // its own document, as when named.
  if (results.length === 0) {
    for (const file of fragments) results.push(lintDocument(builder.build(file), rules, lexicons, configFor(file)));
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
