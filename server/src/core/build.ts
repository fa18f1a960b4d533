import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import * as path from 'node:path';
import { declaredKind, scanDirectives } from './directives';
import { DEFAULT_MAX_FILE_SIZE, type FileHost, NodeFileHost, type ReadResult } from './host';
import { latexReader } from './latex/reader';
import { markdownReader } from './markdown/reader';
import { textReader } from './text/reader';
import type { Block, Format, InputProblem, PaperDocument, Section, SectionRole, SourceFile } from './model';
import { braceLessInput, findLatexRoot, formatOf, inputCandidates, isInside, magicRoot, type RootInfo, writtenFileName } from './project';
import { ProjectBoundary } from './project-boundary';
import type { ChunkResult, ExtractItem, FormatReader } from './reader';
import { rolesFromContent } from './roles-content';
import { headingNumber, namesSectionRole, numberDepth, readHeading, resolveRole } from './roles';
import { makeSourceFile, offsetAt } from './source';
import { append, minOf } from './arrays';
import { DEFAULT_TIME_BUDGET_MS } from './budget';
import { timed } from './timing';
import type { ChunkStore } from './cache/lint-cache';

export interface BuildOptions {
  /** Folder that \input may not leave, and the project of every file. Defaults: \input stays in the root file's folder, and the project is the boundary's. */
  projectDir?: string;
  maxFileSize?: number;
  /**
   * The project folders that every read must stay inside (links resolved). Default: each file's
   * project is the folder of the nearest `.git` above it, else its own folder.
   */
  boundary?: ProjectBoundary;
  /** Readers that replace the built-in ones for a format (embedders, tests). */
  readers?: Partial<Record<Format, FormatReader>>;
  /** Milliseconds a document's reading may take; the chunks after it are not read (default DEFAULT_TIME_BUDGET_MS). */
  timeBudgetMs?: number;
  /** Where parsed chunks are kept between runs (the on-disk cache, `--cache`). */
  store?: ChunkStore;
}


/** An edit as LSP sends it: a range in the old text (absent: replace everything) and new text. */
export interface TextChange {
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

// A PDF is read as the Markdown that core/pdf lays its text out as.
const READERS: Record<Format, FormatReader> = { latex: latexReader, markdown: markdownReader, text: textReader, pdf: markdownReader };

interface FileExtract {
  key: string;
  items: ExtractItem[];
  macros: Map<string, string>;
  /** Reading paused before a chunk that was not cached (`BuildRun.pauseAt`): the items are the file's first part. */
  paused?: boolean;
}

/** When one build must stop (performance.now() times). */
export interface BuildRun {
  /** The time budget's end: the rest is not read, with a problem that says so (default: now + the budget). */
  deadline?: number;
  /**
   * Past this time, reading pauses before the next chunk that is not cached, and the model comes back
   * with `paused` set: an editor builds again after a turn of its event loop, and the chunks read so
   * far come from the cache (so a large or hostile draft never holds up hovers and edits for long).
   */
  pauseAt?: number;
}

/**
 * Builds document models and keeps what makes rebuilding cheap: the extracted items of every chunk
 * (never the syntax trees), keyed by a hash of the chunk's text and the macros in force.
 */
export class ModelBuilder {
  readonly host: FileHost;
  readonly boundary: ProjectBoundary;
  /** Chunks seen and chunks actually parsed by the last build (the rest came from the cache). */
  readonly stats = { chunks: 0, parsed: 0 };
  private chunkCache = new Map<string, Map<string, ChunkResult>>();
  private fileCache = new Map<string, FileExtract>();

  constructor(
    private readonly options: BuildOptions = {},
    host?: FileHost,
  ) {
    this.boundary = options.boundary ?? (host instanceof NodeFileHost ? host.boundary : undefined) ?? new ProjectBoundary();
    this.host = host ?? new NodeFileHost(options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, this.boundary);
  }

  /** Milliseconds one build may read for (BuildOptions.timeBudgetMs, or the default). */
  get timeBudgetMs(): number {
    return this.options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  }

  /** The project folder of a file the caller names (registered with the boundary on first use). */
  projectOf(file: string): string {
    return this.options.projectDir ?? this.boundary.enter(file);
  }

