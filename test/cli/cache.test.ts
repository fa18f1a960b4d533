import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// `--cache` through the built CLI in child processes: a run from the cache reports exactly what a
// run without it reports, whatever changed in between (the root, an \input, a file that appears,
// the config), and a corrupt, unwritable or shared cache folder never changes a result.

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/actionable.js');

const MAIN = [
  '\\documentclass{article}',
  '\\begin{document}',
  '\\begin{abstract}',
  'We study how attention heads in a small language model copy names from the context.',
  '\\end{abstract}',
  '\\section{Introduction}',
  'Our analysis explains which heads move the name to the final position.',
  '\\input{method}',
  '\\input{extra}',
  '\\end{document}',
  '',
].join('\n');
const METHOD = '\\section{Method}\nWe ablate each head and measure the drop in accuracy on 500 prompts.\n';
const VAGUE = '\\section{Method}\nWe ablate each head and measure the drop in accuracy on 500 prompts. This sheds light on safety.\n';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30000, env: { ...process.env, ...env } });
  assert.equal(r.error, undefined, r.error?.message);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(): { dir: string; cache: string } {
  const top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-cache-')));
  const dir = path.join(top, 'paper');
  fs.mkdirSync(path.join(dir, '.git'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'main.tex'), MAIN);
  fs.writeFileSync(path.join(dir, 'method.tex'), METHOD);
  return { dir, cache: path.join(top, 'cache') };
}

/** A cached lint and an uncached one of the same tree: the same report, and how the cached run got it. */
function both(p: { dir: string; cache: string }, extra: string[] = []): { cached: Run; fresh: Run; fromCache: boolean } {
  const cached = run(['lint', 'main.tex', '--format', 'json', '--cache', '--cache-location', p.cache, ...extra], p.dir, { ACTIONABLE_TIMING: '1' });
  const fresh = run(['lint', 'main.tex', '--format', 'json', ...extra], p.dir);
  const counts = /documents: (\d+) linted, (\d+) from the cache/.exec(cached.stderr);
  assert.ok(counts, cached.stderr);
  assert.equal(cached.stdout, fresh.stdout, 'a cached run reports what an uncached one does');
  assert.equal(cached.code, fresh.code);
  return { cached, fresh, fromCache: counts[2] === '1' };
}

describe('--cache (CLI, child process)', function () {
  this.timeout(120000);

  it('an unchanged paper comes from the cache, with the same report', () => {
    const p = project();
    assert.equal(both(p).fromCache, false);
    assert.equal(both(p).fromCache, true);
    assert.ok(fs.readdirSync(p.cache).length > 0, 'the cache folder was written');
  });

  it('an edited \\input, a file that appears and a changed config each lint again and report the change', () => {
    const p = project();
    const first = both(p);
    fs.writeFileSync(path.join(p.dir, 'method.tex'), VAGUE);
    const edited = both(p);
    assert.equal(edited.fromCache, false, 'the root is unchanged but its input changed');
    assert.notEqual(edited.fresh.stdout, first.fresh.stdout, 'the edit changes the report (the test means something)');

    // extra.tex was missing (an input problem); once it exists the report must say otherwise.
    fs.writeFileSync(path.join(p.dir, 'extra.tex'), '\\section{Discussion}\nWe list the limits of this study.\n');
    const appeared = both(p);
    assert.equal(appeared.fromCache, false, 'a file the build looked for and did not find now exists');
    assert.notEqual(appeared.fresh.stdout, edited.fresh.stdout);

    const config = both(p, ['--rule', 'vague-action=off']);
    assert.equal(config.fromCache, false, 'another config is another entry');
    assert.doesNotMatch(config.cached.stdout, /"ruleId": "vague-action"/);
    assert.equal(both(p, ['--rule', 'vague-action=off']).fromCache, true);
  });

  it('corrupt or truncated entries are misses, never errors', () => {
    const p = project();
    both(p);
    const entries: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory()) walk(f);
        else entries.push(f);
      }
    };
    walk(p.cache);
    assert.ok(entries.length >= 2, entries.join('\n'));
    entries.forEach((f, i) => {
      const data = fs.readFileSync(f);
      if (i % 2 === 0) fs.writeFileSync(f, data.subarray(0, Math.floor(data.length / 2)));
      else {
        data[data.length - 10] ^= 0xff; // a flipped byte in the payload
        fs.writeFileSync(f, data);
      }
    });
    const after = both(p);
    assert.equal(after.fromCache, false);
    assert.doesNotMatch(after.cached.stderr, /internal error/);
    assert.equal(both(p).fromCache, true, 'the entries are written again');
  });

  it('a cache location that cannot be a folder: one warning, the same report', () => {
    const p = project();
    fs.mkdirSync(path.dirname(p.cache), { recursive: true });
    fs.writeFileSync(p.cache, 'a file, not a folder');
    const r = both(p);
    assert.match(r.cached.stderr, /the cache at .* cannot be written .*; running without it/);
    assert.equal(r.cached.stderr.match(/cannot be written/g)?.length, 1);
  });

  it('two runs at once on one cache folder both report correctly', async () => {
    const p = project();
    fs.writeFileSync(path.join(p.dir, 'method.tex'), VAGUE);
    const expected = run(['lint', 'main.tex', '--format', 'json'], p.dir).stdout;
    const once = () =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, 'lint', 'main.tex', '--format', 'json', '--cache', '--cache-location', p.cache], { cwd: p.dir });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.on('error', reject);
        child.on('close', () => resolve(out));
      });
    const outs = await Promise.all([once(), once(), once()]);
    for (const out of outs) assert.equal(out, expected);
    assert.equal(await once(), expected);
  });

  it('score --cache gives the rows that score without it gives', () => {
    const p = project();
    const fresh = run(['score', 'main.tex', '--format', 'csv'], p.dir);
    const first = run(['score', 'main.tex', '--format', 'csv', '--cache', '--cache-location', p.cache], p.dir);
    const second = run(['score', 'main.tex', '--format', 'csv', '--cache', '--cache-location', p.cache], p.dir);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.equal(first.stdout, fresh.stdout);
    assert.equal(second.stdout, fresh.stdout);
    assert.ok(fs.readdirSync(p.cache).length > 0);
  });
});
