import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinLexicons, builtinRules } from '../../rules';
import { EditorLinter } from '../../server/src/lsp/linter';
import { RuleDocs } from '../../server/src/lsp/rule-docs';

// The editor-side linter keeps a document's state and cached chunks only while one of its files is
// open (issue 14, item 7: opening and closing 1,500 drafts once grew the server by 180 MB).

function linter(): EditorLinter {
  const quiet = { publish: () => undefined, summary: () => undefined, configProblem: () => undefined, settingsProblems: () => undefined, log: () => undefined };
  return new EditorLinter(builtinRules, builtinLexicons(), new RuleDocs(builtinRules, path.resolve(__dirname, '../..')), quiet);
}

describe('what the editor linter holds for closed files', function () {
  this.timeout(60000);
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-held-')));
  fs.mkdirSync(path.join(dir, '.git'));

  it('drops each document and its cached chunks when its last file closes', async () => {
    const l = linter();
    l.setWorkspaceFolders([dir]);
    for (let i = 0; i < 200; i++) {
      const file = path.join(dir, `draft-${i}.md`);
      const text = `# Draft ${i}\n\nWe ablate head ${i} and the logit difference falls by ${i} percent.\n\nOur findings shed light on attention.\n`;
      fs.writeFileSync(file, text);
      l.opened(`file://${file}`, file, 1, text);
      const result = await l.resultFor(file);
      assert.ok(result && result.findings.length > 0);
      if (i === 0) assert.deepEqual(l.holdings(), { documents: 1, cachedFiles: 1, buffers: 1 });
      l.closed(`file://${file}`);
    }
    assert.deepEqual(l.holdings(), { documents: 0, cachedFiles: 0, buffers: 0 });
  });

  it('keeps an input that another open document still reads, until that one closes too', async () => {
    const l = linter();
    l.setWorkspaceFolders([dir]);
    const main = path.join(dir, 'main.tex');
    const section = path.join(dir, 'section.tex');
    const mainText = '\\documentclass{article}\n\\begin{document}\n\\input{section}\n\\end{document}\n';
    const sectionText = '\\section{Results}\nWe ablate head 3.\n';
    fs.writeFileSync(main, mainText);
    fs.writeFileSync(section, sectionText);
    l.opened(`file://${main}`, main, 1, mainText);
    l.opened(`file://${section}`, section, 1, sectionText);
    await l.resultFor(main);
    assert.deepEqual(l.holdings(), { documents: 1, cachedFiles: 2, buffers: 2 });
    l.closed(`file://${section}`);
    await l.resultFor(main);
    assert.equal(l.holdings().cachedFiles, 2, 'main.tex still reads section.tex');
    l.closed(`file://${main}`);
    assert.deepEqual(l.holdings(), { documents: 0, cachedFiles: 0, buffers: 0 });
  });
});
