import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeFsError, describeKind, formatSize, type ProjectBoundary, readRegularFile } from './project-boundary';
import { decodeDraft } from './source';

export type ReadResult =
  | { ok: true; text: string; warning?: string; /** Offset in `text` the warning is about. */ warningAt?: number; /** A PDF's page starts in `text`. */ pageStarts?: number[] }
  | { ok: false; reason: string };

/** How the core reads files: from disk, with the editor's unsaved buffers laid over it. */
export interface FileHost {
  read(file: string): ReadResult;
  exists(file: string): boolean;
  /** For an entry that exists but is not a regular file (a folder, a FIFO, a device), what it is, for messages. */
  notAFile?(file: string): string | undefined;
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
  private readonly pdfs = new Map<string, ReadResult>();
  private readonly diskCache = new Map<string, { mtimeMs: number; size: number; result: ReadResult }>();

  /**
   * `boundary`: when given, a file is read only if its real path (links resolved) is inside one
   * of its project folders; editor buffers are always read (the user opened them).
   */
  constructor(
    private readonly maxFileSize = DEFAULT_MAX_FILE_SIZE,
    readonly boundary?: ProjectBoundary,
  ) {}

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

  /** A PDF as read by core/pdf (asynchronously, before the build): its Markdown rendering, or why it could not be read. */
  setPdf(file: string, result: ReadResult): void {
    this.pdfs.set(path.resolve(file), result);
  }

  read(file: string): ReadResult {
    const abs = path.resolve(file);
    if (/\.pdf$/i.test(abs)) return this.pdfs.get(abs) ?? { ok: false, reason: 'is a PDF that was not read first (core/pdf: readPdfInto)' };
    const overlay = this.overlays.get(abs);
    if (overlay !== undefined) {
      return overlay.length > this.maxFileSize ? { ok: false, reason: tooLargeReason(overlay.length, this.maxFileSize) } : { ok: true, text: overlay };
    }
    let real = abs;
    if (this.boundary) {
      const checked = this.boundary.check(abs);
      if (!checked.ok) return { ok: false, reason: checked.reason };
      real = checked.real;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(real);
    } catch (error) {
      return { ok: false, reason: describeFsError(error) };
    }
    if (!stat.isFile()) return { ok: false, reason: describeKind(stat) };
    const cached = this.diskCache.get(real);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.result;
    const result = this.readFromDisk(real);
    this.diskCache.set(real, { mtimeMs: stat.mtimeMs, size: stat.size, result });
    return result;
  }

  private readFromDisk(real: string): ReadResult {
    const read = readRegularFile(real, this.maxFileSize, (size) => tooLargeReason(size, this.maxFileSize));
    if (!read.ok) return read;
    const decoded = decodeDraft(read.data);
    return decoded.ok ? decoded : { ok: false, reason: decoded.reason };
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

  notAFile(file: string): string | undefined {
    try {
      const stat = fs.statSync(path.resolve(file));
      return stat.isFile() ? undefined : describeKind(stat);
    } catch {
      return undefined;
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

function tooLargeReason(size: number, limit: number): string {
  return `is ${formatSize(size)}, over the ${formatSize(limit)} limit (setting maxFileSize); it was not linted`;
}
