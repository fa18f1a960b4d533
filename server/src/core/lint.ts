import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ModelBuilder } from './build';
import { formatOf } from './project';
import { lintDocument, type LintConfig, type LintResult } from './rules/engine';
import type { Lexicons } from './rules/lexicon';
import type { Rule } from './rules/types';

// The one entry point every face uses to lint: paths in, one result per document out.

/** Ignore patterns (gitignore syntax) that apply below `base`. */
export interface IgnoreRules {
  base: string;
  patterns: string[];
}

/**
 * Expands files and folders into draft files. Folders are searched recursively, skipping dot-folders
 * and node_modules, and honouring every `.gitignore` on the way and the given `ignore` rules (from
 * the config). A file named explicitly is always linted; `.txt` files only when named.
 */
export function expandPaths(inputs: string[], ignores: IgnoreRules[] = []): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
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
    if (stat.isDirectory()) files.push(...walk(abs, matchers));
    else files.push(abs);
  }
  return { files: [...new Set(files)], missing };
}

type Matcher = { base: string; ig: Ignore };

/**
 * Drafts a folder search picks up. Plain `.txt` files are drafts only when named (or matched by a
 * shell glob): in a folder they are mostly READMEs, notes and requirements lists, not papers.
 */
function searchedFormat(file: string): boolean {
  const format = formatOf(file);
  return format !== undefined && format !== 'text';
}

function walk(dir: string, inherited: Matcher[]): string[] {
  const matchers = [...inherited];
  const gitignore = path.join(dir, '.gitignore');
  if (fs.existsSync(gitignore)) matchers.push({ base: dir, ig: ignore().add(fs.readFileSync(gitignore, 'utf8')) });
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
      if (!ignored(p, true)) out.push(...walk(p, matchers));
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
): LintResult[] {
  const seen = new Set<string>();
  const results: LintResult[] = [];
  for (const file of files) {
    const { root } = builder.rootOf(file);
    if (seen.has(root)) continue;
    seen.add(root);
    results.push(lintDocument(builder.build(root), rules, lexicons, typeof config === 'function' ? config(root) : config));
  }
  return results;
}
