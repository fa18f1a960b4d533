import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAction, Diagnostic, Hover, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { applyChange } from '../../server/src/core/build';
import { parseLocationHref } from '../../server/src/lsp/protocol';
import { tempProject } from '../core/helpers';
import { REPO, TestClient, uri } from './client';

// The real server (dist/server.js) over a real LSP connection on stdio.

const DRAFT_MD = fs.readFileSync(path.join(REPO, 'examples/draft.md'), 'utf8');
const DRAFT_TEX = fs.readFileSync(path.join(REPO, 'examples/draft.tex'), 'utf8');

/** Applies a code action's edits to a text: snippet tab stops become their default text. */
function applyAction(text: string, action: CodeAction, file: string): string {
  const edits = (action.edit!.documentChanges as TextDocumentEdit[]).filter((d) => d.textDocument.uri === uri(file)).flatMap((d) => d.edits);
  const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  for (const e of sorted) {
    const newText = 'snippet' in e ? unsnippet((e as any).snippet.value) : e.newText;
    text = applyChange(text, { range: e.range, text: newText });
  }
  return text;
}

function unsnippet(snippet: string): string {
  return snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\\([\\$}])/g, '$1');
}

function ids(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

describe('language server over stdio', function () {
  this.timeout(30000);
  let client: TestClient;
  let dir: string;

  beforeEach(async () => {
    dir = tempProject({ 'draft.md': DRAFT_MD, 'draft.tex': DRAFT_TEX });
    client = new TestClient({ debounce: 0 });
    const init = await client.initialize(dir);
    assert.equal(init.capabilities.textDocumentSync.change, 2, 'incremental sync');
  });

  afterEach(async () => {
    await client.shutdown();
  });

  it('publishes diagnostics with source, rule code, documentation link, checklist step and related information', async () => {
    const file = path.join(dir, 'draft.md');
    await client.open(file, DRAFT_MD);
    const diagnostics = await client.diagnosticsFor(file, 1);
    assert.ok(diagnostics.length >= 5, `got ${diagnostics.length}`);
    for (const d of diagnostics) {
      assert.equal(d.source, 'actionable');
      assert.ok(d.code, 'has a rule id');
      const readme = fileURLToPath(d.codeDescription!.href);
      assert.ok(fs.existsSync(readme), `${readme} exists`);
      assert.match(readme, new RegExp(`rules[/\\\\]${d.code}[/\\\\]README\\.md$`));
    }
    const vague = diagnostics.find((d) => d.code === 'vague-action' && String(d.message).includes('"shed light on"'))!;
    // The advice alone, short enough for one line of the Problems panel; the evidence is in data.detail.
    assert.equal(vague.message, '"shed light on" names no actor or action: say who does what with the result');
    assert.match(String((vague.data as { detail?: string }).detail), /names no one who acts and no action/);
    for (const d of diagnostics) assert.ok(String(d.message).length <= 105, `${d.code}: ${String(d.message).length} characters`);
    assert.equal(vague.range.start.line, 25);
    assert.equal(DRAFT_MD.split('\n')[25].slice(vague.range.start.character, vague.range.end.character), 'shed light on');
    const generalization = diagnostics.find((d) => d.code === 'generalization')!;
    assert.match(String(generalization.message), /: (repeat|show)/);
    const toy = diagnostics.find((d) => d.code === 'toy-only-setup')!;
    assert.ok(toy.relatedInformation && toy.relatedInformation.length > 0, 'document-level finding shows its evidence');
    assert.equal(toy.relatedInformation[0].location.uri, uri(file));
    const summary = await client.waitFor('summary', () => client.summaries.get(uri(file)));
    assert.equal(summary.quadrant, 'exploratory');
    assert.equal(summary.stepsApplicable, 5);
  });

  it('applies incremental edits and re-lints: a vague sentence appears, then goes', async () => {
    const file = path.join(dir, 'draft.md');
    await client.open(file, DRAFT_MD);
    const before = await client.diagnosticsFor(file, 1);
    const lines = DRAFT_MD.split('\n');
    const at = { line: 24, character: 0 };
    const v2 = await client.change(file, [{ range: { start: at, end: at }, text: 'These results could inform future safety research.\n' }]);
    const after = await client.diagnosticsFor(file, v2);
    const added = after.find((d) => d.range.start.line === 24 && d.code === 'vague-action');
    assert.ok(added, `a vague-action finding on the inserted line (got ${after.map((d) => `${d.code}@${d.range.start.line}`).join(', ')})`);
    assert.equal(after.length, before.length + 1);
    // Later findings moved down one line.
    const shed = after.find((d) => String(d.message).includes('"shed light on"'))!;
    assert.equal(shed.range.start.line, 26);
    const v3 = await client.change(file, [{ range: { start: at, end: { line: 25, character: 0 } }, text: '' }]);
    const restored = await client.diagnosticsFor(file, v3);
    assert.deepEqual(ids(restored), ids(before));
    assert.equal(lines.length, DRAFT_MD.split('\n').length);
  });

  it('offers the rule fix (preferred, as a snippet), disable-line, disable-file and documentation; the fix clears the finding', async () => {
    const file = path.join(dir, 'draft.md');
    await client.open(file, DRAFT_MD);
    const diagnostics = await client.diagnosticsFor(file, 1);
    // (The example is an analysis that proposes no action, so missing-baselines does not apply to it.)
    const target = diagnostics.find((d) => d.code === 'generalization')!;
    const actions: CodeAction[] = await client.request('textDocument/codeAction', {
      textDocument: { uri: uri(file) },
      range: target.range,
      context: { diagnostics: [target] },
    });
    const titles = actions.map((a) => a.title);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, titles.join(' | '));
    assert.ok(titles.includes('Disable generalization for this line'), titles.join(' | '));
    assert.ok(titles.includes('Disable generalization for this file'), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for generalization'), titles.join(' | '));
    const edit = (preferred[0].edit!.documentChanges![0] as TextDocumentEdit);
    assert.equal(edit.textDocument.version, 1, 'edits say which version they fit');
    assert.ok(edit.edits.some((e) => 'snippet' in e && /\$\{1:/.test((e as any).snippet.value)), 'placeholders become tab stops');

    const fixed = applyAction(DRAFT_MD, preferred[0], file);
    const v2 = await client.change(file, [{ text: fixed }]);
    const after = await client.diagnosticsFor(file, v2);
    assert.ok(!after.some((d) => d.code === 'generalization'), 'the fix removes the finding');

    // The disable-line directive clears a sentence finding.
    const vague = after.find((d) => d.code === 'vague-action')!;
    const disable = ((await client.request('textDocument/codeAction', { textDocument: { uri: uri(file) }, range: vague.range, context: { diagnostics: [vague] } })) as CodeAction[]).find((a) =>
      a.title.startsWith('Disable vague-action for this line'),
    )!;
    const v3 = await client.change(file, [{ text: applyAction(fixed, disable, file) }]);
    const afterDisable = await client.diagnosticsFor(file, v3);
    assert.equal(afterDisable.filter((d) => d.code === 'vague-action').length, after.filter((d) => d.code === 'vague-action').length - 1);

    // Show documentation asks the editor to open the rule's README.
    await client.request('workspace/executeCommand', { command: 'actionable.showDocumentation', arguments: ['missing-baselines'] });
    const shown = await client.waitFor('showDocument', () => client.shown[0]);
    assert.match(shown, /rules\/missing-baselines\/README\.md$/);
  });

  it('offers no edits computed for an older version of the text', async () => {
    const file = path.join(dir, 'draft.md');
    await client.open(file, DRAFT_MD);
    const diagnostics = await client.diagnosticsFor(file, 1);
    await client.change(file, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    const actions: CodeAction[] = await client.request('textDocument/codeAction', { textDocument: { uri: uri(file) }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] } });
    assert.ok(actions.every((a) => !a.edit), actions.map((a) => a.title).join(' | '));
  });

  it('hovers over a flagged range with the explanation, checklist step, paper section and fix', async () => {
    const file = path.join(dir, 'draft.tex');
    await client.open(file, DRAFT_TEX);
    const diagnostics = await client.diagnosticsFor(file, 1);
    const d = diagnostics.find((x) => x.code === 'vague-action')!;
    const hover: Hover = await client.request('textDocument/hover', { textDocument: { uri: uri(file) }, position: d.range.start });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /Checklist step 3/);
    assert.match(value, /paper §/);
    // What to do first, then what was found, then the rule and why.
    const order = ['**How to fix.**', '**Found.**', 'Checklist step 3', '**Why.**'].map((s) => value.indexOf(s));
    assert.ok(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])), value);
    const none = await client.request('textDocument/hover', { textDocument: { uri: uri(file) }, position: { line: 0, character: 0 } });
    assert.equal(none, null);
  });

  it('answers hovers while a large draft is read and linted (the lint runs in slices)', async function () {
    this.timeout(120000);
    const small = path.join(dir, 'draft.tex');
    await client.open(small, DRAFT_TEX);
    const [d] = await client.diagnosticsFor(small, 1);
    const sample = fs.readFileSync(path.join(REPO, 'bench/sample-80k.tex'), 'utf8');
    const [preamble, rest] = sample.split('\\begin{document}');
    const large = path.join(dir, 'large.tex');
    const text = `${preamble}\\begin{document}${rest.split('\\end{document}')[0].repeat(5)}\\end{document}\n`;
    void client.open(large, text);
    let linted = false;
    const published = client.diagnosticsFor(large, 1).then(() => (linted = true));
    // One hover at a time, each sent when the last was answered: a lint that held the event loop
    // from start to end would let through only the few sent between its stages.
    let answered = 0;
    while (!linted) {
      const hover: Hover = await client.request('textDocument/hover', { textDocument: { uri: uri(small) }, position: d.range.start });
      assert.ok(hover, 'the small draft\'s hover');
      answered++;
    }
    await published;
    assert.ok(answered >= 8, `${answered} hovers answered while 400 KB were linted`);
  });

  it('drops stale runs: 300 rapid edits end with diagnostics for the final text, versions never go back', async () => {
    const file = path.join(dir, 'draft.md');
    await client.open(file, DRAFT_MD);
    await client.diagnosticsFor(file, 1);
    let text = DRAFT_MD;
    let version = 1;
    const sentence = 'It could inform safety research. ';
    const edits: Promise<number>[] = [];
    for (let i = 0; i < 300; i++) {
      // Type the sentence character by character at the end of line 25, then delete half of it.
      const ch = sentence[i % sentence.length];
      const pos = { line: 24, character: i % sentence.length };
      if (i % sentence.length === 0 && i > 0) {
        edits.push(client.change(file, [{ range: { start: { line: 24, character: 0 }, end: { line: 24, character: sentence.length - 1 } }, text: '' }]));
        text = applyChange(text, { range: { start: { line: 24, character: 0 }, end: { line: 24, character: sentence.length - 1 } }, text: '' });
      }
      edits.push(client.change(file, [{ range: { start: pos, end: pos }, text: ch }]));
      text = applyChange(text, { range: { start: pos, end: pos }, text: ch });
    }
    version = Math.max(...(await Promise.all(edits)));
    const final = await client.diagnosticsFor(file, version);

    // A fresh server that opens the final text must agree.
    const fresh = new TestClient({ debounce: 0 });
    await fresh.initialize(dir);
    await fresh.open(file, text);
    const expected = await fresh.diagnosticsFor(file, 1);
    await fresh.shutdown();
    assert.deepEqual(
      final.map((d) => [d.code, d.range]),
      expected.map((d) => [d.code, d.range]),
    );
    const versions = client.publications.filter((p) => p.uri === uri(file)).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'published versions only grow');
    assert.ok(versions.length < 100, `most runs were dropped or debounced (${versions.length} publications for 300 edits)`);
  });
});

