import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// js-yaml is not a dependency of ours: mocha depends on it, so it is always installed with the tests.
import { load } from 'js-yaml';

// The GitHub Action (action.yml at the repository root): its declared interface, and its shell
// steps run here as GitHub runs them (bash --noprofile --norc -eo pipefail, inputs substituted into
// the step's env, GITHUB_OUTPUT a file) against the built CLI.

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/actionable.js');

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = load(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as Action;
const DEFAULTS = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '']));

/** `${{ inputs.x }}` and `${{ github.action_path }}`, the only expressions a shell step may use here. */
function expand(value: string, inputs: Record<string, string>, actionPath = REPO): string {
  return value.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expr: string) => {
    if (expr === 'github.action_path') return actionPath;
    const m = /^inputs\.([\w-]+)$/.exec(expr);
    if (m && m[1] in action.inputs) return inputs[m[1]];
    throw new Error(`unexpected expression in a shell step: ${expr}`);
  });
}

function step(predicate: (s: Step) => boolean, what: string): Step {
  const found = action.runs.steps.filter(predicate);
  assert.equal(found.length, 1, `expected one ${what} step`);
  return found[0];
}

const lintStep = () => step((s) => s.id === 'lint', 'lint (id: lint)');
const installStep = () => step((s) => Boolean(s.run?.includes('npm ci')), 'install');

interface RunOptions {
  /** A folder put first on PATH (for a stand-in npm). */
  extraPath?: string;
  /** The workspace the step runs in (GitHub's working directory for run steps). */
  workspace?: string;
  /** Where the action is checked out (`github.action_path`). */
  actionPath?: string;
  /** GitHub's job summary file. */
  summary?: string;
  /** The runner's home folder. */
  home?: string;
}

