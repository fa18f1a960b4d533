import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient, uri } from './client';

// The project boundary in the real server (dist/server.js) over LSP: the workspace folder bounds
// every read, trusted or not. A draft whose `% !TEX root` leads out of it is linted itself, with
// an input diagnostic, and nothing is published for a file outside the folder.

const DRAFT = '\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\nOur findings shed light on attention.\n\\end{document}\n';
const SECRET = 'SECRET-OUTSIDE-TEXT: our findings shed light on this outside file.';

function layout(): { top: string; workspace: string; outside: string } {
  const top = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-lsp-boundary-')));
  // The repository holds both folders; the workspace is one of them, so the other is outside.
  fs.mkdirSync(path.join(top, '.git'));
  const workspace = path.join(top, 'paper');
  const outside = path.join(top, 'other');
  fs.mkdirSync(workspace);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'main.tex'), `\\documentclass{article}\n\\begin{document}\n${SECRET}\n\\input{../paper/draft}\n\\end{document}\n`);
  return { top, workspace, outside };
}

describe('the project boundary (language server over stdio)', function () {
  this.timeout(30000);
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.shutdown();
    client = undefined;
  });

  const roots: Array<[string, (l: ReturnType<typeof layout>) => string]> = [
    ['/etc/passwd', () => '/etc/passwd'],
    ['a path out of the workspace folder', () => '../other/main.tex'],
    ['a link out of the workspace folder', (l) => {
      fs.symlinkSync(path.join(l.outside, 'main.tex'), path.join(l.workspace, 'link.tex'));
      return 'link.tex';
    }],
  ];
  for (const trusted of [true, false]) {
    for (const [name, spec] of roots) {
      it(`% !TEX root = ${name} (${trusted ? 'trusted' : 'untrusted'}): the draft itself is linted with an input error; nothing outside is published`, async function () {
        if (process.platform === 'win32') this.skip();
        const l = layout();
        const text = `% !TEX root = ${spec(l)}\n${DRAFT}`;
        const file = path.join(l.workspace, 'draft.tex');
        fs.writeFileSync(file, text);
        client = new TestClient({ debounce: 0 });
        await client.initialize(l.workspace, { trusted });
        await client.open(file, text);
        const diagnostics = await client.diagnosticsFor(file, 1);
        const input = diagnostics.filter((d) => d.code === 'input');
        assert.equal(input.length, 1, JSON.stringify(diagnostics));
        assert.match(String(input[0].message), /the root was refused and not read/);
        assert.equal(input[0].range.start.line, 0);
        // The draft's own sentence was linted.
        assert.ok(diagnostics.some((d) => d.code === 'vague-action' && d.range.start.line === 4), JSON.stringify(diagnostics));
        const report = await client.request('actionable/report', { uri: uri(file) });
        assert.equal(report.summary.rootUri, uri(file));
        assert.doesNotMatch(report.html, /SECRET-OUTSIDE|root:x:0/);
        for (const p of client.publications) assert.ok(p.uri.startsWith(uri(l.workspace) + '/'), `published for ${p.uri}`);
      });
    }
  }

  it('.actionable.json linked to /dev/zero: a config problem on that file, the draft linted without it, no hang', async function () {
    if (process.platform === 'win32') this.skip();
    const l = layout();
    const file = path.join(l.workspace, 'draft.tex');
    fs.writeFileSync(file, DRAFT);
    fs.symlinkSync('/dev/zero', path.join(l.workspace, '.actionable.json'));
    client = new TestClient({ debounce: 0 });
    await client.initialize(l.workspace);
    await client.open(file, DRAFT);
    const diagnostics = await client.diagnosticsFor(file, 1);
    assert.ok(diagnostics.some((d) => d.code === 'vague-action'));
    const config = await client.diagnosticsFor(path.join(l.workspace, '.actionable.json'));
    assert.equal(config.length, 1);
    assert.match(String(config[0].message), /is a link to \/dev\/zero, outside the project folder .*; it was not read/);
  });

  it('config lookup stops at the workspace folder: a config above it does not apply', async function () {
    const l = layout();
    const text = '# Notes\n\nOur findings shed light on attention.\n';
    const file = path.join(l.workspace, 'post.md');
    fs.writeFileSync(file, text);
    fs.writeFileSync(path.join(l.top, '.actionable.json'), JSON.stringify({ rules: { 'vague-action': 'off' } }));
    client = new TestClient({ debounce: 0 });
    await client.initialize(l.workspace);
    await client.open(file, text);
    assert.ok((await client.diagnosticsFor(file, 1)).some((d) => d.code === 'vague-action'), 'the config above the workspace folder is not read');
  });
});
