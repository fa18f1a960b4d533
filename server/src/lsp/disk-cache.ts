import type { ChunkStore, LintCache } from '../core/cache/lint-cache';
import { recordReadings, takeReadings, type Readings } from '../core/text-cache';

// The editor's side of the on-disk cache (core/cache): a reopened paper's chunks and sentence
// readings come from disk instead of being parsed and tagged again. Writes wait until the editor has
// been idle for a while, or the document closes, or the server shuts down, so a keystroke never pays
// for serialising a paper.

const IDLE_MS = 5000;

export class EditorDiskCache {
  readonly store: ChunkStore;
  private readonly pendingChunks = new Map<string, { file: string; reader: string; chunks: ReadonlyMap<string, unknown> }>();
  private readonly pendingReadings = new Map<string, Readings>();
  /** Roots whose readings were restored this session, and the one whose first lint is being recorded. */
  private readonly restored = new Set<string>();
  private recording: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly cache: LintCache) {
    this.store = {
      load: (file, reader) => cache.chunks.load(file, reader),
      save: (file, reader, chunks) => {
        this.pendingChunks.set(`${file}\0${reader}`, { file, reader, chunks: new Map(chunks) });
        this.later();
      },
    };
  }

  /** Before a root's lint: the first time this session, its readings from disk, and which it uses is noted. */
  beforeLint(root: string): void {
    if (this.restored.has(root)) return;
    this.restored.add(root);
    this.cache.restoreReadings(root);
    if (this.recording === undefined) {
      this.recording = root;
      recordReadings();
    }
  }

  /** After a root's lint finished: the readings it used wait to be written. */
  afterLint(root: string): void {
    if (this.recording !== root) return;
    this.recording = undefined;
    const { readings, computed } = takeReadings();
    if (computed > 0) {
      this.pendingReadings.set(root, readings);
      this.later();
    }
  }

  /** Writes what waits (a document closed, the server shuts down, or the editor was idle). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const { file, reader, chunks } of this.pendingChunks.values()) this.cache.chunks.save(file, reader, chunks as never);
    for (const [root, readings] of this.pendingReadings) this.cache.saveReadings(root, readings);
    this.pendingChunks.clear();
    this.pendingReadings.clear();
    this.cache.close();
  }

  get problems(): readonly string[] {
    return this.cache.problems;
  }

  private later(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), IDLE_MS);
    this.timer.unref();
  }
}
