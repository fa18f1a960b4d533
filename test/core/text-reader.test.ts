// Converted text: `.txt` drafts (pdftotext output, "Section:" extractor files) and Markdown from
// HTML converters. Fixtures in test/fixtures/converted/ are written for these tests.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import { ModelBuilder } from '../../server/src/core/build';
import { expandPaths } from '../../server/src/core/lint';
import type { Block, PaperDocument } from '../../server/src/core/model';
import { blockSourceSpan } from '../../server/src/core/text-builder';
import { buildText, FIXTURES } from './helpers';

const DIR = path.join(FIXTURES, 'converted');

function build(name: string): PaperDocument {
  return new ModelBuilder().build(path.join(DIR, name));
}

function outline(doc: PaperDocument): string[] {
  return doc.sections.map((s) => `${'  '.repeat(s.level - 1)}${s.title} [${s.role}]`);
}

function sentences(doc: PaperDocument, kinds: Block['kind'][] = ['paragraph', 'list-item', 'caption', 'footnote']): string[] {
  return doc.blocks.filter((b) => kinds.includes(b.kind)).flatMap((b) => b.sentences.map((s) => b.text.slice(s.start, s.end)));
}

/**
 * Every character maps into the file, in order; a character copied from the source is that source
 * character; what lies between two mapped characters is whitespace, a joined line-break hyphen or
 * page furniture; and each sentence's source range reads as the sentence once whitespace and
 * hyphens are set aside (placeholders stand for their source).
 */
function assertExactMaps(doc: PaperDocument): void {
  for (const block of doc.blocks) {
    const src = doc.sources.get(block.file)!.text;
    const inRef = (i: number) => block.refs.some((r) => r.start <= i && i < r.end);
    for (let i = 0; i < block.text.length; i++) {
      const s = block.base + block.starts[i];
      const e = block.base + block.ends[i];
      assert.ok(s >= 0 && s < e && e <= src.length, `${block.text}: char ${i} maps to [${s}, ${e})`);
      if (!inRef(i) && block.text[i] !== ' ') assert.equal(src.slice(s, e), block.text[i], `${block.text}: char ${i}`);
      if (i > 0) {
        assert.ok(block.starts[i] >= block.ends[i - 1] || block.starts[i] === block.starts[i - 1], `${block.text}: char ${i} goes back`);
        const gap = src.slice(block.base + block.ends[i - 1], s);
        assert.match(gap, /^-?[\s\d]*$/, `${block.text}: between chars ${i - 1} and ${i} the source has ${JSON.stringify(gap)}`);
      }
    }
    for (const sentence of block.sentences) {
      let text = '';
      for (let i = sentence.start; i < sentence.end; ) {
        const ref = block.refs.find((r) => r.start === i);
        if (ref) {
          const span = blockSourceSpan(block, ref.start, ref.end);
          text += src.slice(span.start, span.end);
          i = ref.end;
        } else text += block.text[i++];
      }
      const span = blockSourceSpan(block, sentence.start, sentence.end);
      const squash = (t: string) => t.replace(/[\s-]+/g, '');
      const source = src.slice(span.start, span.end).replace(/\n\d{1,3}\n/g, '\n');
      assert.equal(squash(source), squash(text), `sentence ${JSON.stringify(text)} maps to ${JSON.stringify(src.slice(span.start, span.end))}`);
    }
  }
}

