import { MarkupKind, type Diagnostic, type Hover, type Position } from 'vscode-languageserver';
import type { RuleDocs } from './rule-docs';

// A hover on a flagged range says what to do first, then what the linter found, then the rule:
// its checklist step and paper section, what it checks and why, with a link to its documentation.

export function hoverFor(diagnostics: readonly Diagnostic[], position: Position, docs: RuleDocs): Hover | null {
  const hits = diagnostics.filter((d) => contains(d, position));
  if (hits.length === 0) return null;
  const parts = hits.map((d) => {
    const id = String(d.code);
    const doc = docs.get(id);
    // The message itself is not repeated: editors show the diagnostic beside the hover.
    const lines: string[] = [];
    const detail = (d.data as { detail?: string } | undefined)?.detail;
    if (doc.howToFix) lines.push(`**How to fix.** ${doc.howToFix}`, '');
    if (detail) lines.push(`**Found.** ${escapeMarkdown(detail)}`, '');
    const where = [doc.checklist && `Checklist step ${doc.checklist}`, doc.paperSection && `paper ${doc.paperSection}`].filter(Boolean).join(' · ');
    lines.push(`\`${id}\`${where ? ` · ${where}` : ''}`, '');
    if (doc.summary) lines.push(doc.summary, '');
    if (doc.why) lines.push(`**Why.** ${doc.why}`, '');
    lines.push(`[Documentation for ${id}](${doc.url})`);
    return lines.join('\n');
  });
  const range = hits[0].range;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}

/** Draft text inside the evidence is shown as text, never as Markdown (links, images, HTML). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

function contains(d: Diagnostic, p: Position): boolean {
  const { start, end } = d.range;
  const afterStart = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const beforeEnd = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return afterStart && beforeEnd;
}
