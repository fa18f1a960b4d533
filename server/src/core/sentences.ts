import type { Sentence } from './model';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// A segment ending in one of these is not a sentence end: "et al. (2024) show", "e.g. probes",
// "Tabs. 2–3 report", "cf. Smith", "resp. lower". Plural forms of the reference abbreviations included.
const ABBREVIATION_END =
  /(?:\bet al|\be\.g|\bi\.e|\bcf|\bviz|\bFigs?|\bSecs?|\bSects?|\bEqs?|\bTabs?|\bApps?|\bAlgs?|\bRefs?|\bThms?|\bDefs?|\bProps?|\bLems?|\bCors?|\bChaps?|\bCh|\bExs?|\bVol|\bpp|\bvs|\bapprox|\bresp|\bincl|\bw\.r\.t|\bs\.t|\ba\.k\.a|\bNo|\bNos|\bDr|\bProf|\bSt|\b[A-Z])\.\s*$/;
/** Whether `text` ends in an abbreviation that does not end a sentence ("e.g.", "Figs."). */
export function endsWithAbbreviation(text: string): boolean {
  return ABBREVIATION_END.test(text);
}

/** Characters that close a quotation or a bracket: a sentence never starts with one. */
const CLOSING_START = /^[”’)\]},;:]/;
/** A quotation this long that has not closed is not one to keep whole. */
const MAX_QUOTE = 400;
/** A sentence end followed by a sentence that starts with a citation, a formula or an enumerator. */
const START_AFTER_END = /[.!?]["”’)]*\s+(?=\[(?:cite|ref):|\[math\]|\((?:[ivx]{1,5}|[a-h]|\d{1,2})\)\s)/g;
/** Longer than any sentence of prose (the longest in our real papers is under 1,500 characters). */
export const MAX_SENTENCE = 2000;

/** Splits prose into sentences with exact text ranges (whitespace between sentences excluded). */
export function segmentSentences(text: string): Sentence[] {
  const raw: Sentence[] = [];
  for (const [start, end] of segmentsOf(text)) {
    const prev = raw[raw.length - 1];
    if (prev && joinsPrevious(prev, start, end)) prev.end = end;
    else raw.push({ start, end });
  }
  const breaks = [...text.matchAll(START_AFTER_END)].map((m) => ({ index: m.index, at: m.index + m[0].length }));
  let next = 0;
  return raw.flatMap(splitBeforeStarts).flatMap(capLength).map(trim).filter((s) => s.end > s.start);

  /** Whether the segment [start, end) continues the sentence `prev` rather than starting one. */
  function joinsPrevious(prev: Sentence, start: number, end: number): boolean {
    // Only the tail matters (an abbreviation, an open quotation), and reading only the tail keeps a
    // paragraph of many joined segments linear.
    const before = text.slice(Math.max(prev.start, prev.end - MAX_QUOTE), prev.end);
    if (ABBREVIATION_END.test(before) && !startsNewSentenceAfterInitial(text, prev, start)) return true;
    // No space at the boundary: "…[A]...[B] tokens", "sat.”)" — a sentence end is followed by a space.
    // CJK full stops (。！？) end a sentence with no space after them.
    if (!/\s/.test(text[start - 1] ?? ' ') && !/[。！？][」』”’)）]*$/.test(before)) return true;
    // A closing quote or bracket ends what came before: "…sat.” ), and left" is one sentence.
    if (CLOSING_START.test(text.slice(start, end).trimStart())) return true;
    // Inside a quotation that closes soon: “The cat sat. The cat...” is one quoted unit.
    const open = unclosedQuote(before);
    if (open >= 0 && closesQuote(text.slice(start, prev.end - before.length + open + MAX_QUOTE))) return true;
    return false;
  }

  // The segmenter does not break before "[cite:…]" or "[math]" (not an upper-case letter), nor before
  // an enumerator, yet a sentence may start with one: "… errors. [cite:park2022] argue that …",
  // "$\Theta$ = configs. [math] = models.", "Four results stand out. (i) Heads copy …".
  // The places are found in one pass over the text; each sentence takes those inside it.
  function splitBeforeStarts(s: Sentence): Sentence[] {
    const out: Sentence[] = [];
    let from = s.start;
    while (next < breaks.length && breaks[next].index < s.start) next++;
    for (; next < breaks.length && breaks[next].at <= s.end; next++) {
      const { index, at } = breaks[next];
      const before = text.slice(Math.max(from, index + 1 - MAX_QUOTE), index + 1);
      if (ABBREVIATION_END.test(before)) continue;
      if (unclosedQuote(before) >= 0) continue;
      out.push({ start: from, end: at });
      from = at;
    }
    out.push({ start: from, end: s.end });
    return out;
  }

  // A "sentence" of thousands of characters is not prose (a table flattened, a pasted log, a hostile
  // file); cut it at spaces into pieces of bounded length, so that what every rule does per sentence
  // stays linear in the document however it is written.
  function capLength(s: Sentence): Sentence[] {
    if (s.end - s.start <= MAX_SENTENCE) return [s];
    const out: Sentence[] = [];
    let from = s.start;
    while (s.end - from > MAX_SENTENCE) {
      const space = text.lastIndexOf(' ', from + MAX_SENTENCE);
      const cut = notInsidePair(text, space > from + MAX_SENTENCE / 2 ? space + 1 : from + MAX_SENTENCE);
      out.push({ start: from, end: cut });
      from = cut;
    }
    out.push({ start: from, end: s.end });
    return out;
  }

  function trim(s: Sentence): Sentence {
    let { start, end } = s;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return { start, end };
  }
}

