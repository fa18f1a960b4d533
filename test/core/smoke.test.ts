import { strict as assert } from 'node:assert';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { segmentSentences } from '../../server/src/core/sentences';

describe('smoke', () => {
  it('loads ESM remark from CommonJS tests', () => {
    const tree = unified().use(remarkParse).parse('# Hi\n\ntext');
    assert.equal(tree.children.length, 2);
  });
  it('segments with abbreviations', () => {
    const t = 'Smith et al. (2024) show this, e.g. probes. See Fig. 3 for more. Done.';
    assert.deepEqual(segmentSentences(t).map((s) => t.slice(s.start, s.end)), ['Smith et al. (2024) show this, e.g. probes.', 'See Fig. 3 for more.', 'Done.']);
  });
});
