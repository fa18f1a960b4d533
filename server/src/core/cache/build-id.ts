import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

// The build id keys the on-disk cache: entries written by other code, lexicons or dependency
// versions are never read. A bundle has it from scripts/build.mjs; run from source (tests through
// tsx), it is computed the same way from the files.

declare const ACTIONABLE_BUILD_ID: string | undefined;

let computed: string | undefined;

export function buildId(): string {
  if (typeof ACTIONABLE_BUILD_ID === 'string') return ACTIONABLE_BUILD_ID;
  computed ??= fromSources(path.resolve(__dirname, '../../../..'));
  return computed;
}

function fromSources(repo: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(ts|json)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) hash.update(path.relative(repo, file)).update('\0').update(fs.readFileSync(file));
    }
  };
  for (const dir of ['server/src', 'rules']) walk(path.join(repo, dir));
  for (const file of ['package.json', 'package-lock.json']) if (fs.existsSync(path.join(repo, file))) hash.update(fs.readFileSync(path.join(repo, file)));
  return hash.digest('hex').slice(0, 16);
}
