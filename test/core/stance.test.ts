import { strict as assert } from 'node:assert';
import { citedAt, negatedAt, stanceOf } from '../../server/src/core/claims/stance';

// A sentence's stance and the negation or citation of a place in it, read from its claims
// (server/src/core/claims/stance.ts), in our own sentences.
const at = (sentence: string, word: string) => sentence.indexOf(word);

describe('sentence stance from claims', () => {
  it('reads plans, proposals and protocol steps by their main clause', () => {
    assert.equal(stanceOf('Auditors should run the probe on every new checkpoint.').plan, true);
    assert.equal(stanceOf('We will release the probe weights with the camera-ready version.').plan, true);
    assert.equal(stanceOf('Train a probe on the penultimate layer and report its accuracy.').plan, true);
    assert.equal(stanceOf('Audit the screener again if the probe beats the control.').plan, true);
    assert.equal(stanceOf('We recommend that operators recalibrate the threshold every month.').plan, true);
  });
  it('does not read a report as a plan because a later clause hedges', () => {
    const s = 'On GPT-2 small the probe agrees with the labels 81% of the time, so fewer answers would be escalated.';
    assert.equal(stanceOf(s).plan, false);
    assert.equal(stanceOf(s).hypothetical, false);
    assert.equal(stanceOf(s).measuredRun, true);
    // Introducing the paper's own method describes it; it plans nothing.
    assert.equal(stanceOf('We propose GateProbe, which reads one layer to decide whether to retrieve.').plan, false);
  });
  it('reads a hedge in the main clause after an opening clause without a comma', () => {
    assert.equal(stanceOf('Before shipping the highlights we would measure how long reviewers take.').hypothetical, true);
    assert.equal(stanceOf('If the budget allowed, we could repeat the study on a second hospital.').hypothetical, true);
  });
  it('reads prior work and this paper\'s voice', () => {
    assert.equal(stanceOf('Probes of this kind were first used for syntax [cite:hewitt2019].').others, true);
    assert.equal(stanceOf('We follow the probe design of [cite:hewitt2019].').others, false);
    assert.equal(stanceOf('This note reports one run.').ownVoice, true);
  });
});

describe('negation and citation of a place', () => {
  it('negates what a negated clause acts on, however far, and deferrals of it', () => {
    const s = 'We have not compared the filter with a keyword blocklist or with a fine-tuned classifier.';
    assert.equal(negatedAt(s, at(s, 'fine-tuned')), true);
    const yet = 'We have yet to compare the filter with a keyword blocklist.';
    assert.equal(negatedAt(yet, at(yet, 'keyword')), true);
    const left = 'We leave a comparison with a keyword blocklist to future work.';
    assert.equal(negatedAt(left, at(left, 'keyword')), true);
    const scope = 'A comparison with fine-tuned BERT is beyond the scope of this note.';
    assert.equal(negatedAt(scope, at(scope, 'fine-tuned')), true);
  });
  it('does not negate a place the negation does not govern', () => {
    const s = 'We compare with a keyword blocklist and leave fine-tuned BERT to future work.';
    assert.equal(negatedAt(s, at(s, 'keyword')), false);
    assert.equal(negatedAt(s, at(s, 'fine-tuned')), true);
    const later = 'The probe flags 88% of bad replies, not only the long ones.';
    assert.equal(negatedAt(later, at(later, 'flags')), false);
  });
  it('credits a conjunct with a citation to cited work, and the rest to this paper', () => {
    const s = 'Earlier work edits facts [cite:meng2022], and we steer the refusal direction.';
    assert.equal(citedAt(s, at(s, 'edits')), true);
    assert.equal(citedAt(s, at(s, 'steer')), false);
  });
});
