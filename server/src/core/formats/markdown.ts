import type { LintResult } from '../rules/engine';
import { toJsonDocument } from './report';
import { markdownCode, markdownText } from './safe-text';

// A summary for a pull-request comment: score, quadrant, the six checklist steps, then findings.

const STATUS = { met: '✅ met', missing: '❌ missing', 'not-applicable': '➖ not applicable' } as const;

/**
 * `ruleUrl` links a finding's rule id to its documentation (a rule with none, such as `input`, is
 * not linked); the URL is the tool's own, never text from the draft.
 */
export function formatMarkdown(results: LintResult[], cwd: string, ruleUrl?: (id: string) => string | undefined): string {
  const rule = (id: string) => {
    const url = ruleUrl?.(id);
    return url ? `[${markdownCode(id)}](${url})` : markdownCode(id);
  };
  const out: string[] = [];
  for (const result of results) {
    const doc = toJsonDocument(result, cwd);
    const met = doc.checklist.filter((c) => c.status === 'met').length;
    const applicable = doc.checklist.filter((c) => c.status !== 'not-applicable').length;
    out.push(`## Actionable: ${markdownCode(doc.root, false)}`, '');
    out.push(
      `**${doc.kind}** paper · concreteness **${doc.score.concreteness.toFixed(2)}** · validation **${doc.score.validation.toFixed(2)}** · quadrant **${doc.score.quadrant}** · checklist **${met}/${applicable}** met`,
      '',
    );
    if (doc.bar) out.push(doc.bar.passed ? '✅ Meets the bar.' : `❌ **Below the bar:** ${markdownText(doc.bar.shortfalls.join('; '))}`, '');
    out.push('| Checklist step | Status |', '|---|---|');
    for (const c of doc.checklist) out.push(`| ${c.step}. ${c.title} | ${STATUS[c.status as keyof typeof STATUS] ?? c.status} |`);
    out.push('');
    if (doc.findings.length === 0) {
      out.push('No findings.', '');
      continue;
    }
    out.push(`### Findings (${doc.findings.length})`, '', '| Severity | Location | Rule | Message |', '|---|---|---|---|');
    for (const f of doc.findings) {
      out.push(`| ${f.severity} | ${markdownCode(f.page !== undefined ? `${f.file} p. ${f.page}` : `${f.file}:${f.line}:${f.column}`)} | ${rule(f.ruleId)} | ${markdownText(f.message)} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
