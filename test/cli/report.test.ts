import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

// `actionable report` and `--format html`, through the built CLI run as a child process: the page
// is standalone and escaped, matches its golden file, and, opened in headless Chromium, draws each
// draft's point inside the quadrant that the JSON output names. Screenshots go to artifacts/.
// `UPDATE_GOLDEN=1 npx mocha test/cli/report.test.ts` rewrites the golden file; read the diff.

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/actionable.js');
const GOLDEN = path.join(REPO, 'test/golden/report-proposal.html');
const ARTIFACTS = path.join(REPO, 'artifacts');
const CHROMIUM = '/usr/bin/chromium';

// One draft per quadrant (the quadrant is what the JSON output must say; the test checks it too).
const DRAFTS = {
  'draft-tex': { file: 'examples/draft.tex', quadrant: 'actionable' },
  'draft-md': { file: 'examples/draft.md', quadrant: 'exploratory' },
  proposal: { file: 'test/fixtures/report/proposal.md', quadrant: 'proposal' },
  validated: { file: 'test/fixtures/report/validated.tex', quadrant: 'validated-unspecific' },
} as const;

function run(args: string[], cwd = REPO) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonDoc {
  root: string;
  score: { concreteness: number; validation: number; quadrant: string };
  findings: Array<{ ruleId: string; severity: string; line: number }>;
}

function json(file: string): JsonDoc {
  const r = run([file, '--format', 'json']);
  assert.notEqual(r.code, 2, r.stderr);
  return JSON.parse(r.stdout).documents[0];
}

/** Every way a page could load something from elsewhere or run code; the page must have none. */
function assertStandalone(html: string) {
  assert.match(html, /^<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n/);
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`), 'CSP meta tag');
  assert.doesNotMatch(html, /<script\b/i, 'a script element');
  assert.doesNotMatch(html, /<link\b/i, 'a link element (stylesheet, font, icon)');
  assert.doesNotMatch(html, /<(img|iframe|object|embed|video|audio|source)\b/i, 'an element that loads a resource');
  assert.doesNotMatch(html, /\s(src|srcset|xlink:href)\s*=/i, 'a src attribute');
  assert.doesNotMatch(html, /@import|url\(/i, 'CSS that loads a resource');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'an inline style attribute (a webview CSP blocks it)');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'an inline event handler');
  for (const [, href] of html.matchAll(/\shref="([^"]*)"/g)) assert.match(href, /^#[\w-]+$/, `href ${href} is not an anchor in the page`);
  const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, 'duplicate element ids');
  for (const [, target] of html.matchAll(/\shref="#([^"]*)"/g)) assert.ok(ids.includes(target), `link to missing #${target}`);
}

