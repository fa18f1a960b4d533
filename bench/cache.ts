import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

// Cold `actionable lint` of a paper without the cache, then with `--cache`: the first run (which
// writes it), an unchanged paper, and a paper with one paragraph edited (a new sentence each time),
// each as a fresh process, wall time median of `runs`; and each one's phases from inside the
// process (ACTIONABLE_TIMING=1).

export interface CacheFigures {
  label: string;
  medianMs: number;
  phases: Record<string, number>;
}

function lint(bin: string, file: string, args: string[]): { ms: number; phases: Record<string, number> } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, 'lint', '--format', 'json', '-o', path.join(path.dirname(file), 'out.json'), ...args, file], { encoding: 'utf8', env: { ...process.env, ACTIONABLE_TIMING: '1' } });
  const ms = performance.now() - t;
  const phases: Record<string, number> = {};
  for (const m of r.stderr.matchAll(/^\s*(\S.*?)\s{2,}(\d+) ms$/gm)) phases[m[1].trim()] = Number(m[2]);
  return { ms, phases };
}

function median<T extends { ms: number }>(xs: T[]): T {
  return [...xs].sort((a, b) => a.ms - b.ms)[Math.floor(xs.length / 2)];
}

/** Appends a sentence never seen before to the paragraph nearest the middle of the file. */
function editOneParagraph(file: string, k: number): void {
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf('\n\n', Math.floor(text.length / 2));
  fs.writeFileSync(file, `${text.slice(0, at)} We repeated this measurement ${k + 2} times with fresh seeds.${text.slice(at)}`);
}

export function benchCache(bin: string, sample: string, work: string, runs = 5): CacheFigures[] {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const file = path.join(work, path.basename(sample));
  fs.copyFileSync(sample, file);
  const cacheDir = path.join(work, 'cache');
  const cache = ['--cache', '--cache-location', cacheDir];
  const rows: CacheFigures[] = [];
  const add = (label: string, results: Array<{ ms: number; phases: Record<string, number> }>) => {
    const m = median(results);
    rows.push({ label, medianMs: m.ms, phases: m.phases });
  };
  add('cold, no cache', Array.from({ length: runs }, () => lint(bin, file, [])));
  add('--cache, first run (writes it)', Array.from({ length: runs }, () => {
    fs.rmSync(cacheDir, { recursive: true, force: true });
    return lint(bin, file, cache);
  }));
  add('--cache, unchanged', Array.from({ length: runs }, () => lint(bin, file, cache)));
  add('--cache, one paragraph edited', Array.from({ length: runs }, (_, k) => {
    editOneParagraph(file, k);
    return lint(bin, file, cache);
  }));
  return rows;
}

export function printCacheFigures(rows: CacheFigures[]): void {
  const names = ['start (Node, bundle)', 'cache (load, save)', 'model', 'of which parse', 'rules', 'of which analyse', 'format'];
  console.log('\ncold `actionable lint` of the 80 KB sample, fresh processes, median wall ms; phases from inside the process (ACTIONABLE_TIMING=1)');
  console.log(`${'run'.padEnd(34)}${'wall'.padStart(7)}  ${['start', 'cache', 'model', 'parse', 'rules', 'analyse', 'format'].map((n) => n.padStart(8)).join('')}`);
  for (const r of rows) console.log(`${r.label.padEnd(34)}${r.medianMs.toFixed(0).padStart(7)}  ${names.map((n) => String(r.phases[n] ?? '-').padStart(8)).join('')}`);
  console.log('targets: cold <= 1000 ms on a quiet machine; --cache unchanged <= 300 ms, one paragraph edited <= 400 ms');
}
