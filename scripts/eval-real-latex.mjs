// `npm run eval:real-latex`: runs the built CLI on real paper LaTeX trees, as a reader would get them,
// and prints what it made of each: files found vs included, sections with their roles, a seeded sample
// of sentences for a human to judge (with automatic non-prose flags), findings per rule, and wall time
// and peak memory of each run. The trees are third-party and git-ignored (eval/real-latex/trees/);
// scripts/fetch-real-latex.sh re-creates them from the locators in eval/real-latex/trees.json where
// the search tool's mirrors exist. A tree that is absent is reported as absent. It is a report, not a
// test: it exits 0 unless the locators themselves cannot be read.
//
// Options: --tree <slug> (repeatable), --sample <n> (30), --seed <n> (1), --runs <n> (lint runs per
// tree, the first is the cold one; 1), --all-flagged (print every flagged sentence, not only the sample).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.join(ROOT, 'eval/real-latex');
const TREES = path.join(DIR, 'trees');
const CLI = path.join(ROOT, 'bin/actionable.js');
const COLD_TARGET_S = 1.5;

// ---- arguments
const argv = process.argv.slice(2);
const opt = { trees: [], sample: 30, seed: 1, runs: 1, allFlagged: false };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--tree') opt.trees.push(argv[++i]);
  else if (a === '--sample') opt.sample = Number(argv[++i]);
  else if (a === '--seed') opt.seed = Number(argv[++i]);
  else if (a === '--runs') opt.runs = Math.max(1, Number(argv[++i]));
  else if (a === '--all-flagged') opt.allFlagged = true;
  else {
    console.error(`eval:real-latex: unknown argument ${a}`);
    process.exit(2);
  }
}

// ---- measuring a child run: wall time here, peak RSS from inside the child (process.resourceUsage
// at exit, written to a file named by an environment variable), so no external `time` is needed.
const RUSAGE_HOOK = path.join(os.tmpdir(), `actionable-rusage-${process.pid}.cjs`);
fs.writeFileSync(
  RUSAGE_HOOK,
  `const fs = require('fs');
process.on('exit', () => {
  const out = process.env.ACTIONABLE_RUSAGE_OUT;
  if (out) try { fs.writeFileSync(out, JSON.stringify(process.resourceUsage())); } catch {}
});
`,
);
process.on('exit', () => {
  try { fs.unlinkSync(RUSAGE_HOOK); } catch {}
});

