import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import type { JsonDocument } from '../../server/src/core/formats/report';

// The packaged extension in a real VS Code: `npm run package` makes actionable.vsix, code-server
// 4.100.3 (VS Code 1.100.3 in the browser; e2e/install.sh installs it) installs it into a fresh
// extensions folder and serves a temporary workspace with copies of examples/draft.md and
// examples/draft.tex on a loopback port, and headless Chromium drives the workbench with the
// keyboard as a person would: problems, quick fix and save, hover, status bar and report view,
// each checked against what `actionable --format json` says about the same file.
// Screenshots go to artifacts/e2e-*.png and timings to artifacts/e2e-timings.json.
// Needs /usr/bin/chromium and e2e/node_modules (bash e2e/install.sh; .ci/run does both): without
// them the suite is skipped, or fails when CI=true. `npm test` runs it with the rest; alone (the
// root .mocharc.json would add every other spec): `npx mocha --no-config --require tsx/cjs
// --extension ts test/e2e/vscode.test.ts` after `npm run build`.

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/actionable.js');
const CODE_SERVER = path.join(REPO, 'e2e/node_modules/.bin/code-server');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(REPO, 'artifacts');
const VSIX = path.join(REPO, 'actionable.vsix');

/** The CLI's version-1 JSON document: what the editor must show. */
type JsonDoc = JsonDocument;

