import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver';
import type { PaperDocument, SourceRange } from '../core/model';
import type { LintResult } from '../core/rules/engine';
import type { Finding, Fix, Rule } from '../core/rules/types';
import { positionAt } from '../core/source';
import type { RuleDocs } from './rule-docs';

// Findings → LSP diagnostics. Every fix travels in the diagnostic's `data`, already converted to
// ranges, so code actions need no server-side cache; `version` says which buffer text it fits.

export interface FixData {
  title: string;
  edits: Array<{ uri: string; range: Range; newText: string }>;
  /** The inserted text has `[placeholders]` that an editor may turn into tab stops. */
  placeholders: boolean;
}

export interface DiagnosticData {
  ruleId: string;
  /** The evidence behind the message (what was searched and found), which the hover shows. */
  detail?: string;
  /** Versions (by URI) of the open files the edits touch, as they were when the edits were computed. */
  versions: Record<string, number>;
  fix?: FixData;
  suggestions: FixData[];
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

export function rangeOf(doc: PaperDocument, range: SourceRange): Range {
  const file = doc.sources.get(range.file) ?? { path: range.file, text: '', lineStarts: [0] };
  return { start: positionAt(file, range.start), end: positionAt(file, range.end) };
}

/** Diagnostics for every file of the document (files without findings get an empty list). */
export function toDiagnostics(
  result: LintResult,
  rules: ReadonlyMap<string, Rule<any>>,
  docs: RuleDocs,
  versions: Record<string, number>,
): Map<string, Diagnostic[]> {
  const { doc } = result;
  const byUri = new Map<string, Diagnostic[]>(doc.files.map((f) => [uriOf(f), []]));
  for (const finding of result.findings) {
    const uri = uriOf(finding.range.file);
    const fix = finding.fix && fixData(doc, finding.fix);
    const suggestions = finding.suggestions.map((s) => fixData(doc, s));
    const data: DiagnosticData = { ruleId: finding.ruleId, versions: versionsOf([fix, ...suggestions], versions), fix, suggestions };
    if (finding.detail) data.detail = finding.detail;
    const diagnostic: Diagnostic = {
      range: rangeOf(doc, finding.range),
      severity: SEVERITY[finding.severity],
      source: 'actionable',
      code: finding.ruleId,
      // The advice alone: the Problems panel shows one line, and the hover has the evidence.
      message: finding.message,
      data,
    };
    if (rules.has(finding.ruleId)) diagnostic.codeDescription = { href: docs.url(finding.ruleId) };
    if (finding.related.length) {
      diagnostic.relatedInformation = finding.related.map((r) => ({
        location: { uri: uriOf(r.range.file), range: rangeOf(doc, r.range) },
        message: r.message,
      }));
    }
    const list = byUri.get(uri) ?? [];
    list.push(diagnostic);
    byUri.set(uri, list);
  }
  return byUri;
}

/** The versions of just the open files these fixes edit (each diagnostic carries its own). */
function versionsOf(fixes: Array<FixData | undefined>, open: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const fix of fixes) for (const e of fix?.edits ?? []) if (open[e.uri] !== undefined) out[e.uri] = open[e.uri];
  return out;
}

function fixData(doc: PaperDocument, fix: Fix): FixData {
  return {
    title: fix.title,
    edits: fix.edits.map((e) => ({ uri: uriOf(e.file), range: rangeOf(doc, e), newText: e.text })),
    placeholders: Boolean(fix.hasPlaceholders),
  };
}
