import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, REPO, run } from './run-cli';

// The github and markdown formats and --output, through the built CLI.


describe('output formats (child process)', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-formats-'));
    // A file name with a comma and a colon, which workflow commands must escape.
    fs.writeFileSync(path.join(dir, 'a,b:c.md'), '# T\n\n## Introduction\n\nThis sheds light on 50% of heads.\n');
  });

  it('github: one escaped workflow command per finding', () => {
    const r = run(['a,b:c.md', '--format', 'github'], dir);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.length >= 1);
    for (const line of lines) assert.match(line, /^::(error|warning|notice) file=a%2Cb%3Ac\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]+::.+$/);
    const vague = lines.find((l) => l.includes('title=vague-action'))!;
    assert.match(vague, /^::warning file=a%2Cb%3Ac\.md,line=5,col=6,/);
  });

  it('markdown: score line, the six checklist steps and a findings table', () => {
    const r = run(['a,b:c.md', '--format', 'markdown'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^## Actionable: `a,b:c\.md`$/m);
    assert.match(r.stdout, /quadrant \*\*(exploratory|proposal|actionable|validated-unspecific)\*\*/);
    assert.equal((r.stdout.match(/^\| [1-6]\. /gm) ?? []).length, 6);
    // The rule id links to its README on the web.
    assert.match(r.stdout, /^\| warning \| `a,b:c\.md:5:6` \| \[`vague-action`\]\(https:\/\/github\.com\/[^)\s]+\/rules\/vague-action\/README\.md\) \| /m);
  });

  it('--output writes the report to a file, without colour codes', () => {
    const r = run(['a,b:c.md', '--output', 'report.json', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')).version, 1);
    run(['a,b:c.md', '--output', 'report.txt'], dir);
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8'), /\x1b\[/);
  });
});
