import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { BIN, buildCli, REPO } from './run-cli';
import { useColor } from '../../server/src/cli';
import { wrap } from '../../server/src/core/formats/stylish';

// Colours follow --color/--no-color, then NO_COLOR and FORCE_COLOR, then the terminal; long
// messages wrap under themselves at the terminal's width.
const ANSI = /\x1b\[/;

function lint(args: string[], env: Record<string, string | undefined>): string {
  const clean = { ...process.env };
  delete clean.NO_COLOR;
  delete clean.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, 'lint', path.join(REPO, 'examples/draft.md'), ...args], { encoding: 'utf8', env: { ...clean, ...env } });
  return r.stdout;
}

describe('colours and width', function () {
  this.timeout(60000);
  before(buildCli);

  it('colours a pipe only when asked, by flag or FORCE_COLOR; --no-color and NO_COLOR win', () => {
    assert.doesNotMatch(lint([], {}), ANSI);
    assert.match(lint(['--color'], {}), ANSI);
    assert.match(lint([], { FORCE_COLOR: '1' }), ANSI);
    assert.doesNotMatch(lint([], { FORCE_COLOR: '0' }), ANSI);
    assert.doesNotMatch(lint(['--no-color'], { FORCE_COLOR: '1' }), ANSI);
    assert.doesNotMatch(lint([], { FORCE_COLOR: '1', NO_COLOR: '1' }), ANSI);
  });

  it('decides in the documented order', () => {
    assert.equal(useColor(undefined, {}, true), true);
    assert.equal(useColor(undefined, { TERM: 'dumb' }, true), false);
    assert.equal(useColor(undefined, { NO_COLOR: '1' }, true), false);
    assert.equal(useColor(true, { NO_COLOR: '1' }, false), true);
    assert.equal(useColor(undefined, { FORCE_COLOR: 'true' }, false), true);
  });

  it('wraps words to the width, a longer word standing alone', () => {
    assert.deepEqual(wrap('one two three four five', 9), ['one two', 'three', 'four five']);
    assert.deepEqual(wrap('a supercalifragilistic word', 10), ['a', 'supercalifragilistic', 'word']);
    assert.deepEqual(wrap('', 10), ['']);
  });
});
