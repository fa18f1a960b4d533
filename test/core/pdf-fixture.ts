import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

// A two-column paper drawn with pdf-lib, as a TeX engine would lay it out: a title, an abstract,
// numbered and run-in headings, a paragraph that goes on from the left column to the right, a word
// hyphenated over a line break, a footnote, a caption with table cells, a running header and page
// numbers on every page, and a reference list. Written for these tests in our own words.

export interface FixtureLine {
  text: string;
  font?: 'body' | 'bold';
  size?: number;
}

const PAGE = { width: 612, height: 792 };
const COLUMN = { left: 54, right: 318, width: 240, top: 700, bottom: 80 };

/** Sentences of the fixture's prose, by section. */
export const SECTIONS = {
  abstract: [
    'Language models often answer questions about rare facts with confident errors, and deployment engineers',
    'cannot tell these answers apart from correct ones. We train a linear probe on the residual stream that',
    'predicts when an answer is wrong.',
  ],
  introduction: [
    'A probe that flags likely errors would let engineers route those answers to a larger model. We show that',
    'such a probe trained on twelve thousand questions reaches an AUROC of 0.81 on held-out questions, and that',
    'routing the flagged answers lowers the error rate from 14% to 6% while sending only a fifth of the queries',
    'onward. The probe reads one layer and adds little cost, which makes probe-based routing practical for',
    'services that must answer many queries each second and cannot afford to call the large model for every',
    'one of them. Earlier work on inter-',
    'pretability rarely tested such a use against simple baselines.',
  ],
  /** A second paragraph of the introduction, long enough to run on from the left column into the right. */
  routing: 'Routing is a decision that a serving team makes for every query: whether the small model answers alone or the query goes on to the large one. The team wants the cheapest setting that keeps errors under a fixed budget, and today it sets that threshold by hand from the output probability of the answer, which is poorly calibrated after instruction tuning. A probe gives a second signal read from the model itself. We measure whether it helps that decision on four question-answering sets, against the output probability and against a prompt that asks the model to rate its own answer, and we report the cost of each setting in queries sent to the large model. The probe keeps the error rate under the budget with fewer queries sent onward than either baseline on every set we tried.',
  method: [
    'We collect answers from Llama-3-8B on TriviaQA and label each one as right or wrong by exact match.',
    'The probe is a logistic regression on the residual stream at layer 16.',
  ],
  baselines: 'We compare with the output probability of the answer and with a self-evaluation prompt.',
  conclusion: ['The probe routes uncertain answers well. This sheds light on safety.'],
};

