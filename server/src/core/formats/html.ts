import { relativePath } from '../outline';
import type { LintResult } from '../rules/engine';
import type { Rule } from '../rules/types';
import { toJsonDocument, type JsonDocument, type JsonFinding } from './report';
import { quadrantInfo, renderScoreMap } from './score-map';
import { EXTRA_RULES } from './sarif';

// The HTML report: one standalone page (no network resources, inline CSS and SVG) with, per
// document, the concreteness × validation map, the six checklist steps and the findings with source
// excerpts. The VS Code report view reuses renderReportBody and REPORT_CSS in a webview, so the
// markup has no inline styles or handlers, and the CSS follows the editor theme through its
// variables, falling back to a light (or dark) palette of its own.

export interface ReportLocation {
  file: string;
  line: number;
  column?: number;
}

export interface ReportOptions {
  /** Link target of a source location (evidence, findings); without it locations are plain text. */
  href?: (loc: ReportLocation) => string;
  /** Link target of a rule's documentation; default: its entry in the rule list that ends the findings. */
  ruleHref?: (ruleId: string) => string | undefined;
  /** One-line description of each rule, listed after the findings. */
  ruleDescriptions?: ReadonlyMap<string, string>;
  /** Level of the section headings (default 2; file headings are one below). */
  headingLevel?: number;
  /** Prefix of element ids, to keep them unique when a page shows several documents. */
  idPrefix?: string;
}

/** The text of a file named as in the JsonDocument (relative path), for excerpts; undefined when unknown. */
export type SourceLookup = (file: string) => string | undefined;

const STATUS: Record<string, { icon: string; label: string }> = {
  met: { icon: '✓', label: 'met' },
  missing: { icon: '✗', label: 'missing' },
  'not-applicable': { icon: '–', label: 'not applicable' },
};

const EXCERPT_LINES = 4; // at most this many lines of a finding's range are shown
const LONG_LINE = 240; // longer lines are cut to the highlighted range and some context
const CONTEXT = 100;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const esc = escapeHtml;

/** The sources of a lint result, looked up by the relative paths toJsonDocument uses. */
export function sourceLookup(result: LintResult, cwd: string): SourceLookup {
  const byRel = new Map([...result.doc.sources].map(([abs, src]) => [relativePath(abs, cwd), src.text]));
  return (file) => byRel.get(file);
}

