import { strict as assert } from 'node:assert';
import { guessKind } from '../../server/src/core/kind';
import { buildText } from './helpers';

// The paper kind read over the claims of the title and abstract (core/kind.ts), in our own sentences.
const kindOf = (abstract: string, title = 'A draft') => guessKind(buildText('k.md', `# ${title}\n\n## Abstract\n\n${abstract}\n\n## Introduction\n\nMore text.\n`)).kind;

describe('paper kind from the abstract\'s claims', () => {
  it('reads a finding about the mechanism as an analysis', () => {
    assert.equal(kindOf('We show that attention layers in small language models act as lookup tables for dates.'), 'analysis');
    assert.equal(kindOf('We show that MLP layers store country capitals, and that the last layers copy them out.'), 'analysis');
    assert.equal(kindOf('We reverse-engineer the mechanism a 1B model uses to add two-digit numbers.'), 'analysis');
    assert.equal(kindOf('We attempt to close that gap by presenting an explanation for how a small model closes brackets.'), 'analysis');
  });
  it('reads a method put forward, also by name or as the instrument of an edit', () => {
    assert.equal(kindOf('We propose NullGuard, a novel solution that keeps old facts while new ones are written.'), 'method');
    assert.equal(kindOf('We pursue this by developing a family of Sparse Steering (SpS) methods.'), 'method');
    assert.equal(kindOf('We analyze where facts are stored, and we modify the weights of one layer to update single facts using Rank-Two Editing (RTE).'), 'method');
  });
  it('reads benchmarks and surveys, and positions by their fixed wording', () => {
    assert.equal(kindOf('We introduce ProbeBench, a large-scale benchmark of 40 concepts for comparing steering methods.'), 'benchmark');
    assert.equal(kindOf('We survey two hundred papers on circuit discovery and sort them by the decision they inform.'), 'survey');
    assert.equal(kindOf('This paper argues that probes are misused.', 'Position: Probes Are Not Explanations'), 'position');
  });
  it('falls back to empirical where no kind is stated, and is not fooled by a name or a question', () => {
    assert.equal(kindOf('We introduce ReasonCards, a one-screen summary for loan officers, and test it with 48 officers.'), 'empirical');
    assert.equal(kindOf('We study whether a probe can predict errors, so that support staff can review flagged answers.'), 'empirical');
    assert.equal(kindOf('We show that our system cuts wrong answers by 30% at the same cost.'), 'empirical');
    assert.equal(kindOf('We do not analyze the mechanism; we measure whether routing by the probe saves compute.'), 'empirical');
  });
});
