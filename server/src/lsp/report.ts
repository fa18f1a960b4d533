import * as path from 'node:path';
import { REPORT_CSS, renderReportBody, sourceLookup } from '../core/formats/html';
import { toJsonDocument } from '../core/formats/report';
import type { LintResult } from '../core/rules/engine';
import { uriOf } from './convert';
import { locationHref, type DocumentSummary, type ReportResult } from './protocol';

// The report view's content: the same body as the HTML report, with locations as links that the
// webview turns into "reveal this line" messages.

export function summarize(result: LintResult, file: string): DocumentSummary {
  return {
    uri: uriOf(file),
    rootUri: uriOf(result.doc.root),
    kind: result.kind.kind,
    concreteness: result.score.concreteness,
    validation: result.score.validation,
    quadrant: result.score.quadrant,
    stepsMet: result.checklist.filter((c) => c.status === 'met').length,
    stepsApplicable: result.checklist.filter((c) => c.status !== 'not-applicable').length,
    findings: result.findings.length,
  };
}

export function renderReport(result: LintResult): ReportResult {
  const base = path.dirname(result.doc.root);
  const html = renderReportBody(toJsonDocument(result, base), sourceLookup(result, base), {
    href: (loc) => locationHref(uriOf(path.resolve(base, loc.file)), loc.line, loc.column ?? 1),
  });
  return { summary: summarize(result, result.doc.root), html, css: REPORT_CSS };
}
