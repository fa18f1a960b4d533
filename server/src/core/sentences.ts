import type { Sentence } from './model';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// A segment ending in one of these is not a sentence end: "et al. (2024) show", "e.g. probes".
const ABBREVIATION_END =
  /(?:\bet al|\be\.g|\bi\.e|\bcf|\bFigs?|\bSecs?|\bEqs?|\bTab|\bApp|\bAlg|\bvs|\bapprox|\bresp|\bw\.r\.t|\bNo|\bDr|\bProf|\bSt|\b[A-Z])\.\s*$/;

/** Splits prose into sentences with exact text ranges (whitespace between sentences excluded). */
export function segmentSentences(text: string): Sentence[] {
  const raw: Sentence[] = [];
  for (const seg of segmenter.segment(text)) {
    const start = seg.index;
    const end = start + seg.segment.length;
    const prev = raw[raw.length - 1];
    if (prev && ABBREVIATION_END.test(text.slice(prev.start, prev.end)) && !startsNewSentenceAfterInitial(text, prev, start)) {
      prev.end = end;
    } else {
      raw.push({ start, end });
    }
  }
  return raw.flatMap(splitBeforePlaceholders).map(trim).filter((s) => s.end > s.start);

  // The segmenter does not break before "[cite:…]" (it is not an upper-case letter), yet a
  // sentence may start with a citation: "… errors. [cite:park2022] argue that …".
  function splitBeforePlaceholders(s: Sentence): Sentence[] {
    const out: Sentence[] = [];
    let from = s.start;
    const re = /[.!?]["”’)]*\s+(?=\[(?:cite|ref):)/g;
    re.lastIndex = s.start;
    const chunk = text.slice(0, s.end);
    for (let m = re.exec(chunk); m; m = re.exec(chunk)) {
      const at = m.index + m[0].length;
      if (ABBREVIATION_END.test(text.slice(from, m.index + 1))) continue;
      out.push({ start: from, end: at });
      from = at;
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

// "We used model B. The results..." ends a sentence with a capital letter; only merge after a single
// capital when the next segment starts in lower case ("J. Smith" style names are rare in prose).
function startsNewSentenceAfterInitial(text: string, prev: Sentence, nextStart: number): boolean {
  const before = text.slice(prev.start, prev.end).trimEnd();
  if (!/\b[A-Z]\.$/.test(before)) return false;
  const next = text.slice(nextStart).trimStart();
  return /^[A-Z]/.test(next) && !/^[A-Z]\./.test(next);
}