export async function makeFixturePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const body = await pdf.embedFont(StandardFonts.TimesRoman);
  const bold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  const pages: PDFPage[] = [];
  const newPage = () => {
    const p = pdf.addPage([PAGE.width, PAGE.height]);
    pages.push(p);
    // Running header and page number.
    p.drawText('Preprint. Under review.', { x: 54, y: 752, size: 9, font: body });
    p.drawText(String(pages.length), { x: 302, y: 40, size: 10, font: body });
    return p;
  };
  let page = newPage();
  page.drawText('Probes That Tell When an Answer Is Wrong', { x: 120, y: 720, size: 18, font: bold });
  page.drawText('Anonymous Authors', { x: 250, y: 695, size: 11, font: body });
  let column = 0;
  let y = 660;
  const x = () => (column === 0 ? COLUMN.left : COLUMN.right);
  const advance = (dy: number) => {
    y -= dy;
    if (y < COLUMN.bottom + 40) {
      if (column === 0) column = 1;
      else {
        page = newPage();
        column = 0;
      }
      y = COLUMN.top;
    }
  };
  const line = (text: string, font: PDFFont, size: number, indent = 0) => {
    page.drawText(text, { x: x() + indent, y, size, font });
    advance(size * 1.2);
  };
  const heading = (text: string) => {
    advance(6);
    line(text, bold, 12);
    advance(2);
  };
  const paragraph = (lines: readonly string[], indent = 10) => {
    lines.forEach((l, k) => line(l, body, 10, k === 0 ? indent : 0));
  };
  heading('Abstract');
  paragraph(wrap(SECTIONS.abstract.join(' ')), 0);
  // A figure below the abstract pushes the introduction down, so its second paragraph runs on into the right column.
  page.drawRectangle({ x: COLUMN.left, y: y - 190, width: 240, height: 180, color: rgb(0.85, 0.85, 0.85) });
  advance(200);
  heading('1 Introduction');
  paragraph(wrapKeeping(SECTIONS.introduction), 0);
  paragraph(wrap(SECTIONS.routing));
  // A footnote at the foot of the left column (smaller, below the text).
  page.drawText('1 Code and probes are released with the paper.', { x: COLUMN.left, y: COLUMN.bottom, size: 8, font: body });
  // The rest of the introduction continues; then the method, in the right column and on page 2.
  heading('2 Method');
  paragraph(wrap(SECTIONS.method.join(' ')), 0);
  heading('2.1 Setup');
  paragraph(wrap('We hold out a fifth of the questions for testing and repeat every run with three seeds.'), 0);
  // A run-in heading: a bold lead, then the paragraph in the body font.
  advance(4);
  const lead = 'Baselines.';
  page.drawText(lead, { x: x(), y, size: 10, font: bold });
  const cut = SECTIONS.baselines.lastIndexOf(' ', 60);
  page.drawText(` ${SECTIONS.baselines.slice(0, cut)}`, { x: x() + bold.widthOfTextAtSize(lead, 10), y, size: 10, font: body });
  advance(12);
  line(SECTIONS.baselines.slice(cut).trim(), body, 10);
  advance(8);
  line('Table 1: Error detection on held-out questions.', body, 9);
  line('Method          AUROC', body, 9);
  line('Probe           0.81', body, 9);
  advance(8);
  // Page 3: the conclusion and the references.
  page = newPage();
  column = 0;
  y = COLUMN.top;
  heading('3 Conclusion');
  paragraph(wrap(SECTIONS.conclusion.join(' ')), 0);
  heading('References');
  paragraph(['A. Author and B. Writer. 2023. A study of probes. In Proceedings of a Conference.'], 0);
  // An image-like rectangle, as a figure would be.
  page.drawRectangle({ x: COLUMN.right, y: 500, width: 200, height: 100, color: rgb(0.8, 0.8, 0.8) });
  return pdf.save();
}

/** Lines of at most about 55 characters. */
function wrap(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of text.split(' ')) {
    if (cur && cur.length + 1 + w.length > 55) {
      out.push(cur);
      cur = w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  if (cur) out.push(cur);
  return out;
}

/** Wraps each given line on its own (a line ending in a hyphen stays the last of its piece). */
function wrapKeeping(lines: readonly string[]): string[] {
  return lines.flatMap((l) => wrap(l));
}

/** A PDF with pages and no text (a scan). */
export async function makeScannedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < 2; i++) pdf.addPage([PAGE.width, PAGE.height]).drawRectangle({ x: 50, y: 50, width: 500, height: 700, color: rgb(0.9, 0.9, 0.9) });
  return pdf.save();
}

/** The fixture's prose as a Markdown draft, for comparing what the two formats give. */
export function fixtureMarkdown(): string {
  return [
    '---',
    'title: "Probes That Tell When an Answer Is Wrong"',
    '---',
    '',
    '## Abstract',
    '',
    SECTIONS.abstract.join(' '),
    '',
    '## 1 Introduction',
    '',
    SECTIONS.introduction.join(' ').replace('inter- pretability', 'interpretability'),
    '',
    SECTIONS.routing,
    '',
    '## 2 Method',
    '',
    SECTIONS.method.join(' '),
    '',
    '### 2.1 Setup',
    '',
    'We hold out a fifth of the questions for testing and repeat every run with three seeds.',
    '',
    '##### Baselines',
    '',
    SECTIONS.baselines,
    '',
    '## 3 Conclusion',
    '',
    SECTIONS.conclusion.join(' '),
    '',
    '## References',
    '',
    'A. Author and B. Writer. 2023. A study of probes. In Proceedings of a Conference.',
    '',
  ].join('\n');
}
