import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// SARIF 2.1.0 from the built CLI, checked with Microsoft's own validator (runs offline).
const REPO = path.resolve(__dirname, '../..');
const BIN = path.join(REPO, 'bin/actionable.js');
const MULTITOOL = path.join(REPO, 'node_modules/.bin/sarif-multitool');

describe('SARIF output (child process)', function () {
  this.timeout(180000);
  let log: any;
  let file: string;
  before(() => {
    execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO });
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-sarif-')), 'out.sarif');
    // Findings with fixes, related locations, a multi-file project and an input error.
    const r = spawnSync(process.execPath, [BIN, 'examples', 'test/fixtures/project/main.tex', 'test/fixtures/bad/cycle-a.tex', '--format', 'sarif', '--output', file], { cwd: REPO, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr); // the cycle is an error
    log = JSON.parse(fs.readFileSync(file, 'utf8'));
  });

  it('describes every rule with its checklist step as a tag and a help link', () => {
    const rules = log.runs[0].tool.driver.rules;
    const vague = rules.find((r: { id: string }) => r.id === 'vague-action');
    assert.ok(vague.properties.tags.includes('checklist-step-3'));
    // Links a code-scanning viewer can open: the README at the tag of this version, in the repository
    // that package.json names; and the rule's "Why" and "How to fix" as its help.
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const web = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    assert.equal(vague.helpUri, `${web}/blob/v${pkg.version}/rules/vague-action/README.md`);
    assert.match(log.runs[0].tool.driver.informationUri, /^https:\/\//);
    assert.match(vague.help.markdown, /^## How to fix$/m);
    assert.match(vague.help.text, /Documentation: https:\/\/\S+vague-action\/README\.md$/);
    assert.ok(rules.some((r: { id: string }) => r.id === 'input'));
  });

  it('has results with locations relative to SRCROOT, and fixes', () => {
    const results = log.runs[0].results;
    assert.ok(results.length > 0);
    const vague = results.find((r: { ruleId: string }) => r.ruleId === 'vague-action');
    const loc = vague.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
    assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    assert.ok(vague.fixes[0].artifactChanges[0].replacements.length >= 1);
    assert.ok(results.some((r: { ruleId: string; level: string }) => r.ruleId === 'input' && r.level === 'error'));
  });

  it('passes `sarif-multitool validate` with no errors', () => {
    const r = spawnSync(MULTITOOL, ['validate', file], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
    const output = `${r.stdout}${r.stderr}`;
    assert.equal(r.status, 0, output);
    assert.doesNotMatch(output, /\berror SARIF\d+/, output);
    assert.match(output, /Analysis completed successfully/);
  });
});
