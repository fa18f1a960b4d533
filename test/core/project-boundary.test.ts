import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinLexicons, builtinRules } from '../../rules';
import { ModelBuilder } from '../../server/src/core/build';
import { ConfigResolver } from '../../server/src/core/config';
import { type FileHost, NodeFileHost, type ReadResult } from '../../server/src/core/host';
import { lintFiles } from '../../server/src/core/lint';
import { isInside, ProjectBoundary, readRegularFile, writeInsideProject } from '../../server/src/core/project-boundary';

// The project boundary's pieces: where a path really leads, reading only regular files under a
// limit (never opening a FIFO or a device), writing without following a link out, and a draft that
// tries every way out of its project, whose reads are recorded.

const POSIX = process.platform !== 'win32';
const REPO = path.resolve(__dirname, '../..');

function layout(): { top: string; repo: string; outside: string } {
  const top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-fence-')));
  const repo = path.join(top, 'repo');
  const outside = path.join(top, 'outside');
  fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
  fs.mkdirSync(outside);
  return { top, repo, outside };
}

function mkfifo(file: string): boolean {
  return POSIX && spawnSync('mkfifo', [file]).status === 0;
}

describe('project boundary: reading and writing', () => {
  it('reads a regular file under the limit, and refuses one over it without reading it', () => {
    const { repo } = layout();
    const file = path.join(repo, 'a.json');
    fs.writeFileSync(file, 'x'.repeat(2000));
    const ok = readRegularFile(file, 4096);
    assert.ok(ok.ok && ok.data.length === 2000);
    const over = readRegularFile(file, 1024);
    assert.deepEqual(over, { ok: false, reason: 'is 2 KB, over the 1 KB limit' });
  });

  it('refuses a folder, a device and a FIFO without opening them (a FIFO with no writer would block)', function () {
    const { repo } = layout();
    assert.deepEqual(readRegularFile(repo, 1024), { ok: false, reason: 'is a folder, not a file' });
    if (!POSIX) this.skip();
    assert.deepEqual(readRegularFile('/dev/zero', 1024), { ok: false, reason: 'is a device, not a regular file' });
    const fifo = path.join(repo, 'pipe');
    if (!mkfifo(fifo)) this.skip();
    const started = Date.now();
    assert.deepEqual(readRegularFile(fifo, 1024), { ok: false, reason: 'is a named pipe (FIFO), not a regular file' });
    assert.ok(Date.now() - started < 2000);
  });

  it('check: a path out, a link out and a dangling link are refused; a link inside is followed', function () {
    if (!POSIX) this.skip();
    const { repo, outside } = layout();
    fs.writeFileSync(path.join(outside, 'x.tex'), 'outside');
    fs.writeFileSync(path.join(repo, 'in.tex'), 'inside');
    fs.symlinkSync(path.join(outside, 'x.tex'), path.join(repo, 'out.tex'));
    fs.symlinkSync(path.join(repo, 'in.tex'), path.join(repo, 'alias.tex'));
    fs.symlinkSync(path.join(outside, 'gone.tex'), path.join(repo, 'dangling.tex'));
    const b = new ProjectBoundary({ folders: [repo] });
    assert.deepEqual(b.check(path.join(repo, 'alias.tex')), { ok: true, real: path.join(repo, 'in.tex') });
    assert.match((b.check(path.join(repo, 'out.tex')) as { reason: string }).reason, /^is a link to .*outside[/\\]x\.tex, outside the project folder \(.*repo\); it was not read$/);
    assert.match((b.check(path.join(outside, 'x.tex')) as { reason: string }).reason, /^is outside the project folder/);
    assert.match((b.check(path.join(repo, 'dangling.tex')) as { reason: string }).reason, /^is a link to .*gone\.tex, which does not exist$/);
  });

  it('the CLI project: the nearest .git above a file, else the working directory, else the file\'s folder', () => {
    const { top, repo } = layout();
    fs.mkdirSync(path.join(repo, 'sub'));
    fs.mkdirSync(path.join(top, 'loose', 'deep'), { recursive: true });
    const b = new ProjectBoundary({ cwd: path.join(top, 'loose') });
    assert.equal(b.enter(path.join(repo, 'sub', 'p.tex')), repo);
    assert.equal(b.enter(path.join(top, 'loose', 'deep', 'p.tex')), path.join(top, 'loose'));
    assert.equal(b.enter(path.join(top, 'q.tex')), top);
  });

  it('the host reads nothing outside its projects (editor buffers excepted: the user opened them)', function () {
    if (!POSIX) this.skip();
    const { repo, outside } = layout();
    fs.writeFileSync(path.join(outside, 'x.tex'), 'outside');
    fs.symlinkSync(path.join(outside, 'x.tex'), path.join(repo, 'out.tex'));
    const host = new NodeFileHost(1024 * 1024, new ProjectBoundary({ folders: [repo] }));
    assert.match((host.read(path.join(repo, 'out.tex')) as { reason: string }).reason, /is a link to .*, outside the project folder/);
    assert.match((host.read(path.join(outside, 'x.tex')) as { reason: string }).reason, /is outside the project folder/);
    host.setOverlay(path.join(outside, 'x.tex'), 'typed');
    assert.deepEqual(host.read(path.join(outside, 'x.tex')), { ok: true, text: 'typed' });
  });

  it('writes: a plain file is written; a link out, a dangling link (exclusive) and a FIFO are refused', function () {
    if (!POSIX) this.skip();
    const { repo, outside } = layout();
    assert.deepEqual(writeInsideProject('plain.json', '{}', { cwd: repo }), { ok: true });
    assert.equal(fs.readFileSync(path.join(repo, 'plain.json'), 'utf8'), '{}');
    fs.writeFileSync(path.join(outside, 'victim'), 'keep');
    fs.symlinkSync(path.join(outside, 'victim'), path.join(repo, 'link.json'));
    const out = writeInsideProject('link.json', 'x', { cwd: repo });
    assert.ok(!out.ok && /is a link to .*victim, outside the project folder/.test(out.reason));
    assert.equal(fs.readFileSync(path.join(outside, 'victim'), 'utf8'), 'keep');
    fs.symlinkSync(path.join(outside, 'new'), path.join(repo, 'dangling.json'));
    assert.deepEqual(writeInsideProject('dangling.json', 'x', { cwd: repo, exclusive: true }), { ok: false, reason: 'already exists; not overwritten' });
    assert.ok(!fs.existsSync(path.join(outside, 'new')));
    fs.symlinkSync(outside, path.join(repo, 'dir'));
    const throughDir = writeInsideProject('dir/y.json', 'x', { cwd: repo });
    assert.ok(!throughDir.ok && /outside the project folder/.test(throughDir.reason), JSON.stringify(throughDir));
    assert.ok(!fs.existsSync(path.join(outside, 'y.json')));
    if (!mkfifo(path.join(repo, 'fifo.json'))) return;
    assert.deepEqual(writeInsideProject('fifo.json', 'x', { cwd: repo }), { ok: false, reason: 'is a named pipe (FIFO), not a regular file; not written' });
  });
});

