import { pageAt } from '../pdf/prepare';
import type { PaperDocument, SourceRange } from '../model';
import { relativePath } from '../outline';
import type { LintResult } from '../rules/engine';
import type { Finding, Fix } from '../rules/types';
import { positionAt } from '../source';

// The version-1 JSON contract of `actionable lint --format json`, and the plain objects the other
// formats render. Paths are relative to the working directory with `/`; lines and columns are
// 1-based, columns in UTF-16 code units; end positions are exclusive. Changes are additive only.

export interface JsonLocation {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** In a PDF: the page (lines and columns are those of its Markdown rendering), and the text quoted. */
  page?: number;
  excerpt?: string;
}

export interface JsonFinding extends JsonLocation {
  ruleId: string;
  severity: Finding['severity'];
  /** What is missing and what to do, in one short line. */
  message: string;
  /** The evidence: what was searched where and what was found (the longer text of earlier versions). */
  detail?: string;
  checklistStep: number | null;
  fixable: boolean;
  related?: Array<JsonLocation & { message: string }>;
  fix?: JsonFix;
  suggestions?: JsonFix[];
}

export interface JsonFix {
  title: string;
  edits: Array<JsonLocation & { start: number; end: number; text: string }>;
}

export interface JsonDocument {
  root: string;
  files: string[];
  kind: string;
  score: { concreteness: number; validation: number; quadrant: string };
  checklist: Array<{ step: number; title: string; status: string; evidence: Array<{ file: string; line: number }> }>;
  findings: JsonFinding[];
  /** With a bar (`require`, `--min-…`): whether the document meets it, and each shortfall. */
  bar?: { required: Record<string, unknown>; passed: boolean; shortfalls: string[] };
}

export interface JsonReport {
  version: 1;
  documents: JsonDocument[];
}

export function locate(doc: PaperDocument, range: SourceRange, cwd: string): JsonLocation {
  const file = doc.sources.get(range.file) ?? { path: range.file, text: '', lineStarts: [0] };
  const from = positionAt(file, range.start);
  const to = positionAt(file, range.end);
  const at: JsonLocation = { file: relativePath(range.file, cwd), line: from.line + 1, column: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
  const page = pageAt(file, range.start);
  if (page !== undefined) {
    at.page = page;
    // A PDF's reader finds the place by its words: the flagged text, or the start of its paragraph.
    const end = range.end > range.start ? range.end : file.text.indexOf('\n', range.start);
    at.excerpt = file.text.slice(range.start, Math.min(end < 0 ? file.text.length : end, range.start + 160)).replace(/\\(.)/g, '$1').replace(/\s+/g, ' ').trim();
  }
  return at;
}

function fixToJson(doc: PaperDocument, fix: Fix, cwd: string): JsonFix {
  return { title: fix.title, edits: fix.edits.map((e) => ({ ...locate(doc, e, cwd), start: e.start, end: e.end, text: e.text })) };
}

export function toJsonDocument(result: LintResult, cwd: string): JsonDocument {
  const { doc } = result;
  return {
    root: relativePath(doc.root, cwd),
    files: doc.files.map((f) => relativePath(f, cwd)),
    kind: result.kind.kind,
    score: { concreteness: result.score.concreteness, validation: result.score.validation, quadrant: result.score.quadrant },
    checklist: result.checklist.map((c) => ({
      step: c.step,
      title: c.title,
      status: c.status,
      // Several rules often cite the same line; the contract keeps file and line only, so list each once.
      evidence: uniqueBy(
        c.evidence.map((e) => {
          const at = locate(doc, e.range, cwd);
          return { file: at.file, line: at.line };
        }),
        (e) => `${e.file}:${e.line}`,
      ),
    })),
    findings: result.findings.map((f) => {
      const out: JsonFinding = {
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        ...(f.detail ? { detail: f.detail } : {}),
        ...locate(doc, f.range, cwd),
        checklistStep: f.checklistStep,
        fixable: Boolean(f.fix),
      };
      if (f.related.length) out.related = f.related.map((r) => ({ ...locate(doc, r.range, cwd), message: r.message }));
      if (f.fix) out.fix = fixToJson(doc, f.fix, cwd);
      if (f.suggestions.length) out.suggestions = f.suggestions.map((s) => fixToJson(doc, s, cwd));
      return out;
    }),
    ...(result.bar ? { bar: { required: { ...result.bar.required }, passed: result.bar.shortfalls.length === 0, shortfalls: result.bar.shortfalls.map((s) => s.message) } } : {}),
  };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function formatJson(results: LintResult[], cwd: string): string {
  const report: JsonReport = { version: 1, documents: results.map((r) => toJsonDocument(r, cwd)) };
  return JSON.stringify(report) + '\n';
}
