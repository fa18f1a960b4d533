import * as path from 'node:path';
import type { PaperDocument } from '../server/src/core/model';
import { positionAt } from '../server/src/core/source';

// Helpers shared by the eval reports (scripts/eval.ts, scripts/eval-real.ts).

/** The 13 rules of PRODUCT.md, in checklist order. */
export const RULE_IDS = [
  'goal-statement', 'audience', 'concrete-action', 'empirical-validation', 'toy-only-setup', 'missing-baselines',
  'grading-on-a-curve', 'generalization', 'specificity', 'faithfulness', 'audience-usefulness', 'vague-action', 'understanding-only',
] as const;

/** "file:line" of an offset, with the file relative to rootDir. */
export function where(doc: PaperDocument, rootDir: string, file: string, offset: number): string {
  const source = doc.sources.get(file);
  const line = source ? positionAt(source, offset).line + 1 : 0;
  return `${path.relative(rootDir, file)}:${line}`;
}

export function fmt(x: number | undefined): string {
  return x === undefined ? 'n/a' : x.toFixed(2);
}

/** A plain-text table: a header, a rule, and the rows, columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
