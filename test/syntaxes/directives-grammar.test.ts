import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinLexicons, builtinRules } from '../../rules';
import { ModelBuilder } from '../../server/src/core/build';
import { lintFiles } from '../../server/src/core/lint';

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

describe('placeholder highlighting grammar', () => {
  const placeholder = new RegExp(grammar.repository.placeholder.match, 'g');
  const found = (text: string) => [...text.matchAll(placeholder)].map((m) => m[0]);

  it('highlights every placeholder that the rules\' fixes insert on the example drafts', () => {
    const results = lintFiles(new ModelBuilder(), ['examples/draft.tex', 'examples/draft.md'].map((f) => path.resolve(__dirname, '../..', f)), builtinRules, builtinLexicons());
    const texts = results.flatMap((r) => r.findings.flatMap((f) => [f.fix, ...f.suggestions])).filter((x) => x?.hasPlaceholders).flatMap((x) => x!.edits.map((e) => e.text));
    assert.ok(texts.length >= 10, `${texts.length} fix texts with placeholders`);
    for (const text of texts) {
      // Empty table cells `[ ]` stay plain: the same text is a Markdown task box.
      const expected = [...text.matchAll(/\[([^[\]\n]+)\]/g)].filter((m) => m[1].trim() !== '').map((m) => m[0]);
      assert.deepEqual(found(text), expected, text);
    }
  });

  it('leaves LaTeX optional arguments, Markdown links, footnotes and task boxes alone', () => {
    for (const text of [
      String.raw`as shown \cite[p.~3]{smith} and \begin{figure}[t] with \\[2pt] spacing`,
      String.raw`\item[first step] text`,
      'see [the docs](https://example.org) and [the paper][ref] and [ref]: https://x',
      'a footnote[^1] and - [ ] open - [x] done',
      'an array a[i] and b[index]',
    ]) assert.deepEqual(found(text), [], text);
    assert.deepEqual(found('This work is meant for [audience, e.g. deployment engineers], who can use it to [action].'), ['[audience, e.g. deployment engineers]', '[action]']);
  });
});
