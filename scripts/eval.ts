import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinLexicons, builtinRules } from '../rules';
import { ModelBuilder } from '../server/src/core/build';
import type { PaperDocument } from '../server/src/core/model';
import { lintDocument, type LintResult } from '../server/src/core/rules/engine';
import { positionAt } from '../server/src/core/source';
import { fmt, RULE_IDS, table, where } from './eval-format';

// `npm run eval`: lints the labelled corpus in eval/corpus/ and compares the RAW rule outcomes with
// eval/labels.json. Document-level rules are scored per document (outcome status 'missing' = fired;
// 'met' and 'not-applicable' = did not fire); sentence-level rules per line (a finding whose start
// line equals a labelled line of the same file). Severities and suppressions play no part.
// It is a report, not a test: it always exits 0.

// `--set heldout` (npm run eval:heldout) reads eval/heldout-labels.json and eval/heldout/ instead: a held-out set
// written without reading the rules' code or fixtures. `--set heldout2` (npm run eval:heldout2) reads
// eval/heldout2-labels.json and eval/heldout2/: a second held-out set, written independently of the rules, the corpus
// and the first held-out set. `--set heldout3` (npm run eval:heldout3) reads eval/heldout3-labels.json and eval/heldout3/:
// a third held-out set, written independently of the rules, the corpus and the first two held-out sets.
// `--set heldout4` (npm run eval:heldout4) reads eval/heldout4-labels.json and eval/heldout4/: a fourth held-out set of
// 10 drafts, written independently of the rules, the corpus and the earlier held-out sets' drafts.
// `--set heldout5` (npm run eval:heldout5) reads eval/heldout5-labels.json and eval/heldout5/: a fifth held-out set of 8 drafts
// (two per quadrant), written independently of the rules, the corpus and the earlier held-out sets' drafts.
// `--set heldout6` (npm run eval:heldout6) reads eval/heldout6-labels.json and eval/heldout6/: a sixth held-out set of 8 drafts
// (two per quadrant), written without reading the rules and labelled before the linter was run on them.
// `--set corpus` (the default) is the labelled corpus.

const EVAL_DIR = path.resolve(__dirname, '../eval');
const SETS: Record<string, { dir: string; labels: string }> = {
  corpus: { dir: 'corpus', labels: 'labels.json' },
  heldout: { dir: 'heldout', labels: 'heldout-labels.json' },
  heldout2: { dir: 'heldout2', labels: 'heldout2-labels.json' },
  heldout3: { dir: 'heldout3', labels: 'heldout3-labels.json' },
  heldout4: { dir: 'heldout4', labels: 'heldout4-labels.json' },
  heldout5: { dir: 'heldout5', labels: 'heldout5-labels.json' },
  heldout6: { dir: 'heldout6', labels: 'heldout6-labels.json' },
};
const SET_NAME = parseSet(process.argv.slice(2));
const CORPUS = path.join(EVAL_DIR, SETS[SET_NAME].dir);
const LABELS = path.join(EVAL_DIR, SETS[SET_NAME].labels);

function parseSet(argv: string[]): string {
  let name = 'corpus';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--set') name = argv[++i] ?? '';
    else if (a.startsWith('--set=')) name = a.slice('--set='.length);
  }
  if (!(name in SETS)) {
    console.log(`eval: unknown --set ${JSON.stringify(name)}; expected one of ${Object.keys(SETS).join(', ')}`);
    process.exit(2);
  }
  return name;
}

const SENTENCE_RULES = new Set<string>(['vague-action', 'faithfulness', 'understanding-only']);
const QUADRANTS = ['exploratory', 'proposal', 'actionable', 'validated-unspecific'] as const;
const TARGET = { precision: 0.9, recall: 0.8, quadrantAccuracy: 1, exemplaryWarnings: 1 };

/** A labelled line: a number (a line of the draft's root file) or "file:line" relative to the root file's folder. */
type LineLabel = number | string;

interface DraftLabel {
  path: string;
  kind: string;
  quadrant: (typeof QUADRANTS)[number];
  format?: string;
  exemplary?: boolean;
  rules: Record<string, boolean | LineLabel[]>;
  notes?: Record<string, string>;
}