function run(args, cwd) {
  const out = path.join(os.tmpdir(), `actionable-rusage-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', RUSAGE_HOOK, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, ACTIONABLE_RUSAGE_OUT: out, NO_COLOR: '1' },
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  let maxRssMB = NaN;
  try {
    maxRssMB = JSON.parse(fs.readFileSync(out, 'utf8')).maxRSS / 1024; // maxRSS is in KiB
    fs.unlinkSync(out);
  } catch {}
  let json = null;
  let parseError = '';
  try {
    json = JSON.parse(r.stdout);
  } catch (e) {
    parseError = String(e.message ?? e);
  }
  return { status: r.status, wall, maxRssMB, json, parseError, stderr: (r.stderr ?? '').trim() };
}

// ---- the tree on disk
function walk(dir, acc = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, acc);
    else if (e.isFile()) acc.push(p);
  }
  return acc;
}

// ---- seeded sampling spread across sections
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function hash(s) {
  let h = 2166136261;
  for (const c of s) h = Math.imul(h ^ c.codePointAt(0), 16777619);
  return h >>> 0;
}
/** Round-robin over sections (in document order), a random sentence from each in turn. */
function spreadSample(sentences, n, rand) {
  const groups = new Map();
  for (const s of sentences) {
    const k = s.sectionIndex ?? s.section ?? '(none)';
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(s);
  }
  let pools = [...groups.values()].map((g) => [...g]);
  // More sections than sentences wanted: take sections evenly spaced over the whole paper (seeded
  // offset), so the sample does not stop in the middle of the method.
  if (pools.length > n) {
    const step = pools.length / n;
    const offset = rand() * step;
    pools = Array.from({ length: n }, (_, i) => pools[Math.min(pools.length - 1, Math.floor(offset + i * step))]);
  }
  const picked = [];
  while (picked.length < n && pools.some((p) => p.length)) {
    for (const p of pools) {
      if (!p.length || picked.length >= n) continue;
      picked.push(p.splice(Math.floor(rand() * p.length), 1)[0]);
    }
  }
  // Back in document order, so a reader can follow the paper.
  const order = new Map(sentences.map((s, i) => [s, i]));
  return picked.sort((a, b) => order.get(a) - order.get(b));
}

// ---- non-prose flags. Heuristics, meant to point a human at sentences to look at; a flag is not a verdict.
const PREAMBLE_WORDS = [
  'usetikzlibrary', 'tikzset', 'pgfplotsset', 'newcolumntype', 'setcitestyle', 'captionsetup', 'pdfoutput',
  'usepackage', 'documentclass', 'newcommand', 'renewcommand', 'providecommand', 'DeclareMathOperator',
  'definecolor', 'hypersetup', 'setlength', 'addtolength', 'setcounter', 'newtheorem', 'theoremstyle',
  'makeatletter', 'makeatother', 'graphicspath', 'bibliographystyle', 'lstset', 'lstdefinestyle',
  'newenvironment', 'renewenvironment', 'newif', 'PassOptionsToPackage', 'RequirePackage', 'crefname',
  'Crefname', 'newlength', 'titleformat', 'titlespacing', 'pagestyle', 'fancyhf', 'SetKwInput',
  'SetAlgoLined', 'algrenewcommand', 'newtcolorbox', 'tcbset', 'sisetup', 'arraystretch', 'tabcolsep',
  'textwidth', 'linewidth', 'columnwidth', 'baselineskip', 'vspace', 'hspace', 'centering', 'noindent',
  'toprule', 'midrule', 'bottomrule', 'multicolumn', 'multirow', 'cellcolor', 'rowcolor', 'includegraphics',
];
const PREAMBLE_RE = new RegExp(`\\b(${PREAMBLE_WORDS.join('|')})\\b`);
const TIKZ_RE =
  /\b(tikz\w*|pgf\w*|addplot|inner sep|outer sep|rounded corners|minimum (?:width|height|size)|text width|[xy]shift|line width|node distance|anchor\s*=|draw\s*=|fill\s*=|-\s*>\s*,|\\draw|\\node)\b/i;
const FLAGS = [
  ['backslash', (t) => /\\/.test(t)],
  ['key=value', (t) => /\b[A-Za-z][\w-]*=[A-Za-z0-9.\\{-]/.test(t)],
  ['[opt]', (t) => /\[(?:[htbpH!]{1,5}|[\d.]+\s*(?:cm|mm|pt|em|ex|in)|[a-z])\]/.test(t)],
  ['#param', (t) => /#\d/.test(t)],
  ['@', (t) => /@/.test(t)],
  ['preamble-word', (t) => PREAMBLE_RE.test(t)],
  ['tikz/pgf', (t) => TIKZ_RE.test(t)],
  ['braces', (t) => /[{}]/.test(t)],
  ['table-cell', (t) => /(^|\s)&(\s|$)/.test(t) || /\\\\/.test(t)],
  ['low-letters', (t, block) => {
    if (block === 'table-cell') return false;
    const chars = t.replace(/\s+/g, '').replace(/\[math\]/g, '');
    if (chars.length < 8) return false;
    const letters = (chars.match(/\p{L}/gu) ?? []).length;
    return letters / chars.length < 0.55;
  }],
  ['fragment', (t, block) => block === 'paragraph' && t.replace(/\[math\]/g, 'x').trim().split(/\s+/).length < 3],
  ['very-long', (t) => t.split(/\s+/).length > 90],
];
/** Flags of one sentence; headings are listed with the sections, not judged as sentences. */
function flagsOf(s) {
  const out = [];
  if (s.block === 'heading') return out;
  for (const [name, test] of FLAGS) if (test(s.text ?? '', s.block)) out.push(name);
  return out;
}

// ---- output helpers
function clip(s, n) {
  const t = String(s).replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}
function pad(s, n, right = false) {
  const t = String(s);
  if (t.length >= n) return t;
  return right ? ' '.repeat(n - t.length) + t : t + ' '.repeat(n - t.length);
}
function table(header, rows) {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => pad(c, w[i], i > 0)).join('  ');
  return [line(header), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}
const fmtS = (x) => (Number.isFinite(x) ? x.toFixed(2) : '-');
const fmtMB = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-');

// ---- main
let locators;
try {
  locators = JSON.parse(fs.readFileSync(path.join(DIR, 'trees.json'), 'utf8'));
} catch (e) {
  console.error(`eval:real-latex: cannot read eval/real-latex/trees.json: ${e.message}`);
  process.exit(1);
}
if (opt.trees.length) locators = locators.filter((t) => opt.trees.includes(t.slug));
if (!fs.existsSync(path.join(ROOT, 'dist/cli.js'))) {
  console.error('eval:real-latex: dist/cli.js is missing: run npm run build first');
  process.exit(1);
}

const summary = [];
console.log(`Actionable eval:real-latex: ${locators.length} real LaTeX trees (locators: eval/real-latex/trees.json; sample ${opt.sample}, seed ${opt.seed})`);
for (const t of locators) {
  const dir = path.join(TREES, t.slug);
  const rootFile = path.join(dir, t.root);
  console.log(`\n== ${t.slug}: ${t.title}\n   ${t.repo}@${t.commit.slice(0, 10)}${t.subdir ? `:${t.subdir}` : ''}  root ${t.root}`);
  if (!fs.existsSync(rootFile)) {
    console.log(`absent: eval/real-latex/trees/${t.slug}/${t.root} — run scripts/fetch-real-latex.sh (needs the search tool's mirror: fetch github:${t.repo})`);
    summary.push([t.slug, '-', 'absent', '-', '-', '-', '-', '-']);
    continue;
  }

  const all = walk(dir).map((p) => path.relative(dir, p).split(path.sep).join('/'));
  const texFiles = all.filter((p) => p.endsWith('.tex'));
  const texKB = texFiles.reduce((s, p) => s + fs.statSync(path.join(dir, p)).size, 0) / 1024;

  // Lint first (cold: nothing of this tree has been read by a previous run), then the outline.
  const lints = [];
  for (let i = 0; i < opt.runs; i++) lints.push(run([t.root, '--format', 'json'], dir));
  const outline = run(['outline', t.root, '--sentences', '--format', 'json'], dir);
  const folder = run(['.', '--format', 'json'], dir);

  const o = outline.json ?? {};
  const included = o.files ?? [];
  const includedSet = new Set(included);
  const notIncluded = texFiles.filter((p) => !includedSet.has(p));
  const includedKB = included.reduce((s, p) => {
    try { return s + fs.statSync(path.join(dir, p)).size; } catch { return s; }
  }, 0) / 1024;

  console.log(`files: ${texFiles.length} .tex in the tree (${texKB.toFixed(0)} KB), ${included.length} included (${includedKB.toFixed(0)} KB); root via ${o.rootVia ?? '?'}; kind ${o.kind ?? '?'} (${o.kindSource ?? '?'})`);
  if (notIncluded.length) console.log(`  not included: ${notIncluded.length > 12 ? `${notIncluded.slice(0, 12).join(', ')}, … (+${notIncluded.length - 12})` : notIncluded.join(', ')}`);
  const missingInputs = (o.inputs ?? []).filter((x) => !x.file || !includedSet.has(x.file));
  for (const x of missingInputs) console.log(`  unresolved \\${x.command}{${x.target}} at ${x.from}:${x.line}`);
  for (const p of o.problems ?? []) console.log(`  problem: ${clip(typeof p === 'string' ? p : `${p.file ?? ''}:${p.line ?? ''} ${p.message ?? JSON.stringify(p)}`, 160)}`);
  if (outline.status !== 0 || !outline.json) console.log(`  outline failed: exit ${outline.status} ${clip(outline.parseError || outline.stderr, 200)}`);

  const docs = folder.json?.documents ?? [];
  console.log(`folder lint (actionable .): ${docs.length} document(s)${docs.length ? `: ${docs.map((d) => d.root).join(', ')}` : ''}`);

  // Sections with roles.
  const sections = o.sections ?? [];
  console.log(`sections (${sections.length}):`);
  for (const s of sections) {
    const indent = '  '.repeat(Math.max(0, (s.level ?? 1) - 1));
    console.log(`  ${indent}${clip(s.title, 60)}  → ${s.role ?? '?'}${s.roleSource ? ` (${s.roleSource})` : ''}  [${s.file}:${s.line}]`);
  }

  // Sentences: flags over all, a seeded spread sample for a human.
  const sentences = o.sentences ?? [];
  const blocks = {};
  for (const s of sentences) blocks[s.block ?? '?'] = (blocks[s.block ?? '?'] ?? 0) + 1;
  const flagged = sentences.map((s) => ({ s, f: flagsOf(s) })).filter((x) => x.f.length);
  const byFlag = {};
  for (const { f } of flagged) for (const n of f) byFlag[n] = (byFlag[n] ?? 0) + 1;
  console.log(`sentences: ${sentences.length} (${Object.entries(blocks).map(([k, v]) => `${k} ${v}`).join(', ')}); flagged non-prose-looking: ${flagged.length}${flagged.length ? ` (${Object.entries(byFlag).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}`);
  const rand = mulberry32(hash(t.slug) ^ opt.seed);
  const sample = spreadSample(sentences.filter((s) => s.block !== 'heading'), opt.sample, rand);
  console.log(`sample of ${sample.length} (judge each: prose / not prose / merged / cut):`);
  sample.forEach((s, i) => {
    const f = flagsOf(s);
    const b = s.block && s.block !== 'paragraph' ? ` ${s.block}` : '';
    console.log(`  ${pad(i + 1, 2, true)}. [${clip(s.section ?? '-', 24)} | ${s.file}:${s.line}${b}]${f.length ? ` {${f.join(',')}}` : ''} ${clip(s.text, 220)}`);
  });
  if (opt.allFlagged && flagged.length) {
    console.log('all flagged:');
    for (const { s, f } of flagged) console.log(`  [${s.file}:${s.line}] {${f.join(',')}} ${clip(s.text, 200)}`);
  }

  // Findings per rule.
  const lint = lints[0];
  const ldocs = lint.json?.documents ?? [];
  const perRule = {};
  for (const d of ldocs) for (const f of d.findings ?? []) perRule[f.ruleId] = (perRule[f.ruleId] ?? 0) + 1;
  const nFindings = Object.values(perRule).reduce((a, b) => a + b, 0);
  console.log(`findings: ${nFindings}${nFindings ? ` — ${Object.entries(perRule).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}` : ''}${ldocs.length !== 1 ? ` (lint gave ${ldocs.length} documents)` : ''}`);
  if (lint.status !== 0 && lint.status !== 1) console.log(`  lint exit ${lint.status}: ${clip(lint.parseError || lint.stderr, 200)}`);

  const lintWalls = lints.map((l) => l.wall);
  const peak = Math.max(...lints.map((l) => l.maxRssMB), outline.maxRssMB);
  console.log(
    `time: lint cold ${fmtS(lintWalls[0])} s${opt.runs > 1 ? `, best of ${opt.runs} ${fmtS(Math.min(...lintWalls))} s` : ''}; outline ${fmtS(outline.wall)} s; folder lint ${fmtS(folder.wall)} s.` +
      ` peak RSS: lint ${fmtMB(Math.max(...lints.map((l) => l.maxRssMB)))} MB, outline ${fmtMB(outline.maxRssMB)} MB`,
  );
  summary.push([
    t.slug,
    texKB.toFixed(0),
    `${texFiles.length}/${included.length}`,
    sections.length,
    `${flagged.length}/${sentences.length}`,
    nFindings,
    fmtS(lintWalls[0]),
    fmtMB(peak),
  ]);
  t._kb = texKB;
  t._cold = lintWalls[0];
}

console.log('\nSummary (size: KB of .tex in the tree; files: .tex found/included; suspicious: flagged/all sentences; time: cold lint wall; peak: max RSS of lint and outline)');
console.log(table(['tree', 'size KB', 'files', 'sections', 'suspicious', 'findings', 'time s', 'peak MB'], summary));
const present = locators.filter((t) => Number.isFinite(t._cold));
if (present.length) {
  const largest = present.reduce((a, b) => (b._kb > a._kb ? b : a));
  const ok = largest._cold <= COLD_TARGET_S;
  console.log(`cold lint of the largest tree (${largest.slug}, ${largest._kb.toFixed(0)} KB): ${fmtS(largest._cold)} s — target ≤ ${COLD_TARGET_S} s: ${ok ? 'met' : 'NOT met'}`);
}
const absent = locators.length - present.length;
if (absent) console.log(`${absent} tree(s) absent: run scripts/fetch-real-latex.sh`);
