import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, REPO, run } from './run-cli';

// Config files, --rule, --quiet, --max-warnings, init and print-config, through the built CLI.
const DRAFT = '# Heads\n\n## Introduction\n\nThis analysis sheds light on attention heads.\nIt paves the way for future work.\n';


function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-config-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const vague = (stdout: string) => JSON.parse(stdout).documents[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'vague-action');

describe('configuration (child process)', function () {
  this.timeout(60000);
  before(buildCli);

  it('finds the nearest config upward, cascades to parents, and stops at "root": true', () => {
    const dir = project({
      '.actionable.json': '{"rules": {"vague-action": "off", "goal-statement": "error"}}',
      'team/.actionable.jsonc': '// team settings\n{"root": true, "rules": {"vague-action": "error"},}\n',
      'team/paper/draft.md': DRAFT,
      'solo/draft.md': DRAFT,
    });
    const team = run(['team/paper/draft.md', '--format', 'json'], dir);
    assert.equal(team.code, 1, team.stderr);
    assert.ok(vague(team.stdout).every((f: { severity: string }) => f.severity === 'error'));
    const goal = JSON.parse(team.stdout).documents[0].findings.find((f: { ruleId: string }) => f.ruleId === 'goal-statement');
    assert.equal(goal.severity, 'warning', 'root: true stops the cascade to the parent file');
    const solo = run(['solo/draft.md', '--format', 'json'], dir);
    assert.equal(vague(solo.stdout).length, 0);
    const printed = JSON.parse(run(['print-config', 'team/paper/draft.md'], dir).stdout);
    assert.deepEqual(printed.files, ['team/.actionable.jsonc']);
  });

  it('print-config shows the effective configuration: every rule with severity and options, the bar and ignores, each with its source', () => {
    const dir = project({
      'team/.actionable.json': '{"rules": {"vague-action": ["error", {"extraPhrases": ["pave the road"]}]}, "ignore": ["old/"], "require": {"quadrant": "actionable"}}',
      'team/paper/.actionable.json': '{"kind": "method", "rules": {"audience": "off"}}',
      'team/paper/draft.md': DRAFT,
    });
    const r = run(['print-config', 'team/paper/draft.md', '--rule', 'goal-statement=info'], dir);
    assert.equal(r.code, 0, r.stderr);
    const printed = JSON.parse(r.stdout);
    assert.deepEqual(printed.files, ['team/paper/.actionable.json', 'team/.actionable.json']);
    assert.deepEqual(printed.kind, { value: 'method', from: 'team/paper/.actionable.json' });
    assert.deepEqual(printed.rules['vague-action'], { severity: 'error', options: { extraPhrases: ['pave the road'] }, from: 'team/.actionable.json' });
    assert.deepEqual(printed.rules.audience.severity, 'off');
    assert.deepEqual(printed.rules['goal-statement'], { severity: 'info', options: { extraGoalCues: [] }, from: 'command line' });
    assert.deepEqual(printed.rules['toy-only-setup'].from, 'default');
    assert.equal(Object.keys(printed.rules).length, JSON.parse(run(['rules', '--format', 'json'], dir).stdout).length, 'every rule is listed');
    assert.deepEqual(printed.require, { quadrant: { value: 'actionable', from: 'team/.actionable.json' } });
    assert.deepEqual(printed.ignore, [{ pattern: 'old/', base: 'team', from: 'team/.actionable.json' }]);
    const unset = JSON.parse(run(['print-config', 'team/paper/draft.md', '--no-config'], dir).stdout);
    assert.equal(unset.kind.value, null);
    assert.equal(unset.rules['vague-action'].from, 'default');
  });

  it('rules <id> prints the rule\'s documentation; a misspelt id gets the nearest', () => {
    const r = run(['rules', 'vague-action'], REPO);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, fs.readFileSync(path.join(REPO, 'rules/vague-action/README.md'), 'utf8'));
    const typo = run(['rules', 'vage-action'], REPO);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown rule id "vage-action" \(did you mean "vague-action"\?\)/);
  });

  it('exits 2 naming the file and the key for unknown keys, rule ids, bad values and bad JSON', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"colour": 1}', /\.actionable\.json: unknown key "colour"/],
      ['{"rules": {"no-such-rule": "off"}}', /unknown rule id "no-such-rule"/],
      ['{"rules": {"vague-action": "loud"}}', /rules\.vague-action: must be one of "off", "info", "warning", "error"/],
      ['{"rules": {"vague-action": ["warning", {"extraPhrases": "x"}]}}', /option "extraPhrases" of rule vague-action: must be array/],
      ['{"kind": "novel"}', /kind: must be one of/],
      ['{"rules": ', /not valid JSON at line 1, column 11: a value was expected/],
      ['{ "rules": { "vague-action": "error" }', /not valid JSON at line 1, column 39: a closing brace \(\}\) was expected/],
      ['{ "rules": { "vague-action": "error" "audience": "off" } }', /not valid JSON at line 1, column 38: a comma was expected between two entries/],
      // A misspelt key, rule id or option gets the nearest valid name.
      ['{"rulez": {}}', /unknown key "rulez" \(did you mean "rules"\?\)/],
      ['{"rules": {"vage-action": "off"}}', /unknown rule id "vage-action" \(did you mean "vague-action"\?\)/],
      ['{"rules": {"vague-action": ["warning", {"extraPhrase": []}]}}', /unknown option "extraPhrase" of rule vague-action \(did you mean "extraPhrases"\?\)/],
      ['{"require": {"quadrnt": "actionable"}}', /unknown key "require\.quadrnt" \(did you mean "quadrant"\?\)/],
    ];
    for (const [config, message] of cases) {
      const dir = project({ '.actionable.json': config, 'draft.md': DRAFT });
      const r = run(['draft.md'], dir);
      assert.equal(r.code, 2, config);
      assert.match(r.stderr, message, config);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('refuses a regular-expression phrase that could hang or does not compile, naming the file and the phrase; literal phrases stay literal', () => {
    const cases: Array<[string, RegExp]> = [
      ['{"rules": {"understanding-only": ["info", {"extraPhrases": ["/(a+)+$/"]}]}}', /\.actionable\.json: rules\.understanding-only\[1\]\.extraPhrases\[0\]: "\/\(a\+\)\+\$\/" nests repetition/],
      ['{"rules": {"concrete-action": ["warning", {"extraActions": {"routing": ["/([a-z]*)*x/"]}}]}}', /extraActions\.routing\[0\].*nests repetition/],
      ['{"rules": {"understanding-only": ["info", {"extraPhrases": ["/(unclosed/"]}]}}', /extraPhrases\[0\]: "\/\(unclosed\/" is not a valid regular expression/],
    ];
    for (const [config, message] of cases) {
      const dir = project({ '.actionable.json': config, 'draft.md': `${DRAFT}${'a'.repeat(40)}!\n` });
      const started = Date.now();
      const r = run(['draft.md'], dir);
      assert.equal(r.code, 2, config);
      assert.match(r.stderr, message, config);
      assert.ok(Date.now() - started < 20_000, 'refused before any matching');
    }
    // Without slashes a phrase is literal: "(a+)+" is searched as written, quickly.
    const dir = project({ '.actionable.json': '{"rules": {"understanding-only": ["info", {"extraPhrases": ["(a+)+"]}]}}', 'draft.md': DRAFT });
    assert.notEqual(run(['draft.md'], dir).code, 2);
  });

  it('reads a config with a BOM, and refuses one nested too deep for its parser, naming the file', () => {
    const bom = project({ '.actionable.json': '\uFEFF{"rules": {"vague-action": "off"}}', 'draft.md': DRAFT });
    const read = run(['draft.md', '--format', 'json'], bom);
    assert.notEqual(read.code, 2, read.stderr);
    assert.equal(vague(read.stdout).length, 0);
    const deep = project({ '.actionable.json': `{"lexicons": {"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`, 'draft.md': DRAFT });
    const r = run(['draft.md'], deep);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\.actionable\.json: nests 100002 levels deep \(at most 64\)/);
    assert.doesNotMatch(r.stderr, /internal error|call stack/);
  });

  it('honours --config, --no-config and --rule, which wins over files', () => {
    const dir = project({ '.actionable.json': '{"rules": {"vague-action": "off"}}', 'other.json': '{"rules": {"vague-action": "error"}}', 'draft.md': DRAFT });
    assert.equal(vague(run(['draft.md', '--format', 'json'], dir).stdout).length, 0);
    assert.ok(vague(run(['draft.md', '--format', 'json', '--no-config'], dir).stdout).length > 0);
    assert.equal(vague(run(['draft.md', '--format', 'json', '--config', 'other.json'], dir).stdout)[0].severity, 'error');
    assert.equal(vague(run(['draft.md', '--format', 'json', '--rule', 'vague-action=info'], dir).stdout)[0].severity, 'info');
    assert.equal(run(['draft.md', '--rule', 'vague-action=loud'], dir).code, 2);
    assert.equal(run(['draft.md', '--config', 'missing.json'], dir).code, 2);
  });

  it('--quiet keeps errors only and --max-warnings turns too many warnings into exit 1', () => {
    const dir = project({ 'draft.md': DRAFT });
    const quiet = JSON.parse(run(['draft.md', '--format', 'json', '--quiet'], dir).stdout);
    assert.deepEqual(quiet.documents[0].findings, []);
    assert.equal(run(['draft.md', '--max-warnings', '100'], dir).code, 0);
    const over = run(['draft.md', '--max-warnings', '0'], dir);
    assert.equal(over.code, 1);
    assert.match(over.stderr, /more than --max-warnings 0/);
  });

  it('folder searches honour .gitignore and the config\'s ignore patterns; named files are always linted', () => {
    const dir = project({
      '.actionable.json': '{"ignore": ["drafts/old/", "*.draft.md"]}',
      '.gitignore': 'build/\n',
      'papers/a.md': DRAFT,
      'papers/b.draft.md': DRAFT,
      'drafts/old/c.md': DRAFT,
      'drafts/new/d.md': DRAFT,
      'build/e.md': DRAFT,
      'papers/sub/.gitignore': 'skip.md\n',
      'papers/sub/skip.md': DRAFT,
      'papers/sub/keep.md': DRAFT,
    });
    const roots = (args: string[]) => JSON.parse(run([...args, '--format', 'json'], dir).stdout).documents.map((d: { root: string }) => d.root).sort();
    assert.deepEqual(roots(['.']), ['drafts/new/d.md', 'papers/a.md', 'papers/sub/keep.md']);
    assert.deepEqual(roots(['papers/b.draft.md']), ['papers/b.draft.md']);
  });

  it('init writes a commented starter config that validates, and never overwrites', () => {
    const dir = project({ 'draft.md': DRAFT });
    assert.equal(run(['init'], dir).code, 0);
    assert.match(fs.readFileSync(path.join(dir, '.actionable.jsonc'), 'utf8'), /\/\/ Severity per rule/);
    assert.equal(run(['draft.md'], dir).code, 0);
    assert.equal(run(['init'], dir).code, 2);
  });
});
