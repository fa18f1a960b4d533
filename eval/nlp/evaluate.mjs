// Evaluates English NLP libraries on gold.jsonl (hand-written gold tokens, UPOS, lemmas, negation).
// Usage: npm ci --prefix eval/nlp && node eval/nlp/evaluate.mjs [--json out.json] [--no-speed]
//        node eval/nlp/evaluate.mjs --cold NAME   (internal: one cold load + 80 KB run in a fresh process)
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.DOTENV_CONFIG_QUIET = 'true'; // natural loads dotenv, which otherwise prints on load
const HERE = fileURLToPath(new URL('.', import.meta.url));
const ADAPTERS = [
  { name: 'wink-nlp', file: 'wink-nlp.mjs', pkgs: ['wink-nlp', 'wink-eng-lite-web-model'], lemmaBy: 'library', negation: 'its.negationFlag' },
  { name: 'wink-nlp + lc start', file: 'wink-nlp-lc.mjs', pkgs: ['wink-nlp', 'wink-eng-lite-web-model'], lemmaBy: 'library', negation: 'its.negationFlag' },
  { name: 'compromise', file: 'compromise.mjs', pkgs: ['compromise'], lemmaBy: 'library (root)', negation: "has('#Negative')" },
  { name: 'retext-pos', file: 'retext-pos.mjs', pkgs: ['retext-english', 'retext-pos', 'unified', 'nlcst-to-string', 'wink-lemmatizer'], lemmaBy: 'wink-lemmatizer', negation: null },
  { name: 'retext+en-pos', file: 'retext-en-pos.mjs', pkgs: ['retext-english', 'en-pos', 'unified', 'wink-lemmatizer'], lemmaBy: 'wink-lemmatizer', negation: null },
  { name: 'natural Brill', file: 'natural-brill.mjs', pkgs: ['natural', 'wink-lemmatizer'], lemmaBy: 'wink-lemmatizer', negation: null },
  { name: 'wink-pos-tagger', file: 'wink-pos-tagger.mjs', pkgs: ['wink-pos-tagger'], lemmaBy: 'library', negation: null },
];
const loadAdapter = async (a) => (await import(join(HERE, 'adapters', a.file))).load();

// Plain text of the 80 KB bench sample: a crude LaTeX strip, good enough for timing.
function sampleText() {
  const tex = readFileSync(join(HERE, '../../bench/sample-80k.tex'), 'utf8');
  return tex.replace(/(?<!\\)%.*$/gm, '').replace(/\$[^$]*\$/g, 'x').replace(/\\(cite|ref|label|eqref)\w*\{[^}]*\}/g, '[1]')
    .replace(/\\begin\{[^}]*\}|\\end\{[^}]*\}/g, ' ').replace(/\\[a-zA-Z]+\*?/g, ' ').replace(/[{}]/g, '').replace(/[ \t]+/g, ' ');
}

if (process.argv[2] === '--cold') {
  const a = ADAPTERS.find((x) => x.name === process.argv[3]);
  const text = sampleText();
  const t0 = performance.now();
  const analyze = await loadAdapter(a);
  const t1 = performance.now();
  analyze('We ablate head 9.6 and the logit difference drops by 40%.');
  const t2 = performance.now();
  const r = analyze(text);
  const t3 = performance.now();
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, firstMs: t2 - t1, sampleMs: t3 - t2, sampleKB: Buffer.byteLength(text) / 1024, tokens: r.tokens.length }));
  process.exit(0);
}