interface Mismatch {
  draft: string;
  rule: string;
  expected: string;
  got: string;
  message: string;
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

function main(): void {
  const labels = JSON.parse(fs.readFileSync(LABELS, 'utf8')) as { drafts: DraftLabel[] };
  const registered = new Set(builtinRules.map((r) => r.meta.id));
  const lexicons = builtinLexicons();
  const tallies = new Map<string, Tally>(RULE_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
  const mismatches: Mismatch[] = [];
  const quadrantRows: Array<{ draft: string; expected: string; got: string; kindExpected: string; kindGot: string; c: number; v: number }> = [];
  let exemplary: { draft: string; result: LintResult } | undefined;

  for (const label of labels.drafts) {
    const file = path.join(CORPUS, label.path);
    let result: LintResult;
    try {
      const doc = new ModelBuilder().build(file);
      result = lintDocument(doc, builtinRules, lexicons);
    } catch (error) {
      mismatches.push({ draft: label.path, rule: '(engine)', expected: 'a result', got: 'crash', message: (error as Error).stack ?? String(error) });
      continue;
    }
    const doc = result.doc;
    const rootDir = path.dirname(doc.root);
    if (label.exemplary) exemplary = { draft: label.path, result };
    quadrantRows.push({ draft: label.path, expected: label.quadrant, got: result.score.quadrant, kindExpected: label.kind, kindGot: `${result.kind.kind} (${result.kind.source})`, c: result.score.concreteness, v: result.score.validation });

    for (const id of RULE_IDS) {
      const expected = label.rules[id];
      if (expected === undefined || !registered.has(id)) continue;
      const tally = tallies.get(id)!;
      const outcome = result.outcomes.find((o) => o.ruleId === id);
      if (outcome?.status === 'error') {
        mismatches.push({ draft: label.path, rule: id, expected: JSON.stringify(expected), got: 'error', message: outcome.reason ?? 'rule threw' });
      }
      if (Array.isArray(expected)) {
        const want = new Map(expected.map((l) => {
          const key = lineKey(rootDir, doc.root, l);
          return [key, l] as const;
        }));
        const got = new Map<string, string>();
        for (const f of result.findings) {
          if (f.ruleId !== id) continue;
          const source = doc.sources.get(f.range.file);
          if (!source) continue;
          const key = `${f.range.file}:${positionAt(source, f.range.start).line + 1}`;
          if (!got.has(key)) got.set(key, f.message);
        }
        for (const [key, l] of want) {
          if (got.has(key)) tally.tp++;
          else {
            tally.fn++;
            const reason = outcome?.status === 'not-applicable' ? ` [rule not applicable: ${outcome.reason}]` : '';
            mismatches.push({ draft: label.path, rule: id, expected: `finding on ${display(rootDir, key)}`, got: 'none', message: `line reads: ${lineText(doc, key)}${reason}` });
            void l;
          }
        }
        for (const [key, message] of got) {
          if (want.has(key)) continue;
          tally.fp++;
          mismatches.push({ draft: label.path, rule: id, expected: 'no finding', got: `finding on ${display(rootDir, key)}`, message: `${message}\n      line reads: ${lineText(doc, key)}` });
        }
      } else {
        const fired = outcome?.status === 'missing';
        if (expected && fired) tally.tp++;
        else if (expected && !fired) {
          tally.fn++;
          const why = outcome?.status === 'not-applicable' ? `not applicable: ${outcome.reason}` : `met; evidence: ${(outcome?.evidence ?? []).slice(0, 3).map((e) => `${e.note ?? ''} @${where(doc, rootDir, e.range.file, e.range.start)}`).join('; ') || 'none recorded'}`;
          mismatches.push({ draft: label.path, rule: id, expected: 'fire', got: outcome?.status ?? 'no outcome', message: why });
        } else if (!expected && fired) {
          tally.fp++;
          const f = result.findings.find((x) => x.ruleId === id);
          mismatches.push({ draft: label.path, rule: id, expected: 'no finding', got: 'fired', message: f ? `${f.message} @${where(doc, rootDir, f.range.file, f.range.start)}` : 'fired (finding suppressed by a directive)' });
        }
      }
    }
  }

  // ---- per-rule table
  const out: string[] = [];
  out.push(`Actionable eval: ${labels.drafts.length} labelled drafts in eval/${SETS[SET_NAME].dir} (targets: precision ≥ ${TARGET.precision}, recall ≥ ${TARGET.recall} per rule)`);
  out.push('');
  const header = ['rule', 'unit', 'TP', 'FP', 'FN', 'precision', 'recall', 'target'];
  const rows: string[][] = [];
  for (const id of RULE_IDS) {
    const unit = SENTENCE_RULES.has(id) ? 'line' : 'doc';
    if (!registered.has(id)) {
      rows.push([id, unit, '-', '-', '-', '-', '-', 'not implemented']);
      continue;
    }
    const t = tallies.get(id)!;
    const p = t.tp + t.fp === 0 ? undefined : t.tp / (t.tp + t.fp);
    const r = t.tp + t.fn === 0 ? undefined : t.tp / (t.tp + t.fn);
    const ok = (p === undefined || p >= TARGET.precision) && (r === undefined || r >= TARGET.recall);
    rows.push([id, unit, String(t.tp), String(t.fp), String(t.fn), fmt(p), fmt(r), ok ? 'met' : `MISSED (${[p !== undefined && p < TARGET.precision ? 'precision' : '', r !== undefined && r < TARGET.recall ? 'recall' : ''].filter(Boolean).join(', ')})`]);
  }
  out.push(...table(header, rows));
  out.push('');

  // ---- quadrants
  out.push(`Quadrant confusion (rows: expected, columns: computed result.score.quadrant); target accuracy ${TARGET.quadrantAccuracy * 100} %`);
  const qHeader = ['expected \\ computed', ...QUADRANTS];
  const qRows = QUADRANTS.map((e) => [e, ...QUADRANTS.map((g) => String(quadrantRows.filter((r) => r.expected === e && r.got === g).length))]);
  out.push(...table(qHeader, qRows));
  const correct = quadrantRows.filter((r) => r.expected === r.got).length;
  const acc = quadrantRows.length ? correct / quadrantRows.length : 0;
  out.push(`Quadrant accuracy: ${correct}/${quadrantRows.length} = ${(acc * 100).toFixed(1)} % (target ${TARGET.quadrantAccuracy * 100} %: ${acc >= TARGET.quadrantAccuracy ? 'met' : 'MISSED'})`);
  out.push('');
  out.push('Per draft: scores, quadrant and kind');
  out.push(...table(['draft', 'concr.', 'valid.', 'computed', 'expected', 'kind computed', 'kind expected'], quadrantRows.map((r) => [r.draft, r.c.toFixed(2), r.v.toFixed(2), r.got, r.expected === r.got ? '=' : r.expected, r.kindGot, r.kindExpected === r.kindGot.split(' ')[0] ? '=' : r.kindExpected])));
  out.push('');

  // ---- exemplary draft
  if (exemplary) {
    const serious = exemplary.result.findings.filter((f) => f.severity === 'warning' || f.severity === 'error');
    out.push(`Exemplary draft ${exemplary.draft}: ${serious.length} warning(s)+error(s) (target ≤ ${TARGET.exemplaryWarnings}: ${serious.length <= TARGET.exemplaryWarnings ? 'met' : 'MISSED'})`);
    const rootDir = path.dirname(exemplary.result.doc.root);
    for (const f of serious) out.push(`  ${f.severity} ${f.ruleId} @${where(exemplary.result.doc, rootDir, f.range.file, f.range.start)}: ${f.message}`);
    out.push('');
  }

  // ---- mismatches
  out.push(`Mismatches (${mismatches.length}):`);
  for (const m of mismatches) out.push(`- ${m.draft} | ${m.rule} | expected ${m.expected} | got ${m.got}\n      ${m.message}`);
  const notImplemented = RULE_IDS.filter((id) => !registered.has(id));
  if (notImplemented.length) out.push('', `Not implemented (not registered in rules/index.ts): ${notImplemented.join(', ')}`);
  console.log(out.join('\n'));
}

/** "file:line" key of a label, with the file absolute. */
function lineKey(rootDir: string, root: string, l: LineLabel): string {
  if (typeof l === 'number') return `${root}:${l}`;
  const i = l.lastIndexOf(':');
  return `${path.resolve(rootDir, l.slice(0, i))}:${l.slice(i + 1)}`;
}

function display(rootDir: string, key: string): string {
  const i = key.lastIndexOf(':');
  return `${path.relative(rootDir, key.slice(0, i)) || '.'}:${key.slice(i + 1)}`;
}

function lineText(doc: PaperDocument, key: string): string {
  const i = key.lastIndexOf(':');
  const source = doc.sources.get(key.slice(0, i));
  const n = Number(key.slice(i + 1));
  const text = source?.text.split(/\r?\n/)[n - 1] ?? '(no such line)';
  const t = text.trim();
  return JSON.stringify(t.length > 160 ? `${t.slice(0, 157)}...` : t);
}

try {
  main();
} catch (error) {
  console.log(`eval could not run: ${(error as Error).stack ?? error}`);
}
process.exitCode = 0;