  /** The root that a file belongs to (itself for Markdown and standalone LaTeX). */
  rootOf(file: string): RootInfo {
    const abs = path.resolve(file);
    const project = this.projectOf(abs);
    if (formatOf(abs) !== 'latex') return { root: abs, via: 'self' };
    return findLatexRoot(this.host, abs, project);
  }

  /** The model of the document that `file` belongs to. */
  build(file: string, run: BuildRun = {}): PaperDocument {
    const { root } = this.rootOf(file);
    this.stats.chunks = 0;
    this.stats.parsed = 0;
    const deadline = run.deadline ?? performance.now() + this.timeBudgetMs;
    return new Assembly(this, root, this.options.projectDir ?? path.dirname(root), this.projectOf(root), deadline, run.pauseAt ?? Infinity).run();
  }

  /**
   * Reads the chunks of a document's root file into the cache, as its build will ask for them,
   * pausing at `run.pauseAt` (after at least one chunk). Returns true when it paused (call again to
   * read on); false when the root's chunks are all cached or it cannot be read.
   */
  prefetch(file: string, run: BuildRun = {}): boolean {
    const { root } = this.rootOf(file);
    const format = formatOf(root);
    const read = format ? this.host.read(root) : undefined;
    if (!format || !read?.ok) return false;
    this.stats.parsed = 0;
    // The root is read with no macros in force, as Assembly reads it.
    return this.extract(root, format, read.text, new Map(), run.deadline, run.pauseAt).paused === true;
  }

  /** Applies editor changes to an open buffer and rebuilds: only the touched chunks are re-read. */
  update(file: string, changes: TextChange[]): PaperDocument {
    this.edit(file, changes);
    return this.build(file);
  }

  /**
   * Applies editor changes to an open buffer without rebuilding (an editor calls this per
   * keystroke and builds once its debounce ends). Returns false when the file has no readable
   * text to edit (binary, too large): it keeps its problem until the editor sends the whole text.
   */
  edit(file: string, changes: TextChange[]): boolean {
    const host = this.host;
    if (!(host instanceof NodeFileHost)) throw new Error('editing needs a host with editor buffers');
    let text = host.getOverlay(file);
    if (text === undefined) {
      if (changes.length > 0 && changes.every((c) => !c.range)) text = '';
      else {
        const r = host.read(file);
        if (!r.ok) return false;
        text = r.text;
      }
    }
    for (const change of changes) text = applyChange(text, change);
    host.setOverlay(file, text);
    return true;
  }

  /**
   * Drops what the builder keeps for these files (an editor closed their document), so that an editor
   * that opens and closes many drafts holds only those still open.
   */
  /** How many files the builder keeps extracted chunks for (what `forget` drops). */
  get cachedFiles(): number {
    return new Set([...this.fileCache.keys(), ...this.chunkCache.keys()]).size;
  }

  forget(files: Iterable<string>): void {
    for (const file of files) {
      this.fileCache.delete(file);
      this.chunkCache.delete(file);
    }
  }