/** Characters the segmenter reads at a time: ICU's sentence segmentation slows with the square of its input. */
const WINDOW = 10_000;

/**
 * The segmenter's sentence segments of `text` as [start, end) ranges, read a window at a time. The
 * end of a window can change where the segments before it end: after "Fig. 3 " the segmenter looks
 * ahead past digits, spaces and punctuation to the next letter (a lower-case one continues the
 * sentence). So a window keeps only the segments that end before its last letter, and the next
 * window starts where they stop.
 */
export function* segmentsOf(text: string): Generator<[number, number]> {
  let pos = 0;
  while (pos < text.length) {
    let end = Math.min(text.length, pos + WINDOW);
    if (end < text.length) end = notInsidePair(text, end);
    const segments = [...segmenter.segment(text.slice(pos, end))];
    let whole = segments.length;
    if (end < text.length) {
      const lastLetter = pos + lastLetterIn(text.slice(pos, end));
      whole = segments.length - 1;
      while (whole > 0 && pos + segments[whole].index > lastLetter) whole--;
    }
    for (let k = 0; k < whole; k++) yield [pos + segments[k].index, pos + segments[k].index + segments[k].segment.length];
    if (end === text.length) return;
    if (whole > 0) pos += segments[whole].index;
    else {
      // No segment is sure to be whole: a "sentence" this long is cut at the window anyway (capLength).
      yield [pos, end];
      pos = end;
    }
  }
}

/** Offset of the last letter in `s`, or -1. */
function lastLetterIn(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) if (/\p{L}/u.test(s[i])) return i;
  return -1;
}

/** `at`, or one before it when `at` would split a surrogate pair. */
function notInsidePair(text: string, at: number): number {
  return /[\uDC00-\uDFFF]/.test(text[at] ?? '') ? at - 1 : at;
}

/** Offset of the last “ in `s` that no ” after it closes, or -1. */
function unclosedQuote(s: string): number {
  let depth = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    if (s[i] === '”') depth++;
    else if (s[i] === '“') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function closesQuote(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '“') depth++;
    else if (c === '”') {
      if (depth === 0) return true;
      depth--;
    }
  }
  return false;
}

// "We used model B. The results..." ends a sentence with a capital letter; only merge after a single
// capital when the next segment starts in lower case ("J. Smith" style names are rare in prose).
function startsNewSentenceAfterInitial(text: string, prev: Sentence, nextStart: number): boolean {
  const before = text.slice(prev.start, prev.end).trimEnd();
  if (!/\b[A-Z]\.$/.test(before)) return false;
  const next = text.slice(nextStart).trimStart();
  return /^[A-Z]/.test(next) && !/^[A-Z]\./.test(next);
}
