// Plain-text reader for papers that reach the linter converted from a PDF (pdftotext) or by a
// section extractor ("Title:", "Abstract:", "Section: X" lines). There is no markup, so structure
// is recovered from the lines themselves: numbered heading lines whose numbers follow on from the
// previous heading's, all-caps headings, bare role names ("Abstract", "References"), captions,
// flattened table rows, page furniture and reference entries. Every prose character keeps its
// exact source span; a line-break hyphen that is joined maps to nothing.
import type { Block, BlockKind } from '../model';
import type { ChunkResult, ChunkSpan, ExtractItem, FormatReader, MacroTable } from '../reader';
import { readHeading } from '../roles';
import { TextBuilder } from '../text-builder';

export const textReader: FormatReader = {
  // Headings are recognised from the numbering sequence of the whole file and a running header
  // from its repeats across pages, so the file is read as one chunk.
  split(text: string): ChunkSpan[] {
    return [{ start: 0, end: text.length }];
  },
  read(chunk: string, _macros: MacroTable): ChunkResult {
    return { items: new TextReading(chunk).run() };
  },
};

// ---------------------------------------------------------------------------------------------
// Lines

interface Line {
  /** Content without leading and trailing whitespace: [s, e). */
  s: number;
  e: number;
  t: string;
  indent: number;
  /** First line after a form feed (pdftotext's page break). */
  page: boolean;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let page = false;
  const re = /\r\n|\n|\r|\f/g;
  let from = 0;
  const push = (start: number, end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    lines.push({ s, e, t: text.slice(s, e), indent: s - start, page });
    page = false;
  };
  for (let m = re.exec(text); m; m = re.exec(text)) {
    push(from, m.index);
    if (m[0] === '\f') page = true;
    from = m.index + m[0].length;
  }
  push(from, text.length);
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Line shapes

const SENTENCE_END = /[.!?]["”’)\]]*$/;
const NUMBER_TOKEN = /^[-+−±]?[(\[]?[-+−]?\d[\d,]*(?:\.\d+)?%?[)\]]?[↑↓*†‡]*$|^[-–—]+$|^[✓✗×]$/;
const CAPTION = /^(?:Figure|Fig\.|Table|Tab\.|Algorithm|Listing)\s*[A-Z]?\d+(?:\.\d+)?\s*[:.|]/;
const LIST_ITEM = /^(?:[•·▪◦●■□➢–-]|\(?\d{1,2}[.)]|\([a-z]\)|[a-z]\))\s+\S/;
const LIST_ITEM_MARKER = /^(?:[•·▪◦●■□➢–-]|\(?\d{1,2}[.)]|\([a-z]\)|[a-z]\))\s+/;
const LONE_NUMBER = /^\d{1,3}$/;
const ARXIV_STAMP = /^arXiv:\d{4}\.\d{4,5}(?:v\d+)?\s*\[[\w.-]+\]/;
const EQUATION_NUMBER = /^\(\d{1,3}[a-z]?\)$/;
const NUMBERED = /^(\d{1,2}(?:\.\d{1,2}){0,3}|[A-Z](?:\.\d{1,2}){1,3}|[A-Z](?=\s|$)|[IVX]{1,5}(?=\.))(\.?)(?:\s+(\S.*))?$/;
const APPENDIX = /^(?:Appendix|APPENDIX)\s+([A-Z](?:\.\d{1,2})*)(?:\s*[:.–—-]\s*|\s+)(\S.*)?$/;
const BARE_ROLE_MAX_WORDS = 5;
/** Words a title line may end with when it continues on the next line ("Layers as / Memories"). */
const CONTINUES = /\b(?:as|of|and|or|for|the|in|on|with|to|a|an|via|from|by|at|through|into|under|versus|vs\.?)$|[:–—-]$/i;
/** Words before a line-end hyphen that make a hyphenated compound ("self-", "fine-", "non-"). */
const COMPOUND_PREFIXES = new Set(['non', 'self', 'fine', 'multi', 'cross', 'semi', 'anti', 'well', 'zero', 'few', 'task', 'human', 'high', 'low', 'long', 'open', 'large', 'small', 'half', 'quasi', 'pseudo', 'post', 'domain', 'model', 'data', 'single', 'two', 'three']);

function words(t: string): string[] {
  return t.split(/\s+/).filter(Boolean);
}

