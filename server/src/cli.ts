import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { repository, version } from '../../package.json';
import * as path from 'node:path';
import { ModelBuilder } from './core/build';
import { NodeFileHost } from './core/host';
import { formatOf } from './core/project';
import { decodeDraft } from './core/source';
import { buildOutline, formatOutline } from './core/outline';
import { expandPaths, lintFiles, type IgnoreRules } from './core/lint';
import { formatJson } from './core/formats/report';
import { formatStylish } from './core/formats/stylish';
import { formatGithub } from './core/formats/github';
import { formatMarkdown } from './core/formats/markdown';
import { formatSarif } from './core/formats/sarif';
import { docsBase, repositoryWebUrl, ruleDocUrl } from './core/formats/rule-docs';
import { formatHtml } from './core/formats/html';
import { PAPER_KINDS } from './core/directives';
import { hasBar, QUADRANT_IDS, shortfalls } from './core/bar';
import { didYouMean, nearest } from './core/text/suggest';
import type { Quadrant } from './core/rules/score';
import type { PaperKind } from './core/model';
import { builtinLexicons, builtinRules } from '../../rules';
import { ConfigError, ConfigResolver, effectiveConfig, starterConfig, CONFIG_NAMES } from './core/config';
import type { RuleSetting } from './core/rules/engine';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DiskCache } from './core/cache/disk-cache';
import { readPdfsInto } from './core/pdf/prepare';
import { LintCache } from './core/cache/lint-cache';
import { defaultCacheLocation } from './core/cache/location';
import { enableTiming, eventCount, phaseTotals, timed, timingEnabled } from './core/timing';
import { scoreInWorkers, defaultJobs } from './score-command';
import { formatCsv, formatJsonl, formatTable } from './core/score-rows';
import { applySuppressions, parseSuppressions, prune, suppressAll, type Suppressions } from './core/suppressions';
import { checkNamed, MAX_SUPPRESSIONS_SIZE, ProjectBoundary, readRegularFile, writeInsideProject } from './core/project-boundary';

