import { strict as assert } from 'node:assert';
import { analyse } from '../../server/src/core/nlp/analyse';
import { matchPattern, type Pattern } from '../../server/src/core/nlp/patterns';
import { BASELINES_ARE } from '../../rules/missing-baselines/comparisons';
import { MANY_TEMPLATES, SINGLE_TEMPLATE } from '../../rules/toy-only-setup/index';

// The token patterns rules declare for themselves: each carries examples that must and must not match.
const families: Record<string, readonly Pattern[]> = { BASELINES_ARE, SINGLE_TEMPLATE, MANY_TEMPLATES };

describe('rule patterns', () => {
  for (const [family, patterns] of Object.entries(families)) {
    for (const p of patterns) {
      for (const ex of p.examples.match) it(`${family}/${p.id} matches "${ex}"`, () => assert.ok(matchPattern(p, analyse(ex).tokens), ex));
      for (const ex of p.examples.noMatch) it(`${family}/${p.id} does not match "${ex}"`, () => assert.equal(matchPattern(p, analyse(ex).tokens), undefined, ex));
    }
  }
});