  /** Reads a file's items, reusing cached chunks; `macros` are those in force where it starts. Past `deadline` (a performance.now() time), the rest is not read. */
  extract(file: string, format: Format, text: string, macros: Map<string, string>, deadline = Infinity, pauseAt = Infinity): FileExtract {
    const signature = macroSignature(macros);
    const key = hash(`${format}\0${signature}\0${text}`);
    const cached = this.fileCache.get(file);
    if (cached && cached.key === key) return cached;

    const custom = this.options.readers?.[format];
    const reader = custom ?? readerFor(format, text);
    // Stored chunks are those of this build's own readers only.
    const readerName = custom ? undefined : reader === textReader ? 'text' : format;
    const store = readerName ? this.options.store : undefined;
    const old = this.chunkCache.get(file) ?? store?.load(file, readerName!) ?? new Map<string, ChunkResult>();
    const parsedBefore = this.stats.parsed;
    const fresh = new Map<string, ChunkResult>();
    const current = new Map(macros);
    let currentSignature = signature;
    const items: ExtractItem[] = [];
    let stopped = false;
    let paused = false;
    for (const span of reader.split(text)) {
      if (performance.now() > deadline) {
        const seconds = Math.round(this.timeBudgetMs / 1000);
        const message = `reading stopped after ${seconds} s (the time budget, --time-budget); the rest of this file was not linted`;
        items.push(shiftItem({ type: 'problem', severity: 'error', message, start: 0, end: Math.min(1, span.end - span.start) }, span.start, file));
        stopped = true;
        break;
      }
      const chunk = text.slice(span.start, span.end);
      const chunkKey = hash(`${currentSignature}\0${chunk}`);
      let result = fresh.get(chunkKey) ?? old.get(chunkKey);
      // Only after some chunk of this build was parsed, so that each build makes progress.
      if (!result && this.stats.parsed > 0 && performance.now() > pauseAt) {
        paused = true;
        break;
      }
      this.stats.chunks++;
      if (!result) {
        result = timed('parse', () => safeRead(reader, chunk, current));
        this.stats.parsed++;
      }
      fresh.set(chunkKey, result);
      for (const item of result.items) items.push(shiftItem(item, span.start, file));
      if (result.macros && Object.keys(result.macros).length > 0) {
        for (const [name, value] of Object.entries(result.macros)) current.set(name, value);
        currentSignature = macroSignature(current);
      }
    }
    // A pause keeps the chunks not reached yet too: the next build goes on from where this one paused.
    if (paused) for (const [k, v] of old) if (!fresh.has(k)) fresh.set(k, v);
    this.chunkCache.set(file, fresh);
    if (store && this.stats.parsed > parsedBefore) store.save(file, readerName!, fresh);
    const extract: FileExtract = { key, items, macros: current, ...(paused ? { paused } : {}) };
    // A file read only in part is read again next time (the chunks read so far are cached).
    if (!stopped && !paused) this.fileCache.set(file, extract);
    return extract;
  }
}

/**
 * The reader for a file's text. A Markdown file saved from a section extractor ("Title:",
 * "Abstract:", "Section: X" lines, no `#` headings) has no Markdown structure: it is converted text.
 */
function readerFor(format: Format, text: string): FormatReader {
  if (format === 'markdown' && !/^#{1,6}[ \t]/m.test(text) && (text.match(/^Section:[ \t]*\S/gm)?.length ?? 0) >= 2) return textReader;
  return READERS[format];
}

function safeRead(reader: FormatReader, chunk: string, macros: Map<string, string>): ChunkResult {
  try {
    return reader.read(chunk, macros);
  } catch (error) {
    return { items: [{ type: 'problem', severity: 'warning', message: `could not read this part (${(error as Error).message})`, start: 0, end: 0 }] };
  }
}

/** Walks the root and its inputs in reading order and builds sections and blocks. */
class Assembly {
  private readonly doc: PaperDocument;
  private readonly stack: string[] = [];
  private sectionStack: number[] = [];
  private inAppendix = false;
  /** A top-level reference list has been read: what follows is not the paper's own text. */
  private afterReferences = false;
  /** Top-level headings numbered 1, 2, 3…: a lettered one after them starts the appendix. */
  private digitNumbered = false;
  /** A section other than the abstract has been opened. */
  private bodyOpened = false;
  /** Between `\documentclass` (or the start of a root that has `\begin{document}`) and `\begin{document}`: not prose. */
  private inPreamble = false;
  /** Files read past their `\end{document}` (the root, a subfile child), where TeX reads nothing. */
  private readonly ended = new Set<string>();
  private macros = new Map<string, string>();
  /** Where each file on the reading stack has its \input that is being followed. */
  private readonly inputSites = new Map<string, number>();

  constructor(
    private readonly builder: ModelBuilder,
    private readonly root: string,
    private readonly projectDir: string,
    /** The project (repository, workspace folder) a `% !TEX root` may not leave. */
    private readonly project: string,
    /** When reading must stop (performance.now() time). */
    private readonly deadline: number,
    /** When reading pauses (BuildRun.pauseAt). */
    private readonly pauseAt: number,
  ) {
    const format = formatOf(root) ?? 'latex';
    this.doc = { format, root, files: [], sources: new Map(), sections: [], blocks: [], directives: [], problems: [] };
  }

  run(): PaperDocument {
    const read = this.builder.host.read(this.root);
    if (!read.ok) {
      this.doc.files.push(this.root);
      this.doc.sources.set(this.root, makeSourceFile(this.root, ''));
      this.doc.unread = true;
      this.problem('error', `${path.basename(this.root)} ${read.reason}`, { file: this.root, start: 0, end: 0 });
      return this.doc;
    }
    this.visit(this.root, read);
    // Incomplete: the caller builds again to read on.
    if (this.doc.paused) return this.doc;
    this.closeSections(0, { file: this.root, offset: this.doc.sources.get(this.root)!.text.length });
    rolesFromSubsections(this.doc.sections);
    rolesFromContent(this.doc);
    this.doc.declaredKind = declaredKind(this.doc.directives);
    return this.doc;
  }

  private visit(file: string, { text, warning, warningAt = 0, pageStarts }: Extract<ReadResult, { ok: true }>): void {
    if (this.doc.paused) return;
    const source = makeSourceFile(file, text);
    if (pageStarts) source.pageStarts = pageStarts;
    if (!this.doc.sources.has(file)) this.doc.files.push(file);
    this.doc.sources.set(file, source);
    if (formatOf(file) === 'latex') {
      // A root named outside the project was not followed: say so where it is named.
      const magic = magicRoot(this.builder.host, file, text, this.project);
      if (magic?.refused) this.problem('error', `% !TEX root = ${magic.spec} ${magic.refused}; the root was refused and not read`, { file, start: magic.start, end: magic.end });
    }
    // The warning sits on the first bad character, where the editor shows U+FFFD.
    if (warning) this.problem('warning', `${path.basename(file)} ${warning}`, { file, start: warningAt, end: Math.min(text.length, warningAt + 1) });
    append(this.doc.directives, scanDirectives(source, this.doc.format));
    this.stack.push(file);
    const extract = this.builder.extract(file, this.doc.format, text, this.macros, this.deadline, this.pauseAt);
    if (extract.paused) this.doc.paused = true;
    this.macros = extract.macros;
    const numbered = this.doc.format === 'latex' ? extract.items : structureByNumbers(extract.items);
    const items = this.doc.format === 'markdown' ? normalizeMarkdownHeadings(numbered) : numbered;
    // A LaTeX root with `\begin{document}` starts in its preamble (even when \documentclass is in an \input).
    if (file === this.root && this.doc.format === 'latex' && items.some((i) => i.type === 'begin-document')) this.inPreamble = true;
    for (const item of items) this.place(item, source);
    this.stack.pop();
  }

  private place(item: ExtractItem, source: SourceFile): void {
    const file = source.path;
    // Problems are still reported: a chunk reports its brace problems after its last item.
    if (this.ended.has(file) && item.type !== 'problem') return;
    switch (item.type) {
      case 'title':
        if (!this.doc.title) this.doc.title = { ...item.block, section: -1 };
        return;
      case 'heading': {
        if (this.inPreamble) return;
        this.closeSections(item.level, { file, offset: item.start });
        const parent = this.sectionStack[this.sectionStack.length - 1] ?? -1;
        const number = headingNumber(item.title);
        const topLevel = parent < 0;
        if (topLevel && /^appendi(x|ces)$/i.test(item.title.trim())) this.inAppendix = true;
        const { role, source } = resolveRole(item.title, {
          parentRole: topLevel ? undefined : this.doc.sections[parent].role,
          inAppendix: this.inAppendix,
          afterReferences: this.afterReferences,
          beforeBody: !this.bodyOpened,
          letteredAfterDigits: topLevel && this.digitNumbered && number !== undefined && /^[A-Z]/.test(number),
        });
        if (topLevel) {
          if (number && /^\d/.test(number)) this.digitNumbered = true;
          if (role === 'references' && source === 'title') this.afterReferences = true;
          if (role === 'appendix' && (source === 'title' || source === 'number')) {
            this.inAppendix = true;
            this.afterReferences = false;
          }
        }
        // A title-like first heading with no role of its own does not start the body.
        if (role !== 'abstract' && role !== 'other') this.bodyOpened = true;
        this.openSection({ title: item.title, role, roleSource: source, ...(number ? { number } : {}), level: item.level, parent, file, start: item.start, end: { file, offset: item.start } });
        const index = this.doc.sections.length - 1;
        const heading = { ...item.block, section: index };
        this.doc.sections[index].heading = heading;
        this.doc.blocks.push(heading);
        return;
      }
      case 'open-section':
        this.closeSections(1, { file, offset: item.start });
        this.openSection({ title: item.title, role: item.role as SectionRole, roleSource: 'title', level: 1, parent: -1, file, start: item.start, end: { file, offset: item.start } });
        return;
      case 'close-section':
        this.closeSections(1, { file, offset: item.end });
        return;
      case 'block':
        if (this.inPreamble) return;
        this.doc.blocks.push({ ...item.block, section: this.sectionStack[this.sectionStack.length - 1] ?? -1 });
        return;
      case 'documentclass':
        this.inPreamble = true;
        return;
      case 'begin-document':
        this.inPreamble = false;
        return;
      case 'end-document':
        this.ended.add(file);
        // The root's sections end where its document does: a fix appended to the last section lands before \end{document}.
        if (file === this.root) this.closeSections(0, { file, offset: item.start });
        return;
      case 'appendix':
        this.closeSections(1, { file, offset: item.start });
        this.inAppendix = true;
        return;
      case 'problem':
        this.problem(item.severity, item.message, { file, start: item.start, end: item.end });
        return;
      case 'input':
        this.input(item, file);
        return;
    }
  }

  private openSection(section: Section): void {
    this.doc.sections.push(section);
    this.sectionStack.push(this.doc.sections.length - 1);
  }

  /** Closes open sections at `level` or deeper, ending them at `at`. */
  private closeSections(level: number, at: { file: string; offset: number }): void {
    while (this.sectionStack.length > 0) {
      const top = this.doc.sections[this.sectionStack[this.sectionStack.length - 1]];
      if (top.level < level) break;
      // A section closed from another file ends at the \input that led there, or at its file's end.
      const site = this.inputSites.get(top.file);
      if (at.file === top.file) top.end = at;
      else if (site !== undefined && this.stack.includes(top.file)) top.end = { file: top.file, offset: site };
      else top.end = { file: top.file, offset: this.doc.sources.get(top.file)?.text.length ?? 0 };
      this.sectionStack.pop();
    }
  }

  private input(item: Extract<ExtractItem, { type: 'input' }>, file: string): void {
    // TeX's brace-less `\input sections/x`: the name runs up to a space, whatever the reader took.
    const braceLess = item.command === 'input' ? braceLessInput(this.doc.sources.get(file)?.text ?? '', item.start) : undefined;
    const range = { file, start: item.start, end: braceLess ? Math.max(item.end, braceLess.end) : item.end };
    const spec = braceLess?.spec ?? item.target;
    const rootDir = path.dirname(this.root);
    const candidates = inputCandidates(spec, rootDir, path.dirname(file));
    if (candidates.length === 0) {
      this.problem('error', `\\${item.command} has an empty file name`, range);
      return;
    }
    const inside = candidates.filter((c) => isInside(c, this.projectDir));
    if (inside.length === 0) {
      this.problem('error', `\\${item.command}{${spec}} points outside the project folder (${this.rel(this.projectDir) || '.'}); it was not read`, range);
      return;
    }
    const target = inside.find((c) => this.builder.host.exists(c));
    if (!target) {
      // A folder or a FIFO by that name is not "no file": say what it is.
      const other = inside.map((c) => ({ c, kind: this.builder.host.notAFile?.(c) })).find((x) => x.kind);
      if (other) this.problem('error', `\\${item.command}{${spec}}: ${this.rel(other.c)} ${other.kind}; it was not read`, range);
      else this.problem('error', `\\${item.command}{${spec}}: no file ${writtenFileName(spec)} in the project; it was not read`, range);
      return;
    }
    // A symbolic link may lead out of the project even when the path does not.
    if (!isInside(this.builder.host.realPath(target), this.builder.host.realPath(this.projectDir))) {
      this.problem('error', `\\${item.command}{${spec}} is a link to a file outside the project folder; it was not read`, range);
      return;
    }
    if (this.stack.includes(target)) {
      const cycle = [...this.stack.slice(this.stack.indexOf(target)), target].map((f) => this.rel(f)).join(' → ');
      this.problem('error', `\\${item.command}{${spec}} makes a cycle (${cycle}); it was not followed`, range);
      return;
    }
    if (formatOf(target) !== 'latex' && formatOf(target) !== undefined) {
      this.problem('warning', `\\${item.command}{${spec}} is not a LaTeX file; it was not read`, range);
      return;
    }
    const read = this.builder.host.read(target);
    if (!read.ok) {
      this.problem('error', `\\${item.command}{${spec}}: ${this.rel(target)} ${read.reason}`, range);
      return;
    }
    this.inputSites.set(file, item.start);
    this.doc.reached ??= new Map();
    if (!this.doc.reached.has(target)) this.doc.reached.set(target, { command: item.command, target: spec, from: file, offset: item.start });
    this.visit(target, read);
  }

  private problem(severity: InputProblem['severity'], message: string, range: InputProblem['range']): void {
    this.doc.problems.push({ ruleId: 'input', severity, message, range });
  }

  private rel(file: string): string {
    return path.relative(path.dirname(this.root), file).split(path.sep).join('/');
  }
}

/**
 * A section named by its topic ("Tracing the circuit") whose subsections include its experiments or
 * results is where the experiments are: it and its subsections without a role of their own become
 * experiments, so that rules looking there find the paper's own work.
 */
function rolesFromSubsections(sections: Section[]): void {
  // A subsection titled as results, or opening with an experiment's words ("Evaluating X",
  // "Experimental setup"); a dataset named inside a longer title ("Select a dataset") is not enough.
  const experimental = (s: Section) => s.roleSource === 'title' && (s.role === 'results' || (s.role === 'experiments' && readHeading(s.title)?.leading === true));
  for (let i = sections.length - 1; i >= 0; i--) {
    const section = sections[i];
    const children = sections.filter((s) => s.parent === i);
    // A heading over the whole paper (its abstract, introduction, conclusion) is not an experiment.
    const wrapsPaper = children.some((s) => s.role === 'abstract' || s.role === 'introduction' || s.role === 'conclusion');
    // Two subsections of experiments, or one titled just so ("Results") among few: one dataset
    // subsection among many topics does not make the section experiments.
    const found = children.filter(experimental);
    const enough = found.length >= 2 || (found.length === 1 && children.length <= 3 && readHeading(found[0].title)?.exact === true);
    if (section.role !== 'other' || wrapsPaper || !enough) continue;
    section.role = 'experiments';
    section.roleSource = 'subsections';
    for (let j = i + 1; j < sections.length && isWithin(sections, j, i); j++) {
      if (sections[j].role === 'other' && sections[j].roleSource === 'parent') sections[j].role = 'experiments';
    }
  }
}

function isWithin(sections: Section[], index: number, ancestor: number): boolean {
  for (let p = sections[index].parent; p >= 0; p = sections[p].parent) if (p === ancestor) return true;
  return false;
}

/**
 * Converted papers (text from a PDF, Markdown from an HTML page) number their headings, and their
 * markup depth is often wrong: a figure's label becomes a level-1 heading in the middle of
 * Experiments. Where headings are numbered, a numbered heading's depth comes from its number, and
 * an unnumbered heading that names no role of its own and is no deeper than the last numbered one
 * is a stray: it nests under that heading instead of closing the sections around it.
 */
function structureByNumbers(items: ExtractItem[]): ExtractItem[] {
  type Heading = Extract<ExtractItem, { type: 'heading' }>;
  const numbers = new Map<Heading, string>();
  for (const item of items) {
    if (item.type !== 'heading') continue;
    const number = headingNumber(item.title);
    if (number) numbers.set(item, number);
  }
  if (numbers.size < 2 || !followsOn([...numbers.values()])) return items;
  const offset = minOf([...numbers].map(([h, n]) => h.level - numberDepth(n)));
  let lastNumbered: number | undefined;
  return items.map((item) => {
    if (item.type !== 'heading') return item;
    const number = numbers.get(item);
    if (number) {
      lastNumbered = numberDepth(number) + offset;
      return lastNumbered === item.level ? item : { ...item, level: lastNumbered };
    }
    // A role's own heading before the numbered ones (an "Abstract" marked deeper) is top level.
    if (lastNumbered === undefined) return namesSectionRole(item.title) && item.level > offset + 1 ? { ...item, level: offset + 1 } : item;
    if (namesSectionRole(item.title) || item.level > lastNumbered) return item;
    return { ...item, level: lastNumbered + 1 };
  });
}

/**
 * Whether heading numbers read as an outline: mostly increasing in document order ("1", "2", "2.1",
 * "3", "A", "A.1"). Numbers out of order ("7 a" before "1 a") are words of the titles, and the
 * markup's depths stand.
 */
function followsOn(numbers: readonly string[]): boolean {
  // "I", "V" and "X" are roman numerals where "II" or "IV" is, appendix letters otherwise.
  const roman = numbers.some((n) => /^[IVX]{2,}$/.test(n.split('.')[0]));
  let ordered = 0;
  for (let i = 1; i < numbers.length; i++) if (compareNumbers(numbers[i - 1], numbers[i], roman) < 0) ordered++;
  return ordered >= 0.8 * (numbers.length - 1);
}

/** Outline order of two heading numbers: part by part, numbers before letters (appendices), roman numerals as written. */
function compareNumbers(a: string, b: string, roman: boolean): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = rank(pa[i], roman);
    const y = rank(pb[i], roman);
    if (x !== y) return x - y;
  }
  return pa.length - pb.length;
}

