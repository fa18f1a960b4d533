import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModelBuilder } from './build';
import { formatOf } from './project';
import { lintDocument, type LintConfig, type LintResult } from './rules/engine';
import type { Lexicons } from './rules/lexicon';
import type { Rule } from './rules/types';

// The one entry point every face uses to lint: paths in, one result per document out.

/** Expands files and folders into draft files (folders searched recursively, skipping dot-folders and node_modules). */
export function expandPaths(inputs: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      missing.push(input);
      continue;
    }
    if (stat.isDirectory()) files.push(...walk(abs));
    else files.push(abs);
  }
  return { files: [...new Set(files)], missing };
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else if (entry.isFile() && formatOf(p)) out.push(p);
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
