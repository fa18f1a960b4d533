import type { Diagnostic } from 'vscode-languageserver';
import { ModelBuilder } from '../core/build';
import { DiskCache } from '../core/cache/disk-cache';
import { LintCache } from '../core/cache/lint-cache';
import { defaultCacheLocation } from '../core/cache/location';
import { EditorDiskCache } from './disk-cache';
import { checkSettings, ConfigError, ConfigResolver, type ResolvedConfig } from '../core/config';
import type { NodeFileHost } from '../core/host';
import { formatOf } from '../core/project';
import { ProjectBoundary } from '../core/project-boundary';
import { lintSteps, type LintConfig, type LintResult } from '../core/rules/engine';
import type { Lexicons } from '../core/rules/lexicon';
import type { Rule } from '../core/rules/types';
import { toDiagnostics } from './convert';
import { summarize } from './report';
import { DEFAULT_SETTINGS, type DocumentSummary, type ServerSettings } from './protocol';
import type { RuleDocs } from './rule-docs';

// The editor-facing linter: open buffers, debounced lint runs per document (a LaTeX root and its
// inputs are one document), dropping a run when a newer edit arrives, and publishing diagnostics
// for every file of the document. It knows LSP shapes but not the connection.

/** How long the server works on a lint before it lets other messages (hovers, edits) through. */
const SLICE_MS = 25;

export interface LinterOutput {
  publish(uri: string, diagnostics: Diagnostic[], version: number | undefined): void;
  summary(summary: DocumentSummary): void;
  configProblem(error: ConfigError): void;
  /** Settings entries that were dropped, each described (empty when all are valid). */
  settingsProblems(problems: string[]): void;
  log(message: string): void;
}

interface RootState {
  /** Bumped by every edit of a file of this document; a run whose generation is old is dropped. */
  generation: number;
  timer?: NodeJS.Timeout;
  /** URIs that last got diagnostics from this document (to clear the ones it no longer covers). */
  published: Set<string>;
  /** Files the document read in its last run (to know which disk changes concern it). */
  files: Set<string>;
  /** The last result, kept while a file of the document is open (for the report view). */
  last?: LintResult;
}

export class EditorLinter {
  settings: ServerSettings = DEFAULT_SETTINGS;
  private builder: ModelBuilder;
  private resolver!: ConfigResolver;
  /**
   * Every read stays inside the workspace folders (a file opened outside them: its repository,
   * or its own folder), whether or not the workspace is trusted.
   */
  readonly boundary = new ProjectBoundary();
  private readonly open = new Map<string, { file: string; version: number }>();
  private readonly roots = new Map<string, RootState>();
  /** Roots linted by "Lint Workspace": their diagnostics stay when their files close. */
  private readonly pinned = new Set<string>();
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly ruleMap: ReadonlyMap<string, Rule<any>>;
  private trusted = true;
  /** The settings' kind and rules that passed the config schema. */
  private overrides: LintConfig = {};
  /** True until the first settings arrive, so the first lint does not use defaults and then flicker. */
  private held = false;
  /** Chunks and sentence readings kept on disk between sessions (`actionable.cache`). */
  private diskCache: EditorDiskCache | undefined;
  private cacheProblemsLogged = 0;

  constructor(
    private readonly rules: readonly Rule<any>[],
    private readonly lexicons: Lexicons,
    private readonly docs: RuleDocs,
    private readonly output: LinterOutput,
  ) {
    this.ruleMap = new Map(rules.map((r) => [r.meta.id, r]));
    this.builder = new ModelBuilder({ maxFileSize: this.settings.maxFileSize, boundary: this.boundary });
    this.resetConfig();
  }

  /** Writes what the disk cache holds back (a document closed, the server shuts down). */
  flushCache(): void {
    this.diskCache?.flush();
    const problems = this.diskCache?.problems ?? [];
    for (const p of problems.slice(this.cacheProblemsLogged)) this.output.log(p);
    this.cacheProblemsLogged = problems.length;
  }

  /** The workspace folders, which bound every read. */
  setWorkspaceFolders(folders: string[]): void {
    this.boundary.setFolders(folders);
    this.builder = this.rebuilt(this.settings.maxFileSize);
    this.resetConfig();
    this.relintAll();
  }

  /** A new builder (its caches start empty: roots may change with the folders), keeping open buffers. */
  private rebuilt(maxFileSize: number): ModelBuilder {
    const old = this.host();
    const builder = new ModelBuilder({ maxFileSize, boundary: this.boundary, store: this.diskCache?.store });
    for (const { file } of this.open.values()) (builder.host as NodeFileHost).setOverlay(file, old.getOverlay(file) ?? '');
    return builder;
  }

  /** Lint nothing until the next configure(). */
  hold(): void {
    this.held = true;
  }