/** The host the builder reads through, recording every path it is asked about. */
class RecordingHost implements FileHost {
  readonly reads: string[] = [];
  readonly probes: string[] = [];
  readonly listings: string[] = [];
  constructor(private readonly inner: NodeFileHost) {}
  read(file: string): ReadResult {
    const result = this.inner.read(file);
    // Only reads that returned text opened the file.
    if (result.ok) this.reads.push(path.resolve(file));
    return result;
  }
  exists(file: string): boolean {
    this.probes.push(path.resolve(file));
    return this.inner.exists(file);
  }
  listTexFiles(dir: string): string[] {
    this.listings.push(path.resolve(dir));
    return this.inner.listTexFiles(dir);
  }
  realPath(file: string): string {
    return this.inner.realPath(file);
  }
  isRepositoryTop(dir: string): boolean {
    return this.inner.isRepositoryTop(dir);
  }
}

/** A draft that tries every way out of its project: roots, inputs of each kind, links, a subfiles parent, a config above. */
function escapingProject(): { top: string; repo: string; outside: string; paper: string } {
  const { top, repo, outside } = layout();
  const secret = (name: string) => `\\documentclass{article}\n\\begin{document}\nSECRET ${name}\n\\end{document}\n`;
  for (const name of ['x.tex', 'main.tex', 'defs.tex', 'sec.tex']) fs.writeFileSync(path.join(outside, name), secret(name));
  // Above the checkout: config lookup stops at the .git folder and never opens it.
  fs.writeFileSync(path.join(top, '.actionable.json'), '{"root": true, "rules": {"vague-action": "off"}}');
  fs.symlinkSync(path.join(outside, 'x.tex'), path.join(repo, 'link.tex'));
  fs.symlinkSync(outside, path.join(repo, 'linked-folder'));
  const paper = path.join(repo, 'paper.tex');
  fs.writeFileSync(
    paper,
    [
      '% !TEX root = ../outside/main.tex',
      '\\documentclass[../outside/main.tex]{subfiles}',
      '\\begin{document}',
      '\\section{Introduction}',
      'Our findings shed light on attention.',
      '\\input{../outside/x}',
      '\\input ../outside/defs',
      '\\include{/etc/passwd}',
      '\\import{../outside/}{sec}',
      '\\subfile{link}',
      '\\input{linked-folder/x}',
      '\\input{/dev/zero}',
      '\\end{document}',
      '',
    ].join('\n'),
  );
  return { top, repo, outside, paper };
}

