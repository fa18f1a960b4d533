import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The project boundary as a stranger's pull request meets it on a CI runner: the built CLI in a
// child process, in a checkout (a folder holding `.git`) that commits symbolic links, FIFOs and
// folders where files are expected. Nothing outside the checkout is read or written, nothing
// hangs, and each refusal is a message that names the path.

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/actionable.js');
const POSIX = process.platform !== 'win32';
/** A hang would be a test failure, not a stuck suite: each run gets this long. */
const TIMEOUT = 20000;

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: TIMEOUT, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.error, undefined, `actionable ${args.join(' ')} did not finish: ${r.error?.message}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DRAFT = '\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\nWe show that sparse probes help practitioners debug models.\n\\end{document}\n';
const SECRET = 'SECRET-OUTSIDE-TEXT: this sentence lives outside the project.';

/** A temp folder with `outside/` (not part of the project) and `repo/` (a checkout: it holds `.git`). */
function layout(files: Record<string, string> = {}): { top: string; repo: string; outside: string } {
  const top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-boundary-')));
  const repo = path.join(top, 'repo');
  const outside = path.join(top, 'outside');
  fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'x.tex'), `\\documentclass{article}\n\\begin{document}\n${SECRET}\n\\end{document}\n`);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    fs.writeFileSync(path.join(repo, name), text);
  }
  return { top, repo, outside };
}

function mkfifo(file: string): boolean {
  return spawnSync('mkfifo', [file]).status === 0;
}

function lintJson(args: string[], cwd: string) {
  const r = run(['lint', '--format', 'json', ...args], cwd);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { documents: Array<{ root: string; files: string[]; findings: Array<{ ruleId: string; severity: string; message: string; file: string; line: number }> }> };
}

describe('the project boundary (CLI, child process)', function () {
  this.timeout(120000);
  before(function () {
    if (!POSIX) this.skip();
    execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO });
  });

  describe('% !TEX root outside the project', () => {
    const cases: Array<[string, string, (l: ReturnType<typeof layout>) => void, RegExp]> = [
      ['an absolute path (/etc/passwd)', '/etc/passwd', () => undefined, /% !TEX root = \/etc\/passwd points outside the project folder .*; the root was refused and not read/],
      ['a relative path out (../outside/x.tex)', '../outside/x.tex', () => undefined, /% !TEX root = \.\.\/outside\/x\.tex points outside the project folder/],
      ['a symbolic link out', 'link.tex', (l) => fs.symlinkSync(path.join(l.outside, 'x.tex'), path.join(l.repo, 'link.tex')), /% !TEX root = link\.tex is a link to .*outside[/\\]x\.tex, outside the project folder/],
    ];
    for (const [name, spec, prepare, message] of cases) {
      it(`${name}: the author's file is linted, an input error says the root was refused, nothing outside is printed`, () => {
        const l = layout({ 'paper.tex': `% !TEX root = ${spec}\n${DRAFT}` });
        prepare(l);
        const out = lintJson(['paper.tex'], l.repo);
        assert.equal(out.documents.length, 1);
        const doc = out.documents[0];
        assert.equal(doc.root, 'paper.tex');
        assert.deepEqual(doc.files, ['paper.tex']);
        const refused = doc.findings.filter((f) => f.ruleId === 'input');
        assert.equal(refused.length, 1, JSON.stringify(doc.findings));
        assert.match(refused[0].message, message);
        assert.equal(refused[0].severity, 'error');
        assert.equal(refused[0].file, 'paper.tex');
        assert.equal(refused[0].line, 1);
        // The author's own text is what got linted.
        const outline = run(['outline', '--sentences', 'paper.tex'], l.repo);
        assert.equal(outline.code, 0, outline.stderr);
        assert.match(outline.stdout, /root: +paper\.tex/);
        assert.match(outline.stdout, /sparse probes help practitioners/);
        assert.doesNotMatch(outline.stdout, /SECRET-OUTSIDE|root:x:0/);
        const html = run(['report', 'paper.tex'], l.repo);
        assert.equal(html.code, 0, html.stderr);
        assert.doesNotMatch(html.stdout, /SECRET-OUTSIDE|root:x:0/);
        assert.match(html.stdout, /the root was refused/);
      });
    }

    it('a root inside the project is still followed (../main.tex from a section folder)', () => {
      const l = layout({
        'main.tex': '\\documentclass{article}\n\\begin{document}\n\\input{sections/intro}\n\\end{document}\n',
        'sections/intro.tex': '% !TEX root = ../main.tex\n\\section{Introduction}\nWe show that probes help.\n',
      });
      const doc = lintJson(['sections/intro.tex'], l.repo).documents[0];
      assert.equal(doc.root, 'main.tex');
      assert.deepEqual(doc.files, ['main.tex', 'sections/intro.tex']);
      assert.deepEqual(doc.findings.filter((f) => f.ruleId === 'input'), []);
    });
  });

  it('a named draft that is a link out of the project: an input error naming the link target, nothing read', () => {
    const l = layout();
    fs.symlinkSync(path.join(l.outside, 'x.tex'), path.join(l.repo, 'paper.tex'));
    const out = lintJson(['paper.tex'], l.repo);
    const errors = out.documents[0].findings.filter((f) => f.ruleId === 'input');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /paper\.tex is a link to .*outside[/\\]x\.tex, outside the project folder/);
    assert.doesNotMatch(JSON.stringify(out), /SECRET-OUTSIDE/);
  });

  it('an \\input that is a link to /dev/zero: refused at once, the rest is linted', () => {
    const l = layout({ 'paper.tex': DRAFT.replace('\\end{document}', '\\input{zero}\n\\end{document}') });
    fs.symlinkSync('/dev/zero', path.join(l.repo, 'zero.tex'));
    const doc = lintJson(['paper.tex'], l.repo).documents[0];
    const errors = doc.findings.filter((f) => f.ruleId === 'input');
    assert.equal(errors.length, 1, JSON.stringify(doc.findings));
    assert.match(errors[0].message, /\\input\{zero\}/);
  });

  describe('config files', () => {
    it('.actionable.json linked to /dev/zero: exit 2 naming the file, no huge read', () => {
      const l = layout({ 'paper.tex': DRAFT });
      fs.symlinkSync('/dev/zero', path.join(l.repo, '.actionable.json'));
      const r = run(['lint', 'paper.tex'], l.repo);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /\.actionable\.json: is a link to \/dev\/zero, outside the project folder .*; it was not read/);
    });

    it('.actionable.json linked to /etc/passwd: refused, not parsed', () => {
      const l = layout({ 'paper.tex': DRAFT });
      fs.symlinkSync('/etc/passwd', path.join(l.repo, '.actionable.json'));
      const r = run(['lint', 'paper.tex'], l.repo);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /\.actionable\.json: is a link to \/etc\/passwd, outside the project folder/);
      assert.doesNotMatch(r.stderr, /not valid JSON|root:x/);
    });

    it('.actionable.json that is a FIFO or a folder: exit 2 with a message, no hang', function () {
      const l = layout({ 'paper.tex': DRAFT });
      if (!mkfifo(path.join(l.repo, '.actionable.json'))) this.skip();
      const fifo = run(['lint', 'paper.tex'], l.repo);
      assert.equal(fifo.code, 2);
      assert.match(fifo.stderr, /\.actionable\.json: is a named pipe \(FIFO\), not a regular file; it was not read/);
      fs.rmSync(path.join(l.repo, '.actionable.json'));
      fs.mkdirSync(path.join(l.repo, '.actionable.json'));
      const folder = run(['lint', 'paper.tex'], l.repo);
      assert.equal(folder.code, 2);
      assert.match(folder.stderr, /\.actionable\.json: is a folder, not a file; it was not read/);
      assert.doesNotMatch(folder.stderr, /internal error/);
    });

    it('a config over 1 MB: refused with its size, not parsed', () => {
      const l = layout({ 'paper.tex': DRAFT, '.actionable.json': `{"rules": {}, "x": "${'a'.repeat(1100 * 1024)}"}` });
      const r = run(['lint', 'paper.tex'], l.repo);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /\.actionable\.json: is 1\.1 MB, over the 1\.0 MB limit; it was not read/);
    });

    it('config lookup stops at the repository top: a .actionable.json above the .git folder does not apply', () => {
      const l = layout({ 'paper.tex': DRAFT.replace('We show', 'Our findings could inform future work. We show') });
      // Above the checkout: turns every rule off, if it were read.
      const off = { root: true, rules: Object.fromEntries(['vague-action', 'goal-statement', 'audience', 'concrete-action', 'empirical-validation', 'understanding-only'].map((id) => [id, 'off'])) };
      fs.writeFileSync(path.join(l.top, '.actionable.json'), JSON.stringify(off));
      const config = run(['print-config', 'paper.tex'], l.repo);
      assert.equal(config.code, 0, config.stderr);
      assert.deepEqual(JSON.parse(config.stdout).files, []);
      const doc = lintJson(['paper.tex'], l.repo).documents[0];
      assert.ok(doc.findings.some((f) => f.ruleId === 'vague-action'), JSON.stringify(doc.findings));
      // The same file inside the checkout applies.
      fs.renameSync(path.join(l.top, '.actionable.json'), path.join(l.repo, '.actionable.json'));
      assert.deepEqual(JSON.parse(run(['print-config', 'paper.tex'], l.repo).stdout).files, ['.actionable.json']);
    });

    it('--config naming a link out of the project: refused; a config written outside the project is the user\'s choice', () => {
      const l = layout({ 'paper.tex': DRAFT });
      fs.writeFileSync(path.join(l.outside, 'shared.json'), '{"root": true}');
      fs.symlinkSync(path.join(l.outside, 'shared.json'), path.join(l.repo, 'ci.json'));
      const linked = run(['lint', '--config', 'ci.json', 'paper.tex'], l.repo);
      assert.equal(linked.code, 2);
      assert.match(linked.stderr, /ci\.json: is a link to .*shared\.json, outside the project folder/);
      const named = run(['lint', '--config', path.join(l.outside, 'shared.json'), 'paper.tex'], l.repo);
      assert.notEqual(named.code, 2, named.stderr);
    });
  });

  describe('\\input of what is not a file', () => {
    it('a FIFO or a folder by the input\'s name: an input error that says which, no hang, the rest is linted', function () {
      const main = DRAFT.replace('\\end{document}', '\\input{pipe}\n\\input{chapter}\n\\input{missing}\n\\end{document}');
      const l = layout({ 'paper.tex': main });
      if (!mkfifo(path.join(l.repo, 'pipe.tex'))) this.skip();
      fs.mkdirSync(path.join(l.repo, 'chapter'));
      const doc = lintJson(['paper.tex'], l.repo).documents[0];
      const inputs = doc.findings.filter((f) => f.ruleId === 'input').map((f) => f.message);
      assert.ok(inputs.some((m) => /\\input\{pipe\}: pipe\.tex is a named pipe \(FIFO\), not a regular file; it was not read/.test(m)), inputs.join('\n'));
      assert.ok(inputs.some((m) => /\\input\{chapter\}: chapter is a folder, not a file; it was not read/.test(m)), inputs.join('\n'));
      assert.ok(inputs.some((m) => /\\input\{missing\}: no file missing\.tex in the project/.test(m)), inputs.join('\n'));
      assert.ok(doc.findings.some((f) => f.ruleId !== 'input'), 'the paper itself is linted');
    });
  });

  describe('the suppressions file', () => {
    it('a FIFO: exit 2 with a message, no hang', function () {
      const l = layout({ 'paper.tex': DRAFT });
      if (!mkfifo(path.join(l.repo, 'actionable-suppressions.json'))) this.skip();
      const r = run(['lint', 'paper.tex'], l.repo);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /actionable-suppressions\.json is a named pipe \(FIFO\), not a regular file; it was not read/);
    });

    it('a link to /dev/zero: refused, not read', () => {
      const l = layout({ 'paper.tex': DRAFT });
      fs.symlinkSync('/dev/zero', path.join(l.repo, 'actionable-suppressions.json'));
      const r = run(['lint', 'paper.tex'], l.repo);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /actionable-suppressions\.json is a link to \/dev\/zero, outside the project folder/);
    });

    it('a suppressions file over 4 MB: refused with its size, not parsed', () => {
      const l = layout({ 'paper.tex': DRAFT, 'actionable-suppressions.json': `{"x": "${'a'.repeat(4200 * 1024)}"}` });
      const r = run(['lint', 'paper.tex'], l.repo);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /actionable-suppressions\.json is 4\.1 MB, over the 4\.0 MB limit; it was not read/);
      assert.doesNotMatch(r.stderr, /internal error/);
    });

    it('--suppress-all never writes through a link out of the project (nor through a dangling one)', () => {
      const l = layout({ 'paper.tex': DRAFT.replace('We show', 'Our findings could inform future work. We show') });
      const target = path.join(l.outside, 'victim.json');
      fs.writeFileSync(target, '{}\n');
      fs.symlinkSync(target, path.join(l.repo, 'actionable-suppressions.json'));
      const r = run(['lint', '--suppress-all', 'paper.tex'], l.repo);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /actionable-suppressions\.json is a link to .*victim\.json, outside the project folder/);
      assert.equal(fs.readFileSync(target, 'utf8'), '{}\n');
      // A dangling link: the file it names must not be created.
      fs.rmSync(path.join(l.repo, 'actionable-suppressions.json'));
      fs.rmSync(target);
      fs.symlinkSync(target, path.join(l.repo, 'actionable-suppressions.json'));
      const dangling = run(['lint', '--suppress-all', 'paper.tex'], l.repo);
      assert.equal(dangling.code, 2, dangling.stderr);
      assert.match(dangling.stderr, /actionable-suppressions\.json is a link to .*victim\.json, which does not exist/);
      assert.ok(!fs.existsSync(target));
      // A plain file is written as before.
      fs.rmSync(path.join(l.repo, 'actionable-suppressions.json'));
      const plain = run(['lint', '--suppress-all', 'paper.tex'], l.repo);
      assert.equal(plain.code, 0, plain.stderr);
      assert.ok(Object.keys(JSON.parse(fs.readFileSync(path.join(l.repo, 'actionable-suppressions.json'), 'utf8'))).includes('paper.tex'));
    });

    it('-o through a link out of the project is refused; the outside file is untouched', () => {
      const l = layout({ 'paper.tex': DRAFT });
      const target = path.join(l.outside, 'victim.html');
      fs.writeFileSync(target, 'keep');
      fs.symlinkSync(target, path.join(l.repo, 'report.html'));
      const r = run(['report', 'paper.tex', '-o', 'report.html'], l.repo);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /report\.html is a link to .*victim\.html, outside the project folder .*; not written/);
      assert.equal(fs.readFileSync(target, 'utf8'), 'keep');
    });
  });

  it('init never writes through a link out of the project', () => {
    const l = layout();
    const target = path.join(l.outside, 'created-by-init.jsonc');
    fs.symlinkSync(target, path.join(l.repo, '.actionable.jsonc'));
    const r = run(['init'], l.repo);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.actionable\.jsonc already exists; not overwritten/);
    assert.ok(!fs.existsSync(target));
    fs.rmSync(path.join(l.repo, '.actionable.jsonc'));
    const fresh = run(['init'], l.repo);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.ok(fs.lstatSync(path.join(l.repo, '.actionable.jsonc')).isFile());
  });

  describe('.gitignore during a folder search', () => {
    it('a folder named .gitignore: a warning naming it, and the search goes on', () => {
      const l = layout({ 'paper.tex': DRAFT });
      fs.mkdirSync(path.join(l.repo, '.gitignore'));
      const r = run(['lint', '--format', 'json', '.'], l.repo);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      assert.match(r.stderr, /\.gitignore: is a folder, not a file; it was not read and its patterns were not used/);
      assert.doesNotMatch(r.stderr, /internal error/);
      assert.deepEqual(JSON.parse(r.stdout).documents.map((d: { root: string }) => d.root), ['paper.tex']);
    });

    it('a .gitignore linked to /dev/zero: refused at once, no huge read', () => {
      const l = layout({ 'sub/paper.tex': DRAFT });
      fs.symlinkSync('/dev/zero', path.join(l.repo, 'sub/.gitignore'));
      const r = run(['lint', '--format', 'json', '.'], l.repo);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      assert.match(r.stderr, /sub[/\\]\.gitignore: is a link to \/dev\/zero, outside the project folder/);
      assert.deepEqual(JSON.parse(r.stdout).documents.map((d: { root: string }) => d.root), ['sub/paper.tex']);
    });

    it('a .gitignore that is a FIFO: no hang', function () {
      const l = layout({ 'paper.tex': DRAFT });
      if (!mkfifo(path.join(l.repo, '.gitignore'))) this.skip();
      const r = run(['lint', '.'], l.repo);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      assert.match(r.stderr, /\.gitignore: is a named pipe \(FIFO\)/);
    });

    it('a plain .gitignore still applies', () => {
      const l = layout({ 'paper.tex': DRAFT, 'old/paper.tex': DRAFT, '.gitignore': 'old/\n' });
      const r = run(['lint', '--format', 'json', '.'], l.repo);
      assert.equal(r.stderr, '');
      assert.deepEqual(JSON.parse(r.stdout).documents.map((d: { root: string }) => d.root), ['paper.tex']);
    });
  });
});
