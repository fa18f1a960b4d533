import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyChange } from '../server/src/core/build';
import { TestClient, uri } from '../test/lsp/client';

// The editor bars of issue 5, measured on the real server (dist/server.js) over stdio with the
// debounce at 0: from a one-character edit to its published diagnostics on the 80 KB sample; 1,000
// rapid edits ending with diagnostics that match the final text; server memory with 400 KB open.

// Bundled into dist/bench.js the server sits beside it; run from bench/ it is in ../dist.
const SERVER = [path.join(__dirname, 'server.js'), path.join(__dirname, '../dist/server.js')].find((f) => fs.existsSync(f))!;

export interface EditorFigures {
  findings: number;
  openMs: number;
  /** Open → first diagnostics in a new session, with the disk cache the last session wrote. */
  reopenMs: number;
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

/** A server with an empty disk cache of its own, unless `cacheHome` names one to share. */
function startClient(cacheHome?: string): TestClient {
  return new TestClient({ debounce: 0 }, [SERVER, '--stdio'], cacheHome ? { XDG_CACHE_HOME: cacheHome } : {});
}

type Change = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };

/** Edit i: type one character at the end of a prose line, or delete it again, or (`shift`) open a new line above it. */
function editAt(text: string, i: number, line: number, shift = false): { change: Change; text: string } {
  const lines = text.split('\n');
  const character = lines[line].length;
  let change: Change;
  if (shift && i % 3 === 2) change = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '\n' };
  else if (i % 2 === 0) change = { range: { start: { line, character }, end: { line, character } }, text: 'x' };
  else change = { range: { start: { line, character: character - 1 }, end: { line, character } }, text: '' };
  return { change, text: applyChange(text, change) };
}

/** The sample with vague claims added to its framing (abstract, introduction, discussion, conclusion), so that every run has findings whose places must be right. */
function withFindings(text: string): string {
  const claims = ['These findings could inform future safety research.', 'Our analysis sheds light on how retrieval decisions are made.', 'We hope this paves the way for more trustworthy systems.'];
  return text.replace(/(\\(?:section\{(?:Introduction|Discussion|Conclusions?)\}|end\{abstract\})[\s\S]*?[a-z]\.)\n\n/g, (_m, head: string) => `${head} ${claims.join(' ')}\n\n`);
}

export async function benchEditor(sample: string, large: string): Promise<EditorFigures> {
  const dir = fs.mkdtempSync(path.join(path.dirname(large), 'editor-'));
  const file = path.join(dir, 'sample-80k.tex');
  const text = withFindings(fs.readFileSync(sample, 'utf8'));
  fs.writeFileSync(file, text);
  const line = text.split('\n').findIndex((l, i) => i > 40 && /^[A-Z][a-z].{60,}[a-z.]$/.test(l));

  // Latency: one edit at a time, each waited for.
  let client = startClient();
  await client.initialize(dir);
  let t = performance.now();
  await client.open(file, text);
  const initial = await client.diagnosticsFor(file, 1);
  const openMs = performance.now() - t;
  let current = text;
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    const edit = editAt(current, i, line);
    current = edit.text;
    t = performance.now();
    const version = await client.change(file, [edit.change]);
    await client.diagnosticsFor(file, version);
    times.push(performance.now() - t);
  }

  // 1,000 edits sent as fast as possible; then compare with a fresh server on the final text.
  const before = client.publications.length;
  const sends: Promise<number>[] = [];
  for (let i = 0; i < 1000; i++) {
    const edit = editAt(current, i, line + Math.floor(i / 3), true);
    current = edit.text;
    sends.push(client.change(file, [edit.change]));
  }
  const last = Math.max(...(await Promise.all(sends)));
  const final = await client.diagnosticsFor(file, last);
  const rapidPublications = client.publications.slice(before).filter((p) => p.uri === uri(file)).length;
  await client.shutdown();
  client = startClient();
  await client.initialize(dir);
  await client.open(file, current);
  const fresh = await client.diagnosticsFor(file, 1);
  const key = (ds: typeof fresh) => JSON.stringify(ds.map((d) => [d.code, d.range, d.message]));
  const rapidMatches = key(final) === key(fresh) && fresh.length > 0;
  await client.shutdown();

  // Reopening in a new session: the first session wrote the disk cache when the paper closed.
  const cacheHome = fs.mkdtempSync(path.join(dir, 'xdg-'));
  client = startClient(cacheHome);
  await client.initialize(dir);
  await client.open(file, text);
  await client.diagnosticsFor(file, 1);
  await client.close(file);
  await client.shutdown();
  client = startClient(cacheHome);
  await client.initialize(dir);
  t = performance.now();
  await client.open(file, text);
  await client.diagnosticsFor(file, 1);
  const reopenMs = performance.now() - t;
  await client.shutdown();

  // Memory with the 400 KB paper open and linted.
  client = startClient();
  await client.initialize(path.dirname(large));
  await client.open(large, fs.readFileSync(large, 'utf8'));
  await client.diagnosticsFor(large, 1);
  const mem = rssOf(client.child.pid!);
  await client.shutdown();

  fs.rmSync(dir, { recursive: true, force: true });
  return {
    findings: initial.length,
    openMs,
    reopenMs,
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
  console.log(`\nEditor (language server over stdio, debounce 0, the 80 KB sample with vague claims added: ${f.findings} findings):`);
  console.log(`  open → first diagnostics        ${ms(f.openMs)}`);
  console.log(`  reopen in a new session (disk cache) → first diagnostics ${ms(f.reopenMs)} (target ≤ 400 ms)`);
  console.log(`  one-character edit → diagnostics p50 ${ms(f.editP50Ms)}, p95 ${ms(f.editP95Ms)} (target p95 ≤ 50 ms)`);
  console.log(`  ${f.rapidEdits} rapid edits (typing, deleting, new lines above) → ${f.rapidPublications} publications; final diagnostics match a fresh lint: ${f.rapidMatches ? 'yes' : 'NO'}`);
  console.log(`  server memory with the 400 KB paper open: RSS ${f.rssMb.toFixed(0)} MB, peak ${f.peakRssMb.toFixed(0)} MB (target ≤ 300 MB)`);
}
