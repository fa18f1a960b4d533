import * as path from 'node:path';
import { REPORT_CSS, renderReportBody, sourceLookup } from '../core/formats/html';
import { toJsonDocument } from '../core/formats/report';
import { scoreRow } from '../core/score-rows';
import type { LintResult } from '../core/rules/engine';
import { uriOf } from './convert';
import { locationHref, type DocumentSummary, type ReportResult } from './protocol';

// The report view's content: the same body as the HTML report, with locations as links that the
// webview turns into "reveal this line" messages.

export function summarize(result: LintResult, file: string): DocumentSummary {
  const row = scoreRow(result, path.dirname(result.doc.root));
  return {
    uri: uriOf(file),
    rootUri: uriOf(result.doc.root),
    kind: row.kind,
    concreteness: row.concreteness,
    validation: row.validation,
    quadrant: row.quadrant,
    stepsMet: row.checklistMet,
    stepsApplicable: row.checklistApplicable,
    findings: row.errors + row.warnings + row.infos,
  };
}

export function renderReport(result: LintResult): ReportResult {
  const base = path.dirname(result.doc.root);
  const html = renderReportBody(toJsonDocument(result, base), sourceLookup(result, base), {
    href: (loc) => locationHref(uriOf(path.resolve(base, loc.file)), loc.line, loc.column ?? 1),
  });
  return { summary: summarize(result, result.doc.root), html, css: REPORT_CSS };
}
