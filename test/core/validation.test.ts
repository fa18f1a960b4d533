import { strict as assert } from 'node:assert';
import { interventions, singleScopes } from '../../server/src/core/claims/validation';

// The validation readings over claims (server/src/core/claims/validation.ts) that rules/generalization
// and rules/specificity decide over.

const kinds = (text: string) => interventions(text).map((i) => `${i.kind}:${i.act.lower}`);
const scopes = (text: string) => singleScopes(text).map((s) => s.dim);

describe('validation readings', () => {
  it('a single seed, run, model or data source, stated in a carried-out clause of this work', () => {
    assert.deepEqual(scopes('We used a single training seed for this check.'), ['seeds']);
    assert.deepEqual(scopes('All numbers come from one train/test split of the cases.'), ['seeds']);
    assert.deepEqual(scopes('All of our experiments rely on one translation model and a single source of sentence pairs.'), ['models', 'data']);
    assert.deepEqual(scopes('A single run of the full sweep takes 9 GPU-hours.'), []); // cost
    assert.deepEqual(scopes('We train one SAE per layer.'), []); // per item
    assert.deepEqual(scopes('We evaluate on more than one dataset.'), []);
    assert.deepEqual(scopes('We report one of the models in the appendix.'), []);
    assert.deepEqual(scopes('We did not use a single seed.'), []);
    assert.deepEqual(scopes('Tan et al. (2023) use a single seed.'), []); // cited
    assert.deepEqual(scopes('We found that within one run, the gap could be as large as 5.0 and as low as 1.5.'), []); // one instance described
    assert.deepEqual(scopes('Most commonly researchers choose a clearly defined behavior to isolate the algorithm for one particular task.'), []); // what researchers do in general
  });
  it('an intervention is an act of this work on the model, not a test, a mechanism or a citation', () => {
    assert.deepEqual(kinds('We steer Qwen2-7B-Instruct with a formality vector.'), ['steering:steer']);
    assert.deepEqual(kinds('We find an SAE latent that fires on insults and clamp the latent to zero during generation.'), ['clamping or suppressing features:clamp']);
    assert.deepEqual(kinds('We fine-tune only the identified heads on 5,000 addition problems.'), ['fine-tuning selected components:fine-tune']);
    assert.ok(kinds('We then find the direction and ablate that direction to remove the backdoor.').includes('ablation as an intervention:ablate'));
    assert.deepEqual(kinds('Ablating the six heads lowers accuracy to chance.'), []); // a causal test
    assert.deepEqual(kinds('Projecting each activation onto the urgency direction orders the notes.'), []); // reading, not removing
    assert.deepEqual(kinds('Three heads in layer 11 suppress the repeated name.'), []); // the mechanism
    assert.deepEqual(kinds('Meng et al. (2022) edit the MLP weights of GPT-J.'), []); // cited
    assert.deepEqual(kinds('Such features could be used for steering the tone of replies.'), []); // hypothetical
    assert.deepEqual(kinds('We remove 5% of the training images with the highest attribution.'), []); // data curation
    assert.deepEqual(kinds('We compute a steering vector from 500 paired sentences.'), []); // a thing, not an act
  });
});