  configure(settings: ServerSettings, trusted: boolean): void {
    this.held = false;
    const sizeChanged = settings.maxFileSize !== this.settings.maxFileSize;
    const cacheChanged = settings.cache !== Boolean(this.diskCache);
    if (cacheChanged) {
      this.diskCache?.flush();
      this.diskCache = settings.cache ? new EditorDiskCache(new LintCache(new DiskCache(defaultCacheLocation()))) : undefined;
    }
    this.settings = settings;
    this.trusted = trusted;
    const checked = checkSettings(this.rules, settings);
    this.overrides = checked.overrides;
    this.output.settingsProblems(checked.problems);
    if (sizeChanged || cacheChanged) this.builder = this.rebuilt(settings.maxFileSize);
    this.resetConfig();
    if (!settings.enable) this.clearAll();
    else this.relintAll();
  }

  /** Forget cached config files (one changed on disk) and lint again. */
  configChanged(): void {
    this.resetConfig();
    this.relintAll();
  }

  isDraft(file: string): boolean {
    // PDFs are for the command line (score, report): an editor edits sources.
    const format = formatOf(file);
    return format !== undefined && format !== 'pdf';
  }

  opened(uri: string, file: string, version: number, text: string): void {
    this.open.set(uri, { file, version });
    this.host().setOverlay(file, text);
    this.schedule(this.rootOf(file), 0);
  }

  changed(uri: string, version: number, changes: Parameters<ModelBuilder['edit']>[1]): void {
    const entry = this.open.get(uri);
    if (!entry) return;
    entry.version = version;
    this.builder.edit(entry.file, changes);
    const root = this.rootOf(entry.file);
    const state = this.state(root);
    state.generation++;
    if (this.settings.run === 'onType') this.schedule(root, this.settings.debounce);
  }

  saved(uri: string): void {
    const entry = this.open.get(uri);
    if (entry && this.settings.run === 'onSave') this.schedule(this.rootOf(entry.file), 0);
  }

  closed(uri: string): void {
    const entry = this.open.get(uri);
    if (!entry) return;
    this.open.delete(uri);
    this.host().removeOverlay(entry.file);
    this.flushCache();
    const root = this.rootOf(entry.file);
    if (this.hasOpenFile(root) || this.pinned.has(root)) this.schedule(root, 0);
    else this.forget(root);
  }

  /** A draft changed, appeared or vanished on disk (not through an open editor). */
  diskChanged(file: string, created: boolean): void {
    if (created) return this.relintAll(); // a new file can become the root of open files
    for (const [root, state] of this.roots) {
      if (root === file || state.files.has(file)) this.schedule(root, 0);
    }
  }

  /** What the linter holds: documents with state, files with cached chunks, open buffers. */
  holdings(): { documents: number; cachedFiles: number; buffers: number } {
    return { documents: this.roots.size, cachedFiles: this.builder.cachedFiles, buffers: this.open.size };
  }

  versionOf(uri: string): number | undefined {
    return this.open.get(uri)?.version;
  }

  diagnosticsOf(uri: string): Diagnostic[] {
    return this.diagnostics.get(uri) ?? [];
  }

  /** The latest result for the document a file belongs to, linting it now if there is none. */
  async resultFor(file: string): Promise<LintResult | undefined> {
    const root = this.rootOf(file);
    const state = this.state(root);
    if (state.last && !state.timer) return state.last;
    return this.run(root, { force: true });
  }

  /** Lints every root among `files` (for Lint Workspace); `progress` gets (done, total). */
  async lintAll(files: string[], progress: (done: number, total: number, root: string) => void, cancelled: () => boolean): Promise<number> {
    const roots = [...new Set(files.filter((f) => this.isDraft(f)).map((f) => this.rootOf(f)))];
    let done = 0;
    for (const root of roots) {
      if (cancelled()) break;
      this.pinned.add(root);
      await this.run(root, { force: true });
      progress(++done, roots.length, root);
    }
    return done;
  }

  private hasOpenFile(root: string): boolean {
    return [...this.open.values()].some((e) => this.rootOf(e.file) === root);
  }

  private rootOf(file: string): string {
    return this.builder.rootOf(file).root;
  }

  private host(): NodeFileHost {
    // The builder makes a NodeFileHost when given none.
    return this.builder.host as NodeFileHost;
  }

  private state(root: string): RootState {
    let state = this.roots.get(root);
    if (!state) {
      state = { generation: 0, published: new Set(), files: new Set() };
      this.roots.set(root, state);
    }
    return state;
  }

