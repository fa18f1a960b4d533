import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinLexicons, builtinRules } from '../../rules';
import { ModelBuilder } from '../../server/src/core/build';
import { applyEdits } from '../../server/src/core/rules/fixes';
import { lintDocument } from '../../server/src/core/rules/engine';
import type { Finding, Fix, Rule } from '../../server/src/core/rules/types';
import { positionAt } from '../../server/src/core/source';

// Every rule's fixtures are its tests (as in remark-lint and markdownlint): rules/<id>/fixtures/
// holds drafts named fire-*, pass-* and near-* in LaTeX and Markdown. A line that should carry a
// finding of the rule ends with `% expect` (LaTeX) or `<!-- expect -->` (Markdown); every other
// line must carry none. A fixture may set the paper kind with the usual `actionable: kind=…` directive.
// For every finding, applying the rule's fix, or the disable-next-line suggestion, must make it go away.

const RULES_DIR = path.resolve(__dirname, '../../rules');
const EXPECT = /(?:%\s*expect\s*$|<!--\s*expect\s*-->\s*$)/;

function lint(rule: Rule<any>, file: string, text?: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-fixture-'));
  const target = path.join(dir, path.basename(file));
  fs.writeFileSync(target, text ?? fs.readFileSync(file, 'utf8'));
  const doc = new ModelBuilder().build(target);
  const result = lintDocument(doc, builtinRules, builtinLexicons());
  return { target, doc, findings: result.findings.filter((f) => f.ruleId === rule.meta.id), all: result.findings };
}

function lineOf(doc: ReturnType<typeof lint>['doc'], f: Finding): number {
  return positionAt(doc.sources.get(f.range.file)!, f.range.start).line;
}

function applyFix(text: string, file: string, fix: Fix): string {
  return applyEdits(new Map([[file, text]]), fix.edits).get(file)!;
}

for (const rule of builtinRules) {
  const dir = path.join(RULES_DIR, rule.meta.id, 'fixtures');
  describe(`rule ${rule.meta.id}`, () => {
    const fixtures = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.(tex|md)$/.test(f)).sort() : [];

    it('has fixtures that fire, pass and nearly fire, in LaTeX and Markdown', () => {
      for (const ext of ['tex', 'md']) {
        const of = (prefix: string) => fixtures.filter((f) => f.startsWith(prefix) && f.endsWith(`.${ext}`)).length;
        assert.ok(of('fire-') >= 3, `${ext}: ${of('fire-')} fire fixtures`);
        assert.ok(of('pass-') >= 3, `${ext}: ${of('pass-')} pass fixtures`);
        assert.ok(of('near-') >= 2, `${ext}: ${of('near-')} near-miss fixtures`);
      }
    });

    it('has a README with examples in both formats', () => {
      const readme = fs.readFileSync(path.join(RULES_DIR, rule.meta.id, 'README.md'), 'utf8');
      assert.match(readme, /```(latex|tex)/);
      assert.match(readme, /```(markdown|md)/);
      assert.match(readme, /§\d/);
    });

    for (const name of fixtures) {
      const file = path.join(dir, name);
      const source = fs.readFileSync(file, 'utf8');
      const expected = source.split(/\r?\n/).flatMap((line, i) => (EXPECT.test(line) ? [i] : []));

      it(`${name}: reports on exactly the marked lines`, () => {
        const { doc, findings, all } = lint(rule, file);
        assert.deepEqual(findings.map((f) => lineOf(doc, f) + 1), expected.map((l) => l + 1), findings.map((f) => f.message).join('\n'));
        assert.ok(!all.some((f) => f.ruleId === 'internal'), 'a rule threw');
        if (name.startsWith('fire-')) assert.ok(expected.length > 0, 'a fire- fixture must mark at least one line');
        if (name.startsWith('pass-')) assert.equal(expected.length, 0, 'a pass- fixture must mark no line');
        // The Problems panel and a terminal show one short line: what is missing, then what to do.
        for (const f of findings) {
          assert.ok(f.message.length <= 105, `${f.message.length} characters: ${f.message}`);
          assert.match(f.message, /^.+: [a-z]/, 'what is missing, a colon, then what to do');
          assert.ok(f.detail && f.detail.length > f.message.length, 'the evidence is in detail');
        }
      });

      if (expected.length === 0) continue;

      it(`${name}: the fix and the disable suggestion each remove the finding, deleting no author text`, () => {
        const first = lint(rule, file);
        for (const finding of first.findings) {
          const remaining = (text: string) => lint(rule, file, text).findings.filter((f) => f.message === finding.message).length;
          const before = first.findings.filter((f) => f.message === finding.message).length;
          if (rule.meta.fixable) {
            assert.ok(finding.fix, `${rule.meta.id} is fixable but gave no fix for: ${finding.message}`);
            for (const e of finding.fix.edits) {
              assert.ok(e.start === e.end || (e.start >= finding.range.start && e.end <= finding.range.end), `fix edit ${e.start}-${e.end} deletes text outside the finding`);
            }
            assert.equal(remaining(applyFix(source, first.target, finding.fix)), before - 1, `fix "${finding.fix.title}" did not remove: ${finding.message}`);
          }
          const disable = finding.suggestions.find((s) => s.title.startsWith('Disable') && s.title.endsWith('this line'))!;
          assert.equal(remaining(applyFix(source, first.target, disable)), before - 1, 'disable-next-line did not remove it');
        }
      });
    }
  });
}
