import { strict as assert } from 'node:assert';
import { resolveRole, roleFromHeading } from '../../server/src/core/roles';
import { segmentSentences } from '../../server/src/core/sentences';

describe('section roles', () => {
  const cases: Array<[string, string | undefined]> = [
    ['Introduction', 'introduction'], ['1 Introduction', 'introduction'], ['Related Work', 'related-work'],
    ['Prior work', 'related-work'], ['Background and Notation', 'background'], ['Preliminaries', 'background'],
    ['Our Method', 'method'], ['Approach', 'method'], ['Evaluation', 'experiments'],
    ['Experimental Setup', 'experiments'], ['4.2 Experiments', 'experiments'], ['Results', 'results'],
    ['Main results', 'results'], ['Discussion', 'discussion'], ['Limitations', 'limitations'],
    ['Broader Impact', 'limitations'], ['Conclusion', 'conclusion'], ['Conclusions and Future Work', 'conclusion'],
    ['Appendix', 'appendix'], ['A. Additional Results', 'appendix'], ['Abstract', 'abstract'],
    ['Sparse Autoencoders', undefined], ['Why now?', undefined],
  ];
  for (const [heading, role] of cases) {
    it(`"${heading}" → ${role ?? 'no role of its own'}`, () => assert.equal(roleFromHeading(heading), role));
  }
  it('inherits the parent role when the heading names none, and appendix wins', () => {
    assert.equal(resolveRole('Setup details for probes', 'experiments', false), 'experiments');
    assert.equal(resolveRole('Sparse Autoencoders', undefined, false), 'other');
    assert.equal(resolveRole('Results', undefined, true), 'appendix');
  });
});

describe('sentences', () => {
  const split = (t: string) => segmentSentences(t).map((s) => t.slice(s.start, s.end));
  it('does not split after common abbreviations', () => {
    assert.deepEqual(split('As shown in Eq. 3 and Tab. 2, i.e. the main result, approx. 5 points. Next one.'), [
      'As shown in Eq. 3 and Tab. 2, i.e. the main result, approx. 5 points.',
      'Next one.',
    ]);
  });
  it('splits after a capital-letter ending when a new sentence follows', () => {
    assert.deepEqual(split('We use model B. The results follow.'), ['We use model B.', 'The results follow.']);
  });
  it('keeps ranges exact and trimmed', () => {
    const t = '  First.   Second?  ';
    assert.deepEqual(segmentSentences(t), [{ start: 2, end: 8 }, { start: 11, end: 18 }]);
  });
});
