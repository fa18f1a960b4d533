import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixtureMarkdown, makeFixturePdf, makeScannedPdf } from '../core/pdf-fixture';

// PDFs through the built CLI, as a reviewer triaging submissions runs it: findings with pages and
// quotes, the same rules as the draft's own source gives, a folder of PDFs scored one row each, and
// a PDF that cannot be read reported without stopping the others.

const BIN = path.resolve(__dirname, '../../bin/actionable.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  assert.equal(r.error, undefined, r.error?.message);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('PDF submissions (CLI, child process)', function () {
  this.timeout(120000);
  let dir: string;
  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-pdf-')));
    fs.mkdirSync(path.join(dir, '.git'));
    fs.mkdirSync(path.join(dir, 'submissions'));
    fs.writeFileSync(path.join(dir, 'submissions/paper.pdf'), await makeFixturePdf());
    fs.writeFileSync(path.join(dir, 'submissions/scanned.pdf'), await makeScannedPdf());
    fs.writeFileSync(path.join(dir, 'submissions/renamed.pdf'), 'a text file with a .pdf name');
    fs.writeFileSync(path.join(dir, 'paper.md'), fixtureMarkdown());
  });

  it('lints a PDF: findings carry the page and the quoted text, and no fixes', () => {
    const r = run(['lint', 'submissions/paper.pdf', '--format', 'json'], dir);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const doc = JSON.parse(r.stdout).documents[0];
    const vague = doc.findings.find((f: { ruleId: string }) => f.ruleId === 'vague-action');
    assert.ok(vague, JSON.stringify(doc.findings.map((f: { ruleId: string }) => f.ruleId)));
    assert.equal(vague.page, 2);
    assert.match(vague.excerpt, /sheds light on/);
    for (const f of doc.findings) {
      assert.equal(typeof f.page, 'number', `${f.ruleId} has a page`);
      assert.equal(f.fix, undefined);
      assert.equal(f.suggestions, undefined);
    }
    const stylish = run(['lint', 'submissions/paper.pdf', '--no-color'], dir).stdout;
    assert.match(stylish, /^ {2}p\. 2 +warning +"sheds light on"/m);
  });

  it('gives the rules that the same paper written as Markdown gives', () => {
    const ids = (file: string) => JSON.parse(run(['lint', file, '--format', 'json'], dir).stdout).documents[0].findings.map((f: { ruleId: string }) => f.ruleId).sort();
    assert.deepEqual(ids('submissions/paper.pdf'), ids('paper.md'));
  });

  it('outlines a PDF with the sections a reader sees', () => {
    const r = run(['outline', 'submissions/paper.pdf'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /title: Probes That Tell When an Answer Is Wrong/);
    for (const s of ['Abstract  \\[abstract', '1 Introduction  \\[introduction', '2\\.1 Setup', '3 Conclusion', 'References  \\[references']) assert.match(r.stdout, new RegExp(s));
  });

  it('a folder of PDFs: an input error for each one that cannot be read, and the others linted and scored', () => {
    const r = run(['lint', 'submissions', '--format', 'json'], dir);
    const docs = JSON.parse(r.stdout).documents as Array<{ root: string; findings: Array<{ ruleId: string; message: string }> }>;
    const byRoot = new Map(docs.map((d) => [d.root, d]));
    assert.deepEqual([...byRoot.keys()].sort(), ['submissions/paper.pdf', 'submissions/renamed.pdf', 'submissions/scanned.pdf']);
    assert.match(byRoot.get('submissions/scanned.pdf')!.findings[0].message, /no text layer to read .*run OCR on it first/);
    assert.match(byRoot.get('submissions/renamed.pdf')!.findings[0].message, /is not a PDF/);
    assert.ok(byRoot.get('submissions/paper.pdf')!.findings.some((f) => f.ruleId === 'vague-action'));
    const score = run(['score', 'submissions', '--format', 'csv', '--jobs', '2'], dir);
    assert.equal(score.code, 0, score.stderr);
    const rows = score.stdout.trim().split('\n');
    assert.equal(rows.length, 4, score.stdout);
    assert.ok(rows.some((row) => row.startsWith('submissions/paper.pdf,')), score.stdout);
  });
});
