import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, run } from './run-cli';

// Bulk suppressions through the built CLI: adopt on an old draft, fail only on new findings.
const OLD = '# Heads\n\n## Introduction\n\nThis sheds light on heads.\nIt paves the way for future work.\n';

const vague = (stdout: string) => JSON.parse(stdout).documents[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'vague-action').length;

describe('suppressions (child process)', function () {
  this.timeout(60000);
  before(buildCli);

  it('--suppress-all records counts; later runs report a rule again only when its count grows; --prune-suppressions lowers counts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-suppress-'));
    fs.writeFileSync(path.join(dir, 'post.md'), OLD);
    const adopt = run(['post.md', '--suppress-all', '--format', 'json', '--rule', 'vague-action=error'], dir);
    assert.equal(adopt.code, 0, adopt.stderr);
    assert.equal(vague(adopt.stdout), 0);
    const file = JSON.parse(fs.readFileSync(path.join(dir, 'actionable-suppressions.json'), 'utf8'));
    assert.deepEqual(file['post.md']['vague-action'], { count: 2 });

    const again = run(['post.md', '--format', 'json', '--rule', 'vague-action=error'], dir);
    assert.equal(again.code, 0, 'suppressed errors do not fail the run');
    assert.equal(vague(again.stdout), 0);

    fs.appendFileSync(path.join(dir, 'post.md'), 'This opens new avenues for safety.\n');
    const grown = run(['post.md', '--format', 'json', '--rule', 'vague-action=error'], dir);
    assert.equal(grown.code, 1);
    assert.equal(vague(grown.stdout), 3);

    fs.writeFileSync(path.join(dir, 'post.md'), '# Heads\n\n## Introduction\n\nThis sheds light on heads.\n');
    run(['post.md', '--prune-suppressions'], dir);
    const pruned = JSON.parse(fs.readFileSync(path.join(dir, 'actionable-suppressions.json'), 'utf8'));
    assert.deepEqual(pruned['post.md']['vague-action'], { count: 1 });
  });

  it('exits 2 on a broken suppressions file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-suppress-'));
    fs.writeFileSync(path.join(dir, 'post.md'), OLD);
    fs.writeFileSync(path.join(dir, 'actionable-suppressions.json'), '[1,');
    const r = run(['post.md'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a valid suppressions file/);
  });

  it('checks the file\'s shape (a count is a whole number, as --suppress-all writes it) and accepts a BOM', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-suppress-'));
    fs.writeFileSync(path.join(dir, 'post.md'), OLD);
    const suppressions = path.join(dir, 'actionable-suppressions.json');
    for (const [text, reason] of [
      ['{"post.md": {"vague-action": {"count": 1e999}}}', /post\.md › vague-action › count: must be (integer|<= 1000000)/],
      ['{"post.md": {"vague-action": 2}}', /post\.md › vague-action: must be object/],
      ['{"post.md": {"vague-action": {"count": 2, "forever": true}}}', /must NOT have additional properties/],
    ] as const) {
      fs.writeFileSync(suppressions, text);
      const r = run(['post.md', '--rule', 'vague-action=error'], dir);
      assert.equal(r.code, 2, text);
      assert.match(r.stderr, reason, text);
    }
    fs.writeFileSync(suppressions, '\uFEFF{"post.md": {"vague-action": {"count": 2}}}');
    const bom = run(['post.md', '--format', 'json', '--rule', 'vague-action=error'], dir);
    assert.equal(bom.code, 0, bom.stderr);
    assert.equal(vague(bom.stdout), 0);
  });
});