describe('language server: LaTeX projects, config and settings', function () {
  this.timeout(30000);
  let client: TestClient | undefined;

  afterEach(async () => {
    await client?.shutdown();
    client = undefined;
  });

  const MAIN = String.raw`\documentclass{article}
\title{Copy heads in a small model}
\begin{document}
\maketitle
\begin{abstract}
We study how attention heads copy tokens in a two-layer attention-only transformer trained on a synthetic task.
\end{abstract}
\input{sections/intro}
\input{sections/results}
\end{document}
`;
  const INTRO = String.raw`\section{Introduction}
We ask how a small transformer copies tokens. Our analysis finds two heads that together implement copying.
`;
  const RESULTS = String.raw`\section{Results}
Ablating the two heads drops copying accuracy from 98\% to 12\% on held-out sequences.
`;

  it('lints the root document when a section file opens, publishes for unopened files, and refreshes them on edits', async () => {
    const dir = tempProject({ 'main.tex': MAIN, 'sections/intro.tex': INTRO, 'sections/results.tex': RESULTS, '.git/HEAD': '' });
    client = new TestClient({ debounce: 0 });
    await client.initialize(dir);
    const intro = path.join(dir, 'sections/intro.tex');
    await client.open(intro, INTRO);
    const introDiagnostics = await client.diagnosticsFor(intro, 1);
    // Document-level findings land in the files where they belong, including files not open.
    const all = await client.waitFor('diagnostics for every file', () => {
      const files = ['main.tex', 'sections/intro.tex', 'sections/results.tex'].map((f) => client!.diagnostics.get(uri(path.join(dir, f))));
      return files.every(Boolean) ? files : undefined;
    });
    const total = all.reduce((n, p) => n + p!.diagnostics.length, 0);
    assert.ok(total > 0, 'the document has findings');
    assert.ok(introDiagnostics.every((d) => d.source === 'actionable'));
    const summary = await client.waitFor('summary for results.tex', () => client!.summaries.get(uri(path.join(dir, 'sections/results.tex'))));
    assert.equal(summary.rootUri, uri(path.join(dir, 'main.tex')));

    // Editing the intro republishes the other files of the project.
    const before = client.publications.length;
    const v2 = await client.change(intro, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'These findings could inform future safety research. ' }]);
    const after = await client.diagnosticsFor(intro, v2);
    assert.ok(after.some((d) => d.code === 'vague-action' && d.range.start.line === 1));
    await client.waitFor('results.tex republished', () => client!.publications.slice(before).some((p) => p.uri === uri(path.join(dir, 'sections/results.tex'))));
    // It watches drafts and config files, and a change on disk to a file that is not open re-lints.
    const watchers = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')?.registerOptions.watchers.map((w: any) => w.globPattern);
    assert.deepEqual(watchers, ['**/*.{tex,md,qmd,Rmd}', '**/.actionable.json', '**/.actionable.jsonc']);
    const results = path.join(dir, 'sections/results.tex');
    assert.ok(client.diagnostics.get(uri(results))!.diagnostics.some((d) => d.code === 'generalization'));
    fs.writeFileSync(results, RESULTS + 'We repeat every run with five random seeds and report the mean and standard deviation.\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(results), type: 2 }] });
    await client.waitFor('the generalization finding gone after the change on disk', () => {
      const p = client!.diagnostics.get(uri(results));
      return p && !p.diagnostics.some((d) => d.code === 'generalization');
    });
  });

  it('applies .actionable.json and reports a broken one on the config file', async () => {
    const text = '# Notes\n\nOur findings shed light on attention.\n';
    const dir = tempProject({ 'post.md': text, '.actionable.json': JSON.stringify({ rules: { 'vague-action': 'off' } }) });
    client = new TestClient({ debounce: 0 });
    await client.initialize(dir);
    const file = path.join(dir, 'post.md');
    await client.open(file, text);
    const diagnostics = await client.diagnosticsFor(file, 1);
    assert.ok(!diagnostics.some((d) => d.code === 'vague-action'), 'rule turned off by the config file');

    fs.writeFileSync(path.join(dir, '.actionable.json'), '{ "rules": { "no-such-rule": "error" } }');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(path.join(dir, '.actionable.json')), type: 2 }] });
    const problem = await client.diagnosticsFor(path.join(dir, '.actionable.json'));
    assert.match(String(problem[0].message), /no-such-rule/);
    const relinted = await client.waitFor('relint without the broken config', () => client!.diagnostics.get(uri(file))?.diagnostics.some((d) => d.code === 'vague-action') && true);
    assert.ok(relinted);
  });

  it('takes rule severities and kind from settings, and lints nothing when disabled', async () => {
    const text = '# Notes\n\nOur findings shed light on attention.\n';
    const dir = tempProject({ 'post.md': text });
    client = new TestClient({ debounce: 0, rules: { 'vague-action': 'error' } });
    await client.initialize(dir);
    const file = path.join(dir, 'post.md');
    await client.open(file, text);
    const diagnostics = await client.diagnosticsFor(file, 1);
    assert.equal(diagnostics.find((d) => d.code === 'vague-action')!.severity, 1);
    client.settings = { enable: false };
    client.diagnostics.clear();
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const cleared = await client.diagnosticsFor(file);
    assert.deepEqual(cleared, []);
  });

  it('checks settings against the config schema: a bad entry is reported and dropped, the rest applies', async () => {
    const text = '# Notes\n\nOur findings shed light on attention.\n';
    const dir = tempProject({ 'post.md': text });
    const settings = { debounce: 0, kind: '<script>', rules: { 'vague-action': 'fatal', 'goal-statement': 'error', 'no-such-rule': 'error' } };
    client = new TestClient(settings as any);
    await client.initialize(dir);
    const file = path.join(dir, 'post.md');
    await client.open(file, text);
    const diagnostics = await client.diagnosticsFor(file, 1);
    // The unknown kind did not switch every rule off; "fatal" fell back to the default severity.
    assert.ok(diagnostics.every((d) => d.severity !== undefined && d.severity >= 1 && d.severity <= 4), JSON.stringify(diagnostics.map((d) => d.severity)));
    assert.equal(diagnostics.find((d) => d.code === 'vague-action')?.severity, 2);
    assert.equal(diagnostics.find((d) => d.code === 'goal-statement')?.severity, 1);
    const message = await client.waitFor('a settings warning', () => client!.messages.find((m) => /settings/.test(m)));
    assert.match(message!, /kind: must be one of/);
    assert.match(message!, /rules\.vague-action: must be one of/);
    assert.match(message!, /unknown rule id "no-such-rule"/);
  });

  it('lints on save only when run is onSave', async () => {
    const text = '# Notes\n\nWe measure attention.\n';
    const dir = tempProject({ 'post.md': text });
    client = new TestClient({ debounce: 0, run: 'onSave' });
    await client.initialize(dir);
    const file = path.join(dir, 'post.md');
    await client.open(file, text);
    await client.diagnosticsFor(file, 1);
    const count = client.publications.length;
    const v2 = await client.change(file, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'It could inform safety research. ' }]);
    // A hover round trip proves the change was processed; still nothing published.
    await client.request('textDocument/hover', { textDocument: { uri: uri(file) }, position: { line: 0, character: 0 } });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(client.publications.length, count, 'no lint on type');
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: uri(file) } });
    const saved = await client.diagnosticsFor(file, v2);
    assert.ok(saved.some((d) => d.code === 'vague-action'));
  });

  it('lints the whole workspace on request, with progress', async () => {
    const dir = tempProject({ 'a.md': '# A\n\nOur findings shed light on attention.\n', 'b/main.tex': MAIN, 'b/sections/intro.tex': INTRO, 'b/sections/results.tex': RESULTS });
    client = new TestClient({ debounce: 0 });
    await client.initialize(dir);
    const count = await client.request('actionable/lintWorkspace', {});
    assert.equal(count, 2, 'one Markdown draft and one LaTeX document');
    assert.ok(client.diagnostics.get(uri(path.join(dir, 'a.md')))!.diagnostics.some((d) => d.code === 'vague-action'));
    assert.ok(client.diagnostics.has(uri(path.join(dir, 'b/sections/results.tex'))));
    assert.deepEqual([client.progress[0]?.kind, client.progress.at(-1)?.kind], ['begin', 'end']);
    assert.ok(client.progress.some((p) => p.kind === 'report' && p.percentage === 100), JSON.stringify(client.progress));
  });

  it('reads no config file in an untrusted workspace until trust is granted', async () => {
    const text = '# Notes\n\nOur findings shed light on attention.\n';
    const dir = tempProject({ 'post.md': text, '.actionable.json': JSON.stringify({ rules: { 'vague-action': 'off' } }) });
    client = new TestClient({ debounce: 0 });
    await client.initialize(dir, { trusted: false });
    const file = path.join(dir, 'post.md');
    await client.open(file, text);
    const untrusted = await client.diagnosticsFor(file, 1);
    assert.ok(untrusted.some((d) => d.code === 'vague-action'), 'the config that turns the rule off is not read');
    client.diagnostics.clear();
    await client.connection.sendNotification('actionable/trusted');
    await client.waitFor('relint with the config', () => {
      const p = client!.diagnostics.get(uri(file));
      return p && !p.diagnostics.some((d) => d.code === 'vague-action');
    });
  });

  it('reports a draft over maxFileSize instead of linting it', async () => {
    const text = '# Notes\n\n' + 'Our findings shed light on attention. '.repeat(100) + '\n';
    const dir = tempProject({ 'post.md': text });
    client = new TestClient({ debounce: 0, maxFileSize: 1024 });
    await client.initialize(dir);
    const file = path.join(dir, 'post.md');
    await client.open(file, text);
    const diagnostics = await client.diagnosticsFor(file, 1);
    assert.deepEqual(diagnostics.map((d) => d.code), ['input']);
    assert.match(String(diagnostics[0].message), /is 4 KB, over the 1 KB limit \(setting maxFileSize\); it was not linted/);
  });

  it('returns the report of a document as HTML with location links', async () => {
    const dir = tempProject({ 'main.tex': MAIN, 'sections/intro.tex': INTRO, 'sections/results.tex': RESULTS });
    client = new TestClient({ debounce: 0 });
    await client.initialize(dir);
    const report = await client.request('actionable/report', { uri: uri(path.join(dir, 'sections/results.tex')) });
    assert.equal(report.summary.rootUri, uri(path.join(dir, 'main.tex')));
    assert.match(report.html, /<svg/);
    assert.match(report.html, /data-quadrant="[a-z-]+"/);
    const links = [...report.html.matchAll(/href="(#loc=[^"]+)"/g)].map((m: RegExpMatchArray) => parseLocationHref(m[1]));
    assert.ok(links.length > 0 && links.every((l) => l && fs.existsSync(fileURLToPath(l.uri)) && l.line >= 1), 'every location link names a file of the project');
    assert.ok(links.some((l) => l!.uri === uri(path.join(dir, 'sections/results.tex'))));
  });

  it('runs as `actionable lsp --stdio` too', async () => {
    const dir = tempProject({ 'post.md': '# Notes\n\nOur findings shed light on attention.\n' });
    client = new TestClient({ debounce: 0 }, [path.join(REPO, 'bin/actionable.js'), 'lsp', '--stdio']);
    const init = await client.initialize(dir);
    assert.equal(init.serverInfo.name, 'actionable');
    const file = path.join(dir, 'post.md');
    await client.open(file, fs.readFileSync(file, 'utf8'));
    assert.ok((await client.diagnosticsFor(file, 1)).some((d) => d.code === 'vague-action'));
  });
});
