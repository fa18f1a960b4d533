import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { placeholdersToSnippet } from '../../server/src/lsp/snippet';

/** What an editor inserts for a snippet when the author accepts every default. */
function expand(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '\\$}'.includes(snippet[i + 1])) out += snippet[++i];
    else if (c === '$' && snippet[i + 1] === '{') {
      const close = snippet.indexOf(':', i);
      i = close; // skip "${n:"
    } else if (c === '}') continue; // closes a tab stop
    else out += c;
  }
  return out;
}

describe('fix placeholders as snippets', () => {
  it('turns [placeholders] into numbered tab stops that keep their brackets, and keeps LaTeX literal', () => {
    const text = String.raw`We compare with [baseline] and report mean $\pm$ std over [5] seeds in \S\ref{sec:x}.`;
    assert.equal(placeholdersToSnippet(text), 'We compare with ${1:[baseline]} and report mean \\$\\\\pm\\$ std over ${2:[5]} seeds in \\\\S\\\\ref{sec:x\\}.');
  });

  it('expands back to the fix text for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '[', ']', '$', '{', '}', '\\', '\n', 'x', ':') }), (text) => {
        assert.equal(expand(placeholdersToSnippet(text)), text);
      }),
      { numRuns: 500 },
    );
  });
});
