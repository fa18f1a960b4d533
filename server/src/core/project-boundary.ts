import * as fs from 'node:fs';
import * as path from 'node:path';

// One project boundary for every read and write. A draft, a `% !TEX root`, an `\input`, a config
// file, the suppressions file and a `.gitignore` are read only when their real path (symbolic
// links resolved) lies inside the project and they are regular files under a size limit; anything
// else is refused with a reason that names the path, and nothing is opened. A pull request can
// commit symbolic links, FIFOs' names and folders named like files: none of them may make the
// linter read outside the repository, hang, or read without end.
//
// The project is the workspace folder in the editor; on the command line it is the folder of the
// nearest `.git` above the linted file, else the working directory (when the file is in it), else
// the file's own folder.

/** Config files are small: a larger one is refused rather than parsed. */
export const MAX_CONFIG_SIZE = 1024 * 1024;
/** A suppressions file has one entry per file and rule. */
export const MAX_SUPPRESSIONS_SIZE = 4 * 1024 * 1024;
/** `.gitignore` files read during a folder search. */
export const MAX_IGNORE_SIZE = 1024 * 1024;

export type Checked = { ok: true; real: string } | { ok: false; reason: string };
export type BoundedRead = { ok: true; data: Buffer } | { ok: false; reason: string };

/** Whether `file` is `dir` or below it (by path, without touching the disk). */
export function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export class ProjectBoundary {
  /** Folders given by the caller (the editor's workspace folders). */
  private fixed: string[] = [];
  /** Projects of files named by the user (command-line paths, files opened outside every folder). */
  private readonly entered: string[] = [];
  private readonly realCache = new Map<string, string>();

  constructor(private readonly options: { folders?: string[]; cwd?: string } = {}) {
    this.setFolders(options.folders ?? []);
  }

  /** Replaces the workspace folders. */
  setFolders(folders: string[]): void {
    this.fixed = folders.map((f) => path.resolve(f));
    this.realCache.clear();
  }

  /** Every project folder known so far. */
  folders(): string[] {
    return [...this.fixed, ...this.entered];
  }

  /**
   * The project of a file the user named (a command-line path, a file opened in the editor):
   * the innermost known folder that holds it, else its own project (nearest `.git`, working
   * directory, own folder), which is remembered.
   */
  enter(file: string): string {
    const abs = path.resolve(file);
    const known = this.projectOf(abs);
    if (known) return known;
    const project = projectFolderOf(abs, this.options.cwd);
    this.entered.push(project);
    return project;
  }

  /** The project of a folder the user named (a folder to search): as `enter` for a file in it. */
  enterFolder(dir: string): string {
    return this.enter(path.join(path.resolve(dir), '.'.repeat(3)));
  }

  /** The innermost known project folder that holds `file` (by path), if any. */
  projectOf(file: string): string | undefined {
    const abs = path.resolve(file);
    let best: string | undefined;
    for (const dir of this.folders()) if (isInside(abs, dir) && (!best || dir.length > best.length)) best = dir;
    return best;
  }

  /**
   * Where a path really leads, when that is inside `project` (by default: inside any known
   * project). Refused: a path outside, a symbolic link that leads out, a link that leads nowhere.
   */
  check(file: string, project?: string): Checked {
    const abs = path.resolve(file);
    const projects = project ? [path.resolve(project)] : this.folders();
    if (projects.length === 0) return { ok: false, reason: 'is outside every project folder; it was not read' };
    const real = realPathOf(abs);
    if (!real.ok) return real;
    if (projects.some((p) => isInside(real.real, this.real(p)))) return real;
    const where = projects.length === 1 ? ` (${projects[0]})` : '';
    const byPath = projects.some((p) => isInside(abs, p));
    return {
      ok: false,
      reason: byPath ? `is a link to ${real.real}, outside the project folder${where}; it was not read` : `is outside the project folder${where}; it was not read`,
    };
  }

  private real(dir: string): string {
    let real = this.realCache.get(dir);
    if (real === undefined) {
      const r = realPathOf(dir);
      real = r.ok ? r.real : dir;
      this.realCache.set(dir, real);
    }
    return real;
  }
}

/** The folder of the nearest `.git` above a file; else `cwd` when it holds the file; else the file's folder. */
export function projectFolderOf(file: string, cwd?: string): string {
  const abs = path.resolve(file);
  const top = repositoryTop(path.dirname(abs));
  if (top) return top;
  if (cwd && isInside(abs, path.resolve(cwd))) return path.resolve(cwd);
  return path.dirname(abs);
}

/** The nearest folder at or above `dir` that holds a `.git` entry (a repository's top). */
export function repositoryTop(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; ) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/**
 * A path the user named on the command line (`--config`, `--suppressions-location`, `-o`): one
 * written inside the project (of the working directory) must also resolve inside it, so that a
 * committed symbolic link cannot redirect it; one written outside is the user's own choice.
 */
