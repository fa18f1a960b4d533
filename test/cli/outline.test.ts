import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';

// The real CLI, built and run as a child process, as a user or CI would run it.
const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/actionable.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('actionable outline (child process)', function () {
  this.timeout(60000);
  before(() => {
    execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO });
  });

  it('prints the outline of the example LaTeX draft', () => {
    const r = run(['outline', 'examples/draft.tex']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^root: {2}examples\/draft\.tex$/m);
    assert.match(r.stdout, /^ {7}\(found by its \\documentclass\)$/m);
    assert.match(r.stdout, /Experiments {2}\[experiments, from its title\] {2}examples\/draft\.tex:\d+-\d+/);
    assert.match(r.stdout, /Metrics\. {2}\[experiments, from its parent section\]/);
    assert.match(r.stdout, /\[appendix, in the appendix\]/);
  });

  it('prints JSON in the documented shape, with sentences, for a multi-file project', () => {
    const r = run(['outline', 'test/fixtures/project/sections/intro.tex', '--format', 'json', '--sentences']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.root, 'test/fixtures/project/main.tex');
    assert.ok(out.files.includes('test/fixtures/project/sections/results-table.tex'));
    assert.equal(typeof out.kind, 'string');
    for (const key of ['title', 'role', 'file', 'line', 'endLine', 'level']) assert.ok(key in out.sections[0], key);
    const s = out.sentences[0];
    for (const key of ['text', 'file', 'line', 'column', 'endLine', 'endColumn', 'section']) assert.ok(key in s, key);
    assert.ok(out.sentences.every((x: { line: number; column: number }) => x.line >= 1 && x.column >= 1));
  });

  it('gives 1-based columns in UTF-16 code units after emoji', () => {
    const r = run(['outline', 'test/fixtures/bad/emoji.md', '--format', 'json', '--sentences']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const fs = require('node:fs') as typeof import('node:fs');
    const lines = fs.readFileSync(path.join(REPO, 'test/fixtures/bad/emoji.md'), 'utf8').split('\n');
    for (const s of out.sentences) {
      const line = lines[s.line - 1];
      const first = s.text.split(/\s/)[0];
      assert.equal(line.slice(s.column - 1, s.column - 1 + first.length), first, `${s.line}:${s.column} ${s.text}`);
    }
  });

  it('says how the root was found and how each file was reached, in text and JSON', () => {
    const text = run(['outline', 'test/fixtures/projects/preamble/sections/results.tex']);
    assert.equal(text.code, 0, text.stderr);
    const p = 'test/fixtures/projects/preamble';
    assert.match(text.stdout, new RegExp(`^root: {2}${p}/main\\.tex\n {7}\\(the document that inputs ${p}/sections/results\\.tex\\)$`, 'm'));
    assert.match(text.stdout, new RegExp(`^ {2}${p}/main\\.tex {2}\\(root\\)$`, 'm'));
    assert.match(text.stdout, new RegExp(`^ {2}${p}/setup/preamble\\.tex {2}by \\\\input\\{setup/preamble\\} at ${p}/main\\.tex:1$`, 'm'));
    assert.match(text.stdout, new RegExp(`^ {2}${p}/sections/results\\.tex {2}by \\\\input\\{sections/results\\} at ${p}/main\\.tex:6$`, 'm'));
    assert.match(text.stdout, /Results {2}\[results, from its title\]/);

    const json = JSON.parse(run(['outline', 'test/fixtures/projects/subfiles/sections/parts/ablation.tex', '--format', 'json']).stdout);
    const s = 'test/fixtures/projects/subfiles';
    assert.equal(json.root, `${s}/main.tex`);
    assert.equal(json.rootVia, 'subfiles');
    assert.equal(json.rootFrom, `${s}/sections/parts/ablation.tex`);
    assert.deepEqual(json.files, [`${s}/main.tex`, `${s}/sections/results.tex`, `${s}/sections/parts/ablation.tex`]);
    assert.deepEqual(json.inputs, [
      { file: `${s}/sections/results.tex`, command: 'subfile', target: 'sections/results', from: `${s}/main.tex`, line: 6, column: 1 },
      { file: `${s}/sections/parts/ablation.tex`, command: 'subfile', target: 'parts/ablation', from: `${s}/sections/results.tex`, line: 5, column: 1 },
    ]);
    assert.deepEqual(json.sections.map((x: { title: string; role: string; roleSource: string }) => [x.title, x.role, x.roleSource]), [
      ['Introduction', 'introduction', 'title'], ['Results', 'results', 'title'], ['Without the probe', 'results', 'parent'],
    ]);
    const root = JSON.parse(run(['outline', `${s}/main.tex`, '--format', 'json']).stdout);
    assert.equal(root.rootVia, 'documentclass');
    assert.ok(!('rootFrom' in root));
  });

  it('prints a section number and the role it gave', () => {
    const r = run(['outline', 'test/fixtures/projects/numbered.md', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const sections = out.sections.map((x: { title: string; number?: string; roleSource: string }) => [x.title, x.number, x.roleSource]);
    assert.ok(sections.some((x: unknown[]) => x[1] === '4.2' && x[2] === 'parent'), JSON.stringify(sections));
    const text = run(['outline', 'test/fixtures/projects/numbered.md']).stdout;
    assert.match(text, /4\.2 [^\n]*\[experiments, from its parent section\]/);
  });

  it('exits 2 with a clear message for a missing file or a non-draft', () => {
    const missing = run(['outline', 'nope.tex']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.tex: no such file/);
    const other = run(['outline', 'package.json']);
    assert.equal(other.code, 2);
    assert.match(other.stderr, /not a draft/);
    assert.equal(run(['outline']).code, 2);
    assert.equal(run(['frobnicate']).code, 2);
  });

  it('reports input problems in the outline without failing', () => {
    const r = run(['outline', 'test/fixtures/bad/cycle-a.tex', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.problems[0].ruleId, 'input');
    assert.match(out.problems[0].message, /cycle/);
  });
});