/** What the CLI says about a file (run in the file's folder, so `root` is its bare name). */
function cli(file: string): JsonDoc {
  const r = spawnSync(process.execPath, [BIN, path.basename(file), '--format', 'json'], { cwd: path.dirname(file), encoding: 'utf8' });
  assert.ok(r.status === 0 || r.status === 1, `actionable exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout).documents[0];
}

/** The status bar text the extension should show for a document, from the CLI's JSON. */
function statusText(doc: JsonDoc): string {
  const met = doc.checklist.filter((c) => c.status === 'met').length;
  const applicable = doc.checklist.filter((c) => c.status !== 'not-applicable').length;
  return `${met}/${applicable} · C ${doc.score.concreteness.toFixed(2)} · V ${doc.score.validation.toFixed(2)}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Thrown inside an `until` check to stop waiting at once. */
class GiveUp extends Error {}

/** Polls `check` until it returns a truthy value (state in the page changes on its own time). */
async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeout = 20000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (error) {
      if (error instanceof GiveUp) throw error;
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Monaco renders spaces as U+00A0. */
const norm = (text: string) => text.replace(/\u00a0/g, ' ');

describe('VS Code extension end to end (code-server + headless Chromium)', function () {
  this.timeout(60000);
  this.slow(30000);

  const timings: Record<string, number> = {};
  let suiteStart = 0;
  let failed = false;
  let root: string | undefined;
  let ws: string;
  let server: ChildProcess | undefined;
  let serverExit: Promise<unknown> | undefined;
  let serverLog: string;
  let browser: Browser | undefined;
  let page: Page;
  let mdJson: JsonDoc;
  let texJson: JsonDoc;

  const time = async <T>(name: string, f: () => Promise<T> | T): Promise<T> => {
    const t0 = Date.now();
    try {
      return await f();
    } finally {
      timings[name] = Date.now() - t0;
    }
  };
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `e2e-${name}.png`) });
  const editor = () => page.locator('.editor-group-container.active');

  /** Opens a workspace file with Quick Open (Ctrl+P) and waits for its tab. */
  async function open(name: string): Promise<void> {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(name);
    // Enter takes the focused row, which is a recent file until the list has been filtered.
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor();
    await editor().locator('.monaco-editor.focused').waitFor();
  }

  /** Puts the cursor at a 1-based line and column with Go to Line (Ctrl+G). */
  async function goTo(line: number, column: number): Promise<void> {
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await until(`the cursor at Ln ${line}, Col ${column}`, async () =>
      norm(await page.locator('.statusbar-item[id="status.editor.selection"]').innerText()).includes(`Ln ${line}, Col ${column}`),
    );
  }

  /** Runs a command by its title from the Command Palette (F1). */
  async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** The lines Monaco renders for the active editor, in screen order. */
  function visibleText(): Promise<string> {
    return editor()
      .locator('.view-lines')
      .evaluate((el) =>
        [...el.querySelectorAll('.view-line')]
          .map((l) => ({ l, top: parseFloat((l as unknown as { style: { top: string } }).style.top) }))
          .sort((a, b) => a.top - b.top)
          .map(({ l }) => l)
          .map((l) => l.textContent ?? '')
          .join('\n'),
      )
      .then(norm);
  }

  interface Problem {
    message: string;
    source: string;
    code: string;
    /** "[Ln 26, Col 14]" */
    at: string;
  }

  /** The problems the Problems panel lists under a file (the tree's level-2 rows, in order). */
  async function problemRows(file: string): Promise<Problem[]> {
    return page.locator('.markers-panel').evaluate((panel, file) => {
      const rows = [...panel.querySelectorAll('.monaco-list-row')].sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')));
      // No named inner functions here: the bundler would wrap them in a helper the page lacks.
      const out: Problem[] = [];
      let inFile = false;
      for (const row of rows) {
        const level = row.getAttribute('aria-level');
        if (level === '1') inFile = (row.textContent ?? '').includes(file);
        else if (level === '2' && inFile) {
          const [message, source, code, at] = ['.marker-message', '.marker-source', '.marker-code', '.marker-line'].map((s) => (row.querySelector(s)?.textContent ?? '').replace(/\u00a0/g, ' '));
          out.push({ message, source, code, at });
        }
      }
      return out;
    }, file);
  }

  /**
   * Waits until the Problems panel lists every finding the CLI reports for the file. The panel's
   * list renders only the rows in view, so it is maximized while it is read.
   */
  async function expectProblems(file: string, doc: JsonDoc): Promise<Problem[]> {
    await page.locator('.part.panel .action-label[aria-label^="Maximize Panel Size"]').click();
    try {
      return await readProblems(file, doc);
    } finally {
      await page.locator('.part.panel .action-label[aria-label^="Restore Panel Size"]').click();
      await page.locator('.part.panel .action-label[aria-label^="Maximize Panel Size"]').waitFor();
    }
  }

  async function readProblems(file: string, doc: JsonDoc): Promise<Problem[]> {
    // The panel's message is the CLI's: the advice alone.
    const missing = (rows: Problem[]) =>
      doc.findings.filter(
        (f) =>
          !rows.some(
            (r) => r.message === f.message && r.source === 'actionable' && r.code === f.ruleId && r.at === `[Ln ${f.line}, Col ${f.column}]`,
          ),
      );
    let rows: Problem[] = [];
    await until(
      `the Problems panel to list the ${doc.findings.length} findings of ${file}`,
      async () => {
        rows = await problemRows(file);
        return missing(rows).length === 0 && rows.filter((r) => r.source === 'actionable').length === doc.findings.length;
      },
      20000,
    ).catch((error) => {
      throw new Error(`${error.message}\nmissing: ${JSON.stringify(missing(rows).map((f) => `${f.ruleId} ${f.line}:${f.column}`))}\nrows: ${JSON.stringify(rows, null, 1)}`);
    });
    return rows;
  }

  before(async function () {
    this.timeout(180000);
    const missing = [
      !fs.existsSync(CHROMIUM) && `${CHROMIUM} (apt-get install -y chromium)`,
      !fs.existsSync(CODE_SERVER) && `${path.relative(REPO, CODE_SERVER)} (bash e2e/install.sh)`,
    ].filter(Boolean);
    if (missing.length) {
      const message = `the VS Code end-to-end test needs ${missing.join(' and ')}`;
      if (process.env.CI === 'true') throw new Error(`${message}; .ci/run installs both`);
      console.warn(`  skipped: ${message}`);
      this.skip();
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    suiteStart = Date.now();

    await time('package', () => {
      const r = spawnSync('npm', ['run', 'package'], { cwd: REPO, encoding: 'utf8', timeout: 120000 });
      assert.equal(r.status, 0, `npm run package failed:\n${r.stdout}\n${r.stderr}`);
    });

    root = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-e2e-'));
    ws = path.join(root, 'ws');
    const userData = path.join(root, 'user-data');
    const extensions = path.join(root, 'extensions');
    for (const dir of [ws, path.join(userData, 'User'), extensions]) fs.mkdirSync(dir, { recursive: true });
    for (const name of ['draft.md', 'draft.tex']) fs.copyFileSync(path.join(REPO, 'examples', name), path.join(ws, name));
    // A draft no test opens: only Lint Workspace brings its problems.
    fs.mkdirSync(path.join(ws, 'notes'));
    fs.writeFileSync(path.join(ws, 'notes/post.md'), '# Notes on copying heads\n\n## Introduction\n\nOur findings shed light on how small models copy tokens.\n');
    mdJson = cli(path.join(ws, 'draft.md'));
    texJson = cli(path.join(ws, 'draft.tex'));
    fs.writeFileSync(
      path.join(userData, 'User/settings.json'),
      JSON.stringify({
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'git.enabled': false,
        'editor.minimap.enabled': false,
        'files.autoSave': 'off',
      }),
    );
    const port = await freePort();
    const config = path.join(root, 'config.yaml');
    fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    // Keep code-server and Chromium out of ~/.config and ~/.local, and out of any VS Code this
    // test runs inside (VSCODE_IPC_HOOK_CLI would send --install-extension there).
    const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VSCODE_')));
    Object.assign(env, { XDG_CONFIG_HOME: path.join(root, 'xdg/config'), XDG_DATA_HOME: path.join(root, 'xdg/data'), XDG_CACHE_HOME: path.join(root, 'xdg/cache') });
    const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];

    await time('installExtension', () => {
      const r = spawnSync(CODE_SERVER, [...common, '--install-extension', VSIX], { env, encoding: 'utf8', timeout: 60000 });
      assert.equal(r.status, 0, `--install-extension failed:\n${r.stdout}\n${r.stderr}`);
      assert.match(r.stdout, /Extension 'actionable\.vsix' was successfully installed/, r.stdout + r.stderr);
    });

    serverLog = path.join(root, 'code-server.log');
    const log = fs.openSync(serverLog, 'w');
    await time('startCodeServer', async () => {
      // Its own process group (setsid), so that `after` ends it with the extension host and the
      // language server it starts.
      server = spawn(
        CODE_SERVER,
        [...common, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ws],
        { env, detached: true, stdio: ['ignore', log, log] },
      );
      fs.closeSync(log);
      const child = server;
      serverExit = new Promise((resolve) => child.once('exit', resolve));
      let exited = false;
      void serverExit.then(() => (exited = true));
      await until(
        'code-server to answer /healthz',
        async () => {
          if (exited) throw new GiveUp(`code-server exited:\n${fs.readFileSync(serverLog, 'utf8')}`);
          const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
          return res?.ok;
        },
        30000,
      );
    });

    await time('openWorkbench', async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'draft.md' }).waitFor({ timeout: 60000 });
    });
  });

  after(async function () {
    this.timeout(30000);
    await browser?.close().catch(() => undefined);
    if (server?.pid && server.exitCode === null && server.signalCode === null) {
      const group = -server.pid;
      try {
        process.kill(group, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const killed = await Promise.race([serverExit, new Promise((r) => setTimeout(() => r('timeout'), 5000))]);
      try {
        process.kill(group, 'SIGKILL'); // whatever of the group is left (extension host, language server)
      } catch {
        /* all gone */
      }
      if (killed === 'timeout') await serverExit;
    }
    if (root) {
      if (failed && fs.existsSync(serverLog)) fs.copyFileSync(serverLog, path.join(ARTIFACTS, 'e2e-code-server.log'));
      fs.rmSync(root, { recursive: true, force: true });
      timings.suite = Date.now() - suiteStart;
      fs.writeFileSync(path.join(ARTIFACTS, 'e2e-timings.json'), JSON.stringify(timings, null, 2) + '\n');
      console.log(`  e2e timings (ms): ${Object.entries(timings).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') failed = true;
    if (this.currentTest?.state === 'failed' && page) {
      const name = `failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`;
      await shot(name).catch(() => undefined);
    }
  });

  it('lints draft.md: squiggles, and the Problems panel lists every finding the CLI reports', async () => {
    assert.ok(mdJson.findings.some((f) => f.ruleId === 'vague-action' && f.message.includes('shed light on')));
    const t0 = Date.now();
    await open('draft.md');
    assert.equal(await page.locator('.statusbar-item[id="status.editor.mode"]').innerText(), 'Markdown');
    await editor().locator('.squiggly-warning').first().waitFor({ timeout: 30000 });
    timings.firstDiagnosticMd = Date.now() - t0;
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel').waitFor();
    const rows = await expectProblems('draft.md', mdJson);
    timings.allDiagnosticsMd = Date.now() - t0;
    const shed = rows.find((r) => r.message.includes('"shed light on"'));
    assert.equal(shed?.message, '"shed light on" names no actor or action: say who does what with the result');
    assert.deepEqual(shed && { ...shed, message: '' }, { message: '', source: 'actionable', code: 'vague-action', at: '[Ln 26, Col 14]' });
    // Every rule the CLI names appears in the panel (readProblems checked each finding).
    assert.deepEqual(new Set(rows.map((r) => r.code)), new Set(mdJson.findings.map((f) => f.ruleId)));
    await shot('draft-md-problems');
  });

  it('shows the checklist count and scores of the active draft in the status bar', async () => {
    const item = page.locator('.statusbar-item', { hasText: /\d+\/\d+ · C \d\.\d\d · V \d\.\d\d/ });
    const expected = statusText(mdJson);
    await until(`the status bar to read ${expected}`, async () => norm(await item.innerText()).trim() === expected);
    assert.match(norm(await item.innerText()).trim(), /^\d\/\d · C \d\.\d\d · V \d\.\d\d$/);
    assert.equal(await item.locator('.codicon-checklist').count(), 1, 'the $(checklist) icon is rendered as an icon');
  });

  it('hovers a flagged range: the rule, its checklist step and how to fix it', async () => {
    const finding = mdJson.findings.find((f) => f.ruleId === 'vague-action' && f.line > 90)!;
    await goTo(finding.line, finding.column + 2);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'How to fix' });
    await hover.waitFor();
    const text = norm(await hover.innerText());
    assert.match(text, /vague-action · Checklist step 3/);
    assert.match(text, /How to fix\./);
    assert.ok(text.includes(finding.message), text);
    await shot('draft-md-hover');
    await page.keyboard.press('Escape');
    await hover.waitFor({ state: 'hidden' });
  });

  it('applies the preferred quick fix (a snippet with tab stops) and saves it to disk', async () => {
    const file = path.join(ws, 'draft.md');
    const original = fs.readFileSync(file, 'utf8');
    const finding = mdJson.findings.find((f) => f.ruleId === 'vague-action' && f.line === 26)!;
    assert.ok(finding?.fix, 'the CLI reports a fixable vague-action on line 26');
    await goTo(finding.line, finding.column + 1);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget');
    await menu.locator('.monaco-list-row', { hasText: finding.fix.title }).first().waitFor();
    const titles = norm(await menu.innerText());
    for (const title of ['Disable vague-action for this line', 'Disable vague-action for this file', 'Show documentation for vague-action']) assert.ok(titles.includes(title), `${title} in\n${titles}`);
    await shot('draft-md-quick-fix');
    // The rule's fix is the preferred action, focused first.
    await menu.locator(`.monaco-list-row.focused[aria-label="${finding.fix.title}"]`).waitFor();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
    // The inserted sentence's [placeholders] are tab stops: fill the first two; the others keep their brackets.
    const fill: Record<string, string> = { 'who acts': 'deployment engineers', 'do what': 'route hard inputs' };
    await until('the first tab stop to be selected', async () => page.locator('.editor-group-container.active .selected-text').count());
    await page.keyboard.type(fill['who acts']);
    await page.keyboard.press('Tab');
    await page.keyboard.type(fill['do what']);
    await page.keyboard.press('Escape');
    let expected = original;
    for (const e of [...finding.fix.edits].sort((a, b) => b.start - a.start)) {
      expected = expected.slice(0, e.start) + e.text.replace(/\[([^[\]\n]+)\]/g, (whole: string, name: string) => fill[name] ?? whole) + expected.slice(e.end);
    }
    assert.notEqual(expected, original);
    const visible = await until('the fixed text in the editor', async () => {
      // Monaco wraps long lines into separate rows: compare with runs of white space as one space.
      const text = (await visibleText()).replace(/\s+/g, ' ');
      return text.includes('Our findings explain the inner workings') && text.includes('Concretely, deployment engineers can route hard inputs by [procedure];') && text;
    });
    assert.ok(!visible.includes('[who acts]'));
    await shot('draft-md-fixed');
    assert.equal(fs.readFileSync(file, 'utf8'), original, 'nothing written before saving');
    await page.keyboard.press('Control+S');
    await until('the fix on disk', async () => fs.readFileSync(file, 'utf8') === expected, 10000).catch((error) => {
      throw new Error(`${error.message}\n--- on disk:\n${fs.readFileSync(file, 'utf8')}`);
    });
    // The fixed phrase is no longer a problem, and the panel agrees with the CLI on the saved file.
    mdJson = cli(file);
    assert.ok(!mdJson.findings.some((f) => f.line === 26 && f.ruleId === 'vague-action'));
    const rows = await expectProblems('draft.md', mdJson);
    assert.ok(!rows.some((r) => r.at === '[Ln 26, Col 14]'));
  });

  it('lints draft.tex as LaTeX and lists its findings', async () => {
    const t0 = Date.now();
    await open('draft.tex');
    assert.equal(await page.locator('.statusbar-item[id="status.editor.mode"]').innerText(), 'LaTeX');
    // Its findings are below the first screen: wait for them in the Problems panel, then at the first.
    await expectProblems('draft.tex', texJson);
    timings.firstDiagnosticsTex = Date.now() - t0;
    const first = texJson.findings[0];
    await goTo(first.line, first.column);
    await editor().locator('.squiggly-warning').first().waitFor();
    const item = page.locator('.statusbar-item', { hasText: /\d+\/\d+ · C \d\.\d\d · V \d\.\d\d/ });
    const expected = statusText(texJson);
    await until(`the status bar to read ${expected}`, async () => norm(await item.innerText()).trim() === expected);
    await shot('draft-tex-problems');
  });

  it('Actionable: Show Report opens the report view with the map point in the CLI quadrant', async () => {
    await runCommand('Actionable: Show Report');
    await page.locator('.tabs-container .tab[aria-label^="Actionable: draft.tex"]').waitFor();
    const report: FrameLocator = page.frameLocator('iframe.webview').frameLocator('#active-frame');
    const point = report.locator('svg #paper-point');
    await point.waitFor();
    assert.equal(await point.getAttribute('data-quadrant'), texJson.score.quadrant);
    // ...and is drawn inside that quadrant's square.
    const dot = (await point.boundingBox())!;
    const square = (await report.locator(`svg rect[data-quadrant="${texJson.score.quadrant}"]`).boundingBox())!;
    const [cx, cy] = [dot.x + dot.width / 2, dot.y + dot.height / 2];
    assert.ok(cx >= square.x && cx <= square.x + square.width && cy >= square.y && cy <= square.y + square.height, JSON.stringify({ dot, square }));
    assert.equal(await report.locator('svg [data-quadrant]').count(), 5, 'four quadrants and the point');
    assert.equal(await report.locator('.checklist tbody tr').count(), texJson.checklist.length);
    assert.equal(await report.locator('.findings li.finding').count(), texJson.findings.length);
    for (const f of texJson.findings) assert.ok((await report.locator('.findings').innerText()).includes(f.message), f.message);
    await shot('report-draft-tex');
  });

  it('clicking the status bar item shows the report of the active draft', async () => {
    await page.keyboard.press('Control+1'); // back to the first editor group, beside the report
    await open('draft.md');
    const item = page.locator('.statusbar-item', { hasText: /\d+\/\d+ · C \d\.\d\d · V \d\.\d\d/ });
    await until(`the status bar to read ${statusText(mdJson)}`, async () => norm(await item.innerText()).trim() === statusText(mdJson));
    await item.click();
    await page.locator('.tabs-container .tab[aria-label^="Actionable: draft.md"]').waitFor();
    const report = page.frameLocator('iframe.webview').frameLocator('#active-frame');
    await until(`the point in quadrant ${mdJson.score.quadrant}`, async () => (await report.locator('svg #paper-point').getAttribute('data-quadrant')) === mdJson.score.quadrant);
    await until('the findings of the saved draft.md', async () => (await report.locator('.findings li.finding').count()) === mdJson.findings.length);
    await shot('report-draft-md');
  });

  it('the report view follows edits to the draft before it is saved', async () => {
    // The draft.md report is on show beside the editor; add a vague claim to the introduction.
    await page.keyboard.press('Control+1');
    await open('draft.md');
    const report = page.frameLocator('iframe.webview').frameLocator('#active-frame');
    const findings = report.locator('.findings li.finding');
    const before = mdJson.findings.length;
    await goTo(24, 8); // after "laptop." at the end of the introduction's first paragraph
    await page.keyboard.type(' These results could inform future safety research.');
    await until(`the report to show ${before + 1} findings`, async () => (await findings.count()) === before + 1);
    assert.ok((await report.locator('.findings').innerText()).includes('"could inform future safety research"'));
    await shot('report-live');
    // Delete the sentence again (line 24 was "laptop." alone).
    await goTo(24, 8);
    // With word wrap, the first End stops at the end of the screen row; the second reaches the line's end.
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Delete');
    await until('line 24 back to "laptop."', async () => (await visibleText()).includes('laptop.\n\nOur findings'));
    await until(`the report back at ${before} findings`, async () => (await findings.count()) === before);
  });

  it('Actionable: Lint Workspace lists the problems of drafts that are not open', async () => {
    const notes = cli(path.join(ws, 'notes/post.md'));
    assert.ok(notes.findings.some((f) => f.ruleId === 'vague-action'));
    assert.equal((await problemRows('post.md')).length, 0, 'nothing before the command');
    await runCommand('Actionable: Lint Workspace');
    await expectProblems('post.md', notes);
    // The report view beside the editor still shows its draft.
    await page.frameLocator('iframe.webview').frameLocator('#active-frame').locator('svg #paper-point').waitFor();
    await shot('lint-workspace');
  });

  it('Actionable: Insert Checklist Section inserts the six steps with tab stops', async () => {
    await page.keyboard.press('Control+1');
    await open('draft.tex');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await runCommand('Actionable: Insert Checklist Section');
    await until('the checklist section in the editor', async () => {
      const t = (await visibleText()).replace(/\s+/g, ' ');
      return t.includes('\\section*{Actionability checklist}') && t.includes('\\item \\textbf{Use actionable metrics.}') && t;
    });
    // The first prompt is a selected tab stop, brackets included, ready to be typed over.
    await until('the first prompt selected', async () => (await editor().locator('.selected-text').count()) > 0);
    await page.keyboard.type('Routing hard questions to a larger model');
    const typed = await until('the first prompt typed over', async () => {
      const t = (await visibleText()).replace(/\s+/g, ' ');
      return t.includes('\\textbf{Define a clear goal.} Routing hard questions to a larger model \\item') && t;
    });
    assert.ok(typed.includes('[who acts on the results'), 'the other prompts keep their brackets');
    // Asked for at the end of the file, after \end{document}, the section went just before it.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+End');
    await until('the section before \\end{document}', async () => (await visibleText()).replace(/\s+/g, ' ').includes('\\end{enumerate} \\end{document}'));
    await shot('insert-checklist');
  });
});
