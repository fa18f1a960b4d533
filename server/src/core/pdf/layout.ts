// From the positioned text runs of a PDF's pages to a Markdown rendering of the paper, which the
// Markdown reader then reads like any draft: the title (the largest text on page 1), headings
// (numbered lines, larger or distinct-font lines, the usual section names) with their level,
// paragraphs (lines joined; a vertical gap, a first-line indent or a short last line ends one;
// line-break hyphens joined), captions, footnotes and floats set aside until the paragraph they
// interrupt ends, and running headers, footers and page numbers dropped. pdf.js gives runs in the
// order they are drawn, which for TeX output is reading order, column by column.

export interface PdfRun {
  text: string;
  /** Baseline start, in PDF units from the page's bottom left. */
  x: number;
  y: number;
  width: number;
  /** Font size (the run's height). */
  size: number;
  /** pdf.js's font id: runs in one font share it. */
  font: string;
  /** The run ends a line (pdf.js's hasEOL). */
  eol: boolean;
}

export interface PdfPage {
  width: number;
  height: number;
  runs: PdfRun[];
}

export interface PdfLayout {
  markdown: string;
  /** Offset in `markdown` where each page's text starts (index 0 = page 1). */
  pageStarts: number[];
  /** Headings found, for the outline and tests. */
  headings: Array<{ level: number; text: string; page: number }>;
}

interface Line {
  page: number;
  x: number;
  y: number;
  xEnd: number;
  size: number;
  font: string;
  /** The line's runs with their fonts (run-in headings are a leading run in another font). */
  runs: Array<{ text: string; font: string }>;
  text: string;
}

interface Block {
  kind: 'title' | 'heading' | 'paragraph' | 'caption' | 'aside';
  level?: number;
  page: number;
  text: string;
}

