import Ajv2020 from 'ajv/dist/2020';
import { relativePath } from './outline';
import type { LintResult } from './rules/engine';

// Bulk suppressions, as ESLint does them: `--suppress-all` records how many findings of each rule
// each file has; later runs hide them as long as the count does not grow, so a team can adopt the
// linter on an old draft and fail only on new problems. When a count grows, every finding of that
// rule in that file is shown again (which one is new cannot be known).

export type Suppressions = Record<string, Record<string, { count: number }>>;

/** What a suppressions file must look like: per file, per rule id, a whole count (1e999 is not a count). */
const SCHEMA = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    additionalProperties: { type: 'object', required: ['count'], additionalProperties: false, properties: { count: { type: 'integer', minimum: 0, maximum: 1_000_000 } } },
  },
};
let validateShape: ReturnType<Ajv2020['compile']> | undefined;

/** Reads a suppressions file's text (a BOM is allowed): its counts, or why it is not one. */
export function parseSuppressions(text: string): { ok: true; suppressions: Suppressions } | { ok: false; reason: string } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})` };
  }
  validateShape ??= new Ajv2020({ allErrors: false, strict: false }).compile(SCHEMA);
  if (!validateShape(data)) {
    const e = validateShape.errors?.[0];
    const at = e ? e.instancePath.split('/').filter(Boolean).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).join(' › ') : '';
    return { ok: false, reason: `${at ? `${at}: ` : ''}${e?.message ?? 'not a suppressions file'}` };
  }
  return { ok: true, suppressions: data as Suppressions };
}

/** Findings that input problems and the engine itself raise are never suppressed. */
const NEVER = new Set(['input', 'internal']);

function countsOf(results: LintResult[], cwd: string): Suppressions {
  const out: Suppressions = {};
  for (const r of results) {
    for (const f of r.findings) {
      if (NEVER.has(f.ruleId)) continue;
      const file = relativePath(f.range.file, cwd);
      out[file] ??= {};
      out[file][f.ruleId] = { count: (out[file][f.ruleId]?.count ?? 0) + 1 };
    }
  }
  return out;
}

/** The suppressions that record every current finding (`--suppress-all`), merged into `existing`. */
export function suppressAll(results: LintResult[], cwd: string, existing: Suppressions = {}): Suppressions {
  const merged: Suppressions = structuredClone(existing);
  for (const [file, rules] of Object.entries(countsOf(results, cwd))) merged[file] = { ...merged[file], ...rules };
  return sortKeys(merged);
}

/** Counts lowered to what the current run finds, for the files it linted (`--prune-suppressions`). */
export function prune(results: LintResult[], cwd: string, existing: Suppressions): Suppressions {
  const current = countsOf(results, cwd);
  const linted = new Set(results.flatMap((r) => r.doc.files.map((f) => relativePath(f, cwd))));
  const out: Suppressions = {};
  for (const [file, rules] of Object.entries(existing)) {
    for (const [ruleId, { count }] of Object.entries(rules)) {
      const now = linted.has(file) ? Math.min(count, current[file]?.[ruleId]?.count ?? 0) : count;
      if (now > 0) (out[file] ??= {})[ruleId] = { count: now };
    }
  }
  return sortKeys(out);
}

/** Removes suppressed findings from the results (in place); returns how many were hidden. */
export function applySuppressions(results: LintResult[], cwd: string, suppressions: Suppressions): number {
  const current = countsOf(results, cwd);
  let hidden = 0;
  for (const r of results) {
    r.findings = r.findings.filter((f) => {
      const file = relativePath(f.range.file, cwd);
      const allowed = suppressions[file]?.[f.ruleId]?.count ?? 0;
      const keep = NEVER.has(f.ruleId) || (current[file]?.[f.ruleId]?.count ?? 0) > allowed;
      if (!keep) hidden++;
      return keep;
    });
  }
  return hidden;
}

function sortKeys(s: Suppressions): Suppressions {
  return Object.fromEntries(Object.keys(s).sort().map((file) => [file, Object.fromEntries(Object.keys(s[file]).sort().map((id) => [id, s[file][id]]))]));
}
