import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// The package as users get it: `npm pack`, installed into an empty folder and run through npx; and
// the Action's release tag, made by scripts/release-action.mjs, installed as the Action installs it.
// Both install the runtime dependencies from the npm registry (the npm cache serves repeated runs).

const REPO = path.resolve(__dirname, '../..');
const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { name: string; version: string; bin: Record<string, string> };
const NPM_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `actionable-${prefix}-`));
}

function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the npm package and the Action release (child processes, npm registry)', function () {
  this.timeout(300000);
  before(() => {
    execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO });
  });

  it('is named for us: not the name a stranger holds on the registry, with both commands', () => {
    assert.equal(PKG.name, 'actionable-lint');
    assert.deepEqual(Object.keys(PKG.bin).sort(), ['actionable', 'actionable-lint']);
  });

  it('installs from the packed tarball into an empty folder and runs with npx', () => {
    const packs = tmp('pack');
    const packed = sh('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', packs], REPO);
    assert.equal(packed.code, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const shipped = info.files.map((f) => f.path).sort();
    // The CLI and what it reads; no sources, tests or the extension's bundles.
    for (const file of ['bin/actionable.js', 'dist/cli.js', 'rules/vague-action/README.md', 'schema/actionable.schema.json', 'README.md', 'LICENSE']) assert.ok(shipped.includes(file), `${file} is not shipped`);
    assert.deepEqual(shipped.filter((f) => /\.ts$|^test\/|^server\/|^dist\/(server|client)\.js/.test(f)), []);

    const app = tmp('app');
    fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "private": true }\n');
    const installed = sh('npm', ['install', ...NPM_FLAGS, path.join(packs, info.filename)], app);
    assert.equal(installed.code, 0, installed.stderr);
    // Everything else is in the bundle: the linguistic model is the only dependency.
    assert.deepEqual(fs.readdirSync(path.join(app, 'node_modules')).filter((d) => !d.startsWith('.')).sort(), ['actionable-lint', 'wink-eng-lite-web-model', 'wink-nlp']);

    const npx = (...args: string[]) => sh('npx', ['--no-install', ...args], app);
    assert.equal(npx('actionable-lint', '--version').stdout.trim(), PKG.version);
    assert.equal(npx('actionable', '--version').stdout.trim(), PKG.version);
    fs.copyFileSync(path.join(REPO, 'test/fixtures/golden/paper.md'), path.join(app, 'paper.md'));
    const lint = npx('actionable-lint', 'paper.md', '--format', 'json');
    assert.equal(lint.code, 0, lint.stderr);
    assert.ok(JSON.parse(lint.stdout).documents[0].findings.some((f: { ruleId: string }) => f.ruleId === 'vague-action'));
    // The rules' documentation and SARIF help come from the files the package ships.
    assert.match(npx('actionable-lint', 'rules', 'vague-action').stdout, /^# vague-action\n/);
    const sarif = JSON.parse(npx('actionable-lint', 'paper.md', '--format', 'sarif').stdout);
    const vague = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'vague-action');
    assert.match(vague.helpUri, /^https:\/\/github\.com\/.+\/blob\/v\d+\.\d+\.\d+\/rules\/vague-action\/README\.md$/);
    assert.match(vague.help.markdown, /## How to fix/);
  });

  it('tags an Action release that runs with only the runtime dependencies installed', () => {
    // A repository holding this working tree (tracked and new files), with the dependencies linked in.
    const repo = tmp('release-repo');
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of listed) {
      if (!fs.existsSync(path.join(REPO, file))) continue; // deleted in the work tree
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.copyFileSync(path.join(REPO, file), path.join(repo, file));
    }
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: repo, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'work tree');
    fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(repo, 'node_modules'));
    fs.appendFileSync(path.join(repo, '.git/info/exclude'), 'node_modules\n');
    const head = git('rev-parse', 'HEAD');

    const release = sh(process.execPath, ['scripts/release-action.mjs'], repo);
    assert.equal(release.code, 0, release.stderr);
    const tag = `v${PKG.version}`;
    const major = `v${PKG.version.split('.')[0]}`;
    assert.match(release.stdout, new RegExp(`tagged ${tag} and ${major}`));
    // The branch and the work tree are untouched; the tag is one commit on top, adding only the built CLI and pdf.js.
    assert.equal(git('rev-parse', 'HEAD'), head);
    assert.equal(git('status', '--porcelain'), '');
    assert.equal(git('rev-parse', `${tag}^`), head);
    assert.equal(git('rev-parse', `${tag}^{commit}`), git('rev-parse', `${major}^{commit}`));
    assert.equal(git('diff', '--name-status', head, tag), 'A\tdist/cli.js\nA\tdist/pdf.js');
    // A version is tagged once, unless --force.
    const again = sh(process.execPath, ['scripts/release-action.mjs'], repo);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already tagged/);

    // The Action at that tag, as GitHub downloads it (no .git, no node_modules), installed and run.
    const checkout = tmp('release-checkout');
    execFileSync('sh', ['-c', `git archive ${tag} | tar -x -C '${checkout}'`], { cwd: repo });
    const action = loadAction(checkout);
    const install = action.runs.steps.find((s) => s.run?.includes('npm ci'))!;
    const installed = runShellStep(install.run!, path.join(checkout), {});
    assert.equal(installed.code, 0, installed.stderr);
    assert.deepEqual(fs.readdirSync(path.join(checkout, 'node_modules')).filter((d) => !d.startsWith('.')).sort(), ['wink-eng-lite-web-model', 'wink-nlp']);
    assert.ok(!fs.existsSync(path.join(checkout, 'node_modules/esbuild')), 'a release builds nothing');
    const lint = action.runs.steps.find((s) => s.id === 'lint')!;
    const env = Object.fromEntries(Object.entries(lint.env ?? {}).map(([k, v]) => [k, String(v).replace('${{ github.action_path }}', checkout)]));
    Object.assign(env, { ACTIONABLE_PATHS: 'test/fixtures/golden/paper.md', ACTIONABLE_FORMAT: 'github', ACTIONABLE_ARGS: '--no-config', ACTIONABLE_SARIF_FILE: 'x.sarif', ACTIONABLE_SUMMARY: 'false', ACTIONABLE_UPLOAD_SARIF: 'false' });
    const linted = runShellStep(lint.run!, REPO, env);
    assert.equal(linted.code, 0, linted.stderr);
    assert.equal(linted.stdout, fs.readFileSync(path.join(REPO, 'test/golden/paper-md.github.txt'), 'utf8'));
  });
});

interface ActionStep {
  id?: string;
  run?: string;
  env?: Record<string, string>;
}

function loadAction(dir: string): { runs: { steps: ActionStep[] } } {
  // js-yaml comes with mocha.
  const { load } = require('js-yaml') as typeof import('js-yaml');
  return load(fs.readFileSync(path.join(dir, 'action.yml'), 'utf8')) as { runs: { steps: ActionStep[] } };
}

/** A run step as GitHub runs it: bash -e, GITHUB_OUTPUT a file, the step's env. */
function runShellStep(script: string, cwd: string, env: Record<string, string>) {
  const dir = tmp('step');
  fs.writeFileSync(path.join(dir, 'step.sh'), script);
  fs.writeFileSync(path.join(dir, 'output'), '');
  const full: NodeJS.ProcessEnv = { ...process.env, ...env, GITHUB_OUTPUT: path.join(dir, 'output') };
  delete full.GITHUB_STEP_SUMMARY;
  return sh('bash', ['--noprofile', '--norc', '-eo', 'pipefail', path.join(dir, 'step.sh')], cwd, full);
}
