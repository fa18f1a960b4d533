import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TestClient, uri } from '../test/lsp/client';

// The editor bars of issue 5, measured on the real server (dist/server.js) over stdio with the
// debounce at 0: from a one-character edit to its published diagnostics on the 80 KB sample; 1,000
// rapid edits ending with diagnostics that match the final text; server memory with 400 KB open.

// Bundled into dist/bench.js the server sits beside it; run from bench/ it is in ../dist.
const SERVER = [path.join(__dirname, 'server.js'), path.join(__dirname, '../dist/server.js')].find((f) => fs.existsSync(f))!;

export interface EditorFigures {
  openMs: number;
  editP50Ms: number;
  editP95Ms: number;
  rapidEdits: number;
  rapidPublications: number;
  rapidMatches: boolean;
  rssMb: number;
  peakRssMb: number;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** VmRSS and VmHWM (peak) of a process, in MB, from /proc (Linux). */
function rssOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

function startClient(): TestClient {
  return new TestClient({ debounce: 0 }, [SERVER, '--stdio']);
}

/** Inserts and then deletes one character at the end of a prose line, alternating. */
function editAt(text: string, i: number, line: number): { change: { range: any; text: string }; text: string } {
  const lines = text.split('\n');
  const character = lines[line].length;
  if (i % 2 === 0) {
    const pos = { line, character };
    return { change: { range: { start: pos, end: pos }, text: 'x' }, text: [...lines.slice(0, line), lines[line] + 'x', ...lines.slice(line + 1)].join('\n') };
  }
  const range = { start: { line, character: character - 1 }, end: { line, character } };
  return { change: { range, text: '' }, text: [...lines.slice(0, line), lines[line].slice(0, -1), ...lines.slice(line + 1)].join('\n') };
}

export async function benchEditor(sample: string, large: string): Promise<EditorFigures> {
  const dir = path.dirname(sample);
  const text = fs.readFileSync(sample, 'utf8');
  const line = text.split('\n').findIndex((l, i) => i > 40 && /^[A-Z][a-z].{60,}[a-z.]$/.test(l));

  // Latency: one edit at a time, each waited for.
  let client = startClient();
  await client.initialize(dir);
  let t = performance.now();
  await client.open(sample, text);
  await client.diagnosticsFor(sample, 1);
  const openMs = performance.now() - t;
  let current = text;
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const edit = editAt(current, i, line);
    current = edit.text;
    t = performance.now();
    const version = await client.change(sample, [edit.change]);
    await client.diagnosticsFor(sample, version);
    times.push(performance.now() - t);
  }

  // 1,000 edits sent as fast as possible; then compare with a fresh server on the final text.
  const before = client.publications.length;
  const sends: Promise<number>[] = [];
  for (let i = 0; i < 1000; i++) {
    const edit = editAt(current, i % 3 === 2 ? 0 : i, line);
    current = edit.text;
    sends.push(client.change(sample, [edit.change]));
  }
  const last = Math.max(...(await Promise.all(sends)));
  const final = await client.diagnosticsFor(sample, last);
  const rapidPublications = client.publications.slice(before).filter((p) => p.uri === uri(sample)).length;
  await client.shutdown();
  client = startClient();
  await client.initialize(dir);
  await client.open(sample, current);
  const fresh = await client.diagnosticsFor(sample, 1);
  const key = (ds: typeof fresh) => JSON.stringify(ds.map((d) => [d.code, d.range, d.message]));
  const rapidMatches = key(final) === key(fresh);
  await client.shutdown();

  // Memory with the 400 KB paper open and linted.
  client = startClient();
  await client.initialize(path.dirname(large));
  await client.open(large, fs.readFileSync(large, 'utf8'));
  await client.diagnosticsFor(large, 1);
  const mem = rssOf(client.child.pid!);
  await client.shutdown();

  return {
    openMs,
    editP50Ms: quantile(times, 0.5),
    editP95Ms: quantile(times, 0.95),
    rapidEdits: 1000,
    rapidPublications,
    rapidMatches,
    rssMb: mem.rss,
    peakRssMb: mem.peak,
  };
}

export function printEditorFigures(f: EditorFigures): void {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log('\nEditor (language server over stdio, debounce 0, 80 KB sample):');
  console.log(`  open → first diagnostics        ${ms(f.openMs)}`);
  console.log(`  one-character edit → diagnostics p50 ${ms(f.editP50Ms)}, p95 ${ms(f.editP95Ms)} (target p95 ≤ 50 ms)`);
  console.log(`  ${f.rapidEdits} rapid edits → ${f.rapidPublications} publications; final diagnostics match a fresh lint: ${f.rapidMatches ? 'yes' : 'NO'}`);
  console.log(`  server memory with the 400 KB paper open: RSS ${f.rssMb.toFixed(0)} MB, peak ${f.peakRssMb.toFixed(0)} MB (target ≤ 300 MB)`);
}