/** Runs a shell step as GitHub does; returns its exit code, output and the outputs it set. */
function runStep(s: Step, inputs: Record<string, string>, options: RunOptions = {}) {
  const { extraPath, workspace = REPO, actionPath = REPO } = options;
  assert.equal(s.shell, 'bash');
  assert.ok(s.run);
  assert.doesNotMatch(s.run, /\$\{\{/, 'inputs must reach the script through env, not be pasted into it');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-action-'));
  const script = path.join(tmp, 'step.sh');
  const outputFile = path.join(tmp, 'github_output');
  fs.writeFileSync(script, s.run);
  fs.writeFileSync(outputFile, '');
  const env: Record<string, string | undefined> = { ...process.env, GITHUB_OUTPUT: outputFile };
  delete env.GITHUB_STEP_SUMMARY;
  if (options.summary) env.GITHUB_STEP_SUMMARY = options.summary;
  for (const [k, v] of Object.entries(s.env ?? {})) env[k] = expand(String(v), inputs, actionPath);
  if (extraPath) env.PATH = `${extraPath}${path.delimiter}${env.PATH}`;
  // The lint step writes its cache under $HOME: a scratch home keeps the tests out of the real one.
  if (options.home || s.id === 'lint') env.HOME = options.home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-home-'));
  const cwd = s['working-directory'] ? expand(s['working-directory'], inputs, actionPath) : workspace;
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(
    fs
      .readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs, tmp };
}

describe('GitHub Action (action.yml)', function () {
  this.timeout(60000);
  before(() => {
    execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO });
  });

  it('is a composite action with the documented inputs and defaults', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(DEFAULTS), ['paths', 'format', 'args', 'sarif-file', 'summary', 'upload-sarif', 'cache']);
    assert.deepEqual({ ...DEFAULTS, paths: undefined }, { paths: undefined, format: 'github', args: '', 'sarif-file': 'actionable.sarif', summary: 'true', 'upload-sarif': 'false', cache: 'true' });
    for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description, `input ${name} has no description`);
    assert.equal(action.outputs['exit-code'].value, '${{ steps.lint.outputs.exit-code }}');
    assert.equal(action.outputs['sarif-file'].value, '${{ steps.lint.outputs.sarif-file }}');
    for (const s of action.runs.steps) if (s.run) assert.equal(s.shell, 'bash', `${s.name}: a composite run step needs a shell`);
  });

  it('sets up Node 24 with setup-node@v6, then installs the CLI in its own checkout', () => {
    const steps = action.runs.steps;
    const node = step((s) => Boolean(s.uses?.startsWith('actions/setup-node@')), 'setup-node');
    assert.equal(node.uses, 'actions/setup-node@v6');
    assert.equal(String(node.with?.['node-version']), '24');
    const install = installStep();
    assert.ok(steps.indexOf(node) < steps.indexOf(install) && steps.indexOf(install) < steps.indexOf(lintStep()), 'order: node, install, lint');
    assert.equal(install['working-directory'], '${{ github.action_path }}');
    assert.equal(expand(lintStep().env!.ACTIONABLE_BIN, DEFAULTS), BIN);
    assert.ok(fs.existsSync(path.join(REPO, 'package-lock.json')), 'npm ci needs package-lock.json');
  });

  it('on a branch, installs every dependency and builds; on a release tag, installs only the runtime ones', () => {
    // npm replaced by a recorder, in two stand-in checkouts of the action: a branch (no dist/) and
    // a release (dist/cli.js committed by scripts/release-action.mjs).
    const shim = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-npm-'));
    const log = path.join(shim, 'calls');
    fs.writeFileSync(path.join(shim, 'npm'), `#!/bin/sh\necho "$PWD|$*" >> '${log}'\n`, { mode: 0o755 });
    const calls = (release: boolean) => {
      const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-checkout-'));
      if (release) {
        fs.mkdirSync(path.join(checkout, 'dist'));
        fs.writeFileSync(path.join(checkout, 'dist/cli.js'), '');
      }
      fs.rmSync(log, { force: true });
      const r = runStep(installStep(), DEFAULTS, { extraPath: shim, actionPath: checkout });
      assert.equal(r.code, 0, r.stderr);
      return fs.readFileSync(log, 'utf8').trim().split('\n').map((c) => c.replace(`${checkout}|`, ''));
    };
    assert.deepEqual(calls(false), ['ci --ignore-scripts --no-audit --no-fund', 'run build']);
    assert.deepEqual(calls(true), ['ci --omit=dev --ignore-scripts --no-audit --no-fund']);
    assert.ok(JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts.build);
  });

  it('passes the CLI only flags that `actionable lint --help` lists', () => {
    const help = execFileSync(process.execPath, [BIN, 'lint', '--help'], { encoding: 'utf8' });
    const calls = lintStep().run!.split('\n').filter((line) => line.includes('node "$ACTIONABLE_BIN"'));
    assert.equal(calls.length, 2); // one per format
    for (const call of calls) {
      assert.match(call, /node "\$ACTIONABLE_BIN" lint /);
      const flags: string[] = call.match(/(?<=\s)--[a-z][a-z-]*/g) ?? [];
      assert.ok(flags.includes('--format'));
      for (const flag of flags) assert.match(help, new RegExp(`(^|[ ,])${flag}\\b`, 'm'), `${flag} is not an option of actionable lint`);
    }
    const formats = /--format <format>.*\(choices: ([^)]*)\)/.exec(help)![1];
    for (const f of ['github', 'sarif']) assert.ok(formats.includes(`"${f}"`), `format ${f} is not a choice`);
  });

  it('format github: one annotation per finding, exit code 0 recorded', () => {
    const r = runStep(lintStep(), { ...DEFAULTS, paths: 'test/fixtures/golden/paper.md', args: '--no-config' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs['exit-code'], '0');
    assert.equal(r.outputs['sarif-file'], undefined);
    assert.equal(r.stdout, fs.readFileSync(path.join(REPO, 'test/golden/paper-md.github.txt'), 'utf8'));
  });

  it('splits paths and args, lets the linter expand the patterns, and fails the step with the CLI\'s exit code', () => {
    const r = runStep(lintStep(), { ...DEFAULTS, paths: 'test/fixtures/golden/*.md\n  test/fixtures/golden/paper.tex', args: '--rule vague-action=off  --max-warnings 0' });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.outputs['exit-code'], '1');
    assert.match(r.stdout, /^::warning file=test\/fixtures\/golden\/paper\.md,/m);
    assert.match(r.stdout, /^::warning file=test\/fixtures\/golden\/sections\/results\.tex,/m);
    assert.doesNotMatch(r.stdout, /vague-action/);
    assert.match(r.stderr, /more than --max-warnings 0/);
  });

  it('passes paths after `--`, so a committed file named --output=paper.tex is linted, not taken for a flag', () => {
    const call = lintStep().run!.split('\n').filter((line) => line.includes('node "$ACTIONABLE_BIN"'));
    for (const line of call) assert.match(line, / -- "\$\{paths\[@\]\}"/, line);
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-action-flag-'));
    fs.mkdirSync(path.join(workspace, '.git'));
    const paper = '\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\nOur findings shed light on attention.\n\\end{document}\n';
    fs.writeFileSync(path.join(workspace, 'paper.tex'), paper);
    fs.writeFileSync(path.join(workspace, '--output=paper.tex'), paper);
    for (const paths of ['*.tex', '--output=paper.tex']) {
      const r = runStep(lintStep(), { ...DEFAULTS, paths, args: '--no-config' }, { workspace });
      assert.equal(r.code, 0, r.stderr);
      // The draft was not overwritten by the report, and the oddly named file was linted.
      assert.equal(fs.readFileSync(path.join(workspace, 'paper.tex'), 'utf8'), paper);
      assert.match(r.stdout, /^::warning file=--output=paper\.tex,/m);
    }
  });

  it('by default lints the drafts of a repository, not its README or CHANGELOG, and writes the job summary', () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-action-defaults-'));
    const files: Record<string, string> = {
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'build/\n',
      'README.md': '# Our paper\n\nBuild it with make.\n',
      'CHANGELOG.md': '# Changes\n\n- first draft\n',
      'docs/README.md': '# Docs\n',
      '.github/PULL_REQUEST_TEMPLATE.md': '# Checklist\n',
      'paper/main.tex': fs.readFileSync(path.join(REPO, 'test/fixtures/golden/paper.tex'), 'utf8'),
      'paper/sections/results.tex': fs.readFileSync(path.join(REPO, 'test/fixtures/golden/sections/results.tex'), 'utf8'),
      'posts/post.md': fs.readFileSync(path.join(REPO, 'test/fixtures/golden/paper.md'), 'utf8'),
      'build/copy.tex': fs.readFileSync(path.join(REPO, 'test/fixtures/golden/paper.tex'), 'utf8'),
      'node_modules/x/README.md': '# x\n',
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
      fs.writeFileSync(path.join(workspace, name), text);
    }
    const summary = path.join(workspace, '..', `${path.basename(workspace)}-summary.md`);
    fs.writeFileSync(summary, '## An earlier step\n\n');
    const r = runStep(lintStep(), { ...DEFAULTS, args: '--no-config' }, { workspace, summary });
    assert.equal(r.code, 0, r.stderr);
    const annotated = new Set([...r.stdout.matchAll(/^::\w+ file=([^,]+),/gm)].map((m) => m[1]));
    assert.deepEqual([...annotated].sort(), ['paper/main.tex', 'paper/sections/results.tex', 'posts/post.md']);
    // The summary is appended to what earlier steps wrote: one section per document.
    const text = fs.readFileSync(summary, 'utf8');
    assert.ok(text.startsWith('## An earlier step\n\n## Actionable: `paper/main.tex`\n'), text.slice(0, 200));
    assert.deepEqual([...text.matchAll(/^## Actionable: `([^`]+)`/gm)].map((m) => m[1]), ['paper/main.tex', 'posts/post.md']);
    assert.match(text, /\| 1\. Define a clear goal \|/);
    // summary: false writes none.
    fs.writeFileSync(summary, '');
    assert.equal(runStep(lintStep(), { ...DEFAULTS, args: '--no-config', summary: 'false' }, { workspace, summary }).code, 0);
    assert.equal(fs.readFileSync(summary, 'utf8'), '');
  });

  it('format sarif: writes the file and records it for the upload, also when the lint exits 1', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-action-sarif-'));
    const file = path.join(dir, 'out.sarif');
    const r = runStep(lintStep(), { ...DEFAULTS, paths: 'test/fixtures/golden/paper.tex', format: 'sarif', args: '--max-warnings 0', 'sarif-file': file, 'upload-sarif': 'true' });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.outputs['exit-code'], '1');
    assert.equal(r.outputs['sarif-file'], file);
    const log = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].results.length, 8);
    // A usage error writes no SARIF, and then there is nothing to upload.
    const bad = runStep(lintStep(), { ...DEFAULTS, paths: 'no/such/paper.tex', format: 'sarif', 'sarif-file': file });
    assert.equal(bad.code, 2);
    assert.equal(bad.outputs['sarif-file'], undefined);
    assert.ok(!fs.existsSync(file), 'a stale SARIF file from an earlier run is left behind');
  });

  it('rejects an unknown format, and upload-sarif without format sarif', () => {
    const r = runStep(lintStep(), { ...DEFAULTS, paths: 'test/fixtures/golden/paper.md', format: 'json' });
    assert.equal(r.code, 2);
    assert.match(r.stdout, /^::error title=actionable::format must be github or sarif/m);
    const u = runStep(lintStep(), { ...DEFAULTS, paths: 'test/fixtures/golden/paper.md', 'upload-sarif': 'true' });
    assert.equal(u.code, 2);
    assert.match(u.stdout, /^::error title=actionable::upload-sarif needs format: sarif/m);
  });

  it('uploads with codeql-action/upload-sarif@v4 after the lint, even when it failed, only when asked', () => {
    const upload = step((s) => Boolean(s.uses?.startsWith('github/codeql-action/upload-sarif')), 'upload-sarif');
    assert.equal(upload.uses, 'github/codeql-action/upload-sarif@v4');
    assert.ok(action.runs.steps.indexOf(upload) > action.runs.steps.indexOf(lintStep()));
    const condition = (upload.if ?? '').replace(/\s+/g, ' ');
    assert.match(condition, /^always\(\) && /, 'without always() a failed lint skips the upload');
    assert.match(condition, /inputs\.upload-sarif == 'true'/);
    assert.match(condition, /steps\.lint\.outputs\.sarif-file != ''/);
    assert.equal(upload.with?.sarif_file, '${{ steps.lint.outputs.sarif-file }}');
  });

  it('restores the cache with actions/cache@v5 before the lint, at the folder the lint passes to --cache-location', () => {
    const restore = step((s) => Boolean(s.uses?.startsWith('actions/cache@')), 'actions/cache');
    assert.equal(restore.uses, 'actions/cache@v5');
    assert.equal(restore.if, "inputs.cache == 'true'");
    assert.ok(action.runs.steps.indexOf(restore) < action.runs.steps.indexOf(lintStep()));
    assert.equal(restore.with?.path, '~/.cache/actionable');
    assert.match(String(restore.with?.key), /^actionable-\$\{\{ runner\.os \}\}-/);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-home-'));
    const first = runStep(lintStep(), { ...DEFAULTS, paths: 'test/fixtures/golden/paper.md' }, { home });
    assert.ok(fs.readdirSync(path.join(home, '.cache/actionable')).length > 0, 'the lint wrote the cache where actions/cache saves it');
    const second = runStep(lintStep(), { ...DEFAULTS, paths: 'test/fixtures/golden/paper.md' }, { home });
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.code, first.code);
    const off = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-home-'));
    runStep(lintStep(), { ...DEFAULTS, paths: 'test/fixtures/golden/paper.md', cache: 'false' }, { home: off });
    assert.ok(!fs.existsSync(path.join(off, '.cache/actionable')), 'cache: false writes no cache');
  });
});
