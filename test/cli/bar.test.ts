import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, run } from './run-cli';

// The bar a lab sets for CI: `require` in the config and the --require-quadrant / --min-* flags.
// A draft with only warnings passes without a bar and fails below one, which says by how much.
const DRAFT = '# Notes on attention\n\nOur findings shed light on attention heads in small models.\n';

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-bar-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('the bar for CI (child process)', function () {
  this.timeout(60000);
  before(buildCli);

  it('passes a draft with warnings only when no bar is set, and fails it below the config\'s bar', () => {
    const open = project({ 'post.md': DRAFT });
    assert.equal(run(['lint', 'post.md'], open).code, 0);
    const barred = project({ 'post.md': DRAFT, '.actionable.json': '{ "require": { "quadrant": "actionable", "checklist": 3 } }' });
    const r = run(['lint', 'post.md'], barred);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /✖ below the bar: quadrant exploratory, not actionable; checklist 0\/\d steps met, 3 required \(3 short\)/);
  });

  it('flags override the config key by key; a met bar exits 0', () => {
    const dir = project({ 'post.md': DRAFT, '.actionable.json': '{ "require": { "quadrant": "actionable" } }' });
    assert.equal(run(['lint', 'post.md', '--require-quadrant', 'exploratory'], dir).code, 0);
    const r = run(['lint', 'post.md', '--require-quadrant', 'exploratory', '--min-concreteness', '0.5'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /below the bar: concreteness 0\.\d\d, below 0\.50 by 0\.\d\d/);
    assert.doesNotMatch(r.stdout, /quadrant exploratory, not/);
  });

  it('merges bars of nested config files, nearest first', () => {
    const dir = project({
      '.actionable.json': '{ "require": { "quadrant": "actionable", "validation": 0.4 } }',
      'drafts/.actionable.json': '{ "require": { "quadrant": ["exploratory", "proposal"] } }',
      'drafts/post.md': DRAFT,
    });
    const r = run(['lint', 'drafts/post.md', '-f', 'json'], dir);
    assert.equal(r.code, 1);
    const bar = JSON.parse(r.stdout).documents[0].bar;
    assert.deepEqual(bar.required, { quadrant: ['exploratory', 'proposal'], validation: 0.4 });
    assert.equal(bar.passed, false);
    assert.deepEqual(bar.shortfalls, ['validation 0.00, below 0.40 by 0.40']);
    assert.match(r.stderr, /drafts\/post\.md is below the bar: validation 0\.00, below 0\.40 by 0\.40/);
  });

  it('says the shortfall as an annotation in the github format and a line in the markdown format', () => {
    const dir = project({ 'post.md': DRAFT });
    const github = run(['lint', 'post.md', '-f', 'github', '--min-validation', '0.3'], dir);
    assert.equal(github.code, 1);
    assert.match(github.stdout, /^::error file=post\.md,title=Actionable bar::post\.md is below the bar: validation 0\.00, below 0\.30 by 0\.30$/m);
    const markdown = run(['lint', 'post.md', '-f', 'markdown', '--min-checklist', '1'], dir);
    assert.match(markdown.stdout, /❌ \*\*Below the bar:\*\* checklist 0\/\d steps met, 1 required \(1 short\)/);
  });

  it('refuses bad bar values with one line and exit 2', () => {
    const dir = project({ 'post.md': DRAFT });
    for (const [flag, value] of [['--min-concreteness', 'abc'], ['--min-concreteness', '1.5'], ['--min-validation', '-0.1'], ['--min-checklist', '7'], ['--min-checklist', '2.5'], ['--require-quadrant', 'great']]) {
      const r = run(['lint', 'post.md', flag, value], dir);
      assert.equal(r.code, 2, `${flag} ${value}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, new RegExp(flag));
    }
    const bad = project({ 'post.md': DRAFT, '.actionable.json': '{ "require": { "quadrant": "great", "checklist": 9 } }' });
    const r = run(['lint', 'post.md'], bad);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /require\.quadrant/);
  });
});
