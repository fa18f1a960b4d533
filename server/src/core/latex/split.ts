import type { ChunkSpan } from '../reader';
import { VERBATIM_ENVS } from './macros';

// Splits LaTeX source into chunks that can be parsed on their own, so that an edit re-parses only
// the chunk it touched. Boundaries sit at the top level only (outside braces and environments):
// before sectioning commands and `\begin/\end{document}`, and after some blank lines. Which blank
// lines is decided by the paragraph's own content (content-defined chunking), so an edit early in
// the file does not move every later boundary and the chunk cache keeps hitting.

const SECTIONING = /^\\(part|chapter|section|subsection|subsubsection|paragraph|subparagraph|appendix|begin\{document\}|end\{document\}|begin\{abstract\}|bibliography|printbibliography)(?![A-Za-z])/;
const MAX_CHUNK = 4096;
/**
 * A paragraph longer than this (no blank line for 16 KB: generated or pasted text, never prose a
 * person wrote) is cut after a sentence end at the top level, and past twice this at any top-level
 * space: the upstream PEG parser takes super-linear time and memory on one long paragraph (500 KB:
 * 3.5 s and 1.1 GB), and the editor waits for each chunk's parse.
 */
const MAX_PARAGRAPH = 16 * 1024;

export function splitLatex(text: string): ChunkSpan[] {
  const cuts: number[] = [0];
  let depth = 0; // brace depth
  let envDepth = 0; // open environments other than `document`
  let lineStart = true;
  let paragraphHash = 0;
  const n = text.length;

  const cut = (at: number) => {
    if (at > cuts[cuts.length - 1] && at < n) cuts.push(at);
  };

  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const atTop = depth === 0 && envDepth === 0;

    if (lineStart) {
      // Leading whitespace, then maybe a sectioning command or a blank line.
      let j = i;
      while (j < n && (text[j] === ' ' || text[j] === '\t')) j++;
      if (atTop && text[j] === '\\' && SECTIONING.test(text.slice(j, j + 40))) cut(i);
      if (atTop && (text[j] === '\n' || text[j] === '\r' || j >= n)) {
        // Blank line: end of a paragraph.
        const size = i - cuts[cuts.length - 1];
        if ((paragraphHash & 3) === 0 || size > MAX_CHUNK) cut(skipNewline(text, j));
        paragraphHash = 0;
      }
    }
    lineStart = false;

    if (c === 37 /* % */) {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
      continue;
    }
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      i++;
      lineStart = true;
      continue;
    }
    paragraphHash = (paragraphHash * 31 + c) | 0;
    if (atTop && (c === 32 || c === 9) && i - cuts[cuts.length - 1] > MAX_PARAGRAPH) {
      const p = text.charCodeAt(i - 1);
      const sentenceEnd = p === 46 /* . */ || p === 63 /* ? */ || p === 33; /* ! */
      if (sentenceEnd || i - cuts[cuts.length - 1] > 2 * MAX_PARAGRAPH) cut(i);
    }
    if (c === 92 /* \ */) {
      // A conditional is one unit: a cut inside it would leave its \else branch without its \if.
      if (text.startsWith('\\if', i)) {
        const cond = scanConditional(text, i);
        if (cond) {
          i = cond.end;
          continue;
        }
      }
      const m = /^\\(begin|end)\s*\{([^{}]*)\}/.exec(text.slice(i, i + 80));
      if (m) {
        const env = m[2];
        if (m[1] === 'begin' && VERBATIM_ENVS.has(env)) {
          i = skipPast(text, i + m[0].length, `\\end{${env}}`);
          continue;
        }
        if (env !== 'document') envDepth = m[1] === 'begin' ? envDepth + 1 : Math.max(0, envDepth - 1);
        i += m[0].length;
        continue;
      }
      // An optional argument holding a blank line (`\twocolumn[ \icmltitle{…} <blank> … ]`) is one unit.
      const word = /^\\[A-Za-z@]+\*?\[/.exec(text.slice(i, i + 40));
      if (word) {
        const close = optionalArgEnd(text, i + word[0].length - 1);
        if (close > 0) {
          i = close;
          continue;
        }
      }
      if (/^\\verb\*?[^A-Za-z\s]/.test(text.slice(i, i + 7))) {
        const delimAt = text[i + 5] === '*' ? i + 6 : i + 5;
        const close = text.indexOf(text[delimAt], delimAt + 1);
        const eol = text.indexOf('\n', delimAt + 1);
        i = close < 0 || (eol >= 0 && eol < close) ? delimAt + 1 : close + 1;
        continue;
      }
      i += 2; // an escaped character such as \{ or \% never opens anything
      continue;
    }
    if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */) depth = Math.max(0, depth - 1);
    i++;
  }

  cuts.push(n);
  const spans: ChunkSpan[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) spans.push({ start: cuts[k], end: cuts[k + 1] });
  if (spans.length === 0) spans.push({ start: 0, end: n });
  return spans;
}

