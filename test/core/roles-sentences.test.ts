import { strict as assert } from 'node:assert';
import { headingNumber, type RoleContext, resolveRole, roleFromHeading } from '../../server/src/core/roles';
import fc from 'fast-check';
import { MAX_SENTENCE, segmentSentences, segmentsOf } from '../../server/src/core/sentences';

describe('section roles', () => {
  const cases: Array<[string, string | undefined]> = [
    ['Introduction', 'introduction'], ['1 Introduction', 'introduction'], ['Related Work', 'related-work'],
    ['Prior work', 'related-work'], ['Background and Notation', 'background'], ['Preliminaries', 'background'],
    ['Our Method', 'method'], ['Approach', 'method'], ['Evaluation', 'experiments'],
    ['Experimental Setup', 'experiments'], ['4.2 Experiments', 'experiments'], ['Results', 'results'],
    ['Main results', 'results'], ['Discussion', 'discussion'], ['Limitations', 'limitations'],
    ['Broader Impact', 'back-matter'], ['Conclusion', 'conclusion'], ['Conclusions and Future Work', 'conclusion'],
    ['Appendix', 'appendix'], ['A. Additional Results', 'appendix'], ['Abstract', 'abstract'],
    ['Related Works', 'related-work'], ['Prior Work', 'related-work'], ['Evaluation', 'experiments'],
    ['Analysis', 'results'], ['Results and Discussion', 'results'], ['Discussion and Limitations', 'limitations'],
    ['Ethics Statement', 'back-matter'], ['Impact Statement', 'back-matter'], ['Acknowledgements', 'back-matter'],
    ['Acknowledgments', 'back-matter'], ['Declarations', 'back-matter'], ['Author Contributions', 'back-matter'],
    ['NeurIPS Paper Checklist', 'back-matter'], ['References', 'references'], ['Bibliography', 'references'],
    ['Appendix A: Proofs', 'appendix'], ['Appendix B. Prompts', 'appendix'], ['Conclusion and Future Directions', 'conclusion'],
    ['Validation Methods', 'method'], ['Empirical illustration.', undefined], ['Ablation Studies', 'results'],
    ['Limitations of Probing', undefined], ['Limitations of our approach', 'limitations'], ['Results on IOI', 'results'],
    ['Causal Tracing Results', 'results'], ['Evaluating ROME: zsRE', 'experiments'], ['Proposed evaluation protocol', 'experiments'],
    ['Sparse Autoencoders', undefined], ['Why now?', undefined],
  ];
  for (const [heading, role] of cases) {
    it(`"${heading}" → ${role ?? 'no role of its own'}`, () => assert.equal(roleFromHeading(heading), role));
  }
  const at = (parentRole?: string, more: Partial<RoleContext> = {}): RoleContext => ({
    parentRole: parentRole as RoleContext['parentRole'], inAppendix: false, afterReferences: false, beforeBody: false, letteredAfterDigits: false, ...more,
  });
  it('inherits the parent role when the heading names none, and appendix wins', () => {
    assert.deepEqual(resolveRole('Setup details for probes', at('experiments')), { role: 'experiments', source: 'parent' });
    assert.deepEqual(resolveRole('Sparse Autoencoders', at()), { role: 'other', source: 'default' });
    assert.deepEqual(resolveRole('Results', at(undefined, { inAppendix: true })), { role: 'appendix', source: 'appendix' });
  });
  it('lets a subsection override its parent only with a strong or exact title of its own', () => {
    const role = (title: string, parent?: string, more?: Partial<RoleContext>) => resolveRole(title, at(parent, more)).role;
    assert.equal(role('4.2 General capability tests', 'experiments'), 'experiments');
    assert.equal(role('4.1 Grounded in previous work', 'experiments'), 'experiments');
    assert.equal(role('Summary', 'related-work'), 'related-work');
    assert.equal(role('Explainability Methods', 'related-work'), 'related-work');
    assert.equal(role('Limitations', 'discussion'), 'limitations');
    assert.equal(role('Three model families.', 'limitations'), 'limitations');
    assert.equal(role('Results', 'experiments'), 'results');
    assert.equal(role('1.1 Related Work', 'introduction'), 'related-work');
    assert.equal(role('Our contributions', 'introduction'), 'introduction');
    assert.equal(role('Results on toxicity', 'other'), 'results');
    assert.equal(role('Ethics approval and consent to participate.', 'back-matter'), 'back-matter');
  });
  it('reads Summary as the abstract only before the body, and as the conclusion after it', () => {
    assert.equal(resolveRole('Summary', at(undefined, { beforeBody: true })).role, 'abstract');
    assert.equal(resolveRole('Summary', at()).role, 'conclusion');
  });
  it('keeps the reference list and what follows it out of the paper, except the appendix', () => {
    const after = { afterReferences: true };
    assert.deepEqual(resolveRole('Smith and Jones', at(undefined, after)), { role: 'references', source: 'references' });
    assert.deepEqual(resolveRole('Appendix A: Prompts', at(undefined, after)), { role: 'appendix', source: 'title' });
    assert.deepEqual(resolveRole('B Proofs', at(undefined, { ...after, letteredAfterDigits: true })), { role: 'appendix', source: 'number' });
    assert.equal(resolveRole('Acknowledgements', at(undefined, { inAppendix: true })).role, 'back-matter');
  });
  it('reads heading numbers', () => {
    assert.equal(headingNumber('4.2 Results'), '4.2');
    assert.equal(headingNumber('A.1 Extra results'), 'A.1');
    assert.equal(headingNumber('A Proofs'), 'A');
    assert.equal(headingNumber('IV. RESULTS'), 'IV');
    assert.equal(headingNumber('A study of probes'), undefined);
    assert.equal(headingNumber('GPT-2 results'), undefined);
    assert.equal(headingNumber('2024 in review'), undefined);
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
  // The segmenter is fed a window at a time (it is quadratic in its input); the segments must be
  // those of one pass over the whole text.
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  const onePass = (text: string) => [...segmenter.segment(text)].map((s) => [s.index, s.index + s.segment.length]);
  it('segments a long text a window at a time exactly as in one pass', () => {
    const piece = fc.constantFrom('We ablate head 9.6. ', 'See Fig. 3 and Eq. 2. ', '“It works. Really.” ', 'e.g. probes, ', 'Why? ', 'Yes! ', '\n\n', 'A.B. ', '😀 ', '(i) first. ', 'x', 'Fig. ', '3 ', ') ', 'and ');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 600, maxLength: 2500 }), (pieces) => {
        const text = pieces.join('');
        assert.deepEqual([...segmentsOf(text)], onePass(text));
      }),
      // Shrinking arrays of thousands of pieces through a quadratic segmenter takes many minutes;
      // the first counterexample, with its seed, is what a failure needs to report.
      { numRuns: 25, endOnFailure: true },
    );
  });
  it('does not end a sentence at a window edge that hides the lower-case word after "Fig. 3"', () => {
    // The segmenter reads 10,000 characters at a time; "See Fig. 3 and …" straddles that edge here.
    const padding = 'Some words. '.repeat(800);
    for (const shift of [10, 11, 12, 13, 14]) {
      const text = padding + 'x'.repeat(10_000 - padding.length - shift) + '. See Fig. 3 and Eq. 2. Next one. ' + 'More text. '.repeat(20);
      assert.deepEqual([...segmentsOf(text)], onePass(text), `edge ${shift - 2} characters into "See Fig. 3 and"`);
    }
  });
  it('cuts a "sentence" longer than any prose at spaces, keeping every character', () => {
    const t = 'word '.repeat(3000).trim() + '.';
    const parts = segmentSentences(t);
    assert.ok(parts.length >= 7 && parts.every((s) => s.end - s.start <= MAX_SENTENCE));
    assert.equal(parts.map((s) => t.slice(s.start, s.end)).join(' '), t);
  });
});
