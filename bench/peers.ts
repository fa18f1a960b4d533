import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

// The side-by-side section of `npm run bench`: on the same ~80 KB sample, the wall time of a fresh
// process of `actionable lint`, of textlint with textlint-plugin-latex2e and textlint-rule-write-good
// (the JavaScript prose linter people use on LaTeX) and of chktex (the C LaTeX linter from Debian,
// the floor), each the median of 3 runs. The peers live in their own package, bench/peers/, pinned
// by its lock file and installed here on first use, so the root `npm ci` stays small. A peer that
// is missing or does not lint the file is skipped with a line that says why.

const ROOT = path.resolve(__dirname, '..');
const SAMPLE = path.join(ROOT, 'bench/sample-80k.tex');
const PEERS = path.join(ROOT, 'bench/peers');
const RUNS = 3;

interface Tool {
  name: string;
  command: string;
  args: string[];
  /** Checks the run really linted the sample; returns the number of findings, or throws why not. */
  findings: (run: { code: number | null; stdout: string; stderr: string }) => number;
}

interface Timing {
  tool: Tool;
  times: number[];
  median: number;
  code: number | null;
  findings: number;
}

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

function firstLine(s: string): string {
  return stripAnsi(s).trim().split('\n')[0] ?? '';
}

function timeTool(tool: Tool): Timing {
  const times: number[] = [];
  let last = { code: null as number | null, stdout: '', stderr: '' };
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(tool.command, tool.args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    times.push(performance.now() - t);
    if (r.error) throw new Error(r.error.message);
    last = { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }
  const findings = tool.findings(last);
  const sorted = [...times].sort((a, b) => a - b);
  return { tool, times, median: sorted[Math.floor(RUNS / 2)], code: last.code, findings };
}

/** bench/peers/node_modules, installed from its lock file when missing; false when that fails. */
function ensurePeers(): boolean {
  if (fs.existsSync(path.join(PEERS, 'node_modules/textlint/package.json'))) return true;
  console.log('installing the peer linters once: npm ci --prefix bench/peers');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--prefix', PEERS, '--no-audit', '--no-fund'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
  return r.status === 0 && fs.existsSync(path.join(PEERS, 'node_modules/textlint/package.json'));
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir && fs.existsSync(file)) return file;
  }
  return undefined;
}

function version(pkg: string): string {
  return (JSON.parse(fs.readFileSync(path.join(PEERS, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

export function comparePeers(): void {
  const rel = path.relative(ROOT, SAMPLE);
  const kb = Math.round(fs.statSync(SAMPLE).size / 1024);
  console.log(`\npeer linters on ${rel} (${kb} KB): wall time of a fresh process, median of ${RUNS} runs each`);
  const tools: Tool[] = [
    {
      name: 'actionable lint',
      command: process.execPath,
      args: [path.join(ROOT, 'bin/actionable.js'), 'lint', rel],
      findings: ({ code, stdout, stderr }) => {
        // The closing score line shows that the document was read and scored.
        if ((code !== 0 && code !== 1) || !/concreteness \d\.\d\d · validation \d\.\d\d/.test(stdout)) throw new Error(`exit ${code}: ${firstLine(stderr || stdout)}`);
        if (/^No problems found\.$/m.test(stdout)) return 0;
        const m = /✖ (\d+) problems?/.exec(stdout);
        if (!m) throw new Error('no findings count in its output');
        return Number(m[1]);
      },
    },
  ];
  const skipped: string[] = [];

  if (ensurePeers()) {
    tools.push({
      name: `textlint ${version('textlint')} + latex2e ${version('textlint-plugin-latex2e')} + write-good ${version('textlint-rule-write-good')}`,
      command: process.execPath,
      args: [path.join(PEERS, 'node_modules/textlint/bin/textlint.js'), '--config', path.join(PEERS, '.textlintrc'), rel],
      findings: ({ code, stdout, stderr }) => {
        // textlint exits 1 with findings and prints "✖ N problems"; a config or plugin error is exit 2.
        const m = /✖ (\d+) problems?/.exec(stripAnsi(stdout));
        if (code !== 1 || !m) throw new Error(`exit ${code}, no findings: ${firstLine(stderr || stdout)}`);
        return Number(m[1]);
      },
    });
  } else {
    skipped.push('textlint: skipped (npm ci --prefix bench/peers failed; is the npm registry reachable?)');
  }

  const chktex = onPath('chktex');
  if (chktex) {
    const v = /ChkTeX v([\d.]+)/.exec(spawnSync(chktex, ['--version'], { encoding: 'utf8' }).stdout ?? '')?.[1] ?? '?';
    tools.push({
      name: `chktex ${v}`,
      command: chktex,
      args: ['-q', rel],
      findings: ({ code, stdout, stderr }) => {
        // chktex exits 0 when clean and 2 when it warns; each warning starts "Warning N in <file> line L".
        const n = stdout.split('\n').filter((l) => /^(Warning|Error) \d+ in /.test(l)).length;
        if (code === null || code > 2 || (code === 2 && n === 0)) throw new Error(`exit ${code}: ${firstLine(stderr || stdout)}`);
        return n;
      },
    });
  } else {
    skipped.push('chktex: skipped (not installed; on Debian or Ubuntu: apt-get install chktex)');
  }

  const results: Timing[] = [];
  for (const tool of tools) {
    try {
      results.push(timeTool(tool));
    } catch (error) {
      skipped.push(`${tool.name}: skipped (${(error as Error).message})`);
    }
  }

  const ms = (n: number) => `${n.toFixed(n < 100 ? 1 : 0)} ms`;
  console.log(`${'tool'.padEnd(52)}${'median'.padStart(10)}   ${'runs'.padEnd(26)}exit  findings`);
  for (const r of results) {
    console.log(`${r.tool.name.padEnd(52)}${ms(r.median).padStart(10)}   ${r.times.map((t) => t.toFixed(0)).join(' / ').padEnd(26)}${String(r.code).padStart(4)}  ${String(r.findings).padStart(8)}`);
  }
  for (const line of skipped) console.log(line);

  const actionable = results.find((r) => r.tool.name === 'actionable lint');
  const textlint = results.find((r) => r.tool.name.startsWith('textlint'));
  const chk = results.find((r) => r.tool.name.startsWith('chktex'));
  if (actionable) {
    console.log(`actionable lint cold: ${ms(actionable.median)} (target <= 1000 ms: ${actionable.median <= 1000 ? 'met' : 'NOT met'})`);
    if (textlint) {
      const ratio = textlint.median / actionable.median;
      console.log(`textlint / actionable: ${ratio.toFixed(2)}x (goal: actionable at least 5x faster: ${ratio >= 5 ? 'met' : 'NOT met'})`);
    }
    if (chk) console.log(`actionable / chktex: ${(actionable.median / chk.median).toFixed(0)}x (chktex, in C, is the floor)`);
  }
}