/**
 * Offset past the `]` closing the `[` at `open` when the bracket holds a blank line and balanced
 * braces (so that skipping it keeps the brace depth right); -1 otherwise, or when it is not closed soon.
 */
function optionalArgEnd(text: string, open: number): number {
  let depth = 0;
  let braces = 0;
  let blank = false;
  const limit = Math.min(text.length, open + 2 * MAX_CHUNK);
  for (let j = open; j < limit; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '%') while (j < limit && text[j] !== '\n') j++;
    else if (c === '{') braces++;
    else if (c === '}') braces--;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return blank && braces === 0 ? j + 1 : -1;
    else if (c === '\n' && /^[ \t]*\r?\n/.test(text.slice(j + 1, j + 40))) blank = true;
  }
  return -1;
}

function skipNewline(text: string, j: number): number {
  if (text[j] === '\r' && text[j + 1] === '\n') return j + 2;
  if (text[j] === '\n' || text[j] === '\r') return j + 1;
  return j;
}

function skipPast(text: string, from: number, needle: string): number {
  const at = text.indexOf(needle, from);
  return at < 0 ? text.length : at + needle.length;
}

/**
 * Names starting with `if` that are macros with braced arguments (ifthenelse, etoolbox), not TeX
 * conditionals closed by `\fi`.
 */
const BRACED_IFS = new Set('ifthenelse ifdef ifndef ifbool ifboolexpr ifboolexpe iftoggle ifdefempty ifdefvoid ifdefmacro ifdefstring ifcsdef ifcsundef ifcsvoid ifcsempty ifcsmacro ifstrequal ifstrempty ifblank ifnumcomp ifdimcomp ifnumequal ifnumgreater ifnumless ifnumodd ifdefcounter ifdeflength ifltxcounter ifpackageloaded ifclassloaded iflanguage'.split(' '));
/** `\newif\ifdraft`, `\let\ifdraft\iftrue`, `\def\ifdraft`: the name is being declared, not tested. */
const DECLARED_BEFORE = /(?:\\(?:newif|let|[gex]?def|global)\s*|\\let\s*\\[A-Za-z@]+\s*=?\s*)$/;

export interface Conditional {
  /** Offset just past the matching `\fi`. */
  end: number;
  /** The branch that is read (the first one; for `\iffalse`, the `\else` one), possibly empty. */
  keepStart: number;
  keepEnd: number;
}

/** Whether the `\if…` at `at` (named `name`, without the backslash) is a TeX conditional. */
function isConditional(text: string, at: number, name: string): boolean {
  if (BRACED_IFS.has(name)) return false;
  let j = at + 1 + name.length;
  while (text[j] === ' ' || text[j] === '\t') j++;
  if (text[j] === '{') return false;
  return !DECLARED_BEFORE.test(text.slice(Math.max(0, at - 40), at));
}

/**
 * Reads the TeX conditional at `at` (`\ifx\a\b … \else … \fi`, `\ifnum…`, a `\newif` one, `\iffalse`):
 * only one branch is text, the rest (condition, other branches, `\fi`) is not. Undefined when `at` is
 * not a conditional or it has no matching `\fi` (then it is left alone rather than swallowing the file).
 */
export function scanConditional(text: string, at: number): Conditional | undefined {
  return conditionalsOf(text).get(at);
}

/** The last few texts' conditionals: the splitter and the reader ask about the same text many times. */
const indexed: Array<{ text: string; conditionals: Map<number, Conditional> }> = [];

function conditionalsOf(text: string): Map<number, Conditional> {
  const hit = indexed.find((e) => e.text === text);
  if (hit) return hit.conditionals;
  const conditionals = matchConditionals(text);
  indexed.unshift({ text, conditionals });
  if (indexed.length > 4) indexed.pop();
  return conditionals;
}

