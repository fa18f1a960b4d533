import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATEGORIES, type Category, sentenceCategories } from '../server/src/core/claims';

// `npm run eval:sentences`: precision and recall per category of the linguistic layer's sentence
// categories on the labelled sentence set (eval/sentences/*.jsonl), on its development part and on
// its test part. The split is fixed by the text (eval/sentences/README.md); nobody tunes on the test
// part. It is a report, not a test: it always exits 0. `--show dev|test` lists the errors of a part.

const DIR = path.resolve(__dirname, '../eval/sentences');
const TARGET = { precision: 0.9, recall: 0.8 };

interface Labelled {
  id: string;
  style: string;
  text: string;
  labels: Category[];
}

type Part = 'dev' | 'test';

export function partOf(text: string): Part {
  return createHash('sha1').update(text, 'utf8').digest()[0] < 77 ? 'test' : 'dev';
}

function load(): Labelled[] {
  const out: Labelled[] = [];
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of fs.readFileSync(path.join(DIR, file), 'utf8').split('\n')) {
      if (line.trim()) out.push(JSON.parse(line) as Labelled);
    }
  }
  return out;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function main(): void {
  const argv = process.argv.slice(2);
  const show = argv.includes('--show') ? (argv[argv.indexOf('--show') + 1] as Part) : undefined;
  const sentences = load();
  const started = performance.now();
  const results = sentences.map((s) => ({ s, part: partOf(s.text), got: sentenceCategories(s.text) }));
  const elapsed = performance.now() - started;
  const parts: Part[] = ['dev', 'test'];
  console.log(`${sentences.length} sentences (dev ${results.filter((r) => r.part === 'dev').length}, test ${results.filter((r) => r.part === 'test').length}); classified in ${elapsed.toFixed(0)} ms`);
  console.log('');
  console.log(`${'category'.padEnd(24)}${parts.map((p) => `${p} P`.padStart(9) + `${p} R`.padStart(9) + 'n'.padStart(5)).join('')}`);
  const totals = new Map<Part, { met: number }>(parts.map((p) => [p, { met: 0 }]));
  for (const category of CATEGORIES) {
    let row = category.padEnd(24);
    for (const part of parts) {
      const c: Counts = { tp: 0, fp: 0, fn: 0 };
      for (const r of results) {
        if (r.part !== part) continue;
        const want = r.s.labels.includes(category);
        const got = r.got.has(category);
        if (want && got) c.tp++;
        else if (got) c.fp++;
        else if (want) c.fn++;
      }
      const p = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
      const rc = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
      if (p >= TARGET.precision && rc >= TARGET.recall) totals.get(part)!.met++;
      row += fmt(p, TARGET.precision) + fmt(rc, TARGET.recall) + String(c.tp + c.fn).padStart(5);
    }
    console.log(row);
  }
  console.log('');
  for (const part of parts) console.log(`${part}: ${totals.get(part)!.met}/${CATEGORIES.length} categories meet precision ≥ ${TARGET.precision} and recall ≥ ${TARGET.recall}`);
  if (show) {
    console.log('');
    console.log(`Errors in the ${show} part (− missed, + wrong):`);
    for (const r of results) {
      if (r.part !== show) continue;
      const missed = r.s.labels.filter((l) => !r.got.has(l));
      const wrong = [...r.got].filter((l) => !r.s.labels.includes(l));
      if (missed.length === 0 && wrong.length === 0) continue;
      console.log(`${r.s.id}  ${[...missed.map((m) => `−${m}`), ...wrong.map((w) => `+${w}`)].join(' ')}\n    ${r.s.text}`);
    }
  }
}

function fmt(value: number, target: number): string {
  return `${value.toFixed(2)}${value >= target ? ' ' : '*'}`.padStart(9);
}

main();
