import { strict as assert } from 'node:assert';
import { analyse } from '../../server/src/core/nlp/analyse';
import { matchPattern } from '../../server/src/core/nlp/patterns';
import { BASELINES_ARE } from '../../rules/missing-baselines/comparisons';

describe('missing-baselines comparisons: patterns', () => {
  for (const p of BASELINES_ARE) {
    for (const ex of p.examples.match) it(`${p.id} matches "${ex}"`, () => assert.ok(matchPattern(p, analyse(ex).tokens), ex));
    for (const ex of p.examples.noMatch) it(`${p.id} does not match "${ex}"`, () => assert.equal(matchPattern(p, analyse(ex).tokens), undefined, ex));
  }
});
