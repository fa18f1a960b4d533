import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { markdownCode, markdownText, printable, uriReference } from '../../server/src/core/formats/safe-text';
import { buildCli, run } from './run-cli';

// Hostile file names and draft text in the text outputs: a terminal escape in a file name is shown,
// not sent; Markdown for a pull-request comment renders names and messages as written; SARIF URIs
// are valid for any name.
const DRAFT = '# T\n\n## Introduction\n\nThis sheds light on attention heads.\n';


describe('hostile text in outputs', function () {
  this.timeout(60000);
  before(buildCli);

  it('stylish shows control characters of a file name as codes; markdown fences a name with backticks; SARIF encodes ? # and :', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-hostile-'));
    const name = 'clear\u001b[2J\u001b]0;title\u0007 a?b#c`d:e.md';
    fs.writeFileSync(path.join(dir, name), DRAFT);
    const stylish = run([name], dir); // a pipe: no colours, so any control character would be the name's
    assert.doesNotMatch(stylish.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/, 'no control character reaches the terminal');
    assert.match(stylish.stdout, /clear\\x1B\[2J\\x1B\]0;title\\x07 a\?b#c`d:e\.md/);
    const markdown = run([name, '--format', 'markdown'], dir).stdout;
    assert.match(markdown, /\| ``clear\\x1B\[2J\\x1B\]0;title\\x07 a\?b#c`d:e\.md:\d+:\d+`` \|/);
    const sarif = JSON.parse(run([name, '--format', 'sarif'], dir).stdout);
    const uri: string = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    assert.equal(uri, 'clear%1B%5B2J%1B%5D0%3Btitle%07%20a%3Fb%23c%60d%3Ae.md');
    assert.equal(decodeURIComponent(uri), name);
  });

  it('a directive naming a hostile rule id: stylish shows its escape as a code, markdown escapes its image, HTML and mention', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-hostile-id-'));
    fs.writeFileSync(path.join(dir, 'd.md'), `${DRAFT}\n<!-- actionable-disable-next-line \u001b[2J![x](http://e.vil/i.png)<img@octocat -->\nText.\n`);
    const stylish = run(['d.md'], dir).stdout;
    assert.match(stylish, /unknown rule id "\\x1B\[2j!\[x\]/, stylish);
    assert.doesNotMatch(stylish, /[\u0000-\u0008\u000b-\u001f\u007f]/);
    const markdown = run(['d.md', '--format', 'markdown'], dir).stdout;
    const row = markdown.split('\n').find((l) => l.includes('unknown rule id'))!;
    assert.ok(row.includes('!\\[x\\](http:\u200b//e.vil/i.png)\\<img@\u200boctocat'), row);
    assert.doesNotMatch(row, /[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('--time-budget stops a document and says so; a bad value is a usage error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-budget-'));
    // Long enough that reading it takes more than a millisecond on any machine.
    fs.writeFileSync(path.join(dir, 'p.md'), `# T\n\n${'We steer the model and measure toxicity.\n\n'.repeat(400)}`);
    const r = run(['p.md', '--time-budget', '0.001', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.stdout).documents[0].findings as Array<{ ruleId: string; message: string }>;
    assert.ok(findings.some((f) => f.ruleId === 'input' && /stopped after/.test(f.message)), 'an input finding says where it stopped');
    const bad = run(['p.md', '--time-budget', 'soon'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid number of seconds: soon/);
  });

  it('escapes Markdown and HTML in message text and breaks mentions and bare links', () => {
    assert.equal(markdownText('see ![x](http://e.vil/i.png) <img src=x> @octocat *now* | `code`'), 'see !\\[x\\](http:\u200b//e.vil/i.png) \\<img src=x\\> @\u200boctocat \\*now\\* \\| \\`code\\`');
    assert.equal(markdownCode('a``b'), '```a``b```');
    assert.equal(markdownCode('`x'), '`` `x ``');
    assert.equal(printable('a\tb\u009bc'), 'a\tb\\x9Bc');
    assert.equal(uriReference('dir/javascript:alert(1).md'), 'dir/javascript%3Aalert(1).md');
  });
});