const SECTION_NAMES = /^(abstract|introduction|related work|background|preliminaries|methods?|methodology|approach|experiments?|experimental setup|evaluation|results|results and discussion|analysis|discussion|conclusions?|conclusion and future work|limitations|broader impacts?|ethics statement|impact statement|acknowledg(e)?ments?|references|bibliography|appendix|appendices|supplementary material)$/i;
const NUMBERED = /^((?:\d{1,2}|[A-Z])(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$/;
const CAPTION = /^(Figure|Fig\.|Table)\s*[A-Z]?\d+[:.]/;
const LIGATURES: Record<string, string> = { 'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'st', 'ﬆ': 'st' };

export function layoutPdf(pages: readonly PdfPage[]): PdfLayout {
  const lines = pages.flatMap((p, i) => linesOf(p, i + 1));
  const body = dominant(lines);
  const kept = dropMargins(lines, pages, body.size);
  const blocks = toBlocks(kept, body, pages);
  return render(blocks, pages.length);
}

/** Runs grouped into lines: a new line at pdf.js's end of line, a change of baseline, or a jump back. */
function linesOf(page: PdfPage, n: number): Line[] {
  const out: Line[] = [];
  let cur: { runs: PdfRun[] } | undefined;
  const flush = () => {
    if (cur && cur.runs.some((r) => r.text.trim())) out.push(makeLine(cur.runs, n));
    cur = undefined;
  };
  let last: PdfRun | undefined;
  for (const r of page.runs) {
    if (!r.text) {
      if (r.eol) {
        flush();
        last = undefined;
      }
      continue;
    }
    const size = Math.max(r.size, 1);
    // A line may start with blank runs, which are not kept: compare with its first kept one.
    if (cur?.runs.length && last) {
      const main = mainRun(cur.runs);
      const off = Math.abs(r.y - main.y);
      // A superscript or subscript (smaller, raised or lowered) stays on its line.
      const script = r.size < main.size * 0.85 && off < main.size * 0.7;
      if ((off > Math.max(main.size, size) * 0.5 && !script) || r.x < last.x - 2 * size) flush();
    }
    cur ??= { runs: [] };
    if (r.text.trim() || cur.runs.length) cur.runs.push(r);
    last = r;
    if (r.eol) {
      flush();
      last = undefined;
    }
  }
  flush();
  return out;
}

function mainRun(runs: readonly PdfRun[]): PdfRun {
  let best = runs[0];
  for (const r of runs) if (r.text.trim().length * r.size > best.text.trim().length * best.size) best = r;
  return best;
}

function makeLine(runs: PdfRun[], page: number): Line {
  const main = mainRun(runs);
  // Footnote and citation markers (small, raised digits or symbols) are not words of the sentence.
  const words = runs.filter((r) => !(r.size < main.size * 0.8 && r.y > main.y + main.size * 0.15 && /^[\d,*†‡§¶∗]+$/.test(r.text.trim())));
  let text = '';
  let prevEnd = -Infinity;
  const parts: Array<{ text: string; font: string }> = [];
  for (const r of words) {
    const gap = r.x - prevEnd;
    const s = clean(r.text);
    if (text && !/\s$/.test(text) && !/^\s/.test(s) && gap > main.size * 0.12) text += ' ';
    text += s;
    if (s.trim()) {
      const lastPart = parts[parts.length - 1];
      if (lastPart && lastPart.font === r.font) lastPart.text += s;
      else parts.push({ text: s, font: r.font });
    }
    prevEnd = r.x + r.width;
  }
  const xs = words.filter((r) => r.text.trim());
  const sizes = new Map<number, number>();
  const fonts = new Map<string, number>();
  for (const r of xs) {
    const k = Math.round(r.size * 2) / 2;
    sizes.set(k, (sizes.get(k) ?? 0) + r.text.length);
    fonts.set(r.font, (fonts.get(r.font) ?? 0) + r.text.length);
  }
  return {
    page,
    x: Math.min(...xs.map((r) => r.x)),
    y: main.y,
    xEnd: Math.max(...xs.map((r) => r.x + r.width)),
    size: argmax(sizes),
    font: argmax(fonts),
    runs: parts,
    text: text.replace(/\s+/g, ' ').trim(),
  };
}

function argmax<K>(m: Map<K, number>): K {
  let best: K | undefined;
  let n = -1;
  for (const [k, v] of m) if (v > n) [best, n] = [k, v];
  return best as K;
}

/** Ligatures as letters, and composed accents. */
function clean(s: string): string {
  return s.replace(/[ﬀ-ﬆ]/g, (c) => LIGATURES[c] ?? c).normalize('NFC');
}

/** The body text's size and font: those of most characters. */
function dominant(lines: readonly Line[]): { size: number; font: string; width: number } {
  const sizes = new Map<number, number>();
  const fonts = new Map<string, number>();
  for (const l of lines) {
    sizes.set(l.size, (sizes.get(l.size) ?? 0) + l.text.length);
    fonts.set(l.font, (fonts.get(l.font) ?? 0) + l.text.length);
  }
  const size = argmax(sizes) ?? 10;
  const widths = lines.filter((l) => l.size === size).map((l) => l.xEnd - l.x).sort((a, b) => a - b);
  // A full line's width: the upper part of the distribution (last lines of paragraphs are shorter).
  return { size, font: argmax(fonts) ?? '', width: widths[Math.floor(widths.length * 0.75)] ?? 300 };
}

/** Page numbers and running headers or footers: in the top or bottom margin, a bare number or text repeated on several pages. */
function dropMargins(lines: readonly Line[], pages: readonly PdfPage[], bodySize: number): Line[] {
  const inMargin = (l: Line) => {
    const h = pages[l.page - 1].height;
    return l.y > h * 0.91 || l.y < h * 0.075;
  };
  const key = (l: Line) => l.text.replace(/\d+/g, '#').toLowerCase();
  const seen = new Map<string, Set<number>>();
  for (const l of lines) if (inMargin(l)) seen.set(key(l), (seen.get(key(l)) ?? new Set()).add(l.page));
  return lines.filter((l) => {
    if (!inMargin(l)) return true;
    if (/^([ivxlc]+|\d{1,4}|page \d+( of \d+)?|\d+ of \d+)$/i.test(l.text)) return false;
    // arXiv's stamp and similar notices sit in the margin in a small size.
    if (/^arXiv:\d{4}\.\d{4,5}/.test(l.text)) return false;
    // Repeated on three pages (on two, in a paper that short).
    return (seen.get(key(l))?.size ?? 0) < Math.min(3, Math.max(2, pages.length - 1)) || l.size > bodySize * 1.3;
  });
}

type Body = { size: number; font: string; width: number };

function headingOf(l: Line, body: Body): { level: number; text: string } | undefined {
  if (l.text.length > 120 || l.text.length < 3) return undefined;
  const words = l.text.replace(/^[\dA-Z](\.\d+)*\.?\s+/, '');
  const letters = (words.match(/[A-Za-z]/g) ?? []).length;
  if (letters < words.length * 0.6) return undefined;
  const larger = l.size > body.size + 0.8;
  const distinct = l.font !== body.font;
  if (l.size < body.size - 0.6) return undefined;
  const m = NUMBERED.exec(l.text);
  if (m && (larger || distinct) && /^[A-Z]/.test(m[2]) && !/[.:,;]$/.test(m[2]) && !/\d{4}/.test(m[2])) {
    return { level: Math.min(4, m[1].split('.').length + 1), text: `${m[1]} ${m[2]}` };
  }
  if (SECTION_NAMES.test(l.text.replace(/[.:]$/, '')) && (larger || distinct)) return { level: 2, text: l.text.replace(/[.:]$/, '') };
  if (larger && !/[.,;]$/.test(l.text) && /^[A-Z]/.test(l.text) && l.text.split(' ').length <= 12) return { level: 2, text: l.text };
  return undefined;
}

function toBlocks(lines: readonly Line[], body: Body, pages: readonly PdfPage[]): Block[] {
  const blocks: Block[] = [];
  const aside: Block[] = [];
  let open: (Block & { last: Line }) | undefined;
  const close = () => {
    if (open) blocks.push({ kind: open.kind, page: open.page, text: open.text, ...(open.level ? { level: open.level } : {}) });
    open = undefined;
    for (const a of aside.splice(0)) blocks.push(a);
  };
  // The title: the largest text in the upper part of page 1, with the lines of the same size after it.
  const first = lines.filter((l) => l.page === 1 && l.y > pages[0].height * 0.55);
  const titleSize = Math.max(0, ...first.map((l) => l.size));
  let i = 0;
  if (titleSize > body.size + 2) {
    const start = lines.findIndex((l) => l.page === 1 && l.size === titleSize && l.y > pages[0].height * 0.55);
    let end = start;
    while (end + 1 < lines.length && lines[end + 1].page === 1 && lines[end + 1].size === titleSize) end++;
    blocks.push({ kind: 'title', page: 1, text: lines.slice(start, end + 1).map((l) => l.text).join(' ') });
    // Authors and affiliations between the title and the first heading of page 1 are not prose.
    const named = (l: Line) => {
      const h = headingOf(l, body);
      return h !== undefined && (NUMBERED.test(l.text) || SECTION_NAMES.test(h.text));
    };
    const firstHeading = lines.findIndex((l, k) => k > end && (named(l) || l.page > 1));
    i = firstHeading > end && lines[firstHeading].page === 1 ? firstHeading : end + 1;
  }
  let prevHeading: Block | undefined;
  let captionLine: Line | undefined;
  for (; i < lines.length; i++) {
    const l = lines[i];
    const heading = headingOf(l, body);
    if (heading) {
      // A heading that wraps: the next line in the same size and font, close below.
      if (prevHeading && open === undefined && blocks[blocks.length - 1] === prevHeading && prevHeading.page === l.page && !NUMBERED.test(l.text) && !SECTION_NAMES.test(l.text)) {
        prevHeading.text += ` ${l.text}`;
        continue;
      }
      close();
      prevHeading = { kind: 'heading', level: heading.level, page: l.page, text: heading.text };
      blocks.push(prevHeading);
      continue;
    }
    const wrapsHeading = prevHeading && open === undefined && blocks[blocks.length - 1] === prevHeading && l.page === prevHeading.page && l.size === lines[i - 1]?.size && l.font === lines[i - 1]?.font && l.font !== body.font && Math.abs(lines[i - 1].y - l.y) < l.size * 1.6 && l.text.length < 80;
    if (wrapsHeading) {
      prevHeading!.text += ` ${l.text}`;
      continue;
    }
    prevHeading = undefined;
    const small = l.size < body.size * 0.87;
    if (CAPTION.test(l.text) || small) {
      // A caption, footnote or float's text: set aside until the paragraph it interrupts ends.
      const kind = CAPTION.test(l.text) ? 'caption' : 'aside';
      const tail = aside[aside.length - 1];
      const prevLine = lines[i - 1];
      if (kind === 'aside' && tail && prevLine && prevLine.page === l.page && Math.abs(prevLine.size - l.size) < 0.6 && prevLine.y - l.y < l.size * 1.8 && prevLine.y > l.y) tail.text = join(tail.text, l.text);
      else aside.push({ kind, page: l.page, text: l.text });
      captionLine = kind === 'caption' ? l : undefined;
      continue;
    }
    // A caption's next lines, right below it.
    if (captionLine && captionLine.page === l.page && captionLine.y > l.y && captionLine.y - l.y < l.size * 1.6 && Math.abs(captionLine.size - l.size) < 0.6) {
      aside[aside.length - 1].text = join(aside[aside.length - 1].text, l.text);
      captionLine = /[.]$/.test(l.text) && l.xEnd - l.x < body.width * 0.82 ? undefined : l;
      continue;
    }
    captionLine = undefined;
    if (open && !/[.?!:]["”’)]?$/.test(open.last.text) && floatLine(open.last, l, body)) {
      aside.push({ kind: 'aside', page: l.page, text: l.text });
      continue;
    }
    if (open && continues(open.last, l, body)) {
      open.text = join(open.text, l.text);
      open.last = l;
      continue;
    }
    close();
    const lead = runIn(l, body);
    if (lead) {
      blocks.push({ kind: 'heading', level: 5, page: l.page, text: lead.replace(/[.:]$/, '') });
      open = { kind: 'paragraph', page: l.page, text: l.text.slice(lead.length).trim(), last: l };
    } else open = { kind: 'paragraph', page: l.page, text: l.text, last: l };
  }
  close();
  const kept = blocks.filter((b) => b.text.trim() && !(b.kind === 'aside' && labelLike(b.text)));
  resolveHyphens(kept);
  return kept;
}

/** A figure's labels or a table's cells set aside: few words of prose ("x’5", "FF layer", "0.2 1.5 0"). */
function labelLike(text: string): boolean {
  const words = text.match(/[A-Za-z]{3,}/g) ?? [];
  return words.length < 5 || !/[a-z]{3,} [a-z]{2,} [a-z]{2,}/.test(text);
}

/**
 * Inside a paragraph that has not ended, a line of a figure or table drawn in the middle of it: on the
 * same page, short, and not where the paragraph's lines start (nor at the top of the next column).
 */
function floatLine(prev: Line, l: Line, body: Body): boolean {
  if (l.page !== prev.page) return false;
  const width = l.xEnd - l.x;
  const aligned = Math.abs(l.x - prev.x) < l.size * 0.6;
  const nextColumn = l.y > prev.y && l.x > prev.x + body.width * 0.8;
  return !aligned && !nextColumn && width < body.width * 0.7;
}

/** Whether line `l` goes on the paragraph whose last line is `prev`. */
function continues(prev: Line, l: Line, body: Body): boolean {
  if (Math.abs(prev.size - l.size) > 0.6) return false;
  const ended = /[.?!:]["”’)]?$/.test(prev.text);
  const short = prev.xEnd - prev.x < body.width * 0.82;
  if (prev.page === l.page && l.y < prev.y) {
    // The same column: a gap of more than about one and a half lines, an indented first line, or a short finished last line.
    if (prev.y - l.y > Math.max(prev.size, l.size) * 1.75) return false;
    if (l.x > prev.x + l.size * 0.6 && l.x - prev.x < l.size * 5 && ended) return false;
    if (ended && short) return false;
    return true;
  }
  // The next column or page: the paragraph goes on unless its last line was finished and short.
  return !(ended && short);
}

/** A run-in heading: the line's first run in a font other than the body's, a few words ending in a full stop. */
function runIn(l: Line, body: Body): string | undefined {
  const lead = l.runs[0];
  if (!lead || lead.font === body.font || l.runs.length < 2) return undefined;
  const t = lead.text.trim();
  if (t.length < 3 || t.length > 60 || !/^[A-Z]/.test(t) || !/[.:]$/.test(t) || t.split(' ').length > 8) return undefined;
  return l.text.startsWith(t) ? t : undefined;
}

/** Two lines of one paragraph: a hyphen broken over the line is joined ("tex-" "tual" → "textual"). */
function join(a: string, b: string): string {
  // Marked, and decided once the whole text is known (resolveHyphens).
  if (/[a-z]-$/.test(a) && /^[a-z]/.test(b)) return `${a.slice(0, -1)}${SOFT}${b}`;
  if (/[A-Za-z]-$/.test(a) && /^[A-Z0-9]/.test(b)) return a + b;
  return `${a} ${b}`;
}

const SOFT = '\u00ad';

/**
 * A word broken at a hyphen over a line: "trans-" "former" is one word, "transformer-" "based" a
 * compound. The paper itself tells: the compound is kept when it is written with its hyphen elsewhere
 * in the text, else the hyphen was a line break.
 */
function resolveHyphens(blocks: Block[]): void {
  const all = blocks.map((b) => b.text).join(' ');
  const hyphenated = new Set(all.match(/[A-Za-z]+-[A-Za-z]+/g) ?? []);
  const words = new Set(all.match(/[A-Za-z]+/g) ?? []);
  for (const b of blocks) {
    b.text = b.text.replace(/([A-Za-z]+)\u00ad([A-Za-z]+)/g, (_m, x: string, y: string) => (hyphenated.has(`${x}-${y}`) && !words.has(x + y) ? `${x}-${y}` : x + y));
  }
}

function render(blocks: readonly Block[], pageCount: number): PdfLayout {
  let markdown = '';
  const starts: Array<number | undefined> = new Array(pageCount).fill(undefined);
  const headings: PdfLayout['headings'] = [];
  for (const b of blocks) {
    if (starts[b.page - 1] === undefined) starts[b.page - 1] = markdown.length;
    // The title as front matter, so that the headings below are the paper's sections, not its subsections.
    if (b.kind === 'title') markdown += `---\ntitle: ${JSON.stringify(b.text)}\n---\n\n`;
    else if (b.kind === 'heading') {
      markdown += `${'#'.repeat(b.level ?? 2)} ${escapeInline(b.text)}\n\n`;
      headings.push({ level: b.level ?? 2, text: b.text, page: b.page });
    } else markdown += `${escapeBlock(b.text)}\n\n`;
  }
  // A page with no text of its own starts where the next text does.
  const pageStarts: number[] = [];
  let next = markdown.length;
  for (let p = pageCount - 1; p >= 0; p--) {
    next = starts[p] ?? next;
    pageStarts[p] = next;
  }
  return { markdown, pageStarts, headings };
}

/** Text that Markdown must read as text: its emphasis, link, HTML, math and table marks escaped. */
function escapeInline(s: string): string {
  return s.replace(/[\\`*_[\]<>$|~]/g, (c) => `\\${c}`);
}

/** A paragraph: inline marks escaped, and a start that would open a list, quote or heading. */
function escapeBlock(s: string): string {
  return escapeInline(s).replace(/^([#>+-]|\d+[.)])/, (m) => (m.length === 1 ? `\\${m}` : m.replace(/([.)])$/, '\\$1')));
}
