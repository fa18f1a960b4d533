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
/** Longer than any sentence of prose (the longest in our real papers is under 1,500 characters). */
export const MAX_SENTENCE = 2000;

/** Splits prose into sentences with exact text ranges (whitespace between sentences excluded). */
export function segmentSentences(text: string): Sentence[] {
  const raw: Sentence[] = [];
  for (const seg of segmenter.segment(text)) {
    const start = seg.index;
    const end = start + seg.segment.length;
    const prev = raw[raw.length - 1];
    if (prev && joinsPrevious(prev, start, end)) prev.end = end;
    else raw.push({ start, end });
  }
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
  function splitBeforeStarts(s: Sentence): Sentence[] {
    const out: Sentence[] = [];
    let from = s.start;
    const re = /[.!?]["”’)]*\s+(?=\[(?:cite|ref):|\[math\]|\((?:[ivx]{1,5}|[a-h]|\d{1,2})\)\s)/g;
    re.lastIndex = s.start;
    for (let m = re.exec(text); m && m.index + m[0].length <= s.end; m = re.exec(text)) {
      const at = m.index + m[0].length;
      const before = text.slice(Math.max(from, m.index + 1 - MAX_QUOTE), m.index + 1);
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
      let cut = space > from + MAX_SENTENCE / 2 ? space + 1 : from + MAX_SENTENCE;
      if (/[\uDC00-\uDFFF]/.test(text[cut])) cut--; // never between the halves of a surrogate pair
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
