// Fix and checklist texts mark what the author must fill in as `[placeholders]`; an editor that takes
// snippets gets them as tab stops whose default keeps the brackets, so a stop left unfilled still
// reads as one (as it does in the CLI's fixes). Everything else is escaped so that `$`, `}` and `\`
// (common in LaTeX) stay literal.

export function placeholdersToSnippet(text: string): string {
  let n = 0;
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/\[([^[\]\n]+)\]/g)) {
    out += escapeSnippet(text.slice(last, m.index)) + `\${${++n}:${escapeSnippet(m[0])}}`;
    last = m.index! + m[0].length;
  }
  return out + escapeSnippet(text.slice(last));
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
