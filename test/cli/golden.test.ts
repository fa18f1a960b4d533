import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

// Golden outputs: the built CLI, run as a child process with the repository root as its working
// directory, on two small fixtures in every lint format, compared byte for byte with
// test/golden/<fixture>.<format>.<ext>. `UPDATE_GOLDEN=1 npx mocha test/cli/golden.test.ts` rewrites
// them; read the diff before committing it. (Mocha adds the spec in .mocharc.json to files named on
// the command line, so that runs the whole suite; `npx mocha --no-config -r tsx/cjs
// test/cli/golden.test.ts` runs this file alone.) `--no-config` keeps a config file in or above the
// repository from changing the outputs.
//
// Paths in every format are relative to the working directory, so the outputs are the same on any
// machine, with one exception handled here explicitly: SARIF embeds the SRCROOT base (an absolute
// file: URL, the working directory), the tool's version (also in the help links, which point at the
// documentation of that version's tag) and each rule's help, taken from its README. The test checks
// those against this checkout and its package.json, then replaces them with `file:///REPO_ROOT/`,
// `<version>` and `<help>`, so that the golden does not depend on where the repository is cloned, on
// a version bump, or on an edit of a rule's README.

const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/actionable.js');
const GOLDEN = path.join(REPO, 'test/golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

const FIXTURES = {
  // A two-file LaTeX project (paper.tex \inputs sections/results.tex): findings in both files,
  // fixes, related locations.
  'paper-tex': 'test/fixtures/golden/paper.tex',
  // Markdown with front matter and an astral character before a finding (UTF-16 columns).
  'paper-md': 'test/fixtures/golden/paper.md',
};

const FORMATS = { stylish: 'txt', json: 'json', sarif: 'sarif', github: 'txt', markdown: 'md' } as const;

function run(args: string[]) {
  // Not a TTY (piped), and NO_COLOR/FORCE_COLOR cleared, so stylish prints no colour codes.
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args, '--no-config'], { cwd: REPO, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function normalizeSarif(text: string): string {
  const version = (JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;
  const driver = JSON.parse(text).runs[0].tool.driver;
  assert.equal(driver.version, version, 'SARIF tool version differs from package.json');
  assert.equal(driver.semanticVersion, version, 'SARIF semanticVersion differs from package.json');
  const root = pathToFileURL(REPO + path.sep).href;
  assert.equal(JSON.parse(text).runs[0].originalUriBaseIds.SRCROOT.uri, root, 'SRCROOT is not the working directory');
  const log = JSON.parse(text);
  for (const rule of log.runs[0].tool.driver.rules) {
    if (!rule.helpUri) continue;
    const help: string = rule.help.markdown;
    assert.ok(help.startsWith(`${rule.shortDescription.text}\n\n## Why\n`), `${rule.id}: help starts with the description and "Why"`);
    assert.ok(help.includes('\n\n## How to fix\n'), `${rule.id}: help has "How to fix"`);
    assert.ok(help.endsWith(`[Full documentation](${rule.helpUri})`), `${rule.id}: help ends with the link`);
    rule.help = '<help>';
  }
  return (JSON.stringify(log, null, 2) + '\n')
    .split(JSON.stringify(root).slice(1, -1))
    .join('file:///REPO_ROOT/')
    .replace(`"version": "${version}",`, '"version": "<version>",')
    .replace(`"semanticVersion": "${version}",`, '"semanticVersion": "<version>",')
    .split(`/blob/v${version}/`)
    .join('/blob/v<version>/');
}

describe('golden outputs per format (child process)', function () {
  this.timeout(120000);
  before(() => {
    execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO });
    if (UPDATE) fs.mkdirSync(GOLDEN, { recursive: true });
  });

  for (const [name, fixture] of Object.entries(FIXTURES)) {
    for (const [format, ext] of Object.entries(FORMATS)) {
      const golden = path.join(GOLDEN, `${name}.${format}.${ext}`);
      it(`${name} --format ${format} matches ${path.relative(REPO, golden)}`, () => {
        const r = run([fixture, '--format', format]);
        assert.equal(r.code, 0, r.stderr); // warnings only: exit 0 without --max-warnings
        assert.equal(r.stderr, '');
        assert.doesNotMatch(r.stdout, /\x1b\[/, 'colour codes in output that is not a terminal');
        // Markdown links each rule to its README at the version's tag, as SARIF does.
        const actual = format === 'sarif' ? normalizeSarif(r.stdout) : format === 'markdown' ? r.stdout.split(`/blob/v${VERSION}/`).join('/blob/v<version>/') : r.stdout;
        assert.ok(!actual.includes(REPO), 'an absolute path in the output');
        if (UPDATE) fs.writeFileSync(golden, actual);
        assert.ok(fs.existsSync(golden), `${path.relative(REPO, golden)} is missing; run UPDATE_GOLDEN=1 npx mocha test/cli/golden.test.ts`);
        // Byte for byte; assert.equal prints a diff when they differ.
        assert.equal(actual, fs.readFileSync(golden, 'utf8'));
      });
    }
  }

  it('exit codes: 0 with warnings only, 1 over --max-warnings, 0 at exactly the limit', () => {
    const tex = FIXTURES['paper-tex'];
    const warnings = (JSON.parse(run([tex, '--format', 'json']).stdout).documents[0].findings as Array<{ severity: string }>).filter((f) => f.severity === 'warning').length;
    assert.ok(warnings > 0);
    const over = run([tex, '--max-warnings', '0']);
    assert.equal(over.code, 1, over.stderr);
    assert.equal(over.stderr, `actionable: ${warnings} warnings, more than --max-warnings 0\n`);
    // The report itself is the same as without the flag.
    assert.equal(over.stdout, fs.readFileSync(path.join(GOLDEN, 'paper-tex.stylish.txt'), 'utf8'));
    const atLimit = run([tex, '--max-warnings', String(warnings)]);
    assert.equal(atLimit.code, 0, atLimit.stderr);
    const quiet = run([FIXTURES['paper-md'], '--max-warnings', '0', '--quiet', '--format', 'github']);
    assert.equal(quiet.code, 0, quiet.stderr); // --quiet drops warnings before they are counted
    assert.equal(quiet.stdout, '');
    const both = run([tex, FIXTURES['paper-md'], '--max-warnings', '0', '--format', 'sarif']);
    assert.equal(both.code, 1, both.stderr);
  });
});
