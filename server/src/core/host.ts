import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeDraft } from './source';

export type ReadResult = { ok: true; text: string; warning?: string; /** Offset in `text` the warning is about. */ warningAt?: number } | { ok: false; reason: string };

/** How the core reads files: from disk, with the editor's unsaved buffers laid over it. */
export interface FileHost {
  read(file: string): ReadResult;
  exists(file: string): boolean;
  /** `.tex` files directly inside a folder (not recursive), for finding the root that inputs a file. */
  listTexFiles(dir: string): string[];
  /** The path with symbolic links resolved (the path itself when it cannot be resolved). */
  realPath(file: string): string;
  /** Whether a folder holds a `.git` entry (the top of a repository: root search stops there). */
  isRepositoryTop(dir: string): boolean;
}

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export class NodeFileHost implements FileHost {
  private readonly overlays = new Map<string, string>();
  private readonly diskCache = new Map<string, { mtimeMs: number; size: number; result: ReadResult }>();

  constructor(private readonly maxFileSize = DEFAULT_MAX_FILE_SIZE) {}

  /** Text of an open editor buffer, which wins over the file on disk. */
  setOverlay(file: string, text: string): void {
    this.overlays.set(path.resolve(file), text);
  }

  getOverlay(file: string): string | undefined {
    return this.overlays.get(path.resolve(file));
  }

  removeOverlay(file: string): void {
    this.overlays.delete(path.resolve(file));
  }

  read(file: string): ReadResult {
    const abs = path.resolve(file);
    const overlay = this.overlays.get(abs);
    if (overlay !== undefined) {
      return overlay.length > this.maxFileSize ? tooLarge(overlay.length, this.maxFileSize) : { ok: true, text: overlay };
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (error) {
      return { ok: false, reason: describeFsError(error) };
    }
    if (!stat.isFile()) return { ok: false, reason: 'is not a regular file' };
    const cached = this.diskCache.get(abs);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.result;
    const result = this.readFromDisk(abs, stat.size);
    this.diskCache.set(abs, { mtimeMs: stat.mtimeMs, size: stat.size, result });
    return result;
  }

  private readFromDisk(abs: string, size: number): ReadResult {
    if (size > this.maxFileSize) return tooLarge(size, this.maxFileSize);
    try {
      const decoded = decodeDraft(fs.readFileSync(abs));
      return decoded.ok ? decoded : { ok: false, reason: decoded.reason };
    } catch (error) {
      return { ok: false, reason: describeFsError(error) };
    }
  }

  exists(file: string): boolean {
    const abs = path.resolve(file);
    if (this.overlays.has(abs)) return true;
    try {
      return fs.statSync(abs).isFile();
    } catch {
      return false;
    }
  }

  realPath(file: string): string {
    try {
      return fs.realpathSync(file);
    } catch {
      return path.resolve(file);
    }
  }

  isRepositoryTop(dir: string): boolean {
    return fs.existsSync(path.join(dir, '.git'));
  }

  listTexFiles(dir: string): string[] {
    try {
      return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile() && /\.tex$/i.test(e.name))
        .map((e) => path.join(dir, e.name));
    } catch {
      return [];
    }
  }
}

function tooLarge(size: number, limit: number): ReadResult {
  const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`);
  return { ok: false, reason: `is ${mb(size)}, over the ${mb(limit)} limit (setting maxFileSize); it was not linted` };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  if (code === 'EISDIR') return 'is a folder, not a file';
  return `cannot be read (${(error as Error).message})`;
}
