import { Command, CommanderError, Option } from 'commander';
import * as path from 'node:path';
import { ModelBuilder } from './core/build';
import { formatOf } from './core/project';
import { buildOutline, formatOutline } from './core/outline';

// The command line: argv → core → text on stdout → exit code (0 fine, 1 findings over the bar,
// 2 usage or internal failure). It only adapts; everything it prints comes from the core.

export const EXIT_OK = 0;
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

function defaultIo() {
  return { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s) };
}
