import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tempProject } from '../core/helpers';
import { TestClient } from './client';

// The language server keeps the CLI's disk cache between sessions: a paper closed in one session
// is read from the cache when it is opened in the next (its entries are read, which touches them),
// with the same diagnostics; with `actionable.cache` off nothing is written.

const SAMPLE = fs.readFileSync(path.resolve(__dirname, '../../bench/sample-80k.tex'), 'utf8');

function entries(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...entries(f));
    else if (e.name.endsWith('.bin')) out.push(f);
  }
  return out;
}

async function session(dir: string, cacheHome: string, settings: Record<string, unknown> = {}): Promise<{ diagnostics: unknown }> {
  const client = new TestClient({ debounce: 0, ...settings }, undefined, { XDG_CACHE_HOME: cacheHome });
  try {
    await client.initialize(dir);
    const file = path.join(dir, 'paper.tex');
    await client.open(file, SAMPLE);
    const diagnostics = await client.diagnosticsFor(file, 1);
    await client.close(file);
    return { diagnostics };
  } finally {
    await client.shutdown();
  }
}

describe('language server: the disk cache between sessions', function () {
  this.timeout(90000);

  it('a paper closed in one session opens from the cache in the next, with the same diagnostics', async () => {
    const dir = tempProject({ 'paper.tex': SAMPLE });
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-xdg-'));
    const first = await session(dir, cacheHome);
    const written = entries(path.join(cacheHome, 'actionable'));
    assert.ok(written.some((f) => f.includes(`${path.sep}chunks${path.sep}`)), written.join('\n'));
    assert.ok(written.some((f) => f.includes(`${path.sep}readings${path.sep}`)), written.join('\n'));
    const past = new Date(Date.now() - 3600_000);
    for (const f of written) fs.utimesSync(f, past, past);
    const second = await session(dir, cacheHome);
    assert.deepEqual(second.diagnostics, first.diagnostics);
    for (const f of written) assert.ok(fs.statSync(f).mtimeMs > past.getTime() + 1000, `${path.basename(path.dirname(f))} entry was not read in the second session`);
  });

  it('with actionable.cache off, nothing is written', async () => {
    const dir = tempProject({ 'paper.tex': SAMPLE });
    const cacheHome = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-xdg-'));
    await session(dir, cacheHome, { cache: false });
    assert.deepEqual(entries(path.join(cacheHome, 'actionable')), []);
  });
});
