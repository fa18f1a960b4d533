import { strict as assert } from 'node:assert';
import { sentenceCategories } from '../../server/src/core/claims/categories/index';
import { INTERP_ONLY } from '../../server/src/core/claims/categories/comparisons';
import { analyse } from '../../server/src/core/nlp/analyse';
import { matchPattern } from '../../server/src/core/nlp/patterns';

describe('comparisons family: patterns and decisions', () => {
  for (const p of INTERP_ONLY) {
    for (const ex of p.examples.match) it(`INTERP_ONLY/${p.id} matches "${ex}"`, () => assert.ok(matchPattern(p, analyse(ex).tokens), ex));
    for (const ex of p.examples.noMatch) it(`INTERP_ONLY/${p.id} does not match "${ex}"`, () => assert.equal(matchPattern(p, analyse(ex).tokens), undefined, ex));
  }
  const has = (s: string, c: string) => sentenceCategories(s).has(c as never);
  it('a comparator that is not interpretability is a baseline comparison', () => {
    assert.ok(has('Our probe outperforms a keyword filter by 12 points at the same false-alarm rate.', 'non-interp-baseline'));
    assert.ok(has('We compare against three baselines that do not use model internals: a system prompt, eight-shot prompting and LoRA.', 'non-interp-baseline'));
    assert.ok(has('A keyword list written in ten minutes reaches 0.66 on the same passages.', 'non-interp-baseline'));
  });
  it('a negated or hedged comparison is none', () => {
    assert.ok(!has('We did not compare with LoRA, since our focus is on training-free editing.', 'non-interp-baseline'));
    assert.ok(!has('A prompting baseline might well outperform every method in Table 3.', 'non-interp-baseline'));
  });
  it('a comparison limited to interpretability methods is interp-only', () => {
    assert.ok(has('We compare our attribution score with activation patching and integrated gradients on six circuits.', 'interp-only-comparison'));
    assert.ok(has("I didn't run prompting or fine-tuning baselines, only the three SAE variants.", 'interp-only-comparison'));
    assert.ok(!has('We compare against prompting and LoRA.', 'interp-only-comparison'));
  });
  it('variation needs a result across a varied set', () => {
    assert.ok(has('Across five seeds, the standard deviation never exceeds 0.03.', 'variation'));
    assert.ok(has('The same vector lowers toxicity by 40% in German and by 33% in Hindi.', 'variation'));
    assert.ok(!has('We use GPT-2 small and Pythia-410M, both loaded through TransformerLens.', 'variation'));
  });
  it('side effects are measures of what should not change', () => {
    assert.ok(has('Perplexity on WikiText-103 changed by less than 0.1 at either coefficient.', 'side-effect'));
    assert.ok(!has('The injection detector flags 88% of pages, while a perplexity filter flags 57%.', 'side-effect'));
  });
});