describe('a draft that tries to read outside its project reads nothing there', function () {
  before(function () {
    if (!POSIX) this.skip();
  });

  it('through the host: every file read, probed or listed is inside the project, and each escape is an input error', () => {
    const { repo, paper } = escapingProject();
    const boundary = new ProjectBoundary({ cwd: repo });
    const host = new RecordingHost(new NodeFileHost(2 * 1024 * 1024, boundary));
    const builder = new ModelBuilder({ boundary }, host);
    const resolver = new ConfigResolver(builtinRules, { boundary });
    const [result] = lintFiles(builder, [paper], builtinRules, builtinLexicons(), (root) => resolver.forFile(root));
    assert.equal(result.doc.root, paper);
    assert.deepEqual(result.doc.files, [paper]);
    const realRepo = fs.realpathSync(repo);
    assert.ok(host.reads.length > 0);
    for (const f of host.reads) assert.ok(isInside(fs.realpathSync(f), realRepo), `read ${f}`);
    for (const f of host.listings) assert.ok(isInside(f, repo), `listed ${f}`);
    const input = result.findings.filter((f) => f.ruleId === 'input').map((f) => f.message);
    assert.ok(input.some((m) => /% !TEX root = \.\.\/outside\/main\.tex points outside the project folder/.test(m)), input.join('\n'));
    for (const spec of ['../outside/x', '/etc/passwd', '../outside/sec', 'link', 'linked-folder/x', '/dev/zero']) {
      assert.ok(input.some((m) => m.includes(spec) && /outside|link/.test(m)), `${spec}: ${input.join('\n')}`);
    }
    assert.ok(!result.doc.blocks.some((b) => b.text.includes('SECRET')));
    // The author's own text was linted.
    assert.ok(result.findings.some((f) => f.ruleId === 'vague-action'));
  });

  it('the real CLI in a child process: no file outside the project is opened (fs calls recorded)', function () {
    this.timeout(60000);
    execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO });
    const { top, repo, outside } = escapingProject();
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-opens-')), 'opens.log');
    // Preloaded before the CLI: records the path of every open and whole-file read the process makes.
    const preload = path.join(path.dirname(log), 'record-opens.js');
    fs.writeFileSync(
      preload,
      `const fs = require('fs');
const log = ${JSON.stringify(log)};
const record = (p) => { if (typeof p === 'string' || p instanceof URL || Buffer.isBuffer(p)) fs.appendFileSync(log, String(p) + '\\n'); };
for (const name of ['openSync', 'readFileSync', 'createReadStream']) {
  const original = fs[name];
  fs[name] = function (p, ...rest) { record(p); return original.call(this, p, ...rest); };
}
const open = fs.open;
fs.open = function (p, ...rest) { record(p); return open.call(this, p, ...rest); };
const promisesOpen = fs.promises.open;
fs.promises.open = function (p, ...rest) { record(p); return promisesOpen.call(this, p, ...rest); };
const promisesReadFile = fs.promises.readFile;
fs.promises.readFile = function (p, ...rest) { record(p); return promisesReadFile.call(this, p, ...rest); };
`,
    );
    for (const args of [['lint', '--format', 'json', 'paper.tex'], ['outline', '--sentences', 'paper.tex'], ['report', 'paper.tex'], ['lint', '.'], ['print-config', 'paper.tex']]) {
      fs.writeFileSync(log, '');
      const r = spawnSync(process.execPath, ['-r', preload, path.join(REPO, 'bin/actionable.js'), ...args], { cwd: repo, encoding: 'utf8', timeout: 30000 });
      assert.equal(r.error, undefined);
      assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: exit ${r.status} ${r.stderr}`);
      assert.doesNotMatch(r.stdout, /SECRET|root:x:0/);
      const opened = fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).map((p) => path.resolve(repo, p));
      // The tool's own files (its bundle, rule READMEs) are read from its install folder.
      const projectFiles = opened.filter((p) => !isInside(p, REPO));
      // The recording works: the draft itself was opened (print-config reads no draft).
      if (args[0] !== 'print-config') assert.ok(projectFiles.includes(path.join(repo, 'paper.tex')), `${args.join(' ')} opened ${opened.join(', ')}`);
      for (const p of projectFiles) {
        assert.ok(isInside(p, repo), `${args.join(' ')} opened ${p}`);
        assert.ok(isInside(fs.realpathSync(p), fs.realpathSync(repo)), `${args.join(' ')} opened ${p}, which leads out`);
      }
      assert.ok(!opened.some((p) => isInside(p, outside) || p === path.join(top, '.actionable.json') || p === '/etc/passwd' || p === '/dev/zero'), `${args.join(' ')} opened ${opened.join(', ')}`);
    }
  });
});
