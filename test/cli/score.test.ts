import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';

// `actionable score` through the built CLI: rows, formats, and the same rows in parallel.
const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/actionable.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('actionable score (child process)', function () {
  this.timeout(120000);
  before(() => execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO }));

  it('prints one JSONL row per document, the same with one worker and with several', () => {
    const parallel = run(['score', 'eval/corpus', 'examples', '--format', 'jsonl', '--jobs', '3']);
    assert.equal(parallel.code, 0, parallel.stderr);
    const rows = parallel.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 18, 'the multi-file project counts once');
    assert.ok(rows.some((r) => r.root === 'eval/corpus/hazard-unlearning/main.tex'));
    for (const r of rows) {
      for (const key of ['root', 'kind', 'concreteness', 'validation', 'quadrant', 'checklistMet', 'checklistApplicable', 'errors', 'warnings', 'infos']) assert.ok(key in r, key);
    }
    const serial = run(['score', 'eval/corpus', 'examples', '--format', 'jsonl', '--jobs', '1']);
    assert.equal(serial.stdout, parallel.stdout);
    // Workers take the largest files first, but rows keep the order of the paths.
    const roots = rows.map((r) => r.root as string);
    assert.deepEqual(roots, [...roots].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('prints CSV with a header and a table for people', () => {
    const csv = run(['score', 'examples', '--format', 'csv']).stdout.trim().split('\n');
    assert.equal(csv[0], 'root,kind,concreteness,validation,quadrant,checklistMet,checklistApplicable,errors,warnings,infos');
    assert.equal(csv.length, 3);
    assert.match(run(['score', 'examples']).stdout, /^document\s+kind\s+concr\.\s+valid\.\s+quadrant/);
  });

  it('exits 2 for a missing path', () => {
    assert.equal(run(['score', 'no/such/folder']).code, 2);
  });
});