/** Map, scores, checklist, findings and rule list of one document, as an HTML fragment. */
export function renderReportBody(doc: JsonDocument, source: SourceLookup, opts: ReportOptions = {}): string {
  const p = opts.idPrefix ?? '';
  const h = Math.min(5, Math.max(1, opts.headingLevel ?? 2));
  const loc = (l: ReportLocation, text: string) => (opts.href ? `<a class="loc" href="${esc(opts.href(l))}">${esc(text)}</a>` : `<span class="loc">${esc(text)}</span>`);
  const ruleHref = (id: string) => (opts.ruleHref ? opts.ruleHref(id) : opts.ruleDescriptions?.has(id) ? `#${p}rule-${id}` : undefined);
  const rule = (id: string, anchor?: string) => {
    const href = anchor ?? ruleHref(id);
    return href ? `<a class="rule" href="${esc(href)}">${esc(id)}</a>` : `<code class="rule">${esc(id)}</code>`;
  };
  // Findings in reading order: files as the document reads them (others after), then by position.
  const order = new Map(doc.files.map((f, i) => [f, i]));
  const rank = (f: JsonFinding) => order.get(f.file) ?? doc.files.length;
  const findings = doc.findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.f.line - b.f.line || a.f.column - b.f.column || a.i - b.i)
    .map(({ f }, i) => ({ f, id: `${p}finding-${i + 1}` }));
  const met = doc.checklist.filter((c) => c.status === 'met').length;
  const applicable = doc.checklist.filter((c) => c.status !== 'not-applicable').length;
  const q = quadrantInfo(doc.score.quadrant);
  const out: string[] = ['<div class="actionable-report">'];

  out.push(
    `<section class="summary" aria-labelledby="${p}score-heading">`,
    `<h${h} id="${p}score-heading">Actionability</h${h}>`,
    '<div class="summary-grid">',
    `<div class="map">${renderScoreMap(doc.score, { point: `${p}paper-point`, title: `${p}map-title` }, esc)}</div>`,
    '<div class="scores">',
    `<p class="quadrant-name q-${esc(doc.score.quadrant)}">${esc(q?.name ?? doc.score.quadrant)}</p>`,
    q ? `<p class="quadrant-note">${esc(q.paper)}</p>` : '',
    '<dl>',
    `<div><dt>Concreteness</dt><dd>${doc.score.concreteness.toFixed(2)}</dd></div>`,
    `<div><dt>Validation</dt><dd>${doc.score.validation.toFixed(2)}</dd></div>`,
    `<div><dt>Checklist</dt><dd>${met}/${applicable} <span class="unit">met</span></dd></div>`,
    `<div><dt>Paper kind</dt><dd class="kind">${esc(doc.kind)}</dd></div>`,
    '</dl>',
    '</div>',
    '</div>',
    '</section>',
  );

  out.push(
    `<section class="checklist" aria-labelledby="${p}checklist-heading">`,
    `<h${h} id="${p}checklist-heading">Checklist</h${h}>`,
    '<table>',
    '<thead><tr><th scope="col">Step</th><th scope="col">Status</th><th scope="col">Evidence</th></tr></thead>',
    '<tbody>',
  );
  for (const c of doc.checklist) {
    const s = STATUS[c.status] ?? { icon: '?', label: c.status };
    // Evidence by file: "paper/main.tex 12, 40", each line a link when there are links.
    const byFile = new Map<string, number[]>();
    for (const e of c.evidence) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e.line]);
    let cell = [...byFile].map(([file, lines]) => `<span class="evidence-file"><code>${esc(file)}</code> ${[...new Set(lines)].sort((a, b) => a - b).map((line) => loc({ file, line }, String(line))).join(', ')}</span>`).join(' ');
    if (c.status === 'missing') {
      const fired = [...new Map(findings.filter((x) => x.f.checklistStep === c.step).map((x) => [x.f.ruleId, x.id])).entries()];
      const reported = fired.map(([id, anchor]) => rule(id, `#${anchor}`)).join(', ');
      cell = [reported && `<span class="reported">reported by ${reported}</span>`, cell && `<span class="partial">found: ${cell}</span>`].filter(Boolean).join(' ');
    }
    out.push(
      `<tr class="status-${esc(c.status)}"><th scope="row"><span class="step-number">${c.step}</span> ${esc(c.title)}</th>`,
      `<td><span class="status">${s.icon} ${esc(s.label)}</span></td>`,
      `<td class="evidence">${cell || '<span class="none">—</span>'}</td></tr>`,
    );
  }
  out.push('</tbody>', '</table>', '</section>');

  out.push(`<section class="findings" aria-labelledby="${p}findings-heading">`, `<h${h} id="${p}findings-heading">Findings <span class="count">${findings.length}</span></h${h}>`);
  if (findings.length === 0) out.push('<p class="none">No findings.</p>');
  const files = [...new Set(findings.map((x) => x.f.file))];
  for (const file of files) {
    out.push(`<h${h + 1} class="file"><code>${esc(file)}</code></h${h + 1}>`, '<ol class="finding-list">');
    const text = source(file);
    for (const { f, id } of findings.filter((x) => x.f.file === file)) {
      out.push(
        `<li id="${id}" class="finding severity-${esc(f.severity)}">`,
        '<div class="finding-head">',
        `<span class="severity">${esc(f.severity)}</span>`,
        loc({ file: f.file, line: f.line, column: f.column }, `${f.line}:${f.column}`),
        `<span class="message">${esc(f.message)}</span>`,
        '</div>',
        `<div class="finding-meta">${rule(f.ruleId)}${f.checklistStep ? ` <span class="step">checklist step ${f.checklistStep}</span>` : ''}${f.fixable ? ' <span class="fixable">fix available</span>' : ''}</div>`,
        f.detail ? `<p class="detail">${esc(f.detail)}</p>` : '',
        excerpt(text, f),
        '</li>',
      );
    }
    out.push('</ol>');
  }
  out.push('</section>');

  const described = [...new Set(findings.map((x) => x.f.ruleId))].filter((id) => !opts.ruleHref && opts.ruleDescriptions?.has(id)).sort();
  if (described.length) {
    out.push(`<section class="rules" aria-labelledby="${p}rules-heading">`, `<h${h} id="${p}rules-heading">Rules</h${h}>`, '<dl>');
    for (const id of described) out.push(`<dt id="${p}rule-${esc(id)}"><code>${esc(id)}</code></dt><dd>${esc(opts.ruleDescriptions!.get(id)!)}</dd>`);
    out.push('</dl>', '</section>');
  }
  out.push('</div>');
  return out.filter(Boolean).join('\n');
}

