import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinLexicons, builtinRules } from '../rules';
import { ModelBuilder } from '../server/src/core/build';
import { lintDocument, type LintResult } from '../server/src/core/rules/engine';
import { RULE_IDS, table, where } from './eval-format';

// `npm run eval:real`: lints the full texts of the real papers that "Interpretability Can Be Actionable"
// places on its map (§2.1, Fig. 3), listed with their locators and per-rule labels in
// eval/real/papers.json. The texts are third-party and git-ignored (eval/real/texts/); they are
// re-created by scripts/fetch-real.sh where the tools allow. A paper whose text is absent is
// reported as absent. It is a report, not a test: it always exits 0.

const REAL_DIR = path.resolve(__dirname, '../eval/real');
const TEXTS = path.join(REAL_DIR, 'texts');
const MESSAGE_CHARS = 160;

type Expect = 'fire' | 'pass' | 'not-applicable';

interface PaperLabel {
  slug: string;
  title: string;
  file: string;
  placement: string;
  kind: string;
  rules: Record<string, { expect: Expect; reason: string }>;
}

interface Row {
  slug: string;
  quadrant: string;
  agreement: string;
  findings: number;
}

/** The outcome in the labels' terms: a rule that reported is "fire", one that ran clean "pass". */
function outcomeOf(result: LintResult, id: string): Expect | 'error' | 'none' {
  const o = result.outcomes.find((x) => x.ruleId === id);
  if (!o) return 'none';
  if (o.status === 'missing') return 'fire';
  if (o.status === 'met') return 'pass';
  if (o.status === 'not-applicable') return 'not-applicable';
  return 'error';
}

const SHORT: Record<string, string> = { fire: 'fire', pass: 'pass', 'not-applicable': 'na', error: 'error', none: 'none' };

/** Why a rule did not fire: its not-applicable reason, or the first evidence it recorded for being met. */
function why(result: LintResult, rootDir: string, id: string): string {
  const o = result.outcomes.find((x) => x.ruleId === id);
  if (!o || o.status === 'missing') return '';
  if (o.status !== 'met') return shorten(`(${o.reason ?? o.status})`, 120);
  const e = o.evidence?.[0];
  return e ? shorten(`(met by: ${e.note ?? ''} @${where(result.doc, rootDir, e.range.file, e.range.start)})`, 120) : '(met; no evidence recorded)';
}

function shorten(text: string, n = MESSAGE_CHARS): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

function main(): void {
  const { papers } = JSON.parse(fs.readFileSync(path.join(REAL_DIR, 'papers.json'), 'utf8')) as { papers: PaperLabel[] };
  const lexicons = builtinLexicons();
  const out: string[] = [];
  const rows: Row[] = [];
  let absent = 0;
  let agreeTotal = 0;
  let labelTotal = 0;
  let quadrantsRight = 0;

  out.push(`Actionable eval:real: ${papers.length} real papers from the position paper's map (labels: eval/real/papers.json)`);
  for (const paper of papers) {
    const file = path.join(TEXTS, paper.file);
    out.push('', `== ${paper.slug}: ${paper.title}`);
    if (!fs.existsSync(file)) {
      absent++;
      out.push(`absent: eval/real/texts/${paper.file} — run scripts/fetch-real.sh (needs the search tool's mirrors)`);
      rows.push({ slug: paper.slug, quadrant: 'absent', agreement: '-', findings: 0 });
      continue;
    }
    let result: LintResult;
    try {
      result = lintDocument(new ModelBuilder().build(file), builtinRules, lexicons);
    } catch (error) {
      out.push(`the linter threw: ${(error as Error).stack ?? error}`);
      rows.push({ slug: paper.slug, quadrant: 'crash', agreement: '-', findings: 0 });
      continue;
    }
    const { score } = result;
    const qOk = score.quadrant === paper.placement;
    if (qOk) quadrantsRight++;
    out.push(`quadrant: wanted ${paper.placement}, got ${score.quadrant} (concreteness ${score.concreteness.toFixed(2)}, validation ${score.validation.toFixed(2)}) ${qOk ? '✓' : '✗'}`);
    out.push(`kind: wanted ${paper.kind}, got ${result.kind.kind} (${result.kind.source}) ${result.kind.kind === paper.kind ? '✓' : '✗'}`);

    const rootDir = path.dirname(result.doc.root);
    const findings = result.findings.filter((f) => f.ruleId !== 'unused-directive');
    out.push(`findings (${findings.length}):`);
    for (const f of findings) {
      out.push(`  ${f.ruleId} @${where(result.doc, rootDir, f.range.file, f.range.start)}: ${shorten(f.message)}`);
    }

    out.push('rules (label → outcome):');
    let agree = 0;
    let labelled = 0;
    const ruleRows: string[][] = [];
    for (const id of RULE_IDS) {
      const label = paper.rules[id];
      const got = outcomeOf(result, id);
      if (!label) {
        ruleRows.push([id, '-', SHORT[got], '']);
        continue;
      }
      labelled++;
      const ok = label.expect === got;
      if (ok) agree++;
      ruleRows.push([id, SHORT[label.expect], SHORT[got], ok ? '✓' : `✗ ${why(result, rootDir, id)}`]);
    }
    out.push(...table(['rule', 'label', 'outcome', 'agrees'], ruleRows).map((l) => `  ${l}`));
    agreeTotal += agree;
    labelTotal += labelled;
    rows.push({ slug: paper.slug, quadrant: `${score.quadrant} ${qOk ? '✓' : `✗ (wanted ${paper.placement})`}`, agreement: `${agree}/${labelled}`, findings: findings.length });
  }

  out.push('', 'Summary');
  out.push(...table(['paper', 'quadrant', 'rules agreeing', 'findings'], rows.map((r) => [r.slug, r.quadrant, r.agreement, String(r.findings)])));
  const linted = papers.length - absent;
  out.push('', `Totals: quadrant right for ${quadrantsRight}/${linted} linted papers; rule labels agreeing ${agreeTotal}/${labelTotal}${absent ? `; ${absent} text(s) absent` : ''}`);
  console.log(out.join('\n'));
}

try {
  main();
} catch (error) {
  console.log(`eval:real could not run: ${(error as Error).stack ?? error}`);
}
process.exitCode = 0;
