import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCli, run } from './run-cli';

// Quoted glob patterns, negation and --ignore-pattern, as ESLint users type them.
const PROSE = 'We ablate head 3.2 and the error rate falls from 12% to 4% on held-out prompts.\n';

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-globs-'));
  const files: Record<string, string> = {
    '.gitignore': 'build/\n',
    'paper/main.tex': `\\documentclass{article}\n\\begin{document}\n${PROSE}\\input{sections/intro}\n\\end{document}\n`,
    'paper/sections/intro.tex': `\\section{Introduction}\n${PROSE}`,
    'posts/new.md': `# New\n\n${PROSE}`,
    'drafts/old/stale.md': `# Stale\n\n${PROSE}`,
    'build/out.tex': PROSE,
    'notes.txt': PROSE,
    'figure[1].md': `# Figure\n\n${PROSE}`,
  };
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function roots(args: string[], cwd: string): string[] {
  const r = run(['lint', '-f', 'json', ...args], cwd);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout).documents.map((d: { root: string }) => d.root).sort();
}

describe('glob patterns (child process)', function () {
  this.timeout(60000);
  let dir = '';
  before(() => {
    buildCli();
    dir = project();
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('expands a quoted ** pattern; a section file its root reads is not a document of its own', () => {
    assert.deepEqual(roots(['paper/**/*.tex'], dir), ['paper/main.tex']);
  });

  it('honours .gitignore for pattern matches, as a folder search does', () => {
    assert.deepEqual(roots(['**/*.tex'], dir), ['paper/main.tex']);
  });

  it('excludes with a !pattern and with --ignore-pattern', () => {
    assert.deepEqual(roots(['**/*.md', '!drafts/old/**'], dir), ['figure[1].md', 'posts/new.md']);
    assert.deepEqual(roots(['.', '--ignore-pattern', 'drafts/**', '--ignore-pattern', 'paper/'], dir), ['figure[1].md', 'posts/new.md']);
  });

  it('reads a !pattern as a glob too: braces, a folder without /**, a file at any depth', () => {
    assert.deepEqual(roots(['**/*.md', '!{drafts,posts}/**'], dir), ['figure[1].md']);
    assert.deepEqual(roots(['**/*.md', '!drafts/old', '!**/{new,x}.md'], dir), ['figure[1].md']);
    // As in a .gitignore, a name without a slash matches at any depth.
    assert.deepEqual(roots(['.', '!stale.md', '!new.md'], dir), ['figure[1].md', 'paper/main.tex']);
  });

  it('matches .txt files only for a pattern that asks for them', () => {
    assert.deepEqual(roots(['*.txt'], dir), ['notes.txt']);
    assert.ok(!roots(['*'], dir).includes('notes.txt'));
  });

  it('reads an existing file whose name looks like a pattern as that file', () => {
    assert.deepEqual(roots(['figure[1].md'], dir), ['figure[1].md']);
  });

  it('names a pattern that matches nothing and exits 2, unless --no-error-on-unmatched-pattern', () => {
    const r = run(['lint', 'chapters/**/*.tex'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no files match the pattern "chapters\/\*\*\/\*\.tex"/);
    const allowed = run(['lint', '-f', 'json', '--no-error-on-unmatched-pattern', 'chapters/**/*.tex'], dir);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.deepEqual(JSON.parse(allowed.stdout).documents, []);
    const mixed = run(['lint', '-f', 'json', '--no-error-on-unmatched-pattern', 'chapters/*.tex', 'posts/*.md'], dir);
    assert.deepEqual(JSON.parse(mixed.stdout).documents.map((d: { root: string }) => d.root), ['posts/new.md']);
  });

  it('score takes the same patterns', () => {
    const r = run(['score', '-f', 'csv', 'posts/*.md', 'paper/*.tex'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, 3, r.stdout);
  });
});