/** The flagged lines of a finding with the flagged range marked, or '' without the source. */
function excerpt(text: string | undefined, f: JsonFinding): string {
  if (!text) return '';
  const lines = text.split(/\r\n|\r|\n/);
  // An exclusive end at column 1 flags nothing on its line.
  const last = Math.min(lines.length, f.endLine > f.line && f.endColumn === 1 ? f.endLine - 1 : f.endLine);
  const shown = Math.min(last, f.line + EXCERPT_LINES - 1);
  if (f.line < 1 || f.line > lines.length) return '';
  const rows: string[] = [];
  for (let ln = f.line; ln <= shown; ln++) {
    const s = lines[ln - 1];
    const a = ln === f.line ? Math.min(s.length, f.column - 1) : 0;
    const b = ln === f.endLine ? Math.max(a, Math.min(s.length, f.endColumn - 1)) : s.length;
    let from = 0;
    let to = s.length;
    if (s.length > LONG_LINE) {
      from = Math.max(0, a - CONTEXT);
      to = Math.min(s.length, b + CONTEXT);
      if (isLowSurrogate(s, from)) from--;
      if (isLowSurrogate(s, to)) to++;
    }
    const mark = a === b ? '<mark class="empty"></mark>' : `<mark>${esc(s.slice(a, b))}</mark>`;
    const body = `${from > 0 ? '<span class="cut">…</span>' : ''}${esc(s.slice(from, a))}${mark}${esc(s.slice(b, to))}${to < s.length ? '<span class="cut">…</span>' : ''}`;
    rows.push(`<span class="line"><span class="ln">${ln}</span><code>${body}</code></span>`);
  }
  if (shown < last) rows.push(`<span class="line more"><span class="ln"></span><code>… ${last - shown} more line${last - shown === 1 ? '' : 's'}</code></span>`);
  return `<pre class="excerpt">${rows.join('')}</pre>`;
}

function isLowSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The standalone page: every document's report, with the CSS inline and no network resources. */
export function formatHtml(results: LintResult[], cwd: string, opts: { rules?: readonly Rule<any>[] } = {}): string {
  const ruleDescriptions = new Map<string, string>([...(opts.rules ?? []).map((r) => [r.meta.id, r.meta.description] as const), ...EXTRA_RULES.map((r) => [r.id, r.text] as const)]);
  const docs = results.map((r) => ({ doc: toJsonDocument(r, cwd), title: r.doc.title?.text.trim(), source: sourceLookup(r, cwd) }));
  const pageTitle = docs.length === 1 ? `Actionable report: ${docs[0].doc.root}` : `Actionable report: ${docs.length} documents`;
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(pageTitle)}</title>`,
    `<style>\n${PAGE_CSS}${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<header class="page-head"><h1>Actionable report</h1>',
    '<p>How actionable each draft is, after Orgad et al., “Interpretability Can Be Actionable” (ICML 2026): where it sits on the concreteness × validation map (§2.1), which of the six checklist steps (§9) it meets, and what to fix.</p></header>',
    '<main>',
  ];
  docs.forEach(({ doc, title, source }, i) => {
    const p = docs.length === 1 ? '' : `doc-${i + 1}-`;
    const files = doc.files.length === 1 ? '' : ` · ${doc.files.length} files`;
    out.push(
      `<article class="document" aria-labelledby="${p}doc-title">`,
      `<h2 id="${p}doc-title">${esc(title || doc.root)}</h2>`,
      `<p class="doc-meta"><code>${esc(doc.root)}</code> · ${esc(doc.kind)} paper${files}</p>`,
      renderReportBody(doc, source, { ruleDescriptions, headingLevel: 3, idPrefix: p }),
      '</article>',
    );
  });
  out.push('</main>', '<footer>Generated by actionable. The scores, quadrants and checklist are defined in docs/score.md.</footer>', '</body>', '</html>', '');
  return out.join('\n');
}

const PAGE_CSS = `body { margin: 0; background: var(--ar-bg); color: var(--ar-fg); font: 15px/1.5 var(--ar-font); }
.page-head, main, footer { max-width: 1040px; margin: 0 auto; padding: 0 32px; }
.page-head { padding-top: 32px; }
.page-head h1 { margin: 0 0 4px; font-size: 1.6em; }
.page-head p { margin: 0; color: var(--ar-muted); max-width: 72ch; }
.document { margin: 32px 0; padding-top: 24px; border-top: 1px solid var(--ar-border); }
.document > h2 { margin: 0 0 2px; font-size: 1.35em; line-height: 1.3; }
.doc-meta { margin: 0 0 8px; color: var(--ar-muted); }
footer { padding-bottom: 32px; color: var(--ar-muted); font-size: 0.85em; }
`;

