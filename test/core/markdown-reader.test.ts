import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { markdownReader } from '../../server/src/core/markdown/reader';
import type { ExtractItem } from '../../server/src/core/reader';
import type { Block } from '../../server/src/core/model';

const read = (chunk: string) => markdownReader.read(chunk, new Map()).items;
const blocks = (items: ExtractItem[]): Block[] =>
  items.flatMap((i) => ('block' in i ? [i.block] : []));
const texts = (chunk: string, kind?: Block['kind']) =>
  blocks(read(chunk))
    .filter((b) => !kind || b.kind === kind)
    .map((b) => b.text);
const chunks = (text: string) => markdownReader.split(text).map((s) => text.slice(s.start, s.end));

/**
 * Every character maps inside the chunk with non-decreasing starts, and a one-character span that is
 * not a collapsed space or part of a placeholder is the character itself.
 */
function assertMapping(chunk: string, block: Block): void {
  assert.equal(block.starts.length, block.text.length);
  for (let i = 0; i < block.text.length; i++) {
    const [s, e] = [block.starts[i], block.ends[i]];
    assert.ok(0 <= s && s < e && e <= chunk.length, `span ${s}-${e} of ${JSON.stringify(block.text[i])} at ${i}`);
    // The message is built only on failure: a long block would otherwise make this check quadratic.
    if (i > 0 && s < block.starts[i - 1]) assert.fail(`starts decrease at ${i} in ${JSON.stringify(block.text)}`);
    const inRef = block.refs.some((r) => r.start <= i && i < r.end && r.kind !== 'url' && block.text[r.start] === '[');
    const nul = chunk[s] === '\0' && block.text[i] === '\ufffd'; // CommonMark replaces NUL
    if (e - s === 1 && !/\s/.test(block.text[i]) && !inRef && !nul && chunk[s] !== block.text[i]) assert.fail(`char ${i} of ${JSON.stringify(block.text)}: ${JSON.stringify(chunk[s])} in the source`);
  }
}

function assertAllMapped(chunk: string): ExtractItem[] {
  const items = read(chunk);
  for (const b of blocks(items)) assertMapping(chunk, b);
  return items;
}

/** The source span of the first occurrence of `ch` in the block's text. */
function spanOf(chunk: string, block: Block, ch: string): string {
  const i = block.text.indexOf(ch);
  assert.ok(i >= 0, `${ch} in ${block.text}`);
  return chunk.slice(block.starts[i], block.ends[i]);
}