const gold = readFileSync(join(HERE, 'gold.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const args = process.argv.slice(2);
const noSpeed = args.includes('--no-speed');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : null;

// Noun/verb-ambiguous forms of our domain (the words whose role decides "who does what").
const AMBIG = new Set(('steer steers steering steered probe probes probing patch patching patched route routes router model models ' +
  'feature features edit edits edited editing test tests study studies report reports list lists store plot plots output outputs ' +
  'increase drop drops split cut answer answered release remove removal removing flag flags flagged design work use uses results ' +
  'training train trains fine-tune fine-tuning record project projects view need scales cache watch run runs ship').split(' '));

const lc = (s) => String(s ?? '').toLowerCase();
// Error classes that matter for reading "who does what" (each: which gold tokens, and what counts as right).
const DOMAIN_ACTS = new Set('steer probe patch route ablate mean-ablate edit prune train fine-tune remove project flag output feature model store test study list report plot view split cache measure increase drop change record release zero subtract run watch block monitor'.split(' '));
const IRREGULAR = new Set('shed pave lead find feed hold build see take run rise cut catch begin write seek show split'.split(' '));
const GROUPS = [
  { key: 'actVerb', label: 'domain act words used as verbs (route, probe, patch, steer, plots, outputs…): tagged VERB', test: (g, t) => t.upos.length === 1 && t.upos[0] === 'VERB' && DOMAIN_ACTS.has(t.lemma[0]), right: (r) => r.upos === 'VERB' },
  { key: 'actNoun', label: 'the same words used as nouns (a probe, the edits, prompts, latents…): tagged NOUN', test: (g, t) => t.upos.length === 1 && t.upos[0] === 'NOUN' && (DOMAIN_ACTS.has(t.lemma[0]) || /^(prompt|latent|edit|removal|ablation|steering|patching|probing|editing|fine-tuning)$/.test(t.lemma[0])), right: (r) => r.upos === 'NOUN' || r.upos === 'PROPN' },
  { key: 'gerundObj', label: 'gerunds with an object (Removing the concept, by projecting out): VERB + verb lemma', test: (g, t) => t.upos.length === 1 && t.upos[0] === 'VERB' && /ing$/i.test(t.text), right: (r, t) => r.upos === 'VERB' && t.lemma.map(lc).includes(lc(r.lemma)) },
  { key: 'irregular', label: 'irregular past / participle (shed, paved, fed, held, rose, sought…): VERB + lemma', test: (g, t) => t.upos.includes('VERB') && IRREGULAR.has(t.lemma[0]) && lc(t.text) !== t.lemma[0], right: (r, t) => r.upos === 'VERB' && t.lemma.map(lc).includes(lc(r.lemma)) },
  { key: 'imperative', label: 'imperatives in how-to prose (run, cache, patch, watch, subtract, measure, forget)', test: (g, t) => g.style === 'blog' && t.main && t.upos[0] === 'VERB' && /^(run|cache|patch|watch|subtract|measure|forget)$/.test(lc(t.text)), right: (r) => r.upos === 'VERB' },
  { key: 'auxNeg', label: 'not/n\'t as PART and do/be/modals as AUX', test: (g, t) => /^(not|n't)$/i.test(t.text) || (t.upos[0] === 'AUX' && t.upos.length === 1), right: (r, t) => t.upos.includes(r.upos) },
  { key: 'domainTok', label: 'domain tokens kept whole (GPT-2, Llama-2-7B, 9.6, 1e-3, 5,000, fine-tuned, held-out, 40 %, [12])', test: (g, t) => /[-.,]/.test(t.text) && /\w/.test(t.text) && t.text.length > 2 && !/^al\.$/.test(t.text), right: (r) => r.kind === 'exact' },
];
function median(xs) { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; }

/** Aligns predicted tokens to a gold sentence by character offsets. */
function alignSentence(g, pred) {
  const ok = pred.filter((p) => p.start >= 0 && p.end > p.start);
  const predSpans = new Set(ok.map((p) => `${p.start}:${p.end}`));
  const goldSpans = new Set(g.tokens.map((t) => `${t.start}:${t.end}`));
  let exact = 0; for (const s of goldSpans) if (predSpans.has(s)) exact++;
  const rows = g.tokens.map((t) => {
    const over = ok.filter((p) => p.start < t.end && p.end > t.start);
    if (!over.length) return { gold: t, upos: null, lemma: null, kind: 'missing' };
    const head = over[over.length - 1]; // a split word is read at its last piece (fine-|tuned, GPT-|2)
    let lemma = head.lemma;
    if (over.length > 1) lemma = g.text.slice(t.start, Math.max(t.start, head.start)) + lc(head.lemma);
    const kind = over.length === 1 && head.start === t.start && head.end === t.end ? 'exact' : over.length > 1 ? 'split' : 'merged';
    return { gold: t, upos: head.upos, lemma, kind };
  });
  return { rows, exact, nGold: goldSpans.size, nPred: predSpans.size };
}

function score(a, outputs) {
  const c = { tokExact: 0, nGold: 0, nPred: 0, upos: 0, uposNP: 0, n: 0, vLem: 0, vN: 0, nLem: 0, nN: 0, mv: 0, mvN: 0, amb: 0, ambN: 0,
    negTP: 0, negFP: 0, negFN: 0, negTN: 0, clTP: 0, clP: 0, clG: 0, confusion: {}, errors: [] };
  gold.forEach((g, i) => {
    const out = outputs[i];
    const al = alignSentence(g, out.tokens);
    c.tokExact += al.exact; c.nGold += al.nGold; c.nPred += al.nPred;
    for (const r of al.rows) {
      const t = r.gold; c.n++;
      const okTag = r.upos != null && t.upos.includes(r.upos);
      const np = (u) => (u === 'PROPN' ? 'NOUN' : u);
      if (okTag) c.upos++;
      if (r.upos != null && t.upos.map(np).includes(np(r.upos))) c.uposNP++;
      else { const k = `${t.upos[0]}→${r.upos ?? '∅'}`; c.confusion[k] = (c.confusion[k] || 0) + 1; c.errors.push(`${g.id} ${t.text}: ${t.upos.join('|')} → ${r.upos} (${r.kind})`); }
      const okLemma = r.lemma != null && t.lemma.map(lc).includes(lc(r.lemma));
      if (t.upos.includes('VERB')) { c.vN++; if (okLemma) c.vLem++; }
      if (t.upos[0] === 'NOUN') { c.nN++; if (okLemma) c.nLem++; }
      if (t.main) { c.mvN++; if (okTag && okLemma) c.mv++; }
      if (AMBIG.has(lc(t.text))) { c.ambN++; if (okTag) c.amb++; }
      for (const G of GROUPS) if (G.test(g, t)) { const k = (c.groups ??= {})[G.key] ??= { n: 0, ok: 0, miss: [] }; k.n++; if (r.upos != null && G.right(r, t)) k.ok++; else k.miss.push(`${t.text}→${r.upos ?? '∅'}${r.lemma != null && lc(r.lemma) !== lc(t.text) ? '=' + r.lemma : ''}`); }
    }
    if (a.negation) {
      const p = !!out.negated;
      if (p && g.negated) c.negTP++; else if (p) c.negFP++; else if (g.negated) c.negFN++; else c.negTN++;
    }
    if (out.clauseStarts) {
      const goldB = new Set(g.clauseStarts.map((k) => g.tokens[k].start));
      const predB = new Set(out.clauseStarts.filter((x) => x > 0));
      c.clG += goldB.size; c.clP += predB.size; for (const b of predB) if (goldB.has(b)) c.clTP++;
    }
  });
  const pct = (x, n) => (n ? (100 * x) / n : NaN);
  const P = c.tokExact / c.nPred, R = c.tokExact / c.nGold;
  return {
    tokenF1: 100 * (2 * P * R) / (P + R), upos: pct(c.upos, c.n), uposNP: pct(c.uposNP, c.n), verbLemma: pct(c.vLem, c.vN), nounLemma: pct(c.nLem, c.nN),
    mainVerb: pct(c.mv, c.mvN), ambiguous: pct(c.amb, c.ambN), ambN: c.ambN,
    negation: a.negation ? { acc: pct(c.negTP + c.negTN, gold.length), P: pct(c.negTP, c.negTP + c.negFP), R: pct(c.negTP, c.negTP + c.negFN) } : null,
    clauses: c.clG && c.clP ? { P: pct(c.clTP, c.clP), R: pct(c.clTP, c.clG) } : null,
    groups: c.groups, confusion: Object.entries(c.confusion).sort((x, y) => y[1] - x[1]).slice(0, 12), errors: c.errors,
  };
}

// Sizes: the packages an adapter uses plus their dependency closure from the lockfile, each folder without its node_modules.
const lock = JSON.parse(readFileSync(join(HERE, 'package-lock.json'), 'utf8')).packages;
function dirSize(p) { let s = 0; for (const e of readdirSync(p, { withFileTypes: true })) { if (e.name === 'node_modules') continue; const q = join(p, e.name); s += e.isDirectory() ? dirSize(q) : statSync(q).size; } return s; }
function closure(names) {
  const seen = new Set(); const stack = names.map((n) => `node_modules/${n}`);
  while (stack.length) {
    const k = stack.pop(); if (seen.has(k) || !lock[k]) continue; seen.add(k);
    for (const d of Object.keys({ ...lock[k].dependencies, ...lock[k].optionalDependencies })) {
      const nested = `${k}/node_modules/${d}`; stack.push(lock[nested] ? nested : `node_modules/${d}`);
    }
  }
  return [...seen];
}
const sizeMB = (names) => closure(names).reduce((s, k) => s + (existsSync(join(HERE, k)) ? dirSize(join(HERE, k)) : 0), 0) / 1048576;
const licenses = (names) => [...new Set(closure(names).map((k) => lock[k].license || '?'))].join(', ');

// esbuild: can the adapter be bundled to one CommonJS file for node, and does the bundle run?
async function bundleCheck(a) {
  const esbuild = await import(join(HERE, '../../node_modules/esbuild/lib/main.js')).catch(() => null);
  if (!esbuild) return { ok: false, note: 'no root esbuild' };
  const dir = mkdtempSync(join(tmpdir(), 'nlp-bundle-')); const outfile = join(dir, 'b.cjs');
  try {
    await esbuild.build({ stdin: { contents: `import { load } from './adapters/${a.file}'; console.log(JSON.stringify(load()('We ablate head 9.6.').tokens.map((t) => t.upos)));`, resolveDir: HERE, loader: 'js' },
      bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent', minify: true });
    const r = spawnSync(process.execPath, [outfile], { encoding: 'utf8', env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }, cwd: dir });
    return { ok: r.status === 0 && r.stdout.includes('"NUM"'), kb: statSync(outfile).size / 1024, note: r.status === 0 ? '' : (r.stderr || '').split('\n').find((l) => /Error/.test(l)) || 'exit ' + r.status };
  } catch (e) { return { ok: false, note: String(e.message).split('\n')[0].slice(0, 100) }; }
}

const results = [];
for (const a of ADAPTERS) {
  const analyze = await loadAdapter(a);
  const outputs = gold.map((g) => analyze(g.text));
  const s = score(a, outputs);
  const row = { name: a.name, ...s, sizeMB: sizeMB(a.pkgs), licenses: licenses(a.pkgs), lemmaBy: a.lemmaBy };
  if (!noSpeed) {
    for (let k = 0; k < 2; k++) for (const g of gold) analyze(g.text); // warm up
    let n = 0; const t0 = performance.now();
    while (performance.now() - t0 < 1500) { for (const g of gold) analyze(g.text); n += gold.length; }
    row.sentPerSec = n / ((performance.now() - t0) / 1000);
    const lat = gold.map((g) => { const t = performance.now(); analyze(g.text); return performance.now() - t; });
    row.latMedMs = median(lat); row.latMaxMs = Math.max(...lat);
    const colds = [0, 1, 2].map(() => {
      const t = performance.now();
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--cold', a.name], { encoding: 'utf8', env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' } });
      const wall = performance.now() - t;
      return { ...JSON.parse(r.stdout), wall };
    });
    row.coldLoadMs = median(colds.map((x) => x.loadMs)); row.sampleMs = median(colds.map((x) => x.sampleMs)); row.coldWallMs = median(colds.map((x) => x.wall));
    row.sampleKB = colds[0].sampleKB;
    row.bundle = await bundleCheck(a);
  }
  results.push(row);
}

// Domain tokens: how each library splits and tags them.
const PROBE = "We fine-tuned GPT-2 and Llama-2-7B with LoRA (Meng et al., 2022) [12]; head 9.6's SAE latents didn't fire on 40% of 5,000 prompts.";
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const lines = [];
lines.push(`Gold: ${gold.length} sentences, ${gold.reduce((s, g) => s + g.tokens.length, 0)} tokens, ${gold.filter((g) => g.negated).length} negated.`);
lines.push('');
lines.push('| library | token F1 | UPOS | UPOS (N=PROPN) | verb lemma | noun lemma | main verb tag+lemma | N/V-ambiguous UPOS | negation acc (P/R) | sent/s warm | median ms/sent | cold load ms | 80 KB ms | cold wall ms | size MB | CJS bundle |');
lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const neg = r.negation ? `${f(r.negation.acc)} (${f(r.negation.P, 0)}/${f(r.negation.R, 0)})` : 'not offered';
  const b = r.bundle ? (r.bundle.ok ? `ok, ${f(r.bundle.kb / 1024, 2)} MB` : `fails: ${r.bundle.note}`) : '–';
  lines.push(`| ${r.name} | ${f(r.tokenF1)} | ${f(r.upos)} | ${f(r.uposNP)} | ${f(r.verbLemma)} | ${f(r.nounLemma)} | ${f(r.mainVerb)} | ${f(r.ambiguous)} (n=${r.ambN}) | ${neg} | ${f(r.sentPerSec, 0)} | ${f(r.latMedMs, 3)} | ${f(r.coldLoadMs, 0)} | ${f(r.sampleMs, 0)} | ${f(r.coldWallMs, 0)} | ${f(r.sizeMB, 2)} | ${b} |`);
}
lines.push('');
lines.push('| error class (gold tokens) | n | ' + results.map((r) => r.name).join(' | ') + ' |');
lines.push('|---|---|' + results.map(() => '---|').join(''));
for (const G of GROUPS) lines.push(`| ${G.label} | ${results[0].groups[G.key]?.n ?? 0} | ` + results.map((r) => f(100 * (r.groups[G.key]?.ok ?? 0) / (r.groups[G.key]?.n || 1))).join(' | ') + ' |');
lines.push('');
lines.push(`80 KB sample = bench/sample-80k.tex stripped to ${f(results[0].sampleKB ?? NaN)} KB of plain text; cold = fresh node process, median of 3.`);
for (const r of results) {
  lines.push('');
  lines.push(`${r.name}: lemmas by ${r.lemmaBy}; licenses in closure: ${r.licenses}${r.clauses ? `; clauses() boundaries P ${f(r.clauses.P)} R ${f(r.clauses.R)}` : ''}`);
  for (const G of GROUPS) if (r.groups[G.key]?.miss.length) lines.push(`  missed ${G.key}: ${r.groups[G.key].miss.join(', ')}`);
  lines.push(`  top confusions (gold→predicted, N=PROPN): ${r.confusion.map(([k, v]) => `${k} ${v}`).join(', ')}`);
}
lines.push('');
lines.push(`Domain probe: ${PROBE}`);
for (const a of ADAPTERS) {
  const an = await loadAdapter(a);
  lines.push(`  ${a.name.padEnd(16)} ${an(PROBE).tokens.map((t) => `${t.text}/${t.upos}${lc(t.lemma) !== lc(t.text) ? '=' + t.lemma : ''}`).join(' ')}`);
}
console.log(lines.join('\n'));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 1));
