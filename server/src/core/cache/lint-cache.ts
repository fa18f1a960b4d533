import { createHash } from 'node:crypto';
import type { ChunkResult } from '../reader';
import type { FileHost, ReadResult } from '../host';
import type { LintConfig, LintResult } from '../rules/engine';
import { recordReadings, restoreReadings, takeReadings, type Readings } from '../text-cache';
import { timed } from '../timing';
import { cacheKey, type DiskCache } from './disk-cache';

// What `--cache` keeps between runs, on a DiskCache:
// - a document's whole lint result, keyed by its root, its config and this build, and valid while
//   every file-system answer its build depended on is the same (each file read, by content hash;
//   each file looked for and not found; each folder listed): an unchanged paper is not read again;
// - each file's parsed chunks, keyed by their text and the macros in force (core/build.ts): an
//   edited paper parses only the chunks that changed;
// - the sentence readings (tagging, claims, categories) that a document's lint used: an edit
//   re-analyses only the sentences it touched.

/** Where the builder keeps a file's parsed chunks between runs. */
export interface ChunkStore {
  load(file: string, reader: string): Map<string, ChunkResult> | undefined;
  save(file: string, reader: string, chunks: ReadonlyMap<string, ChunkResult>): void;
}

/** One answer of the file system during a build: which call, its argument, and a digest of its answer. */
type Answer = [method: string, arg: string, digest: string];

interface StoredResult {
  answers: Answer[];
  result: LintResult;
}

export class LintCache {
  readonly chunks: ChunkStore;
  private answers: Answer[] | undefined;

  constructor(private readonly disk: DiskCache) {
    this.chunks = {
      load: (file, reader) => {
        const stored = timed('cache', () => disk.get('chunks', cacheKey(file, reader)));
        return Array.isArray(stored) ? new Map(stored as Array<[string, ChunkResult]>) : undefined;
      },
      save: (file, reader, chunks) => timed('cache', () => disk.set('chunks', cacheKey(file, reader), [...chunks])),
    };
  }

  /** A PDF's layout by the hash of its bytes: pdf.js is the slow part of reading an unchanged submission. */
  readonly pdfs = {
    load: (hash: string): unknown => timed('cache', () => this.disk.get('pdf', hash)),
    save: (hash: string, layout: unknown): void => timed('cache', () => this.disk.set('pdf', hash, layout)),
  };

  get problems(): readonly string[] {
    return this.disk.problems;
  }

  /** A host that notes every answer it gives while a document is being built (see `begin`). */
  recording(inner: FileHost): FileHost {
    const wrapped = {} as Record<Asked, (arg: string) => unknown>;
    for (const method of Object.keys(DIGEST) as Asked[]) {
      wrapped[method] = (arg: string) => {
        const r = ask(inner, method, arg);
        this.answers?.push([method, arg, DIGEST[method](r as never)]);
        return r;
      };
    }
    return wrapped as unknown as FileHost;
  }

  /** The stored result of a document, when its config is the same and the files it read are unchanged. */
  lookup(root: string, config: LintConfig, host: FileHost): LintResult | undefined {
    const key = resultKey(root, config);
    if (!key) return undefined;
    return timed('cache', () => {
      const stored = this.disk.get('result', key) as StoredResult | undefined;
      if (!stored || !Array.isArray(stored.answers) || !stored.result) return undefined;
      for (const [method, arg, digest] of stored.answers) {
        if (!(method in DIGEST) || DIGEST[method as Asked](ask(host, method as Asked, arg) as never) !== digest) return undefined;
      }
      return stored.result;
    });
  }

  /** Before a document is built and linted: its readings back in memory, and its answers noted from now. */
  begin(root: string): void {
    this.restoreReadings(root);
    this.answers = [];
    recordReadings();
  }

  /** The sentence readings a document's last lint used, back in memory. */
  restoreReadings(root: string): void {
    timed('cache', () => {
      const readings = this.disk.get('readings', cacheKey(root));
      if (readings && typeof readings === 'object') restoreReadings(readings as Readings);
    });
  }

  saveReadings(root: string, readings: Readings): void {
    timed('cache', () => this.disk.set('readings', cacheKey(root), readings));
  }

  /** After: the result stored (unless it is incomplete: a time budget stopped it), and the readings it used. */
  end(root: string, config: LintConfig, result: LintResult): void {
    const answers = this.answers ?? [];
    this.answers = undefined;
    const readings = takeReadings();
    timed('cache', () => {
      if (readings.computed > 0) this.saveReadings(root, readings.readings);
      const key = resultKey(root, config);
      if (key && !incomplete(result)) this.disk.set('result', key, { answers, result } satisfies StoredResult);
    });
  }

  close(): void {
    timed('cache', () => this.disk.close());
  }
}

function resultKey(root: string, config: LintConfig): string | undefined {
  let configText: string;
  try {
    configText = JSON.stringify(config) ?? '';
  } catch {
    return undefined;
  }
  return cacheKey(root, configText);
}

/** The host's questions a build's result depends on, and how each answer is kept: a file's text by its hash. */
const DIGEST = {
  read: (r: ReadResult) => (r.ok ? `ok:${createHash('sha1').update(r.text).digest('hex')}` : `error:${r.reason}`),
  exists: (r: boolean) => String(r),
  notAFile: (r: string | undefined) => r ?? '',
  listTexFiles: (r: string[]) => JSON.stringify(r),
  realPath: (r: string) => r,
  isRepositoryTop: (r: boolean) => String(r),
};
type Asked = keyof typeof DIGEST;

function ask(host: FileHost, method: Asked, arg: string): unknown {
  const fn = host[method] as ((a: string) => unknown) | undefined;
  return fn?.call(host, arg);
}

/** A result that a time budget cut short, or a model read only in part: linted again next time. */
function incomplete(result: LintResult): boolean {
  return result.doc.paused === true || result.doc.problems.some((p) => /\bstopped after\b/.test(p.message)) || result.outcomes.some((o) => /time budget/.test(o.reason ?? ''));
}
