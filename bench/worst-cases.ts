import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

// Drafts built to be slow (issue 14, item 4): each once took tens of seconds or more, through a
// per-sentence scan of the whole block, a scan per unclosed conditional, a cells × cells lookup, or
// an upstream parser's quadratic case. Made to a given size, so that time per size shows linearity.

export interface WorstCase {
  name: string;
  file: string;
  make: (bytes: number) => string;
}

const repeat = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));

export const WORST_CASES: readonly WorstCase[] = [
  { name: 'one LaTeX paragraph, no blank line', file: 'paragraph.tex', make: (n) => repeat('The probe reads the residual stream and we measure its accuracy on held-out prompts. ', n) },
  { name: 'unclosed \\begin{verbatim}', file: 'verbatim.tex', make: (n) => repeat('\\begin{verbatim}\n', n) },
  { name: 'unclosed \\iffalse', file: 'iffalse.tex', make: (n) => repeat('\\iffalse\n', n) + 'text\n' },
  { name: 'unclosed \\ifx', file: 'ifx.tex', make: (n) => repeat('\\ifx\\a\\b\n', n) + 'text\n' },
  { name: '% !TEX root followed by spaces', file: 'root.tex', make: (n) => `% !TEX root = x${' '.repeat(n)}y\nHello.\n` },
  { name: 'tabular with one huge row', file: 'tabular.tex', make: (n) => `\\begin{tabular}{cc}\n${repeat('a & ', n)}a\n\\end{tabular}\n` },
  { name: 'Markdown front-matter abstract', file: 'front-matter.md', make: (n) => `---\nabstract: |\n${repeat('  a line of the abstract that goes on.\n', n)}---\n# Title\n` },
  { name: 'unclosed --- front matter', file: 'unclosed-front-matter.md', make: (n) => `---\n${repeat('key: value\n', n)}` },
  { name: 'nested *_ emphasis', file: 'emphasis.md', make: (n) => `${'*_'.repeat(n / 4)}x${'_*'.repeat(n / 4)}\n` },
  { name: 'unclosed link openers', file: 'links.md', make: (n) => `${repeat('[a](', n)}\n` },
  { name: 'deep blockquote', file: 'blockquote.md', make: (n) => `${'>'.repeat(n)} x\n` },
  { name: 'open brackets', file: 'brackets.md', make: (n) => `${'['.repeat(n)}\n` },
  { name: 'one Markdown line', file: 'line.md', make: (n) => `${repeat('We steer the model and it reduces toxicity by 20%. ', n)}\n` },
];

/** Cold `actionable lint` of each case at `bytes` (a fresh process, as CI runs it), in seconds. */
export function timeWorstCases(bin: string, dir: string, bytes: number): Array<{ name: string; kb: number; seconds: number; exit: number | string }> {
  fs.mkdirSync(dir, { recursive: true });
  return WORST_CASES.map((c) => {
    const file = path.join(dir, c.file);
    fs.writeFileSync(file, c.make(bytes));
    const t = performance.now();
    let exit: number | string = 0;
    try {
      execFileSync(process.execPath, [bin, 'lint', '--format', 'json', c.file], { cwd: dir, stdio: 'ignore', timeout: 120_000 });
    } catch (error) {
      const e = error as { status?: number; signal?: string };
      exit = e.signal ?? e.status ?? 'error';
    }
    return { name: c.name, kb: Math.round(fs.statSync(file).size / 1024), seconds: (performance.now() - t) / 1000, exit };
  });
}