function isTableRow(t: string): boolean {
  const tokens = words(t);
  if (tokens.length < 2) return false;
  const numeric = tokens.filter((w) => NUMBER_TOKEN.test(w)).length;
  if (numeric < 2) return false;
  if (SENTENCE_END.test(t) && /[a-z]{3,}\.$/.test(t)) return false;
  return numeric / tokens.length >= 0.4;
}

/** How a line looks as a reference-list entry: its start, a year, a venue word. */
function entryStart(t: string): boolean {
  return (
    /^\[\d{1,3}\]\s+\S/.test(t) ||
    /^Ref_id:/.test(t) ||
    /^\d{1,3}\.\s+\p{Lu}[\p{L}'’-]+,\s+(?:\p{Lu}\.|\p{Lu}\p{Ll}+)/u.test(t) ||
    /^\p{Lu}[\p{L}'’-]+,\s+(?:\p{Lu}\.\s?)+(?:,|\s+and\b|\s*&|\s*\()/u.test(t) ||
    /^(?:\p{Lu}\.\s?)+\s*\p{Lu}[\p{L}'’-]+(?:,|\s+and\b)/u.test(t) ||
    /^(?:\p{Lu}[\p{L}'’-]+\s){1,3}\p{Lu}[\p{L}'’-]+,\s+(?:\p{Lu}[\p{L}'’-]+\s){1,3}\p{Lu}[\p{L}'’-]+(?:,|\s+and\b)/u.test(t)
  );
}
const YEAR = /(?:^|[\s(,])(?:19|20)\d\d[a-z]?[).,:]/;
const VENUE = /\b(?:In Proceedings|Proceedings of|arXiv(?: preprint)?|Advances in|Conference|Journal|Transactions|Workshop|pp\.|URL|doi|https?:\/\/|ICLR|NeurIPS|ICML|ACL|EMNLP|NAACL|AAAI|CVPR)\b/;

/** A run of lines that reads as reference-list entries rather than prose. */
function referenceLike(lines: Line[], strict: boolean): boolean {
  const starts = lines.filter((l) => entryStart(l.t)).length;
  const years = lines.filter((l) => YEAR.test(l.t)).length;
  const venues = lines.filter((l) => VENUE.test(l.t)).length;
  if (strict) return (starts >= 2 && years >= 2) || (lines.length >= 3 && years >= lines.length / 3 && venues >= lines.length / 4 && years >= 2);
  return starts >= 1 || years >= 1 || venues >= 1;
}

/**
 * Lines that belong to a run of reference entries: in each block of lines between blank lines, from
 * the first entry on after which entries and years are dense (two-column pdftotext can put a column
 * of the reference list before its "References" heading, or after a paragraph without a blank line).
 */
function referenceLines(lines: Line[]): Set<number> {
  const out = new Set<number>();
  for (let a = 0; a < lines.length; ) {
    if (lines[a].t === '') {
      a++;
      continue;
    }
    let b = a;
    while (b < lines.length && lines[b].t !== '') b++;
    let starts = 0;
    let years = 0;
    let from = -1;
    for (let k = b - 1; k >= a; k--) {
      const start = entryStart(lines[k].t);
      if (start) starts++;
      if (YEAR.test(lines[k].t)) years++;
      const n = b - k;
      if ((start || (k === a && (YEAR.test(lines[k].t) || VENUE.test(lines[k].t)))) && starts >= 2 && years >= 2 && years + starts >= n / 4) from = k;
    }
    if (from >= 0) for (let k = from; k < b; k++) out.add(k);
    a = b;
  }
  return out;
}

/** The parts of a heading number: "4.2" → ["4", "2"], "A.1" → ["A", "1"], "IV" → ["IV"]. */
type Parts = string[];

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10 };
function romanValue(r: string): number {
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const v = ROMAN[r[i]];
    total += i + 1 < r.length && ROMAN[r[i + 1]] > v ? -v : v;
  }
  return total;
}

/** An ordinal for one part of a number, and which series it belongs to. */
function ordinal(part: string, roman: boolean): { series: 'digit' | 'letter' | 'roman'; n: number } {
  if (/^\d+$/.test(part)) return { series: 'digit', n: Number(part) };
  if (roman) return { series: 'roman', n: romanValue(part) };
  return { series: 'letter', n: part.charCodeAt(0) - 64 };
}

/**
 * Whether `n` can follow `last` as the next heading's number: "4.2" after "4.1" or "4.1.3", "5" or
 * "5.1" after "4.3", "A" after "7". One skipped number is tolerated (a heading the reader missed);
 * "61.2" after "3.1" is not a heading.
 */
function follows(n: Parts, nRoman: boolean, last: Parts | undefined, lastRoman: boolean, skip = 2): boolean {
  if (!last) return n.length <= 2 && n.every((p) => p === '1' || p === 'I' || p === 'A');
  const a = ordinal(n[0], nRoman);
  const b = ordinal(last[0], lastRoman);
  if (a.series !== b.series) {
    // The appendix starts: lettered after digits or roman numerals.
    return a.series === 'letter' && a.n === 1 && n.slice(1).every((p) => p === '1');
  }
  if (n.length === 1) return a.n === b.n + 1 || (skip === 2 && a.n === b.n + 2);
  const prefix = n.slice(0, -1);
  const lastPart = Number(n[n.length - 1]);
  const samePrefix = prefix.every((p, i) => last[i] === p);
  if (samePrefix && last.length >= n.length) return lastPart === Number(last[n.length - 1]) + 1 || lastPart === Number(last[n.length - 1]) + 2;
  if (samePrefix && last.length === prefix.length) return lastPart === 1 || lastPart === 2;
  if (samePrefix) return false; // deeper than one level below the last heading
  // "5.1" after "4.3" when the heading "5" was missed.
  return (lastPart === 1 || lastPart === 2) && prefix.length <= last.length && follows(prefix, nRoman, last.slice(0, prefix.length), lastRoman, 1);
}

/** A heading's title: short, capitalised, not a sentence, a row of numbers or a citation. */
function titleShaped(t: string): boolean {
  const w = words(t);
  if (t.length > 90 || w.length === 0 || w.length > 14) return false;
  if (/[.,;]$/.test(t)) return false;
  if (!/^[\p{Lu}"“‘(]|^\p{Ll}+\p{Lu}/u.test(t)) return false;
  if (w.filter((x) => NUMBER_TOKEN.test(x)).length >= 2) return false;
  if ((t.match(/\p{L}/gu) ?? []).length < 3) return false;
  if (/\[\d|et al\b|[=<>≤≥∑∈↑↓]|https?:/.test(t)) return false;
  return true;
}

function allCaps(t: string): boolean {
  const letters = t.match(/\p{L}/gu) ?? [];
  return letters.length >= 4 && letters.every((c) => c === c.toUpperCase() && c !== c.toLowerCase()) && !/[.,;]$/.test(t);
}

// ---------------------------------------------------------------------------------------------
// Reading

type RunKind = 'paragraph' | 'caption' | 'list-item' | 'table';

interface Run {
  kind: RunKind;
  lines: Line[];
}

interface HeadingFound {
  level: number;
  /** Source spans of the heading's text, joined with single spaces. */
  spans: Array<[number, number]>;
  /** Index of the last line the heading uses. */
  lastLine: number;
  number?: { parts: Parts; roman: boolean };
  references?: boolean;
  appendix?: boolean;
}

class TextReading {
  private readonly lines: Line[];
  private readonly items: ExtractItem[] = [];
  private readonly median: number;
  private readonly repeated: Set<string>;
  private readonly grobid: boolean;
  private readonly wordCounts = new Map<string, number>();
  private last: { parts: Parts; roman: boolean } | undefined;
  private inReferences = false;
  private headingSeen = false;
  private titleDone = false;
  private run_: Run | undefined;
  /** The current run ended at a blank line without a sentence end: a lower-case line may continue it. */
  private open = false;
  private tables = 0;
  private row = 0;
  /** For `Section:` files: an empty section that the following ones nest under. */
  private grobidParent = false;
  /** The first "Abstract" line: numbered lines before it are affiliations and footnote marks. */
  private readonly abstractLine: number;
  /** Lines of reference-list entries, wherever two-column extraction put them. */
  private readonly entries: Set<number>;

  constructor(private readonly text: string) {
    this.lines = splitLines(text);
    const lengths = this.lines.map((l) => l.t.length).filter((n) => n >= 30).sort((a, b) => a - b);
    this.median = lengths.length > 0 ? lengths[Math.floor(lengths.length / 2)] : 80;
    const counts = new Map<string, number>();
    for (const l of this.lines) if (l.t.length >= 8 && !LONE_NUMBER.test(l.t)) counts.set(l.t, (counts.get(l.t) ?? 0) + 1);
    this.repeated = new Set([...counts].filter(([, n]) => n >= 3).map(([t]) => t));
    this.grobid = this.lines.filter((l) => /^Section:\s*\S/.test(l.t)).length >= 2;
    this.entries = referenceLines(this.lines);
    this.abstractLine = this.lines.findIndex((l) => /^(?:Abstract|ABSTRACT)(?:$|\s*[.:—–-])/.test(l.t));
  }

  run(): ExtractItem[] {
    const lines = this.lines;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (line.t === '') {
        this.blank();
        continue;
      }
      if (this.furniture(i)) continue;
      if (this.entries.has(i) && !this.grobid && !this.heading(i)) continue;
      if (this.grobid) {
        const used = this.grobidLine(i);
        if (used !== undefined) {
          i = used;
          continue;
        }
      } else {
        if (!this.titleDone && !this.headingSeen) {
          const used = this.title(i);
          if (used !== undefined) {
            i = used;
            continue;
          }
        }
        const heading = this.heading(i);
        if (heading) {
          this.emitHeading(heading);
          i = heading.lastLine;
          continue;
        }
        const runIn = /^(Abstract|ABSTRACT)\s*[.:—–-]\s*(?=\S)/.exec(line.t);
        if (runIn && !this.headingSeen) {
          this.emitHeading({ level: 1, spans: [[line.s, line.s + runIn[1].length]], lastLine: i });
          this.addLine({ ...line, s: line.s + runIn[0].length, t: line.t.slice(runIn[0].length) }, i);
          continue;
        }
      }
      this.addLine(line, i);
    }
    this.flush();
    return this.items;
  }

  // --- page furniture, title ------------------------------------------------------------------

  /** Page numbers, a running header or footer, the arXiv stamp, equation numbers: never prose. */
  private furniture(i: number): boolean {
    const t = this.lines[i].t;
    if (LONE_NUMBER.test(t)) return !this.loneNumberHeading(i);
    return ARXIV_STAMP.test(t) || EQUATION_NUMBER.test(t) || this.repeated.has(t) || /^Page \d+( of \d+)?$/i.test(t);
  }

  private loneNumberHeading(i: number): boolean {
    const next = this.nextContent(i, 1);
    return next !== undefined && i > this.abstractLine && titleShaped(this.lines[next].t) && !this.inReferences && this.numberFollows([this.lines[i].t], false);
  }

  /** The first line of a file with no heading before it is the paper's title. */
  private title(i: number): number | undefined {
    this.titleDone = true;
    const line = this.lines[i];
    if (!titleShaped(line.t) && !(line.t.length <= 120 && words(line.t).length <= 20 && !SENTENCE_END.test(line.t))) return undefined;
    if (this.heading(i) || CAPTION.test(line.t) || entryStart(line.t)) return undefined;
    const spans: Array<[number, number]> = [[line.s, line.e]];
    let lastLine = i;
    const next = this.lines[i + 1];
    if (next && next.t && CONTINUES.test(line.t) && titleShaped(next.t)) {
      spans.push([next.s, next.e]);
      lastLine = i + 1;
    }
    const block = this.build(spans, 'title');
    if (block) this.items.push({ type: 'title', block });
    return lastLine;
  }

  // --- headings -------------------------------------------------------------------------------

  private numberFollows(parts: Parts, roman: boolean): boolean {
    return follows(parts, roman, this.last?.parts, this.last?.roman ?? false);
  }

  /** Index of the next non-blank line after i, crossing at most `blanks` blank lines. */
  private nextContent(i: number, blanks: number): number | undefined {
    let seen = 0;
    for (let j = i + 1; j < this.lines.length; j++) {
      if (this.lines[j].t !== '') return j;
      if (++seen > blanks) return undefined;
    }
    return undefined;
  }

  /** A heading stands after a paragraph's end: a blank line, a sentence end, a short line, a page. */
  private startsBlock(i: number): boolean {
    if (i === 0 || this.lines[i].page) return true;
    const prev = this.lines[i - 1];
    if (prev.t === '' || SENTENCE_END.test(prev.t) || /:$/.test(prev.t)) return true;
    return prev.t.length < 0.7 * this.median || this.run_ === undefined;
  }

  /** The next line does not carry on the same sentence in lower case. */
  private endsBlock(last: number): boolean {
    const next = this.lines[last + 1];
    return !next || next.t === '' || !/^\p{Ll}/u.test(next.t);
  }

  private heading(i: number): HeadingFound | undefined {
    const line = this.lines[i];
    const t = line.t;
    if (!this.startsBlock(i)) return undefined;

    // "References", "Abstract", "Acknowledgments", "Related Work" alone on a line.
    const bare = t.replace(/:$/, '');
    const own = words(bare).length <= BARE_ROLE_MAX_WORDS && (titleShaped(bare) || allCaps(bare)) ? readHeading(bare) : undefined;
    if (own && (own.exact || own.role === 'references') && this.endsBlock(i)) {
      const level = own.role === 'references' || own.role === 'appendix' || own.role === 'back-matter' || own.role === 'abstract' ? 1 : Math.max(1, this.last?.parts.length ?? 1);
      return { level, spans: [[line.s, line.s + bare.length]], lastLine: i, references: own.role === 'references', appendix: own.role === 'appendix' };
    }

    const appendix = APPENDIX.exec(t);
    if (appendix && (!appendix[2] || titleShaped(appendix[2]))) {
      const parts = appendix[1].split('.');
      const found = this.withContinuation(i, [[line.s, line.e]]);
      return { level: parts.length, spans: found.spans, lastLine: found.lastLine, number: { parts, roman: false }, appendix: true };
    }

    const m = i < this.abstractLine ? null : NUMBERED.exec(t);
    if (m) {
      const parts = m[1].split('.');
      const roman = /^[IVX]+$/.test(m[1]) && m[2] === '.';
      // A lone capital is an appendix letter only after other headings ("A Study of X" opens no appendix).
      if (/^[A-Z]$/.test(m[1]) && !roman && !this.last) return undefined;
      if (this.inReferences && !/^[A-Z]/.test(parts[0])) return undefined;
      if (!this.numberFollows(parts, roman)) return undefined;
      if (m[3] !== undefined) {
        if (!(titleShaped(m[3]) || allCaps(m[3]))) return undefined;
        if (m[2] === '.' && !roman && this.listAround(i)) return undefined;
        const found = this.withContinuation(i, [[line.s, line.e]]);
        if (!this.endsBlock(found.lastLine)) return undefined;
        return { level: parts.length, spans: found.spans, lastLine: found.lastLine, number: { parts, roman } };
      }
      // A number alone on its line, its title on the next (pdftotext's "1\n\nIntroduction").
      const next = this.nextContent(i, 1);
      if (next === undefined || !titleShaped(this.lines[next].t) || this.lines[next].t.length > 80) return undefined;
      const found = this.withContinuation(next, [[line.s, line.e], [this.lines[next].s, this.lines[next].e]]);
      if (!this.endsBlock(found.lastLine)) return undefined;
      return { level: parts.length, spans: found.spans, lastLine: found.lastLine, number: { parts, roman } };
    }

    // All-caps headings ("RELATED WORK", "EXPERIMENTAL SETUP") followed by prose.
    if (allCaps(t) && words(t).length <= 10 && !this.inReferences && !isTableRow(t)) {
      const w = words(t).filter((x) => /\p{L}{3,}/u.test(x));
      const role = readHeading(t);
      if (w.length < 2 && !role) return undefined;
      const next = this.nextContent(i, 1);
      if (next === undefined || (words(this.lines[next].t).length < 6 && !allCaps(this.lines[next].t))) return undefined;
      return { level: 1, spans: [[line.s, line.e]], lastLine: i, references: role?.role === 'references' };
    }
    return undefined;
  }

  /** "1. Setup" among "2. Train" lines is a list, not a heading. */
  private listAround(i: number): boolean {
    const near = [this.lines[i - 1], this.lines[i + 1], this.lines[i + 2]].filter((l): l is Line => !!l && l.t !== '');
    return near.some((l) => /^\d{1,2}\.\s+\S/.test(l.t));
  }

  /** A title that ends on "as", "of", "and"… continues on the next line. */
  private withContinuation(i: number, spans: Array<[number, number]>): { spans: Array<[number, number]>; lastLine: number } {
    const line = this.lines[i];
    const next = this.nextContent(i, 1);
    if (next !== undefined && CONTINUES.test(line.t) && titleShaped(this.lines[next].t) && this.lines[next].t.length <= 60) {
      return { spans: [...spans, [this.lines[next].s, this.lines[next].e]], lastLine: next };
    }
    return { spans, lastLine: i };
  }

  private emitHeading(h: HeadingFound): void {
    this.flush();
    const block = this.build(h.spans, 'heading');
    if (!block) return;
    this.headingSeen = true;
    this.titleDone = true;
    if (h.number) this.last = h.number;
    if (h.references) this.inReferences = true;
    else if (h.appendix || (h.number && /^[A-Z]/.test(h.number.parts[0]) && !h.number.roman)) this.inReferences = false;
    this.items.push({ type: 'heading', level: h.level, title: block.text, start: h.spans[0][0], block });
  }

  // --- "Title:", "Abstract:", "Section:" files ------------------------------------------------

  private grobidLine(i: number): number | undefined {
    const line = this.lines[i];
    const m = /^(Title|Abstract|Section|this section cite)\s*:\s*/i.exec(line.t);
    if (/^Ref_id:/.test(line.t)) return i;
    if (!m) return undefined;
    const field = m[1].toLowerCase();
    const rest = { ...line, s: line.s + m[0].length, t: line.t.slice(m[0].length) };
    if (field === 'this section cite') return i;
    if (field === 'title') {
      if (this.titleDone || this.headingSeen || !rest.t) return undefined;
      this.titleDone = true;
      const block = this.build([[rest.s, rest.e]], 'title');
      if (block) this.items.push({ type: 'title', block });
      return i;
    }
    if (field === 'abstract') {
      this.emitHeading({ level: 1, spans: [[line.s, line.s + m[1].length]], lastLine: i });
      if (rest.t) this.addLine(rest, i);
      return i;
    }
    // Section: a list number the extractor took for a heading ("Section: 2.") is not one.
    if (!/\p{L}{2}/u.test(rest.t)) return i;
    let s = rest.s;
    // Leading single letters that no lettered sequence explains are icons in the PDF ("C S Probe").
    const icons = /^(?:[A-Z]\s+)+(?=\p{L}{2})/u.exec(rest.t);
    if (icons && !(icons[0].trim() === 'A' || (this.last && follows([icons[0].trim()[0]], false, this.last.parts, false)))) s += icons[0].length;
    const title = this.text.slice(s, rest.e);
    const number = /^([A-Z]|\d{1,2})(?:\.(\d{1,2}))*\.?\s/.exec(title);
    const body = this.sectionBody(i);
    const role = readHeading(title);
    const strong = role && (role.exact || role.role === 'references' || role.role === 'back-matter' || role.role === 'appendix');
    let level = 1;
    if (number) level = number[0].trim().replace(/\.$/, '').split('.').length;
    else if (/\.$/.test(title) && this.items.some((it) => it.type === 'heading')) level = this.grobidParent ? 3 : 2; // a run-in paragraph heading
    else if (this.grobidParent && !strong) level = 2;
    else this.grobidParent = false;
    if (level === 1 && !number) this.grobidParent = !body;
    this.emitHeading({ level, spans: [[s, rest.e]], lastLine: i, references: role?.role === 'references' });
    return i;
  }

  /** Whether a `Section:` line is followed by any text before the next one. */
  private sectionBody(i: number): boolean {
    for (let j = i + 1; j < this.lines.length; j++) {
      const t = this.lines[j].t;
      if (/^Section:/.test(t)) return false;
      if (t && !/^this section cite\s*:/i.test(t)) return true;
    }
    return false;
  }

  // --- runs of text ---------------------------------------------------------------------------

  private blank(): void {
    const run = this.run_;
    if (!run) return;
    const last = run.lines[run.lines.length - 1].t;
    if (run.kind === 'paragraph' && !SENTENCE_END.test(last) && !/:$/.test(last)) this.open = true;
    else this.flush();
  }

  private addLine(line: Line, i: number): void {
    const t = line.t;
    const run = this.run_;
    const kind: RunKind = CAPTION.test(t) ? 'caption' : this.tableLine(i) ? 'table' : LIST_ITEM.test(t) ? 'list-item' : 'paragraph';
    if (run && this.open) {
      // After a blank line (a column or page break), a line in lower case carries on the sentence.
      this.open = false;
      if (kind === 'paragraph' && /^\p{Ll}/u.test(t)) {
        run.lines.push(line);
        return;
      }
      this.flush();
    }
    if (!this.run_ || kind === 'caption' || kind === 'list-item' || kind === 'table' || this.run_.kind === 'table') {
      this.flush();
      this.run_ = { kind, lines: [line] };
      return;
    }
    const current = this.run_;
    const prev = current.lines[current.lines.length - 1];
    // Figure text after a caption's last sentence (axis labels, legends) is not the caption.
    if (current.kind === 'caption' && SENTENCE_END.test(prev.t) && t.length < 0.6 * this.median) {
      this.flush();
      this.run_ = { kind: 'paragraph', lines: [line] };
      return;
    }
    // Without blank lines, a paragraph ends at a sentence end on a short line or before an indent.
    if (SENTENCE_END.test(prev.t) && /^[\p{Lu}\d"“(]/u.test(t) && (prev.t.length < 0.85 * this.median || line.indent > prev.indent + 1)) {
      this.flush();
      this.run_ = { kind: 'paragraph', lines: [line] };
      return;
    }
    current.lines.push(line);
  }

  /** A flattened table row, or a header or label line among table rows. */
  private tableLine(i: number): boolean {
    const t = this.lines[i].t;
    if (isTableRow(t)) return true;
    if (SENTENCE_END.test(t) || words(t).length > 8) return false;
    const next = this.lines[i + 1];
    const prev = this.lines[i - 1];
    const row = (l: Line | undefined) => !!l && isTableRow(l.t) && !ARXIV_STAMP.test(l.t) && !this.repeated.has(l.t);
    return row(next) || (this.run_?.kind === 'table' && row(prev) && !!next && next.t !== '' && !SENTENCE_END.test(next.t));
  }

  private flush(): void {
    const run = this.run_;
    this.run_ = undefined;
    this.open = false;
    if (!run) return;
    if (run.kind === 'table') {
      this.tableRow(run.lines[0]);
      return;
    }
    this.row = 0;
    const text = run.lines.map((l) => l.t).join(' ');
    const w = words(text).length;
    // Not prose: reference entries, figure text and author lines (short, no sentence end).
    if (referenceLike(run.lines, !this.inReferences)) return;
    if (run.kind === 'paragraph' && !SENTENCE_END.test(text) && (w < 9 || (run.lines.length > 1 && run.lines.every((l) => l.t.length < 0.4 * this.median)))) return;
    if (run.kind === 'paragraph' && !this.headingSeen && this.items.length > 0 && w < 15) return;
    const marker = run.kind === 'list-item' ? LIST_ITEM_MARKER.exec(run.lines[0].t) : null;
    const lines = marker ? [{ ...run.lines[0], s: run.lines[0].s + marker[0].length, t: run.lines[0].t.slice(marker[0].length) }, ...run.lines.slice(1)] : run.lines;
    const block = this.buildLines(lines, run.kind);
    if (block) this.items.push({ type: 'block', block });
  }

  /** A table row's cells: split at runs of spaces, else a leading label and one cell per number. */
  private tableRow(line: Line): void {
    if (this.row === 0) this.tables++;
    const cells: Array<[number, number]> = [];
    const t = line.t;
    if (!words(t).some((w) => NUMBER_TOKEN.test(w))) {
      // A header row: one cell per word (converters drop the column gaps).
      for (const m of t.matchAll(/\S+/g)) cells.push([line.s + m.index, line.s + m.index + m[0].length]);
    } else if (/\S\s{2,}\S/.test(t)) {
      for (const m of t.matchAll(/\S+(?: \S+)*/g)) cells.push([line.s + m.index, line.s + m.index + m[0].length]);
    } else {
      let label: [number, number] | undefined;
      for (const m of t.matchAll(/\S+/g)) {
        const span: [number, number] = [line.s + m.index, line.s + m.index + m[0].length];
        const numeric = NUMBER_TOKEN.test(m[0]);
        if (!numeric && cells.length === 0) label = label ? [label[0], span[1]] : span;
        else if (numeric && /^\(/.test(m[0]) && cells.length > 0) cells[cells.length - 1] = [cells[cells.length - 1][0], span[1]];
        else {
          if (label) {
            cells.push(label);
            label = undefined;
          }
          cells.push(span);
        }
      }
      if (label) cells.push(label);
    }
    cells.forEach((span, column) => {
      const block = this.build([span], 'table-cell');
      if (block) this.items.push({ type: 'block', block: { ...block, cell: { table: this.tables, row: this.row, column } } });
    });
    this.row++;
  }

  // --- building blocks ------------------------------------------------------------------------

  private build(spans: Array<[number, number]>, kind: BlockKind): Block | undefined {
    const b = new TextBuilder();
    spans.forEach(([s, e], k) => {
      if (k > 0) b.addSpace(spans[k - 1][1], s);
      this.addText(b, s, e);
    });
    return b.build(kind, '', 0, -1);
  }

  /** Lines joined with a space; a line-break hyphen inside a word is dropped (or kept in a compound). */
  private buildLines(lines: Line[], kind: BlockKind): Block | undefined {
    const b = new TextBuilder();
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k];
      const next = lines[k + 1];
      const hyphen = next && /\p{L}-$/u.test(line.t) && /^\p{Ll}/u.test(next.t);
      if (hyphen) {
        this.addText(b, line.s, line.e - 1);
        if (this.keepHyphen(line, next)) b.addVerbatim('-', line.e - 1);
      } else {
        this.addText(b, line.s, line.e);
        if (next) b.addSpace(line.e, next.s);
      }
    }
    return b.build(kind, '', 0, -1);
  }

  /** Characters of [s, e): whitespace runs become one space, `[12, 31]` a citation placeholder. */
  private addText(b: TextBuilder, s: number, e: number): void {
    const text = this.text;
    const cite = /\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]/g;
    cite.lastIndex = s;
    let m = cite.exec(text);
    for (let p = s; p < e; ) {
      while (m && m.index < p) m = cite.exec(text);
      if (m && m.index === p && m.index + m[0].length <= e) {
        const keys = m[1].split(/\s*[,–-]\s*/);
        b.addReference('cite', keys, `[cite:${keys.join(',')}]`, p, p + m[0].length);
        p += m[0].length;
        m = cite.exec(text);
        continue;
      }
      if (/\s/.test(text[p])) {
        let q = p;
        while (q < e && /\s/.test(text[q])) q++;
        b.addSpace(p, q);
        p = q;
      } else {
        b.addVerbatim(text[p], p);
        p++;
      }
    }
  }

  /**
   * Whether a hyphen at a line end belongs to the word: the document itself decides when it
   * writes the word elsewhere (hyphenated or not); otherwise a compound's hyphen stays when either
   * part is itself hyphenated ("state-of-/the-art") or the first part is a common compound prefix
   * ("self-", "fine-", "non-"), and a break inside a word ("inter-/pretability") is joined.
   */
  private keepHyphen(line: Line, next: Line): boolean {
    const before = /[\p{L}\p{N}-]*-$/u.exec(line.t)![0].slice(0, -1);
    const after = /^[\p{L}\p{N}-]*/u.exec(next.t)![0];
    const head = before.slice(before.lastIndexOf('-') + 1);
    const tail = after.split('-')[0];
    const joined = (head + tail).toLowerCase();
    const hyphenated = `${head}-${tail}`.toLowerCase();
    const counts = this.counts();
    const asJoined = counts.get(joined) ?? 0;
    const asHyphenated = counts.get(hyphenated) ?? 0;
    if (asJoined !== asHyphenated) return asHyphenated > asJoined;
    if (before.includes('-') || after.includes('-')) return true;
    return COMPOUND_PREFIXES.has(head.toLowerCase());
  }

  /** How often each word and each hyphenated pair ("fine-tuning" as "fine-tuning" and "fine", "tuning") is written within a line. */
  private counts(): Map<string, number> {
    if (this.wordCounts.size > 0) return this.wordCounts;
    const add = (w: string) => this.wordCounts.set(w, (this.wordCounts.get(w) ?? 0) + 1);
    for (const l of this.lines) {
      for (const m of l.t.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*(-?)/gu)) {
        if (m[1] && m.index + m[0].length === l.t.length) continue; // a line-end hyphen is what we are deciding
        const w = m[0].toLowerCase();
        const parts = w.split('-');
        if (parts.length !== 2) add(w);
        for (let k = 0; k + 1 < parts.length; k++) add(`${parts[k]}-${parts[k + 1]}`);
      }
    }
    if (this.wordCounts.size === 0) this.wordCounts.set('', 0);
    return this.wordCounts;
  }
}