describe('text reader (converted papers)', () => {
  it('pdftotext with numbered heading lines: sections, levels, roles; the table is cells; the reference list is not prose', () => {
    const doc = build('pdftotext-numbered.txt');
    assert.equal(doc.format, 'text');
    assert.equal(doc.title?.text, 'Pruning Attention Heads for Cheaper Summaries');
    assert.deepEqual(outline(doc), [
      'Abstract [abstract]',
      '1 Introduction [introduction]',
      '2 Related Work [related-work]',
      '3 Method [method]',
      '  3.1 Scoring heads [method]',
      '  3.2 Masking [method]',
      '4 Experiments [experiments]',
      '  4.1 Setup [experiments]',
      '  4.2 Results [results]',
      '5 Conclusion [conclusion]',
      'References [references]',
    ]);
    const caption = doc.blocks.find((b) => b.kind === 'caption');
    assert.equal(caption?.text, 'Table 3: ROUGE-L and latency of each compression method.');
    const cells = doc.blocks.filter((b) => b.kind === 'table-cell');
    assert.deepEqual(cells.map((c) => c.text), ['Method', 'ROUGE-L', 'Latency', 'Distil', '38.2', '0.61', 'Pruned', '40.7', '0.66']);
    assert.deepEqual(cells.map((c) => c.cell?.row), [0, 0, 0, 1, 1, 1, 2, 2, 2]);
    const all = sentences(doc).join('\n');
    for (const gone of ['38.2', 'Distil', 'Shrinking summarisers', 'Which heads matter']) assert.ok(!all.includes(gone), gone);
    const related = doc.blocks.find((b) => b.text.startsWith('Head pruning'))!;
    assert.deepEqual(related.refs.map((r) => [r.kind, r.keys]), [['cite', ['4', '9']]]);
    assertExactMaps(doc);
  });

  it('"Title:", "Abstract:" and "Section:" lines; "this section cite:" and Ref_id lines are not prose', () => {
    const doc = build('grobid-sections.txt');
    assert.equal(doc.title?.text, 'Probing Before Deploying');
    assert.deepEqual(outline(doc), ['Abstract [abstract]', 'Introduction [introduction]', 'Experiments [experiments]', 'Conclusion [conclusion]', 'References [references]']);
    const all = sentences(doc).join('\n');
    for (const gone of ['this section cite', "'b3'", 'Ref_id', 'Keyword filters in customer service', 'Section:']) assert.ok(!all.includes(gone), gone);
    assert.ok(sentences(doc).some((s) => s.startsWith('We test whether a linear probe')));
    assertExactMaps(doc);
  });

  it('"Section:" files: an empty section holds the ones after it; run-in headings nest; icon letters and list numbers are not section numbers', () => {
    const doc = buildText(
      'paper.txt',
      [
        'Title: Two Ways to Steer',
        'Abstract: We compare two steering methods.',
        '',
        'Section: Results',
        '',
        'this section cite: []',
        '',
        'Section: C Concept detection',
        'Probes detect the concept well on held-out data.',
        '',
        'Section: 2.',
        'Negative examples come from other genres.',
        '',
        'Section: AUROC.',
        'We report the area under the curve for each method.',
        '',
        'Section: Discussion',
        'Steering lags behind prompting.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(outline(doc), ['Abstract [abstract]', 'Results [results]', '  Concept detection [results]', '    AUROC. [results]', 'Discussion [discussion]']);
    assertExactMaps(doc);
  });

  it('Markdown from an HTML converter: a label heading does not swallow 4.2; bibliography links are citations; the download comment is not prose', () => {
    const doc = build('ar5iv-labels.md');
    assert.deepEqual(outline(doc), [
      'Abstract [abstract]',
      '1 Introduction [introduction]',
      '4 Experiments [experiments]',
      '  4.1 Terminology retention [experiments]',
      '    FeatEdit [experiments]',
      '  4.2 Fluency [experiments]',
      '5 Conclusion [conclusion]',
    ]);
    const intro = doc.blocks.find((b) => b.text.startsWith('Localisation teams'))!;
    assert.match(intro.text, /retraining \[cite:bib\.bib3\], and prompting drifts over long documents \[cite:bib\.bib5,bib\.bib6\]\./);
    assert.deepEqual(intro.refs.map((r) => [r.kind, r.keys]), [['cite', ['bib.bib3']], ['cite', ['bib.bib5', 'bib.bib6']]]);
    const fluency = doc.blocks.find((b) => b.text.startsWith('Fluency drops'))!;
    assert.equal(fluency.text, 'Fluency drops by half a point (Kim et al., [cite:bib.bib8]).');
    const all = sentences(doc).join('\n');
    assert.ok(!all.includes('FETCHED') && !all.includes('Downloaded'));
  });

  it('pdftotext layout: numbers on lines of their own, page breaks with running footers and page numbers, front matter, joined hyphens, column breaks, figure text', () => {
    const doc = build('pdf-layout.txt');
    assert.equal(doc.title?.text, 'Steering Tone Without Retraining');
    assert.deepEqual(outline(doc), [
      'Abstract [abstract]',
      '1 Introduction [introduction]',
      '2 Related Work [related-work]',
      '3 Method [method]',
      '4 Experiments [experiments]',
      '5 Conclusion [conclusion]',
      'References [references]',
    ]);
    const all = sentences(doc);
    const text = all.join('\n');
    for (const gone of ['Workshop on Applied Steering', 'Example University', 'Another Institute', 'arXiv:', 'layer 14\n', 'Adding vectors to chat models', 'Tone in support replies']) assert.ok(!text.includes(gone), gone);
    assert.ok(all.includes('Support desks want a polite model without the cost of fine-tuning it again.'));
    assert.ok(all.includes('A steering vector is one candidate, and interpretability tools suggest where to add it.'));
    assert.ok(all.includes('We compare it with a state-of-the-art prompt and with self-supervised adapters.'));
    // A column break (blank line) inside a sentence: the lower-case line carries it on.
    assert.ok(all.includes('Our contribution is a direct comparison on real support tickets from three companies.'));
    const caption = doc.blocks.find((b) => b.kind === 'caption');
    assert.equal(caption?.text, 'Figure 2: Where the vector is added in the residual stream.');
    assert.ok(!doc.blocks.some((b) => b.text === 'residual'));
    assertExactMaps(doc);
  });

  it('false headings: a numbered sentence, list items, table rows, an implausible number, reference entries before the heading, an equation number', () => {
    const doc = build('false-headings.txt');
    assert.deepEqual(outline(doc), [
      'Abstract [abstract]',
      '1 Introduction [introduction]',
      '2 Setup [experiments]',
      '3 Results [results]',
      '4 Discussion and Conclusion [discussion]',
      'References [references]',
      'A Proofs [appendix]',
      '  A.1 Bound on the count [appendix]',
      '  A.2 Extra results [appendix]',
    ]);
    const all = sentences(doc);
    assert.ok(all.includes('We train on 3 layers of the model and report the rest in the appendix.'));
    assert.ok(all.includes('2 The probe found every carry feature in the first pass.'));
    assert.deepEqual(
      doc.blocks.filter((b) => b.kind === 'list-item').map((b) => b.text),
      ['Train the sparse dictionary.', 'Label each feature by hand.', 'Ablate the labelled features.'],
    );
    const text = all.join('\n');
    for (const gone of ['61.2', 'Baseline', '(3)', 'Carry features. 2022', 'Dense probes for sums']) assert.ok(!text.includes(gone), gone);
    assert.ok(doc.blocks.some((b) => b.kind === 'table-cell' && b.text === '61.2'));
    assert.ok(all.includes('The ablation removes the carry features, as in [cite:7].'));
    assertExactMaps(doc);
  });

  it('all-caps and roman-numbered headings', () => {
    const doc = build('allcaps-roman.txt');
    assert.deepEqual(outline(doc), [
      'ABSTRACT [abstract]',
      'I. INTRODUCTION [introduction]',
      'II. RELATED WORK [related-work]',
      'III. EXPERIMENTAL SETUP [experiments]',
      'IV. RESULTS [results]',
      'ACKNOWLEDGMENTS [back-matter]',
      'REFERENCES [references]',
    ]);
    assert.ok(!sentences(doc).join('\n').includes('Moderation at scale'));
    assertExactMaps(doc);
  });

  it('a numbered line is a heading only when its number follows on from the last heading', () => {
    const doc = buildText(
      'paper.txt',
      [
        'Abstract',
        'We study probes.',
        '',
        '1 Introduction',
        'Probes are cheap.',
        '',
        '3.1 Tracing',
        'This cannot be a subsection of a section we never saw.',
        '',
        '2 Background',
        'We define the probe.',
        '',
        '2.1 Notation',
        'Vectors are bold.',
        '',
        '12 Heads',
        'Twelve heads were kept.',
        '',
        '3 Method',
        'We train it.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(outline(doc), ['Abstract [abstract]', '1 Introduction [introduction]', '2 Background [background]', '  2.1 Notation [background]', '3 Method [method]']);
    assertExactMaps(doc);
  });

  it('a hyphen is kept where the document writes the word with one, dropped where it writes it without', () => {
    const doc = buildText(
      'paper.txt',
      [
        'Abstract',
        'We study low-rank probes and their robustness in practice. Our low-',
        'rank probe is cheap, and its robust-',
        'ness holds across seeds for every model we tried in these experiments.',
        '',
      ].join('\n'),
    );
    const all = sentences(doc);
    assert.ok(all.includes('Our low-rank probe is cheap, and its robustness holds across seeds for every model we tried in these experiments.'), all.join('\n'));
    assertExactMaps(doc);
  });

  it('a .txt file is read only when named; a folder search leaves it out', () => {
    const dir = path.join(DIR);
    const found = expandPaths([dir]).files.map((f) => path.basename(f));
    assert.deepEqual(found, ['ar5iv-labels.md']);
    assert.deepEqual(expandPaths([path.join(dir, 'pdf-layout.txt')]).files.map((f) => path.basename(f)), ['pdf-layout.txt']);
  });

  it('property: joined hyphens, joined lines, page breaks and furniture keep every mapped offset inside the file and in order', () => {
    const word = fc.constantFrom('probe', 'steer', 'head', 'model', 'inter', 'pretable', 'self', 'tuning', 'layer', 'Results', 'We', 'the');
    const piece = fc.oneof(
      { weight: 6, arbitrary: word },
      { weight: 1, arbitrary: word.map((w) => `${w}-\n`) },
      { weight: 1, arbitrary: fc.constantFrom('.\n', '.\n\n', '\n', '\n\n', '\f', '\n7\n', '\n\f3\n\nMethod\n', '\n2.1 Tracing\n', ' [4, 5] ', ' 61.2 88.0\n', '\nTable 1: Scores.\n') },
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 60 }), (pieces) => {
        const text = 'Title line\n\nAbstract\n' + pieces.join(' ');
        const doc = buildText('p.txt', text);
        for (const block of doc.blocks) {
          let prev = -1;
          for (let i = 0; i < block.text.length; i++) {
            const s = block.base + block.starts[i];
            const e = block.base + block.ends[i];
            if (!(s >= 0 && e <= text.length && s < e)) return false;
            if (s < prev) return false;
            prev = s;
          }
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });
});
