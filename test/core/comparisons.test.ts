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
  it('a baseline that is a part of the model is no non-interpretability baseline', () => {
    assert.ok(!has('To set a baseline for these criteria, we compare to a naive circuit made of the copy heads alone.', 'non-interp-baseline'));
    assert.ok(has('To set a baseline, we compare to a keyword filter.', 'non-interp-baseline'));
  });
  it('an author line with affiliation marks, math, data sizes and dataset names name no models', () => {
    assert.ok(!has('Ada Quill1,2 Bram Oster1,3 Cleo Varn2 Institute of Examples', 'variation'));
    assert.ok(!has('WikiText-103 is a well known language modeling dataset of over 100M tokens.', 'variation'));
    assert.ok(has('The probe reaches 0.81 on Pythia-1.4B and 0.84 on Llama-3-8B.', 'variation'));
  });
  it('a negated or hedged comparison is none', () => {
    assert.ok(!has('We did not compare with LoRA, since our focus is on training-free editing.', 'non-interp-baseline'));
    assert.ok(!has('A prompting baseline might well outperform every method in Table 3.', 'non-interp-baseline'));
    // A condition's comparison ends with its clause: the threshold is exceeded, the lookup is no baseline.
    assert.ok(!has('If the summed activation exceeds a threshold, send the question to a retrieval lookup instead of answering from the weights.', 'non-interp-baseline'));
  });
  it('a comparison limited to interpretability methods is interp-only', () => {
    assert.ok(has('We compare our attribution score with activation patching and integrated gradients on six circuits.', 'interp-only-comparison'));
    assert.ok(has("I didn't run prompting or fine-tuning baselines, only the three SAE variants.", 'interp-only-comparison'));
    assert.ok(!has('We compare against prompting and LoRA.', 'interp-only-comparison'));
  });
  it('a control is no method compared with, and a contrast needs a result on its side', () => {
    assert.ok(!has('The probe reaches 64% accuracy, against 31% for a control probe on shuffled labels.', 'interp-only-comparison'));
    assert.ok(!has('The probe reaches 64% accuracy, against 31% for a control probe on shuffled labels.', 'non-interp-baseline'));
    assert.ok(!has('We train SAEs on layer 10, while linear probes are trained on layer 8.', 'interp-only-comparison'));
    assert.ok(has('Crosscoders mark 7.5% of latents as tuning-specific, while matched SAEs leave only 1.9% unmatched.', 'interp-only-comparison'));
  });
  it('a measure "for" a method after "vs." says whose measure, not what is compared', () => {
    assert.ok(!has('We plot accuracy vs. escalation rate for the SAE router.', 'interp-only-comparison'));
    assert.ok(has('Our edit flips 89% of prompts, compared with 84% for ROME and 80% for MEMIT.', 'interp-only-comparison'));
  });
  it('two interpretability methods set side by side on a result compare them', () => {
    assert.ok(has('Transcoders and SAEs yield circuits of similar faithfulness, with 30% fewer edges for transcoders.', 'interp-only-comparison'));
    assert.ok(!has('We train SAEs and probes on more layers of the same model.', 'interp-only-comparison'));
  });
  it('a baseline that is the subject of a measured result is a baseline run', () => {
    assert.ok(has('A LoRA adapter trained on 2,000 corrected replies lowers them to 3%.', 'non-interp-baseline'));
    assert.ok(!has('We fine-tune the model with LoRA and the probe reaches 0.91 AUROC.', 'non-interp-baseline'));
  });
  it('a question, a recommendation or a framing of the work compares nothing', () => {
    assert.ok(!has('Does ranking answers by the probe catch more errors than ranking them by length?', 'non-interp-baseline'));
    assert.ok(!has('We argue that every steering paper should include a system-prompt baseline.', 'non-interp-baseline'));
    assert.ok(!has('Clean and corrupted prompts are matched in length so that positions align.', 'non-interp-baseline'));
    assert.ok(has('By contrast, a linear probe trained on 200 passages reaches a recall of 0.81.', 'interp-only-comparison'));
  });
  it('variation needs a result across a varied set', () => {
    assert.ok(has('Across five seeds, the standard deviation never exceeds 0.03.', 'variation'));
    assert.ok(has('The same vector lowers toxicity by 40% in German and by 33% in Hindi.', 'variation'));
    assert.ok(!has('We use GPT-2 small and Pythia-410M, both loaded through TransformerLens.', 'variation'));
  });
  it('variation: counted repeats, other data, transfers, sizes; not a name with its size, a figure, a hedge or cited work', () => {
    assert.ok(has('For each prompt we generate five paraphrases and the attribution keeps 4.1 of 5 concepts.', 'variation'));
    assert.ok(has('On notes from a second hospital the probe keeps an AUROC of 0.81.', 'variation'));
    assert.ok(has('The rule carries over to Qwen2.5-7B, skipping 27% of layers there.', 'variation'));
    assert.ok(has('The best layer moves from 6 in the 1B model to 18 in the 8B model.', 'variation'));
    assert.ok(!has('All results are for GPT-2 small (124M) on 300 prompts.', 'variation'));
    assert.ok(!has('Exiting early saves 31% of compute on Llama-3-8B, with a 0.4-point drop on MMLU.', 'variation'));
    assert.ok(!has('Two heads in layer 14 of Qwen2.5-7B attend to the last token in 80% of prompts.', 'variation'));
    assert.ok(!has('Our probes were trained on one family and may not transfer to models with other tokenisers.', 'variation'));
    assert.ok(!has('We generate 20,000 questions from 40 templates.', 'variation'));
    assert.ok(has('Each edit is evaluated under ten paraphrases and three chat templates, with 94% recall.', 'variation'));
    // Held-out benchmarks measured for side effects are that check's breadth, not a replication.
    assert.ok(!has('Accuracy on the nine held-out BIG-bench tasks drops by 0.7 points on average after pruning.', 'variation'));
  });
  it('side effects are measures of what should not change', () => {
    assert.ok(has('Perplexity on WikiText-103 changed by less than 0.1 at either coefficient.', 'side-effect'));
    assert.ok(!has('The injection detector flags 88% of pages, while a perplexity filter flags 57%.', 'side-effect'));
  });
});
