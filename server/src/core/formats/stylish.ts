import type { LintResult } from '../rules/engine';
import { toJsonDocument } from './report';
import { printable } from './safe-text';

// The default terminal format, after ESLint's "stylish": findings grouped by file, then one line
// per document with its score, quadrant and checklist count, then a total.

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', dim: '\x1b[2m', bold: '\x1b[1m', underline: '\x1b[4m', reset: '\x1b[0m' };

/** Columns before a finding's message: "  12:4     warning  ". */
const MESSAGE_COLUMN = 20;

/**
 * `width`: the terminal's columns, to wrap each message under itself (nothing is wrapped in a file
 * or a pipe, where tools read one finding per line).
 */
export function formatStylish(results: LintResult[], cwd: string, color: boolean, width?: number): string {
  const paint = (code: keyof typeof ANSI, s: string) => (color ? `${ANSI[code]}${s}${ANSI.reset}` : s);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const result of results) {
    const doc = toJsonDocument(result, cwd);
    const byFile = new Map<string, typeof doc.findings>();
    for (const f of doc.findings) {
      const list = byFile.get(f.file);
      if (list) list.push(f);
      else byFile.set(f.file, [f]);
    }
    for (const [file, findings] of byFile) {
      lines.push(paint('underline', printable(file)));
      for (const f of findings) {
        if (f.severity === 'error') errors++;
        else if (f.severity === 'warning') warnings++;
        else infos++;
        const sev = f.severity === 'error' ? paint('red', 'error  ') : f.severity === 'warning' ? paint('yellow', 'warning') : paint('blue', 'info   ');
        const head = `  ${paint('dim', (f.page !== undefined ? `p. ${f.page}` : `${f.line}:${f.column}`).padEnd(8))} ${sev}  `;
        const text = printable(f.message);
        const rule = printable(f.ruleId);
        if (!width || MESSAGE_COLUMN + text.length + 2 + rule.length <= width) lines.push(`${head}${text}  ${paint('dim', rule)}`);
        else {
          const wrapped = wrap(text, Math.max(30, width - MESSAGE_COLUMN));
          const last = wrapped[wrapped.length - 1];
          if (MESSAGE_COLUMN + last.length + 2 + rule.length <= width) wrapped[wrapped.length - 1] = `${last}  ${paint('dim', rule)}`;
          else wrapped.push(paint('dim', rule));
          lines.push(`${head}${wrapped[0]}`);
          for (const more of wrapped.slice(1)) lines.push(`${' '.repeat(MESSAGE_COLUMN)}${more}`);
        }
      }
      lines.push('');
    }
    const met = doc.checklist.filter((c) => c.status === 'met').length;
    const applicable = doc.checklist.filter((c) => c.status !== 'not-applicable').length;
    lines.push(
      `${paint('bold', printable(doc.root))}: ${doc.kind} paper · concreteness ${doc.score.concreteness.toFixed(2)} · validation ${doc.score.validation.toFixed(2)} · ${paint('bold', doc.score.quadrant)} · checklist ${met}/${applicable} met`,
    );
    if (doc.bar && !doc.bar.passed) lines.push(paint('red', `  ✖ below the bar: ${doc.bar.shortfalls.join('; ')}`));
    lines.push('');
  }
  const total = errors + warnings + infos;
  if (total === 0) lines.push('No problems found.');
  else lines.push(paint(errors ? 'red' : 'yellow', `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${infos ? `, ${infos} info` : ''})`));
  return lines.join('\n') + '\n';
}

/** Words into lines of at most `width` characters (a longer word stands alone). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
