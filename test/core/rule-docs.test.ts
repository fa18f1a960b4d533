import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docsBase, repositoryWebUrl, ruleDocUrl, ruleHelp, section } from '../../server/src/core/formats/rule-docs';
import { builtinRules } from '../../rules';

describe('rule documentation links and help (SARIF)', () => {
  it('reads the web address of every way package.json may name a GitHub repository', () => {
    for (const repository of [
      'github:o/r',
      'o/r',
      'https://github.com/o/r',
      'git+https://github.com/o/r.git',
      'git://github.com/o/r.git',
      'git+ssh://git@github.com/o/r.git',
      { type: 'git', url: 'https://github.com/o/r/' },
    ]) {
      assert.equal(repositoryWebUrl(repository), 'https://github.com/o/r', JSON.stringify(repository));
    }
    assert.equal(repositoryWebUrl(undefined), undefined);
    assert.equal(repositoryWebUrl({ type: 'git' }), undefined);
    assert.equal(repositoryWebUrl('not a url'), undefined);
  });

  it('links a rule to its README at the tag of the version', () => {
    const base = docsBase('https://github.com/o/r', '1.2.3');
    assert.equal(ruleDocUrl(base, 'vague-action'), 'https://github.com/o/r/blob/v1.2.3/rules/vague-action/README.md');
  });

  it('takes a section up to the next heading of its level, ignoring headings inside code fences', () => {
    const page = ['# x', '', '## Why', 'because', '```md', '## Results', '```', 'still why', '### detail', 'more', '## How to fix', 'do it', '## Options', 'none'].join('\n');
    assert.equal(section(page, 'Why'), ['## Why', 'because', '```md', '## Results', '```', 'still why', '### detail', 'more'].join('\n'));
    assert.equal(section(page, 'How to fix'), '## How to fix\ndo it');
    assert.equal(section(page, 'Options'), '## Options\nnone');
    assert.equal(section(page, 'Examples'), undefined);
  });

  it('makes the help from "Why" and "How to fix", with links a viewer can follow', () => {
    const url = 'https://github.com/o/r/blob/v1/rules/x/README.md';
    const readme = '# x\n\n## Why\nSee [the score](../../docs/score.md), [§2](#why) and [a site](https://example.org/a).\n\n## How to fix\nName **who** acts with `[placeholder]`.\n\n## Options\nnone\n';
    const help = ruleHelp(readme, 'Flags x.', url);
    assert.equal(
      help.markdown,
      'Flags x.\n\n## Why\nSee [the score](https://github.com/o/r/blob/v1/docs/score.md), [§2](https://github.com/o/r/blob/v1/rules/x/README.md#why) and [a site](https://example.org/a).\n\n## How to fix\nName **who** acts with `[placeholder]`.\n\n[Full documentation](https://github.com/o/r/blob/v1/rules/x/README.md)',
    );
    assert.doesNotMatch(help.text, /\]\(|\*\*|`|^#/m);
    assert.match(help.text, /See the score \(https:\/\/github\.com\/o\/r\/blob\/v1\/docs\/score\.md\)/);
    assert.match(help.text, /Documentation: https:\/\/github\.com\/o\/r\/blob\/v1\/rules\/x\/README\.md$/);
    // No README installed: the description and the link still help.
    assert.equal(ruleHelp(undefined, 'Flags x.', url).markdown, `Flags x.\n\n[Full documentation](${url})`);
  });

  it('finds both sections in every built-in rule\'s README', () => {
    for (const { meta } of builtinRules) {
      const readme = fs.readFileSync(path.resolve(__dirname, '../../rules', meta.id, 'README.md'), 'utf8');
      for (const title of ['Why', 'How to fix']) assert.ok(section(readme, title)?.split('\n').length! > 2, `${meta.id}: ${title}`);
    }
  });
});
