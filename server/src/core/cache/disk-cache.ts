import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { buildId } from './build-id';

// A folder of cache entries, each one file: `<location>/<build id>/<kind>/<key>.bin`, a header line
// (format, length and SHA-256 of the payload) and a v8-serialised value. Safe under concurrent runs:
// an entry is written to a temporary file and renamed over, so a reader sees an old or a new entry,
// never half of one. A corrupt or truncated entry is a miss (and is deleted). After a run that
// wrote, the folder is kept under its size limit by deleting the least recently used entries, and
// the folders of other builds go.

export type CacheKind = 'result' | 'chunks' | 'readings' | 'pdf';

/** The default size limit of a cache folder. */
export const DEFAULT_CACHE_LIMIT = 256 * 1024 * 1024;

const MAGIC = 'actionable-cache 1';
const BUILD_FOLDER = /^[0-9a-f]{16}$/;
const ENTRY = /^[0-9a-f]{40}\.bin$/;
const TEMP = /^[0-9a-f]{40}\.bin\.[0-9a-f]+\.tmp$/;
const KINDS: readonly CacheKind[] = ['result', 'chunks', 'readings', 'pdf'];

export function cacheKey(...parts: string[]): string {
  const hash = createHash('sha1');
  for (const p of parts) hash.update(p).update('\0');
  return hash.digest('hex');
}

export class DiskCache {
  /** What went wrong with the folder (unwritable, not a folder): said once, then the cache is off. */
  readonly problems: string[] = [];
  private readonly folder: string;
  private wrote = false;
  private broken = false;

  constructor(
    readonly location: string,
    private readonly limitBytes = DEFAULT_CACHE_LIMIT,
    readonly build = buildId(),
  ) {
    this.folder = path.join(location, build);
  }

  get(kind: CacheKind, key: string): unknown {
    if (this.broken) return undefined;
    const file = this.entry(kind, key);
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch {
      return undefined;
    }
    const value = decode(data);
    if (value === undefined) {
      removeQuietly(file);
      return undefined;
    }
    // Recently used entries are the last to go when the folder is pruned.
    const now = new Date();
    try {
      fs.utimesSync(file, now, now);
    } catch {
      // a concurrent prune removed it: the value read is still good
    }
    return value;
  }

  set(kind: CacheKind, key: string, value: unknown): void {
    if (this.broken) return;
    let payload: Buffer;
    try {
      payload = v8.serialize(value);
    } catch {
      return; // a value that cannot be serialised is not cached
    }
    const file = this.entry(kind, key);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // `wx`: a fresh file, never through a link someone left at that name.
      fs.writeFileSync(temp, Buffer.concat([header(payload), payload]), { flag: 'wx' });
      fs.renameSync(temp, file);
      this.wrote = true;
    } catch (error) {
      removeQuietly(temp);
      this.broken = true;
      this.problems.push(`the cache at ${this.location} cannot be written (${(error as Error).message}); running without it`);
    }
  }

  /** After a run: keep the folder under its limit, drop other builds' folders and stale temporary files. */
  close(): void {
    if (this.wrote) this.prune();
  }

  private entry(kind: CacheKind, key: string): string {
    return path.join(this.folder, kind, `${key}.bin`);
  }

  /** Keeps the folder under its limit (least recently used entries go first) and drops other builds' folders. */
  prune(): void {
    try {
      this.pruneFolders();
    } catch {
      // housekeeping: a failure leaves a larger folder, never a wrong result
    }
  }

  private pruneFolders(): void {
    for (const name of fs.readdirSync(this.location)) {
      if (name !== this.build && BUILD_FOLDER.test(name)) fs.rmSync(path.join(this.location, name), { recursive: true, force: true });
    }
    const entries: Array<{ file: string; size: number; used: number }> = [];
    let total = 0;
    const hourAgo = Date.now() - 3600_000;
    for (const kind of KINDS) {
      const dir = path.join(this.folder, kind);
      let names: string[];
      try {
        names = fs.readdirSync(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        const file = path.join(dir, name);
        let stat: fs.Stats;
        try {
          stat = fs.lstatSync(file);
        } catch {
          continue;
        }
        if (TEMP.test(name)) {
          if (stat.mtimeMs < hourAgo) fs.rmSync(file, { force: true });
        } else if (ENTRY.test(name) && stat.isFile()) {
          entries.push({ file, size: stat.size, used: stat.mtimeMs });
          total += stat.size;
        }
      }
    }
    if (total <= this.limitBytes) return;
    entries.sort((a, b) => a.used - b.used);
    for (const e of entries) {
      if (total <= this.limitBytes * 0.8) break;
      fs.rmSync(e.file, { force: true });
      total -= e.size;
    }
  }
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // nothing to remove, or no way to: the entry is a miss either way
  }
}

function header(payload: Buffer): Buffer {
  return Buffer.from(`${MAGIC} ${payload.length} ${createHash('sha256').update(payload).digest('hex')}\n`);
}

/** The value of an entry, or undefined when it is not a whole, intact entry. */
function decode(data: Buffer): unknown {
  const newline = data.indexOf(0x0a);
  if (newline < 0 || newline > 200) return undefined;
  const [magic1, magic2, length, digest] = data.subarray(0, newline).toString('latin1').split(' ');
  if (`${magic1} ${magic2}` !== MAGIC) return undefined;
  const payload = data.subarray(newline + 1);
  if (payload.length !== Number(length) || createHash('sha256').update(payload).digest('hex') !== digest) return undefined;
  try {
    return v8.deserialize(payload);
  } catch {
    return undefined;
  }
}
