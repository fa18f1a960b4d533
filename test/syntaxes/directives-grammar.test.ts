import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The injection grammar's regexes are Oniguruma; the ones used here are also valid JavaScript, so
// they are checked against the same directive lines the core's parser reads.
const grammar = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../syntaxes/actionable-directives.tmLanguage.json'), 'utf8'));
const directive = new RegExp(grammar.repository.directive.match);
const setting = new RegExp(grammar.repository.setting.match);

describe('directive highlighting grammar', () => {
  it('captures the directive, rule ids and reason in LaTeX and Markdown comments', () => {
    const m = directive.exec('% actionable-disable-next-line vague-action, audience -- quoted from prior work')!;
    assert.equal(m[1], 'actionable-disable-next-line');
    assert.equal(m[2].trim(), 'vague-action, audience');
    assert.equal(m[4], 'quoted from prior work');
    const md = directive.exec('<!-- actionable-disable audience -->')!;
    assert.equal(md[1], 'actionable-disable');
    assert.equal(md[2].trim(), 'audience');
  });
  it('captures kind settings and ignores ordinary comments', () => {
    const m = setting.exec('% actionable: kind=position')!;
    assert.deepEqual([m[2], m[4]], ['kind', 'position']);
    assert.equal(directive.exec('% we disable the actionable part later'), null);
  });
});
