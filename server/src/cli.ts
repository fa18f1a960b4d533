import { Command, CommanderError, Option } from 'commander';
import * as path from 'node:path';
import { ModelBuilder } from './core/build';
import { formatOf } from './core/project';
import { buildOutline, formatOutline } from './core/outline';
import { expandPaths, lintFiles } from './core/lint';
import { formatJson } from './core/formats/report';
import { formatStylish } from './core/formats/stylish';
import { PAPER_KINDS } from './core/directives';
import type { PaperKind } from './core/model';
import { builtinLexicons, builtinRules } from '../../rules';

// The command line: argv → core → text on stdout → exit code (0 fine, 1 findings over the bar,
// 2 usage or internal failure). It only adapts; everything it prints comes from the core.

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export async function main(argv: string[], io: { out: (s: string) => void; err: (s: string) => void } = defaultIo()): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('actionable')
    .description('Lints interpretability paper drafts (LaTeX, Markdown) for actionability.')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command('outline')
    .description('print what the linter sees in a draft: root, files, kind, title, sections with roles, and sentences')
    .argument('<file>', 'a .tex, .md, .qmd or .Rmd file (a file of a LaTeX project shows its root document)')
    .option('--sentences', 'list every sentence with file:line:column')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--max-file-size <bytes>', 'skip files larger than this', parseSize)
    .action((file: string, opts: { sentences?: boolean; format: string; maxFileSize?: number }) => {
      const abs = path.resolve(file);
      if (!formatOf(abs)) {
        io.err(`actionable: ${file}: not a draft (expected .tex, .md, .qmd or .Rmd)\n`);
        exitCode = EXIT_USAGE;
        return;
      }
      const builder = new ModelBuilder({ maxFileSize: opts.maxFileSize });
      if (!builder.host.exists(abs)) {
        io.err(`actionable: ${file}: no such file\n`);
        exitCode = EXIT_USAGE;
        return;
      }
      const outline = buildOutline(builder.build(abs), process.cwd(), Boolean(opts.sentences));
      io.out(opts.format === 'json' ? JSON.stringify(outline, null, 2) + '\n' : formatOutline(outline));
    });

  program
    .command('lint', { isDefault: true })
    .description('lint drafts and print findings, score and checklist (the default command)')
    .argument('<paths...>', '.tex, .md, .qmd or .Rmd files, or folders to search')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json']).default('stylish'))
    .addOption(new Option('--kind <kind>', 'paper kind (default: from a directive or the abstract)').choices([...PAPER_KINDS]))
    .option('--max-file-size <bytes>', 'skip files larger than this', parseSize)
    .action((paths: string[], opts: { format: string; kind?: PaperKind; maxFileSize?: number }) => {
      const { files, missing } = expandPaths(paths);
      for (const m of missing) io.err(`actionable: ${m}: no such file or folder\n`);
      if (missing.length > 0) {
        exitCode = EXIT_USAGE;
        return;
      }
      const drafts = files.filter((f) => formatOf(f));
      if (drafts.length === 0) {
        io.err('actionable: no drafts to lint (expected .tex, .md, .qmd or .Rmd files)\n');
        exitCode = EXIT_USAGE;
        return;
      }
      const builder = new ModelBuilder({ maxFileSize: opts.maxFileSize });
      const results = lintFiles(builder, drafts, builtinRules, builtinLexicons(), { kind: opts.kind });
      const cwd = process.cwd();
      io.out(opts.format === 'json' ? formatJson(results, cwd) : formatStylish(results, cwd, useColor()));
      if (results.some((r) => r.findings.some((f) => f.severity === 'error'))) exitCode = EXIT_FINDINGS;
    });

  program
    .command('rules')
    .description('list the rules: id, checklist step, severity, paper kinds, fixable, description')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((opts: { format: string }) => {
      const rows = builtinRules.map((r) => ({
        id: r.meta.id,
        checklistStep: r.meta.checklistStep,
        paperSection: r.meta.paperSection,
        severity: r.meta.defaultSeverity,
        kinds: [...r.meta.kinds],
        fixable: r.meta.fixable,
        description: r.meta.description,
      }));
      if (opts.format === 'json') {
        io.out(JSON.stringify(rows, null, 2) + '\n');
        return;
      }
      for (const r of rows) {
        io.out(`${r.id.padEnd(22)} ${r.checklistStep ? `step ${r.checklistStep}` : 'step -'}  ${r.paperSection.padEnd(6)} ${r.severity.padEnd(8)} ${r.fixable ? 'fix' : '   '}  ${r.description}\n`);
        io.out(`${''.padEnd(22)} kinds: ${r.kinds.join(', ')}\n`);
      }
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    io.err(`actionable: internal error: ${(error as Error).message}\n`);
    if (program.opts().debug) io.err(`${(error as Error).stack}\n`);
    return EXIT_USAGE;
  }
  return exitCode;
}

function parseSize(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CommanderError(2, 'actionable.invalidSize', `invalid size: ${value}`);
  return n;
}

function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}

function defaultIo() {
  return { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s) };
}
