import { relativePath } from './outline';
import type { LintResult } from './rules/engine';
import { maxOf } from './arrays';

// One row per document for batch triage (`actionable score`): the reviewer's table.

export interface ScoreRow {
  root: string;
  kind: string;
  concreteness: number;
  validation: number;
  quadrant: string;
  checklistMet: number;
  checklistApplicable: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function scoreRow(result: LintResult, cwd: string): ScoreRow {
  const count = (severity: string) => result.findings.filter((f) => f.severity === severity).length;
  return {
    root: relativePath(result.doc.root, cwd),
    kind: result.kind.kind,
    concreteness: result.score.concreteness,
    validation: result.score.validation,
    quadrant: result.score.quadrant,
    checklistMet: result.checklist.filter((c) => c.status === 'met').length,
    checklistApplicable: result.checklist.filter((c) => c.status !== 'not-applicable').length,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
  };
}

const COLUMNS: Array<keyof ScoreRow> = ['root', 'kind', 'concreteness', 'validation', 'quadrant', 'checklistMet', 'checklistApplicable', 'errors', 'warnings', 'infos'];

/** RFC 4180 CSV: quote fields with commas, quotes or line breaks. */
export function formatCsv(rows: ScoreRow[]): string {
  const field = (v: unknown) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => field(r[c])).join(','))].join('\n') + '\n';
}

export function formatJsonl(rows: ScoreRow[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
}

export function formatTable(rows: ScoreRow[]): string {
  const header = ['document', 'kind', 'concr.', 'valid.', 'quadrant', 'checklist', 'errors', 'warnings'];
  const body = rows.map((r) => [r.root, r.kind, r.concreteness.toFixed(2), r.validation.toFixed(2), r.quadrant, `${r.checklistMet}/${r.checklistApplicable}`, String(r.errors), String(r.warnings)]);
  const widths = header.map((h, i) => Math.max(h.length, maxOf(body.map((row) => row[i].length), 0)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 && i !== 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n') + '\n';
}
