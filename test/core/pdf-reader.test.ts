import { strict as assert } from 'node:assert';
import { layoutPdf, type PdfRun } from '../../server/src/core/pdf/layout';
import { readPdf } from '../../server/src/core/pdf/read-pdf';
import { makeFixturePdf, makeScannedPdf, SECTIONS } from './pdf-fixture';

// The PDF reader on a two-column paper that the test draws itself (pdf-fixture.ts), whose outline
// and prose are known: headings with levels, a paragraph across the column break, hyphens, the
// running header and page numbers, a footnote, and the reference list; and PDFs it cannot read.

describe('PDF reader (pdf.js, layout)', function () {
  this.timeout(30000);
  let read: Awaited<ReturnType<typeof readPdf>>;
  before(async () => {
    read = await readPdf(await makeFixturePdf());
  });
  const ok = () => {
    assert.ok(read.ok, read.ok ? '' : read.reason);
    return read;
  };

  it('finds the title, the numbered, named and run-in headings with their levels and pages', () => {
    const r = ok();
    assert.match(r.markdown, /^---\ntitle: "Probes That Tell When an Answer Is Wrong"\n---\n/);
    assert.deepEqual(r.headings.map((h) => `${h.level} ${h.text} p${h.page}`), ['2 Abstract p1', '2 1 Introduction p1', '2 2 Method p1', '3 2.1 Setup p1', '5 Baselines p1', '2 3 Conclusion p2', '2 References p2']);
    assert.doesNotMatch(r.markdown, /Anonymous Authors/, 'the authors line is not prose');
  });

  it('joins a paragraph across the column break, and a hyphen broken over a line by the paper\'s own spelling', () => {
    const r = ok();
    assert.ok(r.markdown.includes(`\n${SECTIONS.routing}\n`), 'the paragraph that runs on into the right column is one paragraph');
    assert.match(r.markdown, /Earlier work on interpretability rarely/);
    assert.match(r.markdown, /probe-based routing/);
  });

  it('drops the running header and page numbers, and keeps a footnote out of the paragraph it interrupts', () => {
    const r = ok();
    assert.doesNotMatch(r.markdown, /Preprint\. Under review/);
    assert.doesNotMatch(r.markdown, /^\d+$/m);
    assert.match(r.markdown, /\n1 Code and probes are released with the paper\.\n/);
    assert.match(r.markdown, /\n##### Baselines\n\nWe compare with the output probability of the answer and with a self-evaluation prompt\.\n/);
  });

  it('reads a line that starts with blank runs (seen in real papers: "could not be read")', () => {
    const run = (text: string, x: number, y: number, eol = false): PdfRun => ({ text, x, y, width: text.length * 5, size: 10, font: 'f1', eol });
    const lines = Array.from({ length: 12 }, (_, i) => [run(' ', 72, 700 - i * 12), run(`Line ${i} of a paragraph that goes on for a while here.`, 72, 700 - i * 12, true)]);
    const layout = layoutPdf([{ width: 612, height: 792, runs: lines.flat() }]);
    assert.match(layout.markdown, /Line 0 of a paragraph/);
    assert.match(layout.markdown, /Line 11 of a paragraph/);
  });
  it('knows where each page starts', () => {
    const r = ok();
    assert.equal(r.pageStarts.length, 2);
    assert.equal(r.pageStarts[0], 0);
    assert.ok(r.markdown.slice(r.pageStarts[1]).startsWith('## 3 Conclusion'));
  });

  it('says why a PDF cannot be read: not a PDF, damaged, no text layer, too many pages', async () => {
    const notPdf = await readPdf(new TextEncoder().encode('just text, not a PDF'));
    assert.ok(!notPdf.ok && /is not a PDF/.test(notPdf.reason));
    const whole = await makeFixturePdf();
    const damaged = await readPdf(whole.slice(0, 400));
    assert.ok(!damaged.ok && /could not be read as a PDF|no text layer/.test(damaged.reason), damaged.ok ? 'read' : damaged.reason);
    const scanned = await readPdf(await makeScannedPdf());
    assert.ok(!scanned.ok && /no text layer/.test(scanned.reason), scanned.ok ? 'read' : scanned.reason);
    const long = await readPdf(whole, { maxPages: 1 });
    assert.ok(!long.ok && /has 2 pages, over the 1-page limit/.test(long.reason));
  });
});
