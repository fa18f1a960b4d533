import { strict as assert } from 'node:assert';
import { builtinLexicons } from '../../rules';
import { lintDocument } from '../../server/src/core/rules/engine';
import { computeScore, quadrantOf, type RuleOutcome } from '../../server/src/core/rules/score';
import { DocumentView } from '../../server/src/core/rules/view';
import type { Rule } from '../../server/src/core/rules/types';
import { buildText } from './helpers';

// The engine with small rules of its own: catching a throwing rule, severities, kinds, directives.

const sentenceRule: Rule = {
  meta: { id: 'no-banana', description: 'flags "banana"', checklistStep: null, topic: 'bananas', paperSection: '§0', defaultSeverity: 'warning', kinds: ['empirical'], scope: 'sentence', fixable: false, optionsSchema: {} },
  defaultOptions: {},
  check(ctx) {
    for (const s of ctx.view.sentences) {
      const at = s.text.indexOf('banana');
      if (at >= 0) ctx.report({ message: 'banana', at: { block: s.block, start: s.start + at, end: s.start + at + 6 } });
    }
  },
};
const throwingRule: Rule = {
  meta: { ...sentenceRule.meta, id: 'broken' },
  defaultOptions: {},
  check() {
    throw new Error('boom');
  },
};
const docRule: Rule = {
  meta: { ...sentenceRule.meta, id: 'doc-level', scope: 'document', kinds: ['empirical', 'position'] },
  defaultOptions: {},
  check(ctx) {
    ctx.report({ message: 'whole document', at: ctx.view.anchor(['experiments']) });
  },
};

const lex = builtinLexicons();
const tex = (body: string) => buildText('p.tex', `\\documentclass{article}\n\\begin{document}\n${body}\n\\end{document}\n`);

describe('rule engine', () => {
  it('reports a rule that throws as an internal finding and still runs the others', () => {
    const r = lintDocument(tex('A banana here.'), [throwingRule, sentenceRule], lex);
    assert.deepEqual(r.findings.map((f) => f.ruleId).sort(), ['internal', 'no-banana']);
    assert.match(r.findings.find((f) => f.ruleId === 'internal')!.message, /broken failed.*boom/);
  });

  it('applies severities and off, without changing the outcome', () => {
    const doc = tex('A banana here.');
    assert.equal(lintDocument(doc, [sentenceRule], lex, { rules: { 'no-banana': 'error' } }).findings[0].severity, 'error');
    const off = lintDocument(doc, [sentenceRule], lex, { rules: { 'no-banana': 'off' } });
    assert.equal(off.findings.length, 0);
    assert.equal(off.outcomes[0].status, 'missing');
  });

  it('skips rules that do not apply to the paper kind', () => {
    const r = lintDocument(tex('% actionable: kind=position\nA banana here.'), [sentenceRule, docRule], lex);
    assert.equal(r.kind.kind, 'position');
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['doc-level']);
    assert.equal(r.outcomes[0].status, 'not-applicable');
  });

  it('anchors a document-level finding at the preferred section heading, else the first line', () => {
    const withSection = lintDocument(tex('Intro.\n\\section{Experiments}\nX.'), [docRule], lex);
    assert.equal(withSection.findings[0].range.start, withSection.doc.sources.get(withSection.doc.root)!.text.indexOf('Experiments'));
    const without = lintDocument(tex('Just text.'), [docRule], lex);
    assert.equal(without.findings[0].range.start, 0);
  });

  it('honours disable-next-line, disable/enable regions and disable-file, and reports unused directives', () => {
    const doc = tex([
      '% actionable-disable-next-line no-banana -- a quote',
      'One banana.',
      'Two banana.',
      '',
      '% actionable-disable no-banana',
      'Three banana.',
      '% actionable-enable no-banana',
      'Four banana.',
      '% actionable-disable-next-line no-banana',
      'No fruit here.',
      '% actionable-disable-next-line no-such-rule',
    ].join('\n'));
    const r = lintDocument(doc, [sentenceRule], lex);
    const lines = (id: string) => r.findings.filter((f) => f.ruleId === id).map((f) => doc.sources.get(doc.root)!.text.slice(0, f.range.start).split('\n').length);
    assert.deepEqual(lines('no-banana'), [5, 10]);
    assert.deepEqual(lines('unused-directive'), [11, 13]);
    assert.match(r.findings.find((f) => f.message.includes('unknown'))!.message, /"no-such-rule"/);

    const file = lintDocument(tex('% actionable-disable-file no-banana\nOne banana. Two banana.'), [sentenceRule], lex);
    assert.deepEqual(file.findings, []);
  });

  it('reads directives whatever their case, and in Markdown comments with extra dashes', () => {
    const upper = lintDocument(tex('% ACTIONABLE-DISABLE-NEXT-LINE No-Banana -- a quote\nOne banana.'), [sentenceRule], lex);
    assert.deepEqual(upper.findings.map((f) => f.ruleId), []);
    const dashes = lintDocument(buildText('p.md', '# T\n\n<!--- actionable-disable-next-line no-banana --->\nOne banana.\n'), [sentenceRule], lex);
    assert.deepEqual(dashes.findings.map((f) => f.ruleId), []);
    assert.equal(lintDocument(tex('% Actionable: kind=Position\nA banana here.'), [sentenceRule, docRule], lex).kind.kind, 'position');
  });

  it('offers disable-for-this-line and disable-for-this-file edits in the draft syntax', () => {
    const r = lintDocument(buildText('p.md', '# T\n\nA banana.\n'), [sentenceRule], lex);
    const [line, file] = r.findings[0].suggestions;
    assert.equal(line.edits[0].text, '<!-- actionable-disable-next-line no-banana -- [reason] -->\n');
    assert.equal(file.edits[0].start, 0);
  });

  it('turns input problems into findings with rule id input', () => {
    const r = lintDocument(tex('\\input{missing-file}'), [], lex);
    assert.equal(r.findings[0].ruleId, 'input');
    assert.equal(r.findings[0].severity, 'error');
  });
});

describe('quadrants', () => {
  it('follows the thresholds of docs/score.md', () => {
    assert.equal(quadrantOf(0.2, 0.2), 'exploratory');
    assert.equal(quadrantOf(0.5, 0.49), 'proposal');
    assert.equal(quadrantOf(0.5, 0.5), 'actionable');
    assert.equal(quadrantOf(0.3, 0.9), 'validated-unspecific');
  });
});

describe('validation of a paper that states no action', () => {
  const outcome = (ruleId: string, status: RuleOutcome['status']): RuleOutcome => ({ ruleId, status, evidence: [], findings: status === 'missing' ? 1 : 0 });
  const view = new DocumentView(buildText('a.md', '# A circuit\n\nWe find heads that copy names.\n'));
  const implemented = (actionStatus: RuleOutcome['status']) => computeScore([outcome('concrete-action', actionStatus), outcome('empirical-validation', 'not-applicable'), outcome('generalization', 'met')], view).components.find((c) => c.name === 'implemented')?.value;

  it('counts "nothing to validate" as 0 when no action is stated, so other evidence cannot make it validated', () => {
    assert.equal(implemented('missing'), 0);
  });
  it('drops the component when the action step itself does not apply (a position paper)', () => {
    assert.equal(implemented('not-applicable'), null);
  });
});