describe('markdown reader', () => {
  describe('split', () => {
    it('cuts before ATX headings and covers the text contiguously', () => {
      const text = 'intro\n# A\ntext\n## B\nmore\n###### C\n#hashtag is not a heading\n';
      const spans = markdownReader.split(text);
      assert.equal(spans[0].start, 0);
      assert.equal(spans[spans.length - 1].end, text.length);
      for (let i = 1; i < spans.length; i++) assert.equal(spans[i].start, spans[i - 1].end);
      assert.deepEqual(chunks(text), ['intro\n', '# A\ntext\n', '## B\nmore\n', '###### C\n#hashtag is not a heading\n']);
    });

    it('does not cut inside code fences, math blocks or HTML comments', () => {
      const text = [
        '# A',
        '```python',
        '# a comment',
        '```',
        '~~~~',
        '# also code',
        '```',
        '# still code',
        '~~~~',
        '$$',
        '# not a heading',
        '$$',
        '<!--',
        '# commented out',
        '-->',
        '# B',
        '',
      ].join('\n');
      const parts = chunks(text);
      assert.equal(parts.length, 2);
      assert.ok(parts[1].startsWith('# B'));
    });

    it('makes front matter its own first chunk and ignores # inside it', () => {
      const text = '---\ntitle: X\n# yaml comment\n---\n# Intro\ntext\n';
      assert.deepEqual(chunks(text), ['---\ntitle: X\n# yaml comment\n---\n', '# Intro\ntext\n']);
      assert.deepEqual(chunks('+++\ntitle = "X"\n+++\nbody\n'), ['+++\ntitle = "X"\n+++\n', 'body\n']);
    });

    it('handles CRLF line endings', () => {
      const text = '---\r\ntitle: X\r\n---\r\nintro\r\n# A\r\n```\r\n# code\r\n```\r\n## B\r\n';
      assert.deepEqual(chunks(text), ['---\r\ntitle: X\r\n---\r\n', 'intro\r\n', '# A\r\n```\r\n# code\r\n```\r\n', '## B\r\n']);
    });

    it('returns one chunk for empty text or text without headings', () => {
      assert.deepEqual(markdownReader.split(''), [{ start: 0, end: 0 }]);
      assert.deepEqual(markdownReader.split('just text'), [{ start: 0, end: 9 }]);
    });
  });

  describe('read', () => {
    it('reads headings with their level, plain title and start', () => {
      const chunk = 'x\n\n## The *Main* Result {#sec-main}\n';
      const items = read(chunk);
      const h = items.find((i) => i.type === 'heading');
      assert.ok(h && h.type === 'heading');
      assert.equal(h.level, 2);
      assert.equal(h.title, 'The Main Result');
      assert.equal(h.start, 3);
      assert.equal(h.block.kind, 'heading');
      assertMapping(chunk, h.block);
      const setext = read('Title\n=====\n\nSub\n---\n').filter((i) => i.type === 'heading');
      assert.deepEqual(setext.map((i) => i.type === 'heading' && [i.level, i.title]), [[1, 'Title'], [2, 'Sub']]);
      assert.deepEqual(read('# One\n').map((i) => i.type), ['heading']); // the assembler decides about titles
    });

    it('produces paragraphs, list items, quotes and footnotes', () => {
      const chunk = [
        'A paragraph\nover two lines.',
        '',
        '- first item',
        '  - nested item',
        '- second item',
        '',
        '1. numbered',
        '',
        '> quoted text',
        '> continues',
        '',
        'Claim.[^n]',
        '',
        '[^n]: The *footnote* text.',
        '',
      ].join('\n');
      const items = assertAllMapped(chunk);
      assert.deepEqual(
        blocks(items).map((b) => [b.kind, b.text]),
        [
          ['paragraph', 'A paragraph over two lines.'],
          ['list-item', 'first item'],
          ['list-item', 'nested item'],
          ['list-item', 'second item'],
          ['list-item', 'numbered'],
          ['paragraph', 'quoted text continues'],
          ['paragraph', 'Claim.'],
          ['footnote', 'The footnote text.'],
        ],
      );
      for (const b of blocks(items)) {
        assert.equal(b.base, 0);
        assert.equal(b.section, -1);
        assert.ok(b.sentences.length > 0);
      }
    });

    it('reads GFM table cells with row and column', () => {
      const chunk = '| Model | Acc \\| F1 |\n|---|---:|\n| probe | **0.9** |\n\n| x |\n|---|\n| y |\n';
      const cells = blocks(assertAllMapped(chunk));
      assert.deepEqual(
        cells.map((b) => [b.kind, b.text, b.cell!.row, b.cell!.column]),
        [
          ['table-cell', 'Model', 0, 0],
          ['table-cell', 'Acc | F1', 0, 1],
          ['table-cell', 'probe', 1, 0],
          ['table-cell', '0.9', 1, 1],
          ['table-cell', 'x', 0, 0],
          ['table-cell', 'y', 1, 0],
        ],
      );
      assert.equal(new Set(cells.slice(0, 4).map((b) => b.cell!.table)).size, 1);
      assert.notEqual(cells[0].cell!.table, cells[4].cell!.table);
    });

    it('turns citations and Quarto cross-references into placeholders', () => {
      const chunk = 'As shown [@smith2020; @doe2021, p. 3], see @fig-probe and [@sec-exp]. Also @lee:2019.\n';
      const [b] = blocks(assertAllMapped(chunk));
      assert.equal(b.text, 'As shown [cite:smith2020,doe2021], see [ref:fig-probe] and [ref:sec-exp]. Also [cite:lee:2019].');
      assert.deepEqual(
        b.refs.map((r) => [r.kind, r.keys, b.text.slice(r.start, r.end)]),
        [
          ['cite', ['smith2020', 'doe2021'], '[cite:smith2020,doe2021]'],
          ['ref', ['fig-probe'], '[ref:fig-probe]'],
          ['ref', ['sec-exp'], '[ref:sec-exp]'],
          ['cite', ['lee:2019'], '[cite:lee:2019]'],
        ],
      );
      // The placeholder stands for the whole bracketed citation.
      const r = b.refs[0];
      assert.equal(chunk.slice(b.starts[r.start], b.ends[r.end - 1]), '[@smith2020; @doe2021, p. 3]');
    });

    it('keeps code units aligned around emoji and inline code', () => {
      const chunk = '👩‍🔬a `aaa` 👩‍🔬b [@smith2020]\n';
      const [b] = blocks(assertAllMapped(chunk));
      assert.equal(b.text, '👩‍🔬a aaa 👩‍🔬b [cite:smith2020]');
    });

    it('does not read emails or inline code as citations', () => {
      const [b] = blocks(read('Write to me@example.org about `@decorator` and [a@b].\n'));
      assert.equal(b.text, 'Write to me@example.org about @decorator and [a@b].');
      assert.ok(b.refs.every((r) => r.kind === 'url'));
    });

    it('keeps link text and records cross-reference and URL links', () => {
      const chunk = 'See [Section 4](#sec-exp), [our code](https://github.com/x/y) and <https://arxiv.org>.\n';
      const [b] = blocks(assertAllMapped(chunk));
      assert.equal(b.text, 'See Section 4, our code and https://arxiv.org.');
      assert.deepEqual(
        b.refs.map((r) => [r.kind, r.keys, b.text.slice(r.start, r.end)]),
        [
          ['ref', ['sec-exp'], 'Section 4'],
          ['url', ['https://github.com/x/y'], 'our code'],
          ['url', ['https://arxiv.org'], 'https://arxiv.org'],
        ],
      );
      // GFM literal autolinks come without source positions; they are aligned between their neighbours.
      const literal = 'Data at https://example.com/d [and www.x.org] today.\n';
      const [bare] = blocks(assertAllMapped(literal));
      assert.equal(bare.text, 'Data at https://example.com/d [and www.x.org] today.');
      assert.deepEqual(bare.refs.map((r) => [r.kind, r.keys, bare.text.slice(r.start, r.end)]), [
        ['url', ['https://example.com/d'], 'https://example.com/d'],
        ['url', ['http://www.x.org'], 'www.x.org'],
      ]);
      assert.equal(bare.starts[bare.text.indexOf('today')], literal.indexOf('today'));
    });

    it('skips math, code, HTML and comments but keeps inline code text', () => {
      const chunk = [
        'The loss $\\mathcal{L} = x^2$ drops and `probe.fit()` runs.',
        '',
        '$$',
        'E = mc^2',
        '$$',
        '',
        '```{r}',
        'plot(x)',
        '```',
        '',
        '    indented code',
        '',
        '<!-- a hidden note -->',
        '',
        '<div class="x">',
        'raw html',
        '</div>',
        '',
        'Tail<!-- inline --> text.',
        '',
      ].join('\n');
      assert.deepEqual(blocks(assertAllMapped(chunk)).map((b) => b.text), ['The loss drops and probe.fit() runs.', 'Tail text.']);
    });

    it('reads figure captions: lone images, Quarto fig-cap and figcaption', () => {
      const chunk = [
        '::: {#fig-probe}',
        '![Probe *accuracy* per layer.](acc.png){#fig-acc width=80%}',
        ':::',
        '',
        '```{python}',
        '#| label: fig-loss',
        '#| fig-cap: "Loss over training."',
        'plt.plot(loss)',
        '```',
        '',
        "```{r, fig.cap='Attention map.'}",
        'image(a)',
        '```',
        '',
        '<figure><img src="a.png"><figcaption>Figure 3: <b>Heads</b>.</figcaption></figure>',
        '',
        'Inline ![icon](i.png) stays in the paragraph.',
        '',
      ].join('\n');
      const bs = blocks(assertAllMapped(chunk));
      assert.deepEqual(
        bs.map((b) => [b.kind, b.text]),
        [
          ['caption', 'Probe accuracy per layer.'],
          ['caption', 'Loss over training.'],
          ['caption', 'Attention map.'],
          ['caption', 'Figure 3: Heads.'],
          ['paragraph', 'Inline icon stays in the paragraph.'],
        ],
      );
    });

    it('reads title and abstract from YAML front matter', () => {
      const chunk = [
        '---',
        'title: "Probing *Sparse* \\"Features\\""',
        'author: A. Person',
        'abstract: |',
        '  We find that probes [@smith2020]',
        '  generalize.',
        '',
        '  A second paragraph &amp; more.',
        'format: html',
        '---',
        '',
      ].join('\n');
      const items = read(chunk);
      assert.deepEqual(items.map((i) => i.type), ['title', 'open-section', 'block', 'block', 'close-section']);
      const [title, open, p1, p2, close] = items;
      assert.ok(title.type === 'title' && open.type === 'open-section' && close.type === 'close-section');
      assert.ok(p1.type === 'block' && p2.type === 'block');
      assert.equal(title.block.text, 'Probing Sparse "Features"');
      assert.equal(title.block.kind, 'title');
      assert.equal(spanOf(chunk, title.block, '"'), '\\"');
      assertMapping(chunk, title.block);
      assert.deepEqual([open.title, open.role, open.start], ['Abstract', 'abstract', chunk.indexOf('abstract:')]);
      assert.equal(p1.block.text, 'We find that probes [cite:smith2020] generalize.');
      assert.equal(p2.block.text, 'A second paragraph & more.');
      assert.equal(spanOf(chunk, p2.block, '&'), '&amp;');
      assertMapping(chunk, p1.block);
      assertMapping(chunk, p2.block);
      assert.equal(close.end, chunk.indexOf('more.') + 'more.'.length);
    });

    it('reads an abstract of 1,200 lines with no blank line in pieces, every block mapped to its source', () => {
      const lines = Array.from({ length: 1200 }, (_, i) => `  Line ${i} of the abstract &amp; its words.`);
      const chunk = ['---', 'abstract: |', ...lines, '---', ''].join('\n');
      const items = read(chunk);
      const bs = blocks(items);
      // Cut every 500 lines, as the body is: three paragraphs, no text lost.
      assert.equal(bs.length, 3);
      assert.equal(bs.map((b) => b.text).join(' '), lines.map((l) => l.trim().replace('&amp;', '&')).join(' '));
      for (const b of bs) assertMapping(chunk, b);
      assert.equal(spanOf(chunk, bs[2], '&'), '&amp;');
      assert.ok(bs[2].text.startsWith('Line 1000 '));
      assert.equal(items.filter((i) => i.type === 'open-section').length, 1);
    });

    it('reads plain, single-quoted and folded front-matter scalars', () => {
      const plain = read('---\ntitle: Plain Title # a comment\nabstract: One line abstract.\n---\n');
      assert.deepEqual(plain.map((i) => ('block' in i ? i.block.text : i.type)), ['Plain Title', 'open-section', 'One line abstract.', 'close-section']);
      const chunk = "---\ntitle: 'It''s a title'\nabstract: >-\n  Folded\n  text.\n---\n";
      const items = read(chunk);
      assert.deepEqual(items.map((i) => ('block' in i ? i.block.text : i.type)), ["It's a title", 'open-section', 'Folded text.', 'close-section']);
      const t = items[0];
      assert.ok(t.type === 'title');
      assert.equal(spanOf(chunk, t.block, "'"), "''");
      const toml = read('+++\ntitle = "TOML Title"\n+++\n');
      assert.deepEqual(toml.map((i) => ('block' in i ? i.block.text : i.type)), ['TOML Title']);
    });

    it('maps escapes, entities, emoji and soft breaks to their exact source spans', () => {
      const chunk = 'A \\*literal\\* star &amp; caf&#233; &#x1F600; 😀 end\nnext &copy; line.\n';
      const [b] = blocks(read(chunk));
      assertMapping(chunk, b);
      assert.equal(b.text, 'A *literal* star & café 😀 😀 end next © line.');
      assert.equal(spanOf(chunk, b, '*'), '\\*');
      assert.equal(spanOf(chunk, b, '&'), '&amp;');
      assert.equal(spanOf(chunk, b, 'é'), '&#233;');
      assert.equal(spanOf(chunk, b, '©'), '&copy;');
      // An astral entity gives two code units, both standing for the entity.
      const i = b.text.indexOf('\ud83d');
      assert.equal(chunk.slice(b.starts[i], b.ends[i]), '&#x1F600;');
      assert.equal(chunk.slice(b.starts[i + 1], b.ends[i + 1]), '&#x1F600;');
      // A literal emoji maps code unit by code unit.
      const j = b.text.lastIndexOf('\ud83d');
      assert.equal(chunk.slice(b.starts[j], b.ends[j + 1]), '😀');
      assert.equal(b.ends[j] - b.starts[j], 1);
      // The soft break is one space standing for the newline.
      const k = b.text.indexOf(' next');
      assert.equal(chunk.slice(b.starts[k], b.ends[k]), '\n');
    });

    it('maps CRLF text and multi-line quotes and list items', () => {
      const chunk = '> Quoted \\_line\r\n> and the *next*\r\n\r\n- item\r\n  continued\r\n';
      const bs = blocks(read(chunk));
      assert.deepEqual(bs.map((b) => b.text), ['Quoted _line and the next', 'item continued']);
      for (const b of bs) assertMapping(chunk, b);
      const k = bs[0].text.indexOf(' and');
      assert.equal(chunk.slice(bs[0].starts[k], bs[0].ends[k]), '\r\n');
    });

    it('maps every block of a realistic draft', () => {
      const text = [
        '---',
        'title: "A *Draft*"',
        'abstract: |',
        '  Short &amp; sweet [@a].',
        '---',
        '',
        '# Introduction {#sec-intro}',
        '',
        'We train **sparse** autoencoders^[inline note] on 3 models (see @tbl-res and [here](#sec-res)).',
        'Escapes: \\[not a link\\], \\# and 5 \\< 6 &lt; 7; ~x~ subscript.',
        '',
        '## Results {#sec-res}',
        '',
        '| a | b |',
        '|---|---|',
        '| `x|y` | &nbsp; |',
        '',
        '* item with [@cite1]',
        '',
        '> quote 😀 with a [link][ref]',
        '',
        '[ref]: https://x.org',
        '',
      ].join('\n');
      for (const chunk of chunks(text)) assertAllMapped(chunk);
    });

    it('never throws, whatever the input', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
          for (const chunk of chunks(s)) assertAllMapped(chunk);
        }),
        { numRuns: 300 },
      );
      const alphabet = fc.constantFrom('#', '>', '-', '*', '_', '`', '~', '$', '[', ']', '(', ')', '@', '\\', '&', ';', '|', ':', '{', '}', '<', '!', '^', '"', "'", 'a', '1', ' ', '\n', '\r', '\t', '😀');
      fc.assert(
        fc.property(fc.string({ unit: alphabet, maxLength: 200 }), (s) => {
          for (const chunk of chunks('---\ntitle: ' + s + '\n---\n' + s)) assertAllMapped(chunk);
        }),
        { numRuns: 500 },
      );
    });

    it('survives 1000-deep nesting without crashing', () => {
      const inputs = [
        '>'.repeat(1000) + ' x',
        Array.from({ length: 1000 }, (_, i) => ' '.repeat(2 * i) + '- x').join('\n'),
        '- '.repeat(1000) + 'x',
        '*'.repeat(3000) + 'x' + '*'.repeat(3000),
        '['.repeat(3000) + 'x' + ']'.repeat(3000),
      ];
      for (const chunk of inputs) {
        const items = assertAllMapped(chunk);
        assert.ok(blocks(items).some((b) => b.text.includes('x')));
      }
      const [problem] = read('>'.repeat(1000) + ' x');
      assert.equal(problem.type, 'problem');
      // A few levels are read normally.
      assert.deepEqual(texts('> > > - - x\n'), ['x']);
    });
  });
});
