import type { Directive, DirectiveKind, Format, PaperKind, SourceFile } from './model';
import { positionAt } from './source';

// Inline directives, one grammar for both formats:
//   actionable-disable-next-line id[, id] -- reason
//   actionable-disable id … actionable-enable id
//   actionable-disable-file id
//   actionable: kind=position
// In LaTeX they live in `%` comments; in Markdown inside `<!-- -->`.

const LATEX_COMMENT = /(?<!\\)%([^\r\n]*)/g;
const HTML_COMMENT = /<!--([\s\S]*?)-->/g;
// Case-insensitive, as people type them ("ACTIONABLE-DISABLE"): a directive read as none is a silent loss.
const DIRECTIVE = /^\s*actionable-(disable-next-line|disable-file|disable|enable)\b([^]*)$/i;
const SETTING = /^\s*actionable:\s*(.*)$/i;

export const PAPER_KINDS: readonly PaperKind[] = ['empirical', 'method', 'analysis', 'benchmark', 'position', 'survey'];

export function scanDirectives(file: SourceFile, format: Format): Directive[] {
  const out: Directive[] = [];
  const re = new RegExp(format === 'latex' ? LATEX_COMMENT : HTML_COMMENT);
  for (let m = re.exec(file.text); m; m = re.exec(file.text)) {
    const body = m[1];
    const range = { file: file.path, start: m.index, end: m.index + m[0].length };
    // "<!--- … --->", a comment style some Markdown tools write, keeps its extra dashes in the body.
    const d = parseDirective(body.trim().replace(/^-+|-+$/g, '').trim(), range);
    if (!d) continue;
    if (d.kind === 'disable-next-line') d.targetLine = positionAt(file, range.end).line + 1;
    out.push(d);
  }
  return out;
}

function parseDirective(body: string, range: Directive['range']): Directive | undefined {
  const setting = SETTING.exec(body);
  if (setting) {
    const settings: Record<string, string> = {};
    for (const pair of setting[1].split(/[\s,]+/)) {
      const [key, value] = pair.split('=');
      if (key && value) settings[key.trim().toLowerCase()] = value.trim().toLowerCase();
    }
    return { kind: 'setting', rules: [], settings, range };
  }
  const m = DIRECTIVE.exec(body);
  if (!m) return undefined;
  const [idsPart, ...reasonParts] = m[2].split(/\s--\s|\s--$/);
  const rules = idsPart
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter(Boolean);
  const reason = reasonParts.join(' -- ').trim() || undefined;
  return { kind: m[1].toLowerCase() as DirectiveKind, rules: rules.map((id) => id.toLowerCase()), reason, range };
}

/** The kind a `actionable: kind=…` directive declares, if it names a known kind. */
export function declaredKind(directives: Directive[]): PaperKind | undefined {
  for (const d of directives) {
    const kind = d.settings?.kind as PaperKind | undefined;
    if (kind && PAPER_KINDS.includes(kind)) return kind;
  }
  return undefined;
}