const ROMAN: Readonly<Record<string, number>> = { I: 1, V: 5, X: 10 };

function rank(part: string, roman: boolean): number {
  if (/^\d+$/.test(part)) return Number(part);
  if (roman && /^[IVX]+$/.test(part)) {
    let n = 0;
    for (let i = 0; i < part.length; i++) n += ROMAN[part[i]] < (ROMAN[part[i + 1]] ?? 0) ? -ROMAN[part[i]] : ROMAN[part[i]];
    return n;
  }
  return 1000 + part.charCodeAt(0);
}

/**
 * Markdown heading depths are relative: a post's lone `#` heading is its title, and its top-level
 * sections are whatever depth comes next. Shift depths so that top-level sections are level 1.
 */
function normalizeMarkdownHeadings(items: ExtractItem[]): ExtractItem[] {
  const headings = items.filter((i): i is Extract<ExtractItem, { type: 'heading' }> => i.type === 'heading');
  const hasTitle = items.some((i) => i.type === 'title');
  const h1 = headings.filter((h) => h.level === 1);
  // A lone first `#` heading is the title, also when front matter has one (the heading repeats it)
  // unless it names a section ("# Introduction").
  const lone = h1.length === 1 && headings[0] === h1[0] ? h1[0] : undefined;
  const titleHeading = lone && (!hasTitle || !namesSectionRole(lone.title)) ? lone : undefined;
  const rest = headings.filter((h) => h !== titleHeading);
  const shift = rest.length > 0 ? minOf(rest.map((h) => h.level)) - 1 : 0;
  return items.map((item) => {
    if (item === titleHeading) return { type: 'title', block: { ...item.block, kind: 'title' } };
    if (item.type === 'heading') return { ...item, level: item.level - shift };
    return item;
  });
}

function shiftItem(item: ExtractItem, by: number, file: string): ExtractItem {
  const place = (b: Block): Block => ({ ...b, base: b.base + by, file });
  switch (item.type) {
    case 'title':
    case 'block':
      return { ...item, block: place(item.block) };
    case 'heading':
      return { ...item, start: item.start + by, block: place(item.block) };
    case 'open-section':
    case 'appendix':
    case 'documentclass':
    case 'begin-document':
    case 'end-document':
      return { ...item, start: item.start + by };
    case 'close-section':
      return { ...item, end: item.end + by };
    case 'input':
    case 'problem':
      return { ...item, start: item.start + by, end: item.end + by };
  }
}

function macroSignature(macros: Map<string, string>): string {
  if (macros.size === 0) return '';
  return hash([...macros].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join('\n'));
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

export function applyChange(text: string, change: TextChange): string {
  if (!change.range) return change.text;
  const source = makeSourceFile('', text);
  const start = offsetAt(source, change.range.start.line, change.range.start.character);
  const end = offsetAt(source, change.range.end.line, change.range.end.character);
  return text.slice(0, start) + change.text + text.slice(Math.max(start, end));
}
