// Where a rule's documentation lives on the web, and the part of its README that code scanning
// shows beside an alert. Local `file://` paths are dead on a CI runner, so SARIF links to the
// repository named in package.json, at the tag of the version that produced the report.

/** `git+https://github.com/o/r.git`, `github:o/r` or `https://github.com/o/r` → `https://github.com/o/r`. */
export function repositoryWebUrl(repository: string | { type?: string; url?: string } | undefined): string | undefined {
  const raw = typeof repository === 'string' ? repository : repository?.url;
  if (!raw) return undefined;
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
  if (shorthand) return `https://github.com/${shorthand[1].replace(/\.git$/, '')}`;
  const url = /^(?:git\+)?(?:https?|git|ssh):\/\/(?:[^@/]+@)?([^/]+)\/(.+?)(?:\.git)?\/?$/.exec(raw);
  return url ? `https://${url[1]}/${url[2]}` : undefined;
}

/** The documentation of one version: files under `https://github.com/o/r/blob/v1.2.3/`. */
export function docsBase(webUrl: string, version: string): string {
  return `${webUrl}/blob/v${version}/`;
}

export function ruleDocUrl(base: string, id: string): string {
  return `${base}rules/${id}/README.md`;
}

const HELP_SECTIONS = ['Why', 'How to fix'];

/**
 * A rule's help for SARIF: its description, the README's "Why" and "How to fix" sections (links made
 * absolute, since a viewer has no folder to resolve them against) and a link to the whole page.
 */
export function ruleHelp(readme: string | undefined, description: string, docUrl: string): { text: string; markdown: string } {
  const sections = readme ? HELP_SECTIONS.map((title) => section(readme, title)).filter((s): s is string => s !== undefined) : [];
  const body = sections.map((s) => absoluteLinks(s, docUrl));
  const markdown = [description, ...body, `[Full documentation](${docUrl})`].join('\n\n');
  const text = [description, ...body.map(plainText), `Documentation: ${docUrl}`].join('\n\n');
  return { text, markdown };
}

/** The `## title` section of a Markdown page, up to the next heading of that level (outside code fences). */
export function section(markdown: string, title: string): string | undefined {
  const lines = markdown.split('\n');
  let fenced = false;
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(```|~~~)/.test(lines[i])) fenced = !fenced;
    if (fenced || !/^##\s/.test(lines[i])) continue;
    if (start >= 0) return trimmed(lines.slice(start, i));
    if (lines[i].replace(/^##\s+/, '').trim() === title) start = i;
  }
  return start >= 0 ? trimmed(lines.slice(start)) : undefined;
}

function trimmed(lines: string[]): string {
  return lines.join('\n').trim();
}

/** `[x](../../docs/score.md)` in rules/<id>/README.md → `[x](https://…/blob/v1/docs/score.md)`; `#a` → the page's `#a`. */
function absoluteLinks(markdown: string, docUrl: string): string {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (whole, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return whole;
    return `](${new URL(target, docUrl).href})`;
  });
}

/** Markdown reduced to what a plain-text viewer can show: links as "text (url)", no emphasis marks. */
function plainText(markdown: string): string {
  return markdown
    .replace(/^#+\s+/gm, '')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/`([^`]+)`/g, '$1');
}
