import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// `actionable lint` and `actionable rules` as a user runs them: the built CLI in a child process.
const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/actionable.js');

function run(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('actionable lint (child process)', function () {
  this.timeout(60000);
  before(() => {
    execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO });
  });

  it('prints the version from package.json with --version, and puts it in SARIF', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-v']) {
      const r = run([flag]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trim(), version);
    }
    const sarif = JSON.parse(run(['lint', 'examples/draft.md', '--format', 'sarif']).stdout);
    assert.equal(sarif.runs[0].tool.driver.version, version);
  });

  it('prints the version-1 JSON contract', () => {
    const r = run(['lint', 'examples/draft.md', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.version, 1);
    const doc = out.documents[0];
    assert.equal(doc.root, 'examples/draft.md');
    assert.deepEqual(doc.files, ['examples/draft.md']);
    assert.equal(typeof doc.kind, 'string');
    assert.ok(doc.score.concreteness >= 0 && doc.score.concreteness <= 1);
    assert.ok(['exploratory', 'proposal', 'actionable', 'validated-unspecific'].includes(doc.score.quadrant));
    assert.deepEqual(doc.checklist.map((c: { step: number }) => c.step), [1, 2, 3, 4, 5, 6]);
    for (const f of doc.findings) {
      for (const key of ['ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'checklistStep', 'fixable']) assert.ok(key in f, key);
      assert.ok(f.line >= 1 && f.column >= 1);
    }
    assert.ok(doc.findings.some((f: { ruleId: string }) => f.ruleId === 'vague-action'));
  });

  it('lints a LaTeX project once, from any of its files, and exits 0 without errors', () => {
    const r = run(['test/fixtures/project/sections/intro.tex', 'test/fixtures/project/main.tex', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.documents.length, 1);
    assert.equal(out.documents[0].root, 'test/fixtures/project/main.tex');
  });

  it('prints stylish output with a closing score line per document', () => {
    const r = run(['examples/draft.md']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^examples\/draft\.md$/m);
    assert.match(r.stdout, /examples\/draft\.md: \w+ paper · concreteness \d\.\d\d · validation \d\.\d\d · [\w-]+ · checklist \d\/\d met/);
    assert.match(r.stdout, /✖ \d+ problems? \(\d+ errors?, \d+ warnings?(, \d+ info)?\)/);
  });

  it('exits 1 when a document has errors (an input problem) and keeps linting the others', () => {
    const r = run(['test/fixtures/bad/cycle-a.tex', 'examples/draft.md', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.documents.length, 2);
    assert.ok(out.documents[0].findings.some((f: { ruleId: string; severity: string }) => f.ruleId === 'input' && f.severity === 'error'));
  });

  it('searches folders for drafts and exits 2 for a missing path', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-cli-'));
    fs.mkdirSync(path.join(dir, 'drafts'));
    fs.writeFileSync(path.join(dir, 'drafts/a.md'), '# A\n\n## Introduction\n\nThis sheds light on heads.\n');
    fs.writeFileSync(path.join(dir, 'drafts/notes.txt'), 'not a draft');
    const r = run(['drafts', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).documents.map((d: { root: string }) => d.root), ['drafts/a.md']);
    // A .txt file is a draft only when named: then it is read as converted text.
    const named = run(['drafts/notes.txt', '--format', 'json'], dir);
    assert.equal(named.code, 0, named.stderr);
    assert.deepEqual(JSON.parse(named.stdout).documents.map((d: { root: string }) => d.root), ['drafts/notes.txt']);
    const missing = run(['nope/'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\/: no such file or folder/);
  });

  it('in a folder, reports a LaTeX fragment no document includes once, and lints it when named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-cli-'));
    const put = (name: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    };
    put('paper/main.tex', '\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\nWe probe heads.\n\\input{sections/method}\n\\end{document}\n');
    put('paper/sections/method.tex', '\\section{Method}\nWe fit one probe.\n');
    put('paper/sections/unused.tex', '\\section{Old method}\nWe once fit two probes.\n');
    put('paper/tables/old.tex', '\\begin{tabular}{ll}\nA & B \\\\\n\\end{tabular}\n');
    const r = run(['paper', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const docs = JSON.parse(r.stdout).documents;
    assert.deepEqual(docs.map((d: { root: string }) => d.root), ['paper/main.tex']);
    const notLinted = docs[0].findings.filter((f: { ruleId: string; message: string }) => f.ruleId === 'input' && /not included by any document; not linted/.test(f.message));
    assert.deepEqual(notLinted.map((f: { file: string; severity: string; line: number }) => [f.file, f.severity, f.line]), [
      ['paper/sections/unused.tex', 'warning', 1],
      ['paper/tables/old.tex', 'warning', 1],
    ]);
    const stylish = run(['paper'], dir);
    assert.match(stylish.stdout, /paper\/tables\/old\.tex\n\s+1:1\s+warning\s+not included by any document; not linted/);
    // Named on the command line, a fragment is still linted: as its own document when no root reads it.
    const named = run(['paper/sections/unused.tex', '--format', 'json'], dir);
    assert.equal(named.code, 0, named.stderr);
    assert.deepEqual(JSON.parse(named.stdout).documents.map((d: { root: string }) => d.root), ['paper/sections/unused.tex']);
    // A folder of fragments only has no document to report them under: each is read on its own.
    const sections = run(['paper/tables', '--format', 'json'], dir);
    assert.deepEqual(JSON.parse(sections.stdout).documents.map((d: { root: string }) => d.root), ['paper/tables/old.tex']);
  });

  it('lints standard input as the named file, inside its LaTeX project', () => {
    // Added before the child's \end{document}: TeX reads nothing after it.
    const text = fs.readFileSync(path.join(REPO, 'test/fixtures/project/sections/discussion.tex'), 'utf8').replace('\\end{document}', '\nOur results could inform future safety research.\n\\end{document}');
    const r = spawnSync(process.execPath, [BIN, '--stdin', '--stdin-filename', 'test/fixtures/project/sections/discussion.tex', '--format', 'json'], { cwd: REPO, input: text, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const doc = JSON.parse(r.stdout).documents[0];
    assert.equal(doc.root, 'test/fixtures/project/main.tex');
    const vague = doc.findings.find((f: { ruleId: string }) => f.ruleId === 'vague-action');
    assert.equal(vague.file, 'test/fixtures/project/sections/discussion.tex');
    assert.equal(vague.line, text.split('\n').findIndex((l) => l.startsWith('Our results could inform')) + 1);
    assert.equal(run(['--stdin', '--stdin-filename', 'notes.rtf']).code, 2);
  });

  it('decodes standard input as a file on disk: UTF-16 with a BOM, columns in UTF-16 units; binary is refused', () => {
    const text = '# Probes 🧪\n\n## Discussion\n\nWe saw 📈 gains. Our results could inform future safety research.\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const r = spawnSync(process.execPath, [BIN, '--stdin', '--stdin-filename', 'draft.md', '--format', 'json'], { cwd: REPO, input: utf16 });
    assert.equal(r.status, 0, r.stderr.toString());
    const vague = JSON.parse(r.stdout.toString()).documents[0].findings.find((f: { ruleId: string }) => f.ruleId === 'vague-action');
    assert.ok(vague, r.stdout.toString());
    const line = text.split('\n')[4];
    assert.deepEqual([vague.line, vague.column], [5, line.indexOf('could inform') + 1]);
    const binary = spawnSync(process.execPath, [BIN, '--stdin', '--stdin-filename', 'draft.md'], { cwd: REPO, input: Buffer.from([0x41, 0, 0x42]) });
    assert.equal(binary.status, 2);
    assert.match(binary.stderr.toString(), /standard input looks like a binary file/);
  });

  it('honours --kind', () => {
    const r = run(['examples/draft.md', '--kind', 'position', '--format', 'json']);
    assert.equal(JSON.parse(r.stdout).documents[0].kind, 'position');
    assert.equal(run(['examples/draft.md', '--kind', 'novel']).code, 2);
  });

  it('lists the rules as text and JSON', () => {
    const json = JSON.parse(run(['rules', '--format', 'json']).stdout);
    assert.ok(json.length >= 2);
    for (const r of json) for (const key of ['id', 'checklistStep', 'severity', 'kinds', 'fixable', 'description']) assert.ok(key in r, key);
    assert.match(run(['rules']).stdout, /vague-action\s+step 3/);
  });
});