/**
 * Every conditional of a text with its matching `\fi`, in one pass with a stack: scanning from each
 * `\if` to its `\fi` would read the rest of the file once per unclosed `\if`.
 */
function matchConditionals(text: string): Map<number, Conditional> {
  const out = new Map<number, Conditional>();
  const open: Array<{ at: number; name: string; condEnd: number; branch: number; branchEnd: number }> = [];
  const re = /\\(if[A-Za-z@]*|else|or|fi)(?![A-Za-z@])|\\./g;
  // Whether a % comment runs at the current place, kept as the scan moves on (a comment ends at a newline).
  let comment = false;
  let seen = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (; seen < m.index; seen++) {
      if (text[seen] === '\n') comment = false;
      else if (text[seen] === '%' && text[seen - 1] !== '\\') comment = true;
    }
    seen = re.lastIndex;
    const word = m[1];
    if (word === undefined || comment) continue;
    if (word.startsWith('if')) {
      if (!isConditional(text, m.index, word)) continue;
      // TeX eats the spaces after the control word or number that ends the test (`\ifdraft s\fi` is "s").
      let condEnd = conditionEnd(text, m.index + m[0].length, word);
      while (text[condEnd] === ' ' || text[condEnd] === '\t') condEnd++;
      open.push({ at: m.index, name: word, condEnd, branch: -1, branchEnd: -1 });
      // The tested tokens are not conditionals of their own.
      if (condEnd > re.lastIndex) re.lastIndex = seen = condEnd;
      continue;
    }
    const top = open[open.length - 1];
    if (!top) continue;
    if (word === 'fi') {
      open.pop();
      const fiEnd = m.index + m[0].length;
      if (top.name === 'iffalse') out.set(top.at, top.branch < 0 ? { end: fiEnd, keepStart: m.index, keepEnd: m.index } : { end: fiEnd, keepStart: top.branchEnd, keepEnd: m.index });
      else out.set(top.at, { end: fiEnd, keepStart: top.condEnd, keepEnd: top.branch < 0 ? m.index : top.branch });
    } else if (top.branch < 0 && (word === 'else' || (word === 'or' && top.name === 'ifcase'))) {
      top.branch = m.index;
      top.branchEnd = m.index + m[0].length;
    }
  }
  return out;
}

/** Where the tested tokens of a conditional end (`\ifx\a\b`, `\ifnum\value{x}>0`, `\if\arxiv1`). */
function conditionEnd(text: string, from: number, name: string): number {
  switch (name) {
    case 'if':
    case 'ifx':
    case 'ifcat':
      return token(text, token(text, from));
    case 'ifdefined':
    case 'ifvoid':
    case 'ifhbox':
    case 'ifvbox':
    case 'ifeof':
      return token(text, from);
    case 'ifodd':
    case 'ifcase':
      return number(text, from);
    case 'ifcsname': {
      const close = text.indexOf('\\endcsname', from);
      return close < 0 || close - from > 200 ? from : close + '\\endcsname'.length;
    }
    case 'ifnum':
    case 'ifdim': {
      const rel = /[<=>]/.exec(text.slice(from, from + 120));
      return rel ? number(text, from + rel.index + 1) : from;
    }
    default:
      return from;
  }
}

/** End of one TeX token after optional spaces: a control sequence, `#1`, or one character. */
function token(text: string, from: number): number {
  let j = from;
  while (text[j] === ' ' || text[j] === '\t' || text[j] === '\n') j++;
  if (text[j] === '\\') {
    j++;
    if (/[A-Za-z@]/.test(text[j] ?? '')) while (/[A-Za-z@]/.test(text[j] ?? '')) j++;
    else j++;
    return j;
  }
  if (text[j] === '#') return j + 2;
  return Math.min(text.length, j + 1);
}

/** End of a number operand: digits with an optional unit, or a control sequence with a braced argument. */
function number(text: string, from: number): number {
  let j = from;
  while (text[j] === ' ' || text[j] === '\t') j++;
  if (text[j] === '\\') {
    j = token(text, j);
    if (text[j] === '{') {
      const close = text.indexOf('}', j);
      if (close >= 0 && close - j < 80) j = close + 1;
    }
    return j;
  }
  const m = /^[-+]?[\d.]+(?:\s*(?:pt|em|ex|cm|mm|in|bp|sp|pc|mu|px))?/.exec(text.slice(j, j + 24));
  return m ? j + m[0].length : j;
}
