import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The core is shared by the CLI, the language server and the extension: it must not depend on any
// editor or protocol package, so that no face leaks into it.
const CORE = path.resolve(__dirname, '../../server/src/core');
const FORBIDDEN = /from\s+['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*)['"]|require\(\s*['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*)['"]\s*\)/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.ts$/.test(e.name) ? [p] : [];
  });
}

describe('core boundary', () => {
  it('has no vscode or vscode-languageserver import in server/src/core', () => {
    const all = files(CORE);
    assert.ok(all.length > 5);
    const offenders = all.filter((f) => FORBIDDEN.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(offenders, []);
  });

  it('the check itself catches such an import', () => {
    assert.ok(FORBIDDEN.test("import { Connection } from 'vscode-languageserver/node';"));
    assert.ok(FORBIDDEN.test("const vscode = require('vscode')"));
  });
});
