import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, run } from './run-cli';

// Usage errors as a user meets them: one clear line on standard error, exit 2, no stack trace, and
// the nearest valid name for a typo.
const DRAFT = '# Notes\n\nOur findings shed light on attention.\n';

describe('usage errors (child process)', function () {
  this.timeout(60000);
  let dir = '';
  before(() => {
    buildCli();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-usage-'));
    fs.writeFileSync(path.join(dir, 'post.md'), DRAFT);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function usage(args: string[], message: RegExp): void {
    const r = run(args, dir);
    assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}\n${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at |internal error/, 'no stack trace, no internal error');
    assert.ok(r.stderr.trim().split('\n').length <= 2, r.stderr);
  }

  it('refuses bad flag values with the flag and the value named', () => {
    usage(['lint', 'post.md', '--max-warnings', 'abc'], /--max-warnings.*'abc' is invalid/);
    usage(['lint', 'post.md', '--max-warnings', '-1'], /--max-warnings.*'-1' is invalid/);
    usage(['lint', 'post.md', '--max-warnings', '1.5'], /--max-warnings.*'1\.5' is invalid/);
    usage(['score', 'post.md', '-j', '0'], /--jobs.*'0' is invalid.*at least 1/);
    usage(['lint', 'post.md', '--format', 'xml'], /--format.*'xml' is invalid.*stylish/);
  });

  it('says when the output cannot be written, naming the path', () => {
    usage(['lint', 'post.md', '-o', '/nonexistent/dir/out.txt'], /^actionable: \/nonexistent\/dir\/out\.txt .*not written/);
    // --summary is checked before the lint, so nothing is printed first.
    for (const [target, reason] of [['/nonexistent/dir/summary.md', 'no such folder'], [dir, 'not a regular file']]) {
      usage(['lint', 'post.md', '--summary', target], new RegExp(`^actionable: --summary ${target}: ${reason}$`, 'm'));
      assert.equal(run(['lint', 'post.md', '--summary', target], dir).stdout, '');
    }
  });

  it('offers the nearest rule id, option and command', () => {
    usage(['lint', 'post.md', '--rule', 'vage-action=off'], /unknown rule id "vage-action" \(did you mean "vague-action"\?\)/);
    usage(['lint', 'post.md', '--max-warning', '3'], /unknown option '--max-warning'\n\(Did you mean --max-warnings\?\)/);
    usage(['lnt', 'post.md'], /lnt: no such file or folder \(did you mean the command "lint"\?\)/);
  });
});