describe('actionable report and --format html (child process)', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-report-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('report prints one standalone page to stdout, the same as lint --format html, exit 0 with findings', () => {
    for (const { file } of Object.values(DRAFTS)) {
      const r = run(['report', file]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, ''); // stdout is a pipe here: no hint
      assertStandalone(r.stdout);
      assert.equal(r.stdout.match(/<svg\b/g)?.length, 1);
      assert.equal(r.stdout, run([file, '--format', 'html']).stdout);
    }
  });

  it('-o writes the page to the file and says so on stderr', () => {
    const out = path.join(dir, 'report.html');
    const r = run(['report', 'examples/draft.md', '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `actionable: wrote ${out}\n`);
    assert.equal(fs.readFileSync(out, 'utf8'), run(['report', 'examples/draft.md']).stdout);
  });

  it('shows the score, the six checklist steps and every finding with its excerpt', () => {
    const doc = json('examples/draft.md');
    const html = run(['report', 'examples/draft.md']).stdout;
    assert.match(html, /<h2 id="doc-title">Peeking Inside a Tiny Transformer: How Attention Heads Learn to Copy<\/h2>/);
    assert.match(html, /<dt>Concreteness<\/dt><dd>0\.00<\/dd>/);
    assert.match(html, /<p class="quadrant-name q-exploratory">Exploratory<\/p>/);
    assert.equal(html.match(/<tr class="status-/g)?.length, 6);
    assert.match(html, /<tr class="status-not-applicable"><th scope="row"><span class="step-number">4<\/span> Validate empirically<\/th>/);
    assert.equal(html.match(/<li id="finding-\d+" class="finding severity-/g)?.length, doc.findings.length);
    // The first vague-action finding: line 11, "sheds light on" marked inside its line.
    assert.ok(html.includes('<span class="ln">11</span><code>  analysis <mark>sheds light on</mark> how in-context copying emerges and paves the way</code>'));
    // A finding over two lines marks the end of the first and the start of the second.
    assert.ok(html.includes('<span class="ln">27</span><code>insight into how models process information. We hope they will <mark>be of</mark></code>'));
    assert.ok(html.includes('<span class="ln">28</span><code><mark>interest to the broader community</mark>.</code>'));
    // A missing step links to the findings that made it missing.
    assert.match(html, /reported by <a class="rule" href="#finding-\d+">goal-statement<\/a>/);
    // Rule ids link to their descriptions at the end of the page.
    assert.match(html, /<a class="rule" href="#rule-vague-action">vague-action<\/a>/);
    assert.match(html, /<dt id="rule-vague-action"><code>vague-action<\/code><\/dt><dd>Impact stated without who acts/);
  });

  it('escapes <, & and > from the draft in the title, excerpts and messages', () => {
    const html = run(['report', DRAFTS.proposal.file]).stdout;
    assert.ok(html.includes('<span class="ln">20</span><code>This insight <mark>sheds light on</mark> model internals &amp; the &lt;b&gt;tags&lt;/b&gt; of `x &lt; y`.</code>'));
    assert.ok(!html.includes('<b>tags</b>'));
    assert.match(html, /<h2 id="doc-title">Routing [^<]*&amp; escalating them: a proposal<\/h2>/);
    assert.match(html, /&quot;sheds light on&quot; names no one/);
  });

  it('matches the golden page of a small fixture byte for byte', () => {
    const r = run(['report', DRAFTS.proposal.file]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes(REPO), 'an absolute path in the page');
    if (process.env.UPDATE_GOLDEN === '1') {
      fs.mkdirSync(path.dirname(GOLDEN), { recursive: true });
      fs.writeFileSync(GOLDEN, r.stdout);
    }
    assert.ok(fs.existsSync(GOLDEN), `${path.relative(REPO, GOLDEN)} is missing; run UPDATE_GOLDEN=1 npx mocha test/cli/report.test.ts`);
    assert.equal(r.stdout, fs.readFileSync(GOLDEN, 'utf8'));
  });

  it('takes lint\'s options: --rule, --kind, --no-config, --max-file-size; errors still exit 0', () => {
    const options = ['--rule', 'vague-action=error', '--kind', 'position', '--no-config'];
    const lint = run(['examples/draft.md', ...options, '--format', 'html']);
    assert.equal(lint.code, 1); // an error finding
    const r = run(['report', 'examples/draft.md', ...options]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, lint.stdout);
    assert.match(r.stdout, /<li id="finding-\d+" class="finding severity-error">/);
    assert.match(r.stdout, /<code>examples\/draft\.md<\/code> · position paper/);
    const off = run(['report', 'examples/draft.md', '--rule', 'vague-action=off']);
    assert.doesNotMatch(off.stdout, /href="#rule-vague-action"/);
    const tooBig = run(['report', 'examples/draft.md', '--max-file-size', '100']);
    assert.equal(tooBig.code, 0, tooBig.stderr);
    // The file was not read: an input error, and no excerpt to show.
    assert.match(tooBig.stdout, /<li id="finding-\d+" class="finding severity-error">\n<div class="finding-head">\n<span class="severity">error<\/span>\n<span class="loc">1:1<\/span>\n<span class="message">draft\.md is [^<]*over the [^<]* limit/);
    assert.doesNotMatch(tooBig.stdout, /<pre class="excerpt">/);
  });

  it('usage errors exit 2: missing file, not a draft, no file, bad option', () => {
    const missing = run(['report', 'nope.tex']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'actionable: nope.tex: no such file or folder\n');
    assert.equal(missing.stdout, '');
    const notDraft = run(['report', 'package.json']);
    assert.equal(notDraft.code, 2);
    assert.equal(notDraft.stderr, 'actionable: package.json: not a draft (expected .tex, .md, .qmd, .Rmd, .txt or .pdf)\n');
    assert.equal(run(['report']).code, 2);
    assert.equal(run(['report', 'examples/draft.md', '--rule', 'nope=error']).code, 2);
    assert.equal(run(['report', 'examples/draft.md', '--kind', 'novel']).code, 2);
  });

  it('several documents: one map each, unique ids, class paper-point', () => {
    const r = run([DRAFTS['draft-md'].file, DRAFTS.proposal.file, '--format', 'html']);
    assertStandalone(r.stdout);
    assert.equal(r.stdout.match(/<article class="document"/g)?.length, 2);
    assert.equal(r.stdout.match(/class="paper-point"/g)?.length, 2);
    assert.match(r.stdout, /id="doc-1-paper-point" class="paper-point" [^>]*data-quadrant="exploratory"/);
    assert.match(r.stdout, /id="doc-2-paper-point" class="paper-point" [^>]*data-quadrant="proposal"/);
  });
});

describe('the HTML report in headless Chromium', function () {
  this.timeout(60000);
  let browser: Browser;
  let page: Page;
  let dir: string;
  const requests: string[] = [];
  const consoleErrors: string[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does this`);
      this.skip();
    }
    execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-browser-'));
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 }, colorScheme: 'light' });
    page.on('request', (req) => requests.push(req.url()));
    page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
    page.on('pageerror', (err) => consoleErrors.push(err.message));
  });
  after(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const seen = new Set<string>();
  for (const [name, { file, quadrant }] of Object.entries(DRAFTS)) {
    it(`${file}: the point lies in the ${quadrant} quadrant, as the JSON output says`, async () => {
      const doc = json(file);
      assert.equal(doc.score.quadrant, quadrant, `the fixture no longer lands in ${quadrant}`);
      seen.add(doc.score.quadrant);
      const html = path.join(dir, `${name}.html`);
      const r = run(['report', file, '-o', html]);
      assert.equal(r.code, 0, r.stderr);
      requests.length = 0;
      consoleErrors.length = 0;
      await page.goto(pathToFileURL(html).href);

      const point = page.locator('#paper-point');
      assert.equal(await point.getAttribute('data-quadrant'), doc.score.quadrant);
      assert.equal(await point.getAttribute('data-concreteness'), doc.score.concreteness.toFixed(2));
      assert.equal(await point.getAttribute('data-validation'), doc.score.validation.toFixed(2));
      const box = (await point.boundingBox())!;
      const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const rects: Record<string, { x: number; y: number; width: number; height: number }> = {};
      for (const q of ['exploratory', 'proposal', 'actionable', 'validated-unspecific']) {
        rects[q] = (await page.locator(`rect[data-quadrant="${q}"]`).boundingBox())!;
      }
      const eps = 0.5;
      const inside = (r: (typeof rects)[string], strict: boolean) => {
        const e = strict ? -eps : eps;
        return centre.x >= r.x - e && centre.x <= r.x + r.width + e && centre.y >= r.y - e && centre.y <= r.y + r.height + e;
      };
      assert.ok(inside(rects[quadrant], false), `point centre ${JSON.stringify(centre)} outside the ${quadrant} rect ${JSON.stringify(rects[quadrant])}`);
      for (const q of Object.keys(rects).filter((q) => q !== quadrant)) assert.ok(!inside(rects[q], true), `point centre also inside ${q}`);

      // The quadrants are where the paper puts them: concreteness grows to the right, validation upwards.
      const frame = { x: rects['validated-unspecific'].x, y: rects['validated-unspecific'].y, width: rects.actionable.x + rects.actionable.width - rects['validated-unspecific'].x, height: rects.exploratory.y + rects.exploratory.height - rects.actionable.y };
      assert.ok(rects.actionable.x > rects.exploratory.x && rects.actionable.y < rects.exploratory.y);
      assert.ok(Math.abs(rects.proposal.x - rects.actionable.x) < eps && rects.proposal.y > rects.actionable.y);
      assert.ok(Math.abs(rects['validated-unspecific'].x - rects.exploratory.x) < eps && rects['validated-unspecific'].y < rects.exploratory.y);
      // And the point sits at (concreteness, validation) in that frame.
      assert.ok(Math.abs(centre.x - (frame.x + doc.score.concreteness * frame.width)) < 1, 'x is not the concreteness');
      assert.ok(Math.abs(centre.y - (frame.y + (1 - doc.score.validation) * frame.height)) < 1, 'y is not the validation');
      // Each quadrant's name is drawn inside its own rect.
      const names = { exploratory: 'Exploratory', proposal: 'Proposal', actionable: 'Actionable', 'validated-unspecific': 'Validated, unspecific' } as const;
      for (const [q, label] of Object.entries(names)) {
        const text = page.locator(`.q-${q} .q-name`);
        assert.equal(await text.textContent(), label);
        const t = (await text.boundingBox())!;
        const r = rects[q];
        assert.ok(t.x >= r.x && t.x + t.width <= r.x + r.width && t.y >= r.y && t.y + t.height <= r.y + r.height, `label of ${q} does not fit in its quadrant`);
      }

      // The inline stylesheet applied (the CSP allows it) and nothing was fetched or blocked.
      const style = (selector: string, property: string) =>
        page.locator(selector).first().evaluate((el, prop) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(el)[prop], property);
      assert.notEqual(await style('.excerpt mark', 'backgroundColor'), 'rgba(0, 0, 0, 0)');
      assert.notEqual(await style('.quadrant.current rect', 'fill'), await style('.quadrant:not(.current) rect', 'fill'));
      assert.deepEqual(requests, [pathToFileURL(html).href]);
      assert.deepEqual(consoleErrors, []);
      await page.screenshot({ path: path.join(ARTIFACTS, `report-${name}.png`), fullPage: true });
    });
  }

  it('the drafts cover all four quadrants', function () {
    if (seen.size === 0) this.skip();
    assert.equal(seen.size, 4, [...seen].join(', '));
  });
});
