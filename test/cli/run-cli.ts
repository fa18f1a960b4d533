import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';

// The built CLI as a child process, for the tests that check what a user sees.
export const REPO = path.resolve(__dirname, '../..');
export const BIN = path.join(REPO, 'bin/actionable.js');

/** Runs `actionable args…` in `cwd`: its exit code and output. */
export function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Builds the bundle the CLI runs (a suite's `before`). */
export function buildCli(): void {
  execFileSync(process.execPath, [path.join(REPO, 'scripts/build.mjs')], { cwd: REPO });
}
