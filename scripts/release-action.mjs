// Tags a release of the GitHub Action: a commit on top of HEAD that adds the built CLI
// (dist/cli.js, which .gitignore keeps off the branches), so that a workflow using the tag installs
// only the CLI's runtime dependencies instead of building it. The branch and the work tree are left
// as they are: the commit is made with git's plumbing on a temporary index.
//
//   npm run release:action            tags v<version> and moves v<major> to it
//   npm run release:action -- --force re-tags a version already tagged
//   git push --force origin v<version> v<major>
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const git = (args, env = {}) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env } }).trim();

const dirty = git(['status', '--porcelain', '--untracked-files=no']);
if (dirty) {
  console.error(`release-action: commit or discard these changes first:\n${dirty}`);
  process.exit(1);
}
const { version } = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
execFileSync(process.execPath, [path.join(repo, 'scripts/build.mjs')], { cwd: repo, stdio: 'inherit' });

const index = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-release-')), 'index');
const env = { GIT_INDEX_FILE: index };
git(['read-tree', 'HEAD'], env);
// The CLI and pdf.js, which it loads only when it reads a PDF.
for (const file of ['dist/cli.js', 'dist/pdf.js']) {
  const blob = git(['hash-object', '-w', file]);
  git(['update-index', '--add', '--cacheinfo', `100644,${blob},${file}`], env);
}
const tree = git(['write-tree'], env);
const head = git(['rev-parse', 'HEAD']);
const commit = git(['commit-tree', tree, '-p', head, '-m', `Release v${version}: the built CLI for the GitHub Action`]);
const major = `v${version.split('.')[0]}`;
const force = process.argv.includes('--force');
if (!force && git(['tag', '--list', `v${version}`])) {
  console.error(`release-action: v${version} is already tagged; bump the version, or pass --force to move the tag`);
  process.exit(1);
}
git(['tag', ...(force ? ['--force'] : []), `v${version}`, commit]);
git(['tag', '--force', major, commit]);
console.log(`release-action: tagged v${version} and ${major} (${commit.slice(0, 12)}, on top of ${head.slice(0, 12)})`);
console.log(`release-action: publish them with: git push --force origin v${version} ${major}`);