// The command line: argv → core → text on stdout → exit code (0 fine, 1 findings over the bar,
// 2 usage or internal failure). It only adapts; everything it prints comes from the core.

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export async function main(argv: string[], io: { out: (s: string) => void; err: (s: string) => void } = defaultIo()): Promise<number> {
  // Node's start and loading this bundle: the time since the process began.
  const startMs = performance.now();
  if (process.env.ACTIONABLE_TIMING) enableTiming();
  try {
    return await run(argv, io);
  } finally {
    if (timingEnabled()) io.err(timingTable(startMs, performance.now()));
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command('actionable')
    .description('Lints interpretability paper drafts (LaTeX, Markdown) for actionability.')
    .version(PACKAGE_VERSION, '-v, --version', 'print the version')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command('outline')
    .description('print what the linter sees in a draft: root, files, kind, title, sections with roles, and sentences')
    .argument('<file>', 'a .tex, .md, .qmd, .Rmd, .txt or .pdf file (a file of a LaTeX project shows its root document)')
    .option('--sentences', 'list every sentence with file:line:column')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--max-file-size <bytes>', 'skip files larger than this', parseSize)
    .action(async (file: string, opts: { sentences?: boolean; format: string; maxFileSize?: number }) => {
      const abs = path.resolve(file);
      if (!formatOf(abs)) {
        io.err(`actionable: ${file}: not a draft (expected .tex, .md, .qmd, .Rmd, .txt or .pdf)\n`);
        exitCode = EXIT_USAGE;
        return;
      }
      const builder = new ModelBuilder({ maxFileSize: opts.maxFileSize, boundary: cliBoundary() });
      if (!builder.host.exists(abs)) {
        io.err(`actionable: ${file}: no such file\n`);
        exitCode = EXIT_USAGE;
        return;
      }
      await readPdfsInto(builder.host as NodeFileHost, [abs]);
      const outline = buildOutline(builder.build(abs), process.cwd(), Boolean(opts.sentences), { file: abs, via: builder.rootOf(abs).via });
      io.out(opts.format === 'json' ? JSON.stringify(outline, null, 2) + '\n' : formatOutline(outline));
    });

  program
    .command('lint', { isDefault: true })
    .description('lint drafts and print findings, score and checklist (the default command)')
    .argument('[paths...]', '.tex, .md, .qmd, .Rmd, .txt or .pdf files, folders to search, or quoted glob patterns (\'paper/**/*.tex\', \'!drafts/old/**\')')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(FORMATS)).default('stylish'))
    .option('--stdin', 'lint a draft read from standard input')
    .option('--stdin-filename <name>', 'the file name of the draft on standard input (its extension sets the format)', 'stdin.md')
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--summary <file>', 'also append the report in Markdown to this file (e.g. "$GITHUB_STEP_SUMMARY", the job summary)')
    .addOption(new Option('--kind <kind>', 'paper kind (default: from the config, a directive or the abstract)').choices([...PAPER_KINDS]))
    .option('-c, --config <file>', 'use this config file instead of looking for .actionable.json(c)')
    .option('--no-config', 'ignore config files')
    .option('--rule <id=severity>', 'set a rule\'s severity: off, info, warning or error (repeatable)', collect, [])
    .option('--ignore-pattern <pattern>', 'do not lint files that match this pattern (.gitignore syntax, relative to the working directory; repeatable)', collect, [])
    .option('--no-error-on-unmatched-pattern', 'do not fail when a glob pattern matches no file')
    .option('--color', 'colour the stylish output even when it is not a terminal (also FORCE_COLOR=1)')
    .option('--no-color', 'never colour the output (also NO_COLOR=1)')
    .option('--quiet', 'report errors only')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings', parseCount)
    .addOption(new Option('--require-quadrant <quadrant>', 'exit 1 when a document is not in this quadrant (overrides "require" in the config)').choices([...QUADRANT_IDS]))
    .option('--min-concreteness <score>', 'exit 1 when a document\'s concreteness is below this (0–1)', parseUnit)
    .option('--min-validation <score>', 'exit 1 when a document\'s validation is below this (0–1)', parseUnit)
    .option('--min-checklist <steps>', 'exit 1 when a document meets fewer checklist steps than this (0–6)', parseSteps)
    .option('--max-file-size <bytes>', 'skip files larger than this', parseSize)
    .option('--time-budget <seconds>', 'stop reading, then linting, a document after this many seconds each (default 30)', parseSeconds)
    .option('--suppress-all', 'record every current finding in the suppressions file, so that later runs report only new ones')
    .option('--prune-suppressions', 'lower the counts in the suppressions file to what this run finds')
    .option('--suppressions-location <file>', 'the suppressions file', SUPPRESSIONS_FILE)
    .option('--cache', 'keep results, parsed chunks and sentence readings between runs: an unchanged paper is not read again, an edited one re-reads only what changed')
    .option('--cache-location <folder>', 'where --cache keeps them (default: the user\'s cache folder, e.g. ~/.cache/actionable)')
    .action(async (paths: string[], opts: LintOptions) => {
      exitCode = await runLint(paths, opts, io);
    });

  program
    .command('report')
    .description('write an HTML report of a draft: its place on the concreteness × validation map, the checklist and the findings with excerpts')
    .argument('<file>', 'a .tex, .md, .qmd, .Rmd, .txt or .pdf file (a file of a LaTeX project reports its root document)')
    .option('-o, --output <file>', 'write the page to this file (e.g. report.html) instead of standard output')
    .addOption(new Option('--kind <kind>', 'paper kind (default: from the config, a directive or the abstract)').choices([...PAPER_KINDS]))
    .option('-c, --config <file>', 'use this config file instead of looking for .actionable.json(c)')
    .option('--no-config', 'ignore config files')
    .option('--rule <id=severity>', 'set a rule\'s severity: off, info, warning or error (repeatable)', collect, [])
    .option('--max-file-size <bytes>', 'skip files larger than this', parseSize)
    .option('--time-budget <seconds>', 'stop reading, then linting, a document after this many seconds each (default 30)', parseSeconds)
    .option('--cache', 'keep results, parsed chunks and sentence readings between runs: an unchanged paper is not read again, an edited one re-reads only what changed')
    .option('--cache-location <folder>', 'where --cache keeps them (default: the user\'s cache folder, e.g. ~/.cache/actionable)')
    .action(async (file: string, opts: Pick<LintOptions, 'output' | 'kind' | 'config' | 'rule' | 'maxFileSize' | 'timeBudget' | 'cache' | 'cacheLocation'>) => {
      // The same path as `lint --format html`; the report informs, so findings do not fail it.
      if (!formatOf(path.resolve(file))) throw new UsageError(`${file}: not a draft (expected .tex, .md, .qmd, .Rmd, .txt or .pdf)`);
      if (!opts.output && process.stdout.isTTY) io.err('actionable: writing HTML to the terminal; use -o report.html to save it\n');
      const code = await runLint([file], { ...opts, format: 'html', stdinFilename: '', suppressionsLocation: SUPPRESSIONS_FILE }, io);
      exitCode = code === EXIT_USAGE ? EXIT_USAGE : EXIT_OK;
      if (exitCode === EXIT_OK && opts.output) io.err(`actionable: wrote ${opts.output}\n`);
    });

  program
    .command('score')
    .description('one row per document (kind, scores, quadrant, checklist, findings), linted in parallel across CPU cores')
    .argument('<paths...>', 'drafts, folders to search, or quoted glob patterns')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'csv', 'jsonl']).default('table'))
    .option('-o, --output <file>', 'write the rows to a file instead of standard output')
    .option('-j, --jobs <n>', 'worker threads (default: the number of CPU cores)', parsePositive)
    .option('--ignore-pattern <pattern>', 'do not score files that match this pattern (.gitignore syntax; repeatable)', collect, [])
    .option('--no-error-on-unmatched-pattern', 'do not fail when a glob pattern matches no file')
    .option('-c, --config <file>', 'use this config file instead of looking for .actionable.json(c)')
    .option('--no-config', 'ignore config files')
    .addOption(new Option('--kind <kind>', 'paper kind for every document').choices([...PAPER_KINDS]))
    .option('--max-file-size <bytes>', 'skip files larger than this', parseSize)
    .option('--cache', 'keep results, parsed chunks and sentence readings between runs: an unchanged paper is not read again, an edited one re-reads only what changed')
    .option('--cache-location <folder>', 'where --cache keeps them (default: the user\'s cache folder, e.g. ~/.cache/actionable)')
    .action(async (paths: string[], opts: { format: string; output?: string; jobs?: number; config?: string | false; kind?: PaperKind; maxFileSize?: number } & PathOptions & CacheOptions) => {
      const resolver = { configFile: opts.config || undefined, noConfig: opts.config === false, overrides: { kind: opts.kind } };
      const boundary = cliBoundary();
      const configs = new ConfigResolver(builtinRules, { ...resolver, boundary });
      const { files, missing, unmatched, warnings } = expandPaths(paths, searchIgnores(configs, opts), { boundary });
      const failed = reportSearch(io, { missing, unmatched, warnings }, opts);
      const drafts = files.filter((f) => formatOf(f));
      if (failed || drafts.length === 0) {
        if (drafts.length === 0 && missing.length === 0) io.err('actionable: no drafts to score\n');
        exitCode = EXIT_USAGE;
        return;
      }
      const builder = new ModelBuilder({ maxFileSize: opts.maxFileSize, boundary });
      const roots = [...new Set(drafts.map((f) => builder.rootOf(f).root))];
      configs.forFile(roots[0]); // a broken config fails here, once, with exit 2, not in every worker
      const progress = process.stderr.isTTY ? (done: number) => process.stderr.write(`\rscoring ${done}/${roots.length}`) : () => undefined;
      const cacheLocation = opts.cache ? path.resolve(opts.cacheLocation ?? defaultCacheLocation()) : undefined;
      const rows = await scoreInWorkers(roots, { cwd: process.cwd(), resolver, maxFileSize: opts.maxFileSize, cacheLocation }, opts.jobs ?? defaultJobs(), progress);
      if (process.stderr.isTTY) process.stderr.write('\n');
      // Each worker writes its entries; the folder is kept under its limit once, here.
      if (cacheLocation) new DiskCache(cacheLocation).prune();
      const text = opts.format === 'csv' ? formatCsv(rows) : opts.format === 'jsonl' ? formatJsonl(rows) : formatTable(rows);
      if (opts.output) writeOrThrow(opts.output, text);
      else io.out(text);
    });

  program
    .command('print-config')
    .description('print the configuration in force for a draft: kind, every rule\'s severity and options, the bar, ignores and lexicons, each with the file it came from')
    .argument('<file>', 'a draft')
    .option('-c, --config <file>', 'use this config file instead of looking for .actionable.json(c)')
    .option('--no-config', 'ignore config files')
    .addOption(new Option('--kind <kind>', 'paper kind').choices([...PAPER_KINDS]))
    .option('--rule <id=severity>', 'set a rule\'s severity (repeatable)', collect, [])
    .action((file: string, opts: { config?: string | false; kind?: PaperKind; rule: string[] }) => {
      const overrides = { kind: opts.kind, rules: parseRuleFlags(opts.rule) };
      const config = new ConfigResolver(builtinRules, { configFile: opts.config || undefined, noConfig: opts.config === false, overrides, boundary: cliBoundary() }).forFile(path.resolve(file));
      io.out(JSON.stringify(effectiveConfig(config, builtinRules, relativeName), null, 2) + '\n');
    });

  program
    .command('init')
    .description(`write a starter ${CONFIG_NAMES[1]} with comments in the current folder`)
    .action(() => {
      // Anything with either name, even a dangling link, is left alone: a link is never written through.
      const existing = CONFIG_NAMES.find((name) => present(name));
      if (existing) {
        io.err(`actionable: ${existing} already exists; not overwritten\n`);
        exitCode = EXIT_USAGE;
        return;
      }
      const written = writeInsideProject(CONFIG_NAMES[1], starterConfig(), { exclusive: true });
      if (!written.ok) {
        io.err(`actionable: ${CONFIG_NAMES[1]} ${written.reason}\n`);
        exitCode = EXIT_USAGE;
        return;
      }
      io.out(`wrote ${CONFIG_NAMES[1]}\n`);
    });

  program
    .command('lsp')
    .description('run the language server (for editors: Neovim, Helix, VS Code…); it talks LSP on stdin/stdout')
    .option('--stdio', 'talk over standard input and output (the default)')
    .option('--node-ipc', 'talk over a Node IPC channel (when started by a Node client)')
    .action(() => {
      // The server is its own bundle (dist/server.js, which reads the transport from argv), so lint
      // runs do not load the LSP libraries.
      require(path.join(__dirname, 'server.js'));
    });

  program
    .command('rules')
    .description('list the rules: id, checklist step, severity, paper kinds, fixable, description; with an id, print that rule\'s documentation')
    .argument('[id]', 'a rule id: print its documentation (what it checks, why, how to fix, examples, options)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((id: string | undefined, opts: { format: string }) => {
      if (id !== undefined) {
        io.out(ruleDocumentation(id));
        return;
      }
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
    if (error instanceof ConfigError || error instanceof UsageError) {
      io.err(`actionable: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.err(`actionable: internal error: ${(error as Error).message}\n`);
    if (program.opts().debug) io.err(`${(error as Error).stack}\n`);
    return EXIT_USAGE;
  }
  return exitCode;
}

/** `lint`, and `report` through it: paths → results → the chosen format on stdout or in a file → exit code. */
async function runLint(paths: string[], opts: LintOptions, io: Io): Promise<number> {
  const boundary = cliBoundary();
  const timeBudgetMs = opts.timeBudget === undefined ? undefined : opts.timeBudget * 1000;
  // Standard input is linted afresh (its text stands in for a file, as an editor buffer does).
  const cache = opts.cache && !opts.stdin ? openCache(opts) : undefined;
  const disk = new NodeFileHost(opts.maxFileSize, boundary);
  const builder = new ModelBuilder({ maxFileSize: opts.maxFileSize, boundary, timeBudgetMs, store: cache?.chunks }, cache ? cache.recording(disk) : disk);
  if (opts.stdin) {
    // The draft from standard input stands in for that file, as an editor buffer would.
    const file = path.resolve(opts.stdinFilename);
    if (!formatOf(file)) throw new UsageError(`--stdin-filename ${opts.stdinFilename}: expected a .tex, .md, .qmd, .Rmd or .txt name`);
    // Decoded as a file on disk is (BOM, UTF-16, U+FFFD for bad UTF-8, Latin-1), so positions agree.
    const decoded = decodeDraft(fs.readFileSync(0));
    if (!decoded.ok) throw new UsageError(`standard input ${decoded.reason}`);
    disk.setOverlay(file, decoded.text);
    paths = [file];
  } else if (paths.length === 0) {
    throw new UsageError('no paths given (or use --stdin)');
  }
  if (opts.summary) checkSummary(opts.summary);
  const rules = parseRuleFlags(opts.rule);
  const require = { quadrant: opts.requireQuadrant, concreteness: opts.minConcreteness, validation: opts.minValidation, checklist: opts.minChecklist };
  const resolver = new ConfigResolver(builtinRules, { configFile: opts.config || undefined, noConfig: opts.config === false, overrides: { kind: opts.kind, rules, require }, boundary });
  // Folder searches honour the `ignore` patterns of the config that applies where the search starts.
  const { files, missing, unmatched, searched, warnings: searchWarnings } = opts.stdin
    ? { files: paths, missing: [] as string[], unmatched: [] as string[], searched: new Set<string>(), warnings: [] as string[] }
    : expandPaths(paths, searchIgnores(resolver, opts), { boundary });
  if (reportSearch(io, { missing, unmatched, warnings: searchWarnings }, opts)) return EXIT_USAGE;
  const drafts = files.filter((f) => formatOf(f));
  // Patterns allowed to match nothing give an empty report, as ESLint's do.
  const allowedEmpty = unmatched.length > 0 && opts.errorOnUnmatchedPattern === false;
  if (drafts.length === 0 && !allowedEmpty) {
    io.err('actionable: no drafts to lint (expected .tex, .md, .qmd, .Rmd, .txt or .pdf files)\n');
    return EXIT_USAGE;
  }
  // PDFs are read first (pdf.js is asynchronous); the build then reads their Markdown rendering.
  const pdfs = drafts.filter((f) => formatOf(f) === 'pdf');
  if (pdfs.length) await readPdfsInto(disk, pdfs, { store: cache?.pdfs });
  const results = lintFiles(builder, drafts, builtinRules, builtinLexicons(), (root) => ({ ...resolver.forFile(root), timeBudgetMs }), { searched, cache });
  // A PDF cannot take a text edit: its findings keep their places and drop their fixes.
  for (const r of results) if (r.doc.format === 'pdf') for (const f of r.findings) {
    delete f.fix;
    f.suggestions = [];
  }
  if (cache) {
    cache.close();
    for (const problem of cache.problems) io.err(`actionable: ${problem}\n`);
  }
  const cwd0 = process.cwd();
  const existing = readSuppressions(opts.suppressionsLocation);
  if (opts.suppressAll || opts.pruneSuppressions) {
    const next = opts.suppressAll ? suppressAll(results, cwd0, existing) : prune(results, cwd0, existing);
    writeOrThrow(opts.suppressionsLocation, JSON.stringify(next, null, 2) + '\n');
    io.err(`actionable: wrote ${opts.suppressionsLocation}\n`);
  }
  const hidden = applySuppressions(results, cwd0, opts.suppressAll ? suppressAll(results, cwd0, existing) : existing);
  if (hidden > 0 && opts.format === 'stylish') io.err(`actionable: ${hidden} finding${hidden === 1 ? '' : 's'} hidden by ${opts.suppressionsLocation}\n`);
  if (opts.quiet) for (const r of results) r.findings = r.findings.filter((f) => f.severity === 'error');
  // The bar of each document's own config (a sub-folder's config may set a different one).
  for (const r of results) {
    const required = resolver.forFile(r.doc.root).require;
    if (hasBar(required)) r.bar = { required, shortfalls: shortfalls(r, required) };
  }
  const cwd = process.cwd();
  const toTerminal = !opts.output && Boolean(process.stdout.isTTY);
  const report = timed('format', () =>
    opts.format === 'stylish'
      ? formatStylish(results, cwd, !opts.output && useColor(opts.color), toTerminal ? process.stdout.columns : undefined)
      : FORMATS[opts.format as keyof typeof FORMATS](results, cwd, false),
  );
  if (opts.output) writeOrThrow(opts.output, report);
  else io.out(report);
  if (opts.summary) appendSummary(opts.summary, formatMarkdown(results, cwd, ruleUrl));
  const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  const below = results.filter((r) => r.bar && r.bar.shortfalls.length > 0);
  // Stylish prints the shortfalls under each document already; other formats and files get them here.
  if (opts.format !== 'stylish' || opts.output) for (const r of below) io.err(`actionable: ${relativeName(r.doc.root)} is below the bar: ${r.bar!.shortfalls.map((s) => s.message).join('; ')}\n`);
  let code = below.length > 0 || errors > 0 ? EXIT_FINDINGS : EXIT_OK;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    io.err(`actionable: ${warnings} warnings, more than --max-warnings ${opts.maxWarnings}\n`);
    code = EXIT_FINDINGS;
  }
  return code;
}

interface PathOptions {
  ignorePattern?: string[];
  /** False with --no-error-on-unmatched-pattern. */
  errorOnUnmatchedPattern?: boolean;
}

/** The config's `ignore` patterns where the search starts, and `--ignore-pattern`, relative to the working directory. */
function searchIgnores(resolver: ConfigResolver, opts: PathOptions): IgnoreRules[] {
  const ignores = resolver.forDirectory(process.cwd()).ignores;
  return opts.ignorePattern?.length ? [...ignores, { base: process.cwd(), patterns: opts.ignorePattern }] : ignores;
}

/** Prints what the path search could not find; true when that must stop the run. */
function reportSearch(io: Io, search: { missing: string[]; unmatched: string[]; warnings: string[] }, opts: PathOptions): boolean {
  for (const w of search.warnings) io.err(`actionable: ${w}\n`);
  for (const m of search.missing) {
    // `actionable lnt paper.tex` runs the default command on a path "lnt": say which command was meant.
    const command = /^[a-z-]+$/.test(m) ? nearestCommand(m) : undefined;
    io.err(`actionable: ${m}: no such file or folder${command ? ` (did you mean the command "${command}"?)` : ''}\n`);
  }
  const strict = opts.errorOnUnmatchedPattern !== false;
  for (const u of search.unmatched) io.err(`actionable: no files match the pattern "${u}"${strict ? ' (use --no-error-on-unmatched-pattern to allow it)' : ''}\n`);
  return search.missing.length > 0 || (strict && search.unmatched.length > 0);
}

/** A rule's README, as the rules folder ships it beside the bundle (dist/ is one folder down). */
function ruleDocumentation(id: string): string {
  const rule = builtinRules.find((r) => r.meta.id === id);
  if (!rule) throw new UsageError(`unknown rule id "${id}"${didYouMean(id, builtinRules.map((r) => r.meta.id)) || ' (run `actionable rules` for the list)'}`);
  const readme = path.resolve(__dirname, '..', 'rules', id, 'README.md');
  try {
    return fs.readFileSync(readme, 'utf8');
  } catch {
    return `${id}: ${rule.meta.description}\n(checklist step ${rule.meta.checklistStep ?? '-'}, paper ${rule.meta.paperSection}; ${readme} is not installed)\n`;
  }
}

const COMMANDS = ['outline', 'lint', 'report', 'score', 'print-config', 'init', 'lsp', 'rules'];

function nearestCommand(word: string): string | undefined {
  return nearest(word, COMMANDS);
}

function relativeName(file: string): string {
  return path.relative(process.cwd(), file).split(path.sep).join('/') || file;
}

function parseUnit(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`expected a score from 0 to 1, got "${value}"`);
  return n;
}

function parseSteps(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n > 6) throw new InvalidArgumentError(`expected a number of checklist steps from 0 to 6, got "${value}"`);
  return n;
}

function parseSize(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`invalid size: ${value}`);
  return n;
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`invalid number of seconds: ${value}`);
  return n;
}

const FORMATS = {
  stylish: formatStylish,
  json: (results: Parameters<typeof formatJson>[0], cwd: string) => formatJson(results, cwd),
  github: (results: Parameters<typeof formatGithub>[0], cwd: string) => formatGithub(results, cwd),
  markdown: (results: Parameters<typeof formatMarkdown>[0], cwd: string) => formatMarkdown(results, cwd, ruleUrl),
  // The bundle sits in dist/, so the rules' READMEs are one folder up.
  sarif: (results: Parameters<typeof formatSarif>[0], cwd: string) => formatSarif(results, cwd, builtinRules, SARIF_TOOL),
  html: (results: Parameters<typeof formatHtml>[0], cwd: string) => formatHtml(results, cwd, { rules: builtinRules }),
};

// The version in package.json, inlined by the bundler (a named import keeps the rest of the file out).
const PACKAGE_VERSION: string = version;
const REPOSITORY = repositoryWebUrl(repository);
/** A built-in rule's README on the web, for the Markdown report (undefined without a repository). */
function ruleUrl(id: string): string | undefined {
  return SARIF_TOOL.docsBase && builtinRules.some((r) => r.meta.id === id) ? ruleDocUrl(SARIF_TOOL.docsBase, id) : undefined;
}
const SARIF_TOOL = { version: PACKAGE_VERSION, docsRoot: path.resolve(__dirname, '..'), docsBase: REPOSITORY && docsBase(REPOSITORY, PACKAGE_VERSION) };

const SUPPRESSIONS_FILE = 'actionable-suppressions.json';

/**
 * The CLI's project boundary: the folder of the nearest `.git` above each linted file, or the
 * working directory (always a project of its own, where configs and suppressions are looked up).
 */
function cliBoundary(): ProjectBoundary {
  const boundary = new ProjectBoundary({ cwd: process.cwd() });
  boundary.enterFolder(process.cwd());
  return boundary;
}

/** Writes a file the user asked for, never through a link that leads out of the project. */
function writeOrThrow(file: string, text: string): void {
  const written = writeInsideProject(file, text);
  if (!written.ok) throw new UsageError(`${file} ${written.reason}`);
}

/**
 * A summary file that other steps also write (GitHub's job summary lives outside the project, so
 * the project check of --output does not apply): a regular file or a new one in an existing folder.
 * Checked before the lint, so that a bad path does not cost the run.
 */
function checkSummary(file: string): void {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(file);
  } catch {
    if (!fs.existsSync(path.dirname(path.resolve(file)))) throw new UsageError(`--summary ${file}: no such folder`);
  }
  if (stat && !stat.isFile()) throw new UsageError(`--summary ${file}: not a regular file`);
}

function appendSummary(file: string, markdown: string): void {
  try {
    fs.appendFileSync(file, markdown + '\n');
  } catch (error) {
    throw new UsageError(`--summary ${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function present(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function readSuppressions(file: string): Suppressions {
  if (!present(file)) return {};
  // A link out of the project, a FIFO (which would block), a folder or a huge file is refused.
  const named = checkNamed(file);
  if (!named.ok) throw new UsageError(`${file} ${named.reason}; it was not read`);
  const read = readRegularFile(named.real, MAX_SUPPRESSIONS_SIZE);
  if (!read.ok) throw new UsageError(`${file} ${read.reason}; it was not read`);
  const parsed = parseSuppressions(read.data.toString('utf8'));
  if (parsed.ok) return parsed.suppressions;
  throw new UsageError(`${file}: not a valid suppressions file: ${parsed.reason} (delete it and run --suppress-all again)`);
}

interface CacheOptions {
  cache?: boolean;
  cacheLocation?: string;
}

/** The on-disk cache of `--cache` (core/cache). */
function openCache(opts: CacheOptions): LintCache {
  return new LintCache(new DiskCache(path.resolve(opts.cacheLocation ?? defaultCacheLocation())));
}

interface LintOptions extends PathOptions, CacheOptions {
  format: string;
  suppressAll?: boolean;
  pruneSuppressions?: boolean;
  suppressionsLocation: string;
  stdin?: boolean;
  stdinFilename: string;
  output?: string;
  /** A Markdown summary appended to this file as well. */
  summary?: string;
  kind?: PaperKind;
  config?: string | false;
  rule: string[];
  quiet?: boolean;
  maxWarnings?: number;
  requireQuadrant?: Quadrant;
  minConcreteness?: number;
  minValidation?: number;
  minChecklist?: number;
  maxFileSize?: number;
  /** Seconds. */
  timeBudget?: number;
  /** `--color` true, `--no-color` false, neither undefined. */
  color?: boolean;
}

class UsageError extends Error {}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got "${value}"`);
  return n;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`invalid count: ${value}`);
  return n;
}

/** `--rule vague-action=error` flags → rule settings; an unknown id or severity is a usage error. */
function parseRuleFlags(flags: string[]): Record<string, RuleSetting> | undefined {
  if (flags.length === 0) return undefined;
  const known = new Set(builtinRules.map((r) => r.meta.id));
  const out: Record<string, RuleSetting> = {};
  for (const flag of flags) {
    const m = /^([\w-]+)=(off|info|warning|error)$/.exec(flag);
    if (!m) throw new UsageError(`--rule ${flag}: expected id=off|info|warning|error`);
    if (!known.has(m[1])) throw new UsageError(`--rule ${flag}: unknown rule id "${m[1]}"${didYouMean(m[1], known) || ' (run `actionable rules` for the list)'}`);
    out[m[1]] = m[2] as RuleSetting;
  }
  return out;
}

/**
 * Colours: `--color`/`--no-color` first, then the NO_COLOR and FORCE_COLOR conventions
 * (no-color.org, force-color.org), then whether standard output is a terminal that shows them.
 */
export function useColor(flag: boolean | undefined, env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR);
  return isTTY && env.TERM !== 'dumb';
}

function defaultIo() {
  return { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s) };
}

/** `ACTIONABLE_TIMING=1`: where the run's time went, on standard error (nested phases are part of the one above). */
function timingTable(startMs: number, endMs: number): string {
  const t = phaseTotals();
  const ms = (n: number | undefined) => `${(n ?? 0).toFixed(0).padStart(7)} ms`;
  const rows: Array<[string, number | undefined]> = [
    ['start (Node, bundle)', startMs],
    ['cache (load, save)', t.get('cache')],
    ['model', t.get('model')],
    ['  of which parse', t.get('parse')],
    ['rules', t.get('rules')],
    ['  of which analyse', t.get('analyse')],
    ['format', t.get('format')],
    ['total', endMs],
  ];
  const documents = `documents: ${eventCount('linted')} linted, ${eventCount('cached')} from the cache`;
  return `\nphase                   time\n${rows.map(([name, n]) => `${name.padEnd(22)}${ms(n)}`).join('\n')}\n${documents}\n`;
}
