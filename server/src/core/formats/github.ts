import type { LintResult } from '../rules/engine';
import { toJsonDocument } from './report';

// GitHub Actions workflow commands: one annotation per finding, shown on the pull request's diff.
// https://docs.github.com/actions/reference/workflow-commands-for-github-actions

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(results: LintResult[], cwd: string): string {
  const lines: string[] = [];
  for (const result of results) {
    const doc = toJsonDocument(result, cwd);
    for (const f of doc.findings) {
      // Columns only on a one-line finding: GitHub does not accept col/endColumn when line and
      // endLine differ (see AnnotationProperties in @actions/core).
      const props = [
        `file=${escapeProperty(f.file)}`,
        `line=${f.line}`,
        ...(f.line === f.endLine ? [`col=${f.column}`] : []),
        `endLine=${f.endLine}`,
        ...(f.line === f.endLine ? [`endColumn=${f.endColumn}`] : []),
        `title=${escapeProperty(`${f.ruleId}${f.checklistStep ? ` (checklist ${f.checklistStep})` : ''}`)}`,
      ];
      lines.push(`::${LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.detail ? `${f.message}\n${f.detail}` : f.message)}`);
    }
    if (doc.bar && !doc.bar.passed) {
      lines.push(`::error file=${escapeProperty(doc.root)},title=${escapeProperty('Actionable bar')}::${escapeData(`${doc.root} is below the bar: ${doc.bar.shortfalls.join('; ')}`)}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