/** The report's CSS: VS Code theme variables where a webview defines them, a palette of its own elsewhere. */
export const REPORT_CSS = `:root {
  --ar-fg: var(--vscode-editor-foreground, #1f2328);
  --ar-bg: var(--vscode-editor-background, #ffffff);
  --ar-muted: var(--vscode-descriptionForeground, #59636e);
  --ar-border: var(--vscode-panel-border, #d1d9e0);
  --ar-surface: var(--vscode-editorWidget-background, #f6f8fa);
  --ar-code-bg: var(--vscode-textCodeBlock-background, #f6f8fa);
  --ar-accent: var(--vscode-textLink-foreground, #0969da);
  --ar-error: var(--vscode-editorError-foreground, #cf222e);
  --ar-warning: var(--vscode-editorWarning-foreground, #9a6700);
  --ar-info: var(--vscode-editorInfo-foreground, #0969da);
  --ar-met: var(--vscode-testing-iconPassed, #1a7f37);
  --ar-mark: var(--vscode-editor-findMatchHighlightBackground, rgba(255, 200, 60, 0.45));
  --ar-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif);
  --ar-mono: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace);
}
@media (prefers-color-scheme: dark) {
  :root {
    --ar-fg: var(--vscode-editor-foreground, #e6edf3);
    --ar-bg: var(--vscode-editor-background, #0d1117);
    --ar-muted: var(--vscode-descriptionForeground, #9198a1);
    --ar-border: var(--vscode-panel-border, #3d444d);
    --ar-surface: var(--vscode-editorWidget-background, #151b23);
    --ar-code-bg: var(--vscode-textCodeBlock-background, #151b23);
    --ar-accent: var(--vscode-textLink-foreground, #4493f8);
    --ar-error: var(--vscode-editorError-foreground, #f85149);
    --ar-warning: var(--vscode-editorWarning-foreground, #d29922);
    --ar-info: var(--vscode-editorInfo-foreground, #4493f8);
    --ar-met: var(--vscode-testing-iconPassed, #3fb950);
    --ar-mark: var(--vscode-editor-findMatchHighlightBackground, rgba(187, 128, 9, 0.45));
  }
}
.actionable-report { color: var(--ar-fg); font-family: var(--ar-font); }
.actionable-report h2, .actionable-report h3 { font-size: 1.1em; margin: 28px 0 10px; }
.actionable-report h4 { font-size: 0.95em; margin: 20px 0 8px; }
.actionable-report a { color: var(--ar-accent); text-decoration: none; }
.actionable-report a:hover { text-decoration: underline; }
.actionable-report code, .actionable-report pre { font-family: var(--ar-mono); font-size: 0.88em; }
.actionable-report .count { display: inline-block; min-width: 1.6em; padding: 0 6px; border-radius: 10px; background: var(--ar-surface); border: 1px solid var(--ar-border); color: var(--ar-muted); font-size: 0.8em; text-align: center; vertical-align: 2px; }
.actionable-report .none { color: var(--ar-muted); }

.actionable-report .summary-grid { display: flex; flex-wrap: wrap; gap: 24px 40px; align-items: center; }
.actionable-report .map { flex: 0 1 440px; min-width: 280px; }
.actionable-report .score-map { display: block; width: 100%; height: auto; font-family: var(--ar-font); }
.actionable-report .quadrant rect { fill: var(--ar-surface); }
.actionable-report .quadrant.current rect { fill: color-mix(in srgb, var(--ar-accent) 14%, var(--ar-bg)); }
.actionable-report .q-name { fill: var(--ar-fg); font-size: 13px; font-weight: 600; }
.actionable-report .q-axes { fill: var(--ar-muted); font-size: 10.5px; }
.actionable-report .quadrant:not(.current) .q-name { fill: var(--ar-muted); font-weight: 500; }
.actionable-report .frame { fill: none; stroke: var(--ar-border); stroke-width: 1; }
.actionable-report .threshold { stroke: var(--ar-muted); stroke-width: 1; stroke-dasharray: 4 4; }
.actionable-report .tick { fill: var(--ar-muted); font-size: 11px; }
.actionable-report .axis-label { fill: var(--ar-fg); font-size: 13px; font-weight: 600; }
.actionable-report .guide { stroke: var(--ar-accent); stroke-width: 1; stroke-dasharray: 2 3; opacity: 0.7; }
.actionable-report .point-halo { fill: var(--ar-accent); opacity: 0.2; }
.actionable-report .paper-point { fill: var(--ar-accent); stroke: var(--ar-bg); stroke-width: 2; }

.actionable-report .scores { flex: 1 1 260px; }
.actionable-report .quadrant-name { margin: 0; font-size: 1.7em; font-weight: 650; line-height: 1.2; }
.actionable-report .quadrant-note { margin: 4px 0 16px; color: var(--ar-muted); max-width: 44ch; }
.actionable-report .scores dl { display: grid; grid-template-columns: repeat(2, minmax(120px, 1fr)); gap: 10px; margin: 0; }
.actionable-report .scores dl > div { padding: 10px 14px; border: 1px solid var(--ar-border); border-radius: 8px; background: var(--ar-surface); }
.actionable-report .scores dt { color: var(--ar-muted); font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.04em; }
.actionable-report .scores dd { margin: 2px 0 0; font-size: 1.5em; font-weight: 600; font-variant-numeric: tabular-nums; }
.actionable-report .scores dd.kind { font-size: 1.15em; line-height: 1.6; }
.actionable-report .scores .unit { font-size: 0.6em; font-weight: 400; color: var(--ar-muted); }

.actionable-report table { width: 100%; border-collapse: collapse; }
.actionable-report th, .actionable-report td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--ar-border); }
.actionable-report thead th { color: var(--ar-muted); font-size: 0.8em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; }
.actionable-report tbody th { font-weight: 500; white-space: nowrap; }
.actionable-report .step-number { display: inline-block; width: 1.5em; color: var(--ar-muted); font-variant-numeric: tabular-nums; }
.actionable-report .status { white-space: nowrap; font-weight: 600; }
.actionable-report .status-met .status { color: var(--ar-met); }
.actionable-report .status-missing .status { color: var(--ar-error); }
.actionable-report .status-not-applicable .status { color: var(--ar-muted); font-weight: 400; }
.actionable-report .evidence { font-size: 0.9em; }
.actionable-report .evidence-file { display: inline-block; margin-right: 12px; font-variant-numeric: tabular-nums; }
.actionable-report .evidence-file code { color: var(--ar-muted); margin-right: 2px; }
.actionable-report .evidence .reported, .actionable-report .evidence .partial { display: block; }
.actionable-report .evidence .partial { color: var(--ar-muted); }

.actionable-report .file { font-weight: 600; }
.actionable-report .finding-list { list-style: none; margin: 0; padding: 0; }
.actionable-report .finding { margin: 0 0 12px; padding: 10px 14px; border: 1px solid var(--ar-border); border-left: 3px solid var(--ar-sev, var(--ar-border)); border-radius: 6px; }
.actionable-report .severity-error { --ar-sev: var(--ar-error); }
.actionable-report .severity-warning { --ar-sev: var(--ar-warning); }
.actionable-report .severity-info { --ar-sev: var(--ar-info); }
.actionable-report .finding:target { box-shadow: 0 0 0 2px var(--ar-accent); }
.actionable-report .finding-head { display: flex; gap: 10px; align-items: baseline; }
.actionable-report .severity { flex: none; padding: 0 6px; border-radius: 4px; font-size: 0.75em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; color: var(--ar-sev); background: color-mix(in srgb, var(--ar-sev) 12%, transparent); }
.actionable-report .finding-head .loc { flex: none; font-family: var(--ar-mono); font-size: 0.85em; color: var(--ar-muted); min-width: 4.5em; }
.actionable-report .finding-head a.loc { color: var(--ar-accent); }
.actionable-report .message { flex: 1; }
.actionable-report .detail { margin: 0.2em 0 0.4em; font-size: 0.9em; opacity: 0.85; }
.actionable-report .finding-meta { margin: 4px 0 0; font-size: 0.85em; color: var(--ar-muted); }
.actionable-report .finding-meta > * + * { margin-left: 10px; }
.actionable-report .excerpt { margin: 8px 0 0; padding: 6px 0; background: var(--ar-code-bg); border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; }
.actionable-report .excerpt .line { display: flex; }
.actionable-report .excerpt .ln { flex: none; width: 3.5em; padding-right: 12px; text-align: right; color: var(--ar-muted); user-select: none; }
.actionable-report .excerpt code { flex: 1; font-size: 1em; padding-right: 12px; }
.actionable-report .excerpt mark { background: var(--ar-mark); color: inherit; border-radius: 2px; box-shadow: inset 0 -2px 0 var(--ar-sev, var(--ar-warning)); }
.actionable-report .excerpt mark.empty { display: inline-block; width: 2px; height: 1.1em; vertical-align: text-bottom; background: var(--ar-sev, var(--ar-warning)); }
.actionable-report .excerpt .cut, .actionable-report .excerpt .more { color: var(--ar-muted); }

.actionable-report .rules dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; }
.actionable-report .rules dd { margin: 0; color: var(--ar-muted); }
.actionable-report .rules dt:target { color: var(--ar-accent); }
`;