  private schedule(root: string, delay: number): void {
    if (!this.settings.enable || this.held) return;
    const state = this.state(root);
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      void this.run(root).catch((error) => this.output.log(`Linting ${root} failed: ${(error as Error).stack ?? error}`));
    }, delay);
  }

  /**
   * Builds, lints and publishes one document in slices of about SLICE_MS, giving the event loop a
   * turn between them so that hovers, code actions and newer edits are answered while a large or
   * hostile draft is read: if an edit arrives, this run is dropped (that edit scheduled its own).
   */
  private async run(root: string, { force = false } = {}): Promise<LintResult | undefined> {
    const state = this.state(root);
    if (state.timer && force) {
      clearTimeout(state.timer);
      state.timer = undefined;
    }
    const generation = state.generation;
    const versions = this.openVersions();
    const dropped = async () => (await this.superseded(state, generation)) && !force;
    // One time budget for the whole build, however many slices it takes; each slice reads on from the chunks cached by the last.
    const deadline = performance.now() + this.builder.timeBudgetMs;
    // The root file's chunks first (most of a paper's text, and no model to assemble between slices), then the model.
    const slice = () => ({ deadline, pauseAt: performance.now() + SLICE_MS });
    this.diskCache?.beforeLint(root);
    while (this.builder.prefetch(root, slice())) if (await dropped()) return;
    let doc = this.builder.build(root, slice());
    while (doc.paused) {
      if (await dropped()) return;
      doc = this.builder.build(root, slice());
    }
    if (await dropped()) return;
    const steps = lintSteps(doc, this.rules, this.lexicons, this.configFor(root));
    let sliceEnd = performance.now() + SLICE_MS;
    let step = steps.next();
    while (!step.done) {
      if (performance.now() > sliceEnd) {
        if (await dropped()) return;
        sliceEnd = performance.now() + SLICE_MS;
      }
      step = steps.next();
    }
    const result = step.value;
    this.diskCache?.afterLint(root);
    if (await dropped()) return;
    state.files = new Set(result.doc.files);
    // A workspace lint can cover hundreds of papers: keep models only for documents being edited.
    state.last = this.hasOpenFile(root) ? result : undefined;
    this.publish(state, result, versions);
    return result;
  }

  private async superseded(state: RootState, generation: number): Promise<boolean> {
    // A timer, not setImmediate: incoming messages are read in the poll phase and dispatched by the
    // JSON-RPC layer with setImmediate, both before the next timer phase.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return state.generation !== generation;
  }

  private publish(state: RootState, result: LintResult, versions: Record<string, number>): void {
    const byUri = toDiagnostics(result, this.ruleMap, this.docs, versions);
    for (const uri of state.published) if (!byUri.has(uri)) this.send(uri, [], versions[uri]);
    for (const [uri, diagnostics] of byUri) this.send(uri, diagnostics, versions[uri]);
    state.published = new Set(byUri.keys());
    for (const file of result.doc.files) this.output.summary(summarize(result, file));
  }

  /** `version` is the version of the text the diagnostics were computed from. */
  private send(uri: string, diagnostics: Diagnostic[], version = this.open.get(uri)?.version): void {
    if (diagnostics.length) this.diagnostics.set(uri, diagnostics);
    else this.diagnostics.delete(uri);
    this.output.publish(uri, diagnostics, version);
  }

  private openVersions(): Record<string, number> {
    return Object.fromEntries([...this.open].map(([uri, e]) => [uri, e.version]));
  }

  private configFor(root: string): ResolvedConfig {
    try {
      return this.resolver.forFile(root);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.output.configProblem(error);
      // Lint with the editor settings alone rather than not at all.
      return new ConfigResolver(this.rules, { noConfig: true, overrides: this.overrides, boundary: this.boundary }).forFile(root);
    }
  }

  private resetConfig(): void {
    // Config files can add lexicon phrases, which become patterns: not read in untrusted workspaces.
    this.resolver = new ConfigResolver(this.rules, { noConfig: !this.trusted, overrides: this.overrides, boundary: this.boundary });
  }

  private relintAll(): void {
    const roots = new Set([...this.roots.keys(), ...[...this.open.values()].map((e) => this.rootOf(e.file))]);
    for (const root of roots) {
      if (this.hasOpenFile(root) || this.pinned.has(root)) this.schedule(root, 0);
      else this.forget(root);
    }
  }

  private forget(root: string): void {
    const state = this.roots.get(root);
    if (!state) return;
    if (state.timer) clearTimeout(state.timer);
    for (const uri of state.published) this.send(uri, []);
    // The document's cached chunks go with it, except files that another open document still reads.
    const stillRead = new Set([...this.roots.values()].filter((r) => r !== state).flatMap((r) => [...r.files]));
    this.builder.forget([...state.files, root].filter((f) => !stillRead.has(f)));
    this.roots.delete(root);
    this.pinned.delete(root);
  }

  private clearAll(): void {
    for (const root of [...this.roots.keys()]) this.forget(root);
  }
}