export function checkNamed(file: string, cwd = process.cwd()): Checked {
  const abs = path.resolve(cwd, file);
  const project = repositoryTop(cwd) ?? path.resolve(cwd);
  const real = realPathOf(abs);
  if (!real.ok) return real;
  if (!isInside(abs, project)) return real;
  const realProject = realPathOf(project);
  if (isInside(real.real, realProject.ok ? realProject.real : project)) return real;
  return { ok: false, reason: `is a link to ${real.real}, outside the project folder (${project})` };
}

function realPathOf(abs: string): Checked {
  try {
    return { ok: true, real: fs.realpathSync(abs) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      // A link whose target is missing is not "no file": say where it points.
      try {
        if (fs.lstatSync(abs).isSymbolicLink()) return { ok: false, reason: `is a link to ${fs.readlinkSync(abs)}, which does not exist` };
      } catch {
        // fall through
      }
    }
    return { ok: false, reason: describeFsError(error) };
  }
}

/** What a directory entry that is not a regular file is, for messages. */
export function describeKind(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'is a folder, not a file';
  if (stat.isFIFO()) return 'is a named pipe (FIFO), not a regular file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'is a device, not a regular file';
  if (stat.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

export function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} bytes`;
}

const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/**
 * Reads a regular file of at most `limit` bytes. The file is checked before it is opened (a
 * device or FIFO is never opened) and again on the open descriptor, which is opened without
 * following a final symbolic link and without blocking, and no more than `limit` bytes are read
 * even if the file grows meanwhile.
 */
export function readRegularFile(file: string, limit: number, tooLarge = (size: number) => `is ${formatSize(size)}, over the ${formatSize(limit)} limit`): BoundedRead {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
  if (!stat.isFile()) return { ok: false, reason: describeKind(stat) };
  if (stat.size > limit) return { ok: false, reason: tooLarge(stat.size) };
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) return { ok: false, reason: describeKind(opened) };
    if (opened.size > limit) return { ok: false, reason: tooLarge(opened.size) };
    const buffer = Buffer.allocUnsafe(Math.min(limit + 1, opened.size + 1));
    let length = 0;
    for (;;) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > limit) return { ok: false, reason: tooLarge(length) };
      if (length === buffer.length) break; // grew while being read, and is now over the limit or full
    }
    return { ok: true, data: buffer.subarray(0, length) };
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Writes a file the linter creates (`--suppress-all`, `init`, `-o`) without following a symbolic
 * link out of the project: the target is resolved first, must be a regular file when it exists,
 * and is opened without following a final link and without blocking (a FIFO is refused, not
 * waited on). `exclusive`: fail when anything, even a dangling link, has the name already.
 */
export function writeInsideProject(file: string, data: string, options: { cwd?: string; exclusive?: boolean } = {}): { ok: true } | { ok: false; reason: string } {
  const cwd = options.cwd ?? process.cwd();
  const abs = path.resolve(cwd, file);
  let exists = true;
  try {
    fs.lstatSync(abs);
  } catch {
    exists = false;
  }
  if (exists && options.exclusive) return { ok: false, reason: 'already exists; not overwritten' };
  // Resolve the folder (it may be a link out too), then the name itself when it exists.
  const dir = checkNamed(path.dirname(abs), cwd);
  if (!dir.ok) return { ok: false, reason: `${dir.reason}; not written` };
  let target = path.join(dir.real, path.basename(abs));
  if (exists) {
    const named = checkNamed(abs, cwd);
    if (!named.ok) return { ok: false, reason: `${named.reason}; not written` };
    target = named.real;
    const stat = fs.statSync(target);
    if (!stat.isFile()) return { ok: false, reason: `${describeKind(stat)}; not written` };
  } else if (!isInside(target, dir.real)) {
    return { ok: false, reason: 'not written' };
  }
  let fd: number;
  try {
    const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | O_NOFOLLOW | O_NONBLOCK | (options.exclusive ? fs.constants.O_EXCL : fs.constants.O_TRUNC);
    fd = fs.openSync(target, flags, 0o666);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return { ok: false, reason: 'already exists; not overwritten' };
    if (code === 'ELOOP') return { ok: false, reason: 'is a link; not written' };
    return { ok: false, reason: `${describeFsError(error)}; not written` };
  }
  try {
    fs.writeFileSync(fd, data);
  } finally {
    fs.closeSync(fd);
  }
  return { ok: true };
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'ELOOP') return 'is a loop of links';
  if (code === 'ENXIO') return 'is a named pipe (FIFO) or device, not a regular file';
  return `cannot be read (${(error as Error).message})`;
}
