// Draft text and file names are a stranger's input: what the text formats print of them must not
// drive a terminal (ANSI escapes that clear the screen or set its title) or a pull-request page
// (HTML, images, mentions, links). Each output escapes what its medium would interpret.

/** C0 and C1 control characters (tab excepted) and DEL, shown as their code ("\x1B") instead of sent. */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g, (c) => `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Text for a Markdown table cell, rendered as written: Markdown and HTML syntax escaped, mentions and links inert. */
export function markdownText(s: string): string {
  return printable(s.replace(/\r?\n/g, ' '))
    // Links and images need "[", HTML needs "<": escaping those, emphasis, code and table pipes is enough.
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    // "@team" in a comment notifies people, and a bare URL becomes a link: a zero-width space breaks both.
    .replace(/@(?=\w)/g, '@\u200b')
    .replace(/:\/\//g, ':\u200b//');
}

/** A Markdown code span that holds any text: a fence longer than the text's longest run of backticks (pipes escaped in a table cell). */
export function markdownCode(s: string, inTable = true): string {
  const flat = printable(s.replace(/\r?\n/g, ' '));
  const clean = inTable ? flat.replace(/\|/g, '\\|') : flat;
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A relative path as a URI reference: each segment percent-encoded, so "?", "#" and ":" stay part of the name. */
export function uriReference(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
