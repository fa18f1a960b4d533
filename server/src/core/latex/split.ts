import type { ChunkSpan } from '../reader';

// Splits LaTeX source into chunks that can be parsed on their own, so that an edit re-parses only
// the chunk it touched. Boundaries sit at the top level only (outside braces and environments):
// before sectioning commands and `\begin/\end{document}`, and after some blank lines. Which blank
// lines is decided by the paragraph's own content (content-defined chunking), so an edit early in
// the file does not move every later boundary and the chunk cache keeps hitting.

const VERBATIM_ENVS = new Set(['verbatim', 'verbatim*', 'Verbatim', 'lstlisting', 'minted', 'comment', 'filecontents']);
const SECTIONING = /^\\(part|chapter|section|subsection|subsubsection|paragraph|subparagraph|appendix|begin\{document\}|end\{document\}|begin\{abstract\}|bibliography|printbibliography)(?![A-Za-z])/;
const MAX_CHUNK = 4096;

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
    if (c === 92 /* \ */) {
      if (text.startsWith('\\iffalse', i) && !/[A-Za-z@]/.test(text[i + 8] ?? '')) {
        i = skipIffalse(text, i);
        continue;
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

function skipNewline(text: string, j: number): number {
  if (text[j] === '\r' && text[j + 1] === '\n') return j + 2;
  if (text[j] === '\n' || text[j] === '\r') return j + 1;
  return j;
}

function skipPast(text: string, from: number, needle: string): number {
  const at = text.indexOf(needle, from);
  return at < 0 ? text.length : at + needle.length;
}

/** Skips an `\iffalse … \fi` block, counting nested `\if…` so that the right `\fi` closes it. */
export function skipIffalse(text: string, from: number): number {
  const re = /\\(if[A-Za-z@]*|fi)(?![A-Za-z@])|%[^\n]*/g;
  re.lastIndex = from;
  let level = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].startsWith('%') || m[1] === 'ifthenelse') continue;
    if (m[1] === 'fi') {
      level--;
      if (level === 0) return m.index + m[0].length;
    } else {
      level++;
    }
  }
  return text.length;
}
