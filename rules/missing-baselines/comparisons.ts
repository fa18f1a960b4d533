import { type Claim, sentenceCategories, sentenceClaims } from '../../server/src/core/claims';
import { comparatorSpans } from '../../server/src/core/claims/categories/comparisons';
import { firstMatch, type Pattern } from '../../server/src/core/nlp/patterns';
import { analyse } from '../../server/src/core/nlp/analyse';
import type { Block, PaperDocument } from '../../server/src/core/model';
import { positionAt } from '../../server/src/core/source';
import type { Lexicon } from '../../server/src/core/rules/lexicon';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import { experimentSentences, hasExperiments, inPlanSection, isPlan, ownTableBlocks } from '../shared';
import { dictionary } from '../../server/src/core/dictionary';

// What the paper's own experiments compare with (shared by missing-baselines and grading-on-a-curve, so
// that one gap gives one warning). A sentence is a comparison when the claims layer puts it in the
// category 'non-interp-baseline' or 'interp-only-comparison' (server/src/core/claims/categories/comparisons.ts):
// a comparison frame ("than Y", "against Y", "compared with Y", "Y baseline", "while Y reaches N") whose
// comparator is, or is not, an interpretability method. Only the paper's own carried-out claims count:
// sentences the layer calls cited background or hypothetical never reach the categories, and a sentence
// whose clauses are all negated, future, proposed or quoted is skipped here. Two structural signals add
// to the sentences: a heading that announces a comparison ("Comparison with existing quantizers") and
// the rows of the paper's own results tables.

export interface Comparison {
  block: Block;
  start: number;
  end: number;
  kind: 'baseline' | 'interp';
  /** The methods compared with, as written (from the baselines or interpretabilityMethods lexicon). */
  names: string[];
  /** The claim the comparison rests on: its clause, and who did what in what status. */
  claim?: { text: string; actor: string; act: string; status: string };
  source: 'sentence' | 'table';
}

export interface ComparisonLexicons {
  baselines: Lexicon;
  interpretabilityMethods: Lexicon;
  /** Baseline names configured by the user (extraBaselines): they count wherever a sentence compares. */
  extra?: Lexicon;
}

/** Every comparison in the paper's own experiments (none when it reports no experiment). */
export function ownComparisons(view: DocumentView, lex: ComparisonLexicons): Comparison[] {
  if (!hasExperiments(view)) return [];
  const out: Comparison[] = [];
  // The experiments' sentences, untitled analysis sections ("Experiment 2: MLP probes find everything"),
  // and the captions of the paper's own tables wherever they sit.
  const experiments = new Set([...experimentSentences(view), ...view.sentencesIn(['other'])]);
  const captions = new Set(ownTableBlocks(view).filter((b) => b.kind === 'caption'));
  for (const s of view.sentences) {
    if (!experiments.has(s) && !captions.has(s.block)) continue;
    if (s.block.kind === 'table-cell' || isPlan(s.text) || inPlanSection(view, s.block)) continue;
    const c = sentenceComparison(view, s, lex);
    if (c) out.push(c);
  }
  return [...out, ...tableComparisons(view, lex)];
}

function sentenceComparison(view: DocumentView, s: SentenceRef, lex: ComparisonLexicons): Comparison | undefined {
  // "Baselines are reweighing [cite], adversarial debiasing [cite], …": the paper names its own baselines, citing where they come from.
  const listed = firstMatch(BASELINES_ARE, sentenceClaims(s.text).tokens);
  if (listed && listed.start <= 2) {
    const names = [...lex.baselines.find(s.text), ...(lex.extra?.find(s.text) ?? [])].map((m) => m.text);
    if (names.length > 0) return { block: s.block, start: s.start, end: s.start + s.text.length, kind: 'baseline', names, source: 'sentence' };
  }
  // A sentence without a verb ("Comparison with prompting baselines.") has no claim to fail.
  const { claims } = sentenceClaims(s.text);
  const claim = claims.find(carriedOut);
  if (claims.length > 0 && !claim) return undefined;
  const cats = sentenceCategories(s.text);
  // Names from the rules' lexicons (with the user's extraBaselines) that sit where the claims layer reads a comparator.
  const compared = comparedSpans(s.text);
  const inSpan = (m: { start: number; end: number }) => compared.some(([a, b]) => m.start >= a && m.end <= b);
  const all = othersMethods(lex.interpretabilityMethods, s.text);
  // The methods compared with: those in a comparator ("outperforms a linear probe and CCS"), else every one named.
  const methods = (all.some(inSpan) ? all.filter(inSpan) : all).map((m) => m.text);
  const named = (l: Lexicon | undefined) => (l?.find(s.text) ?? []).filter(inSpan).map((m) => m.text);
  const baselines = [...named(lex.baselines), ...named(lex.extra)];
  // The claim it rests on: the clause that holds the comparison cue, else the sentence's first carried-out clause.
  const cue = claimOfCue(s.text);
  const at = (kind: Comparison['kind'], names: string[]): Comparison => ({ block: s.block, start: s.start, end: s.start + s.text.length, kind, names, claim: describe(s.text, cue ?? claim), source: 'sentence' });
  if (baselines.length > 0) return at('baseline', baselines);
  // "against 2% for a random ranking": chance is a control, not what a practitioner would try first.
  if (cats.has('non-interp-baseline') && !chanceOnly(s.text, compared)) return at('baseline', [comparatorText(s.text, compared)]);
  if (cats.has('interp-only-comparison')) return methods.length > 0 ? at('interp', methods) : undefined;
  // Under "Comparison with existing quantizers" or "Baselines", running a named method is comparing with it.
  if (!underComparisonHeading(view, s.block)) return undefined;
  const anywhere = [...lex.baselines.find(s.text), ...(lex.extra?.find(s.text) ?? [])].map((m) => m.text);
  if (anywhere.length > 0) return at('baseline', anywhere);
  if (new Set(all.map((m) => methodKey(m.text))).size >= 2) return at('interp', methods);
  return undefined;
}

/** The sentence that lists the paper's baselines: "Baselines are…", "Our baselines include…", "The baselines: …". */
export const BASELINES_ARE: readonly Pattern[] = [{
  id: 'baselines-are',
  tokens: [{ lemma: ['baseline'] }, { lemma: ['be', 'include', 'comprise', ':'], gap: 3, notLemma: ['not', 'no', 'would', 'could', 'will', 'should'] }],
  examples: { match: ['Baselines are reweighing (Kamiran, 2012) and adversarial debiasing.', 'Our baselines include a system prompt and LoRA.', 'The three baselines: few-shot prompting, LoRA and a keyword filter.'], noMatch: ['Baselines would be a natural next step.', 'We include two baselines.'] },
}];

/** Character ranges of the sentence that name what it compares with (the claims layer's comparator spans). */
function comparedSpans(text: string): Array<[number, number]> {
  const { tokens, claims } = sentenceClaims(text);
  const { spans, contrast } = comparatorSpans(tokens);
  // Only where a carried-out clause compares: not "we do not compare with fine-tuning, which needs…".
  const counts = (i: number) => !tokens[i].negated && claims.every((c) => i < c.start || i >= c.end || carriedOut(c));
  // "compare X with Y": X is this work's side (the layer's `sides`), Y what it is compared with.
  return [...spans, ...contrast].filter(([a, b]) => b > a && tokens[a] && counts(Math.max(0, a - 1))).map(([a, b]) => [tokens[a].start, tokens[b - 1].end]);
}

/** The carried-out clause that holds the first comparison cue ("outperforms", "than", "compared with"). */
function claimOfCue(text: string): Claim | undefined {
  const { tokens, claims } = sentenceClaims(text);
  const { spans, contrast } = comparatorSpans(tokens);
  const first = [...spans, ...contrast].map(([a]) => a).sort((x, y) => x - y)[0];
  if (first === undefined) return undefined;
  return claims.find((c) => c.start <= first - 1 && first - 1 < c.end && carriedOut(c));
}

const CHANCE = new Set(['random', 'randomly', 'chance', 'shuffled', 'untrained']);

function chanceOnly(text: string, spans: Array<[number, number]>): boolean {
  const { tokens } = sentenceClaims(text);
  return tokens.some((t) => CHANCE.has(t.lower) && spans.some(([a, b]) => t.start >= a && t.end <= b));
}

/** The first words of the first comparator span, to name a baseline the lexicons do not know ("ranking them by length"). */
function comparatorText(text: string, spans: Array<[number, number]>): string {
  const [a, b] = spans[0] ?? [0, 0];
  return text.slice(a, b).split(/\s+/).slice(0, 5).join(' ').replace(/[,;:.]+$/, '');
}

/** A clause that reports this paper's own work as done: not negated, future, proposed, hypothetical or quoted. */
function carriedOut(c: Claim): boolean {
  return (c.status === 'done' || c.status === 'measured') && (c.source === 'own' || c.source === 'definition');
}

function describe(text: string, c: Claim | undefined): Comparison['claim'] {
  if (!c) return undefined;
  const { tokens } = sentenceClaims(text);
  const from = tokens[c.start]?.start ?? 0;
  const to = tokens[c.end - 1]?.end ?? text.length;
  return { text: text.slice(from, to), actor: c.actor, act: c.act, status: c.status };
}

/** Interpretability methods named in a text, without the paper's own ("our SAE", "probe (ours)"). */
function othersMethods(methods: Lexicon, text: string): Array<{ start: number; end: number; text: string }> {
  const { tokens } = analyse(text);
  const ours = (start: number, end: number) => {
    const i = tokens.findIndex((t) => t.start >= start);
    const j = tokens.findIndex((t) => t.start >= end);
    const before = tokens.slice(Math.max(0, i - 3), i).map((t) => t.lower);
    const after = tokens.slice(j < 0 ? tokens.length : j, (j < 0 ? tokens.length : j) + 4).map((t) => t.lower);
    return before.includes('our') || before.includes('proposed') || after.includes('ours');
  };
  const found = methods.find(text);
  return found
    .filter((m) => !found.some((o) => o !== m && o.start <= m.start && o.end >= m.end && o.end - o.start > m.end - m.start))
    .filter((m) => !ours(m.start, m.end));
}

/** One key for the spellings of a method ("SAEs", "sparse autoencoder", "SAE"): the lexicon entry's lemma. */
export function methodKey(name: string): string {
  const lemmas = analyse(name).tokens.map((t) => t.lemma);
  const key = lemmas.join(' ');
  return SAME_METHOD[key] ?? key;
}
const SAME_METHOD = dictionary({ 'sparse autoencoder': 'sae', autoencoder: 'sae', 'linear probe': 'probe', probing: 'probe', 'contrastive activation addition': 'caa' });

/** Words of a heading that announce a comparison: "Comparing drift measures", "SAEs vs. transcoders", "Baselines". */
const COMPARISON_HEADING = new Set(['compare', 'comparison', 'comparing', 'comparative', 'versus', 'vs', 'vs.', 'baseline', 'head-to-head']);

/** Whether a block sits in a section (or a subsection of one) whose heading announces a comparison. */
export function underComparisonHeading(view: DocumentView, block: Block): boolean {
  for (let i = block.section; i >= 0; i = view.doc.sections[i].parent) {
    if (analyse(view.doc.sections[i].title).tokens.some((t) => COMPARISON_HEADING.has(t.lemma) || COMPARISON_HEADING.has(t.lower))) return true;
  }
  return false;
}

/** Column headers of a table that names methods, and captions of a table of settings rather than results. */
const METHOD_HEADER = new Set(['method', 'baseline', 'approach', 'technique', 'intervention', 'detector', 'router', 'gate', 'editor', 'dictionary', 'steering', 'attribution', 'explainer', 'explanation']);
const SETTINGS_HEADER = new Set(['hyperparameter', 'hyper-parameter', 'hyperparameters', 'configuration', 'setting', 'settings', 'value', 'values']);

/** Comparisons in the paper's own results tables: a row naming a baseline, or two rows naming interpretability methods. */
function tableComparisons(view: DocumentView, lex: ComparisonLexicons): Comparison[] {
  const out: Comparison[] = [];
  const lexicons = lex.extra ? [lex.baselines, lex.extra] : [lex.baselines];
  for (const block of ownTableBlocks(view)) {
    if (block.kind !== 'table-cell' || settingsTable(view, block)) continue;
    for (const m of lexicons.flatMap((l) => l.find(block.text))) out.push({ block, start: m.start, end: m.end, kind: 'baseline', names: [m.text], source: 'table' });
  }
  for (const table of view.tables) {
    if (table.role === 'related-work' || table.role === 'background') continue;
    // Each column's header, found once (a lookup per column would scan every cell per column).
    const headers = new Map<number, Block>();
    for (const c of table.cells) if (c.cell?.row === 0 && !headers.has(c.cell.column)) headers.set(c.cell.column, c);
    const columns = new Set([...new Set(table.cells.map((c) => c.cell?.column ?? 0))].filter((col) => col === 0 || words(headers.get(col)?.text ?? '').some((w) => METHOD_HEADER.has(w))));
    const rows = table.cells.filter((c) => columns.has(c.cell?.column ?? 0) && (c.cell?.row ?? 0) > 0).map((cell) => ({ cell, all: lex.interpretabilityMethods.find(cell.text), others: othersMethods(lex.interpretabilityMethods, cell.text).map((m) => m.text) })).filter((r) => r.all.length > 0);
    const others = rows.filter((r) => r.others.length > 0);
    if (rows.length < 2 || others.length === 0) continue;
    const first = others[0].cell;
    out.push({ block: first, start: 0, end: first.text.length, kind: 'interp', names: others.flatMap((r) => r.others), source: 'table' });
  }
  return out;
}

function words(text: string): string[] {
  return analyse(text).tokens.flatMap((t) => [t.lower, t.lemma]);
}

/** A table of settings rather than results: "Hyperparameter | Value", a caption "Training configuration". */
function settingsTable(view: DocumentView, block: Block): boolean {
  let byCell = settingsCache.get(view);
  if (!byCell) {
    // Once per view, table by table: finding each cell's table by search would be cells × cells.
    byCell = new Map();
    for (const table of view.tables) {
      const settings = isSettingsTable(table);
      for (const c of table.cells) byCell.set(c, settings);
    }
    settingsCache.set(view, byCell);
  }
  return byCell.get(block) ?? false;
}

/** Whether each table cell's table is a settings table, per view. */
const settingsCache = new WeakMap<DocumentView, Map<Block, boolean>>();

function isSettingsTable(table: DocumentView['tables'][number]): boolean {
  const heads = [...table.cells.filter((c) => c.cell?.row === 0), ...(table.caption ? [table.caption] : [])];
  return heads.some((c) => words(c.text).some((w) => SETTINGS_HEADER.has(w)) && !sentenceCategories(c.text).has('non-interp-baseline'));
}

/** "prompting, fine-tuning and LoRA" from a list of names (one per spelling of a method). */
export function listMethods(names: string[], max = 4): string {
  const byKey = new Map<string, string>();
  for (const n of names) if (!byKey.has(methodKey(n))) byKey.set(methodKey(n), n);
  const unique = [...byKey.values()];
  const shown = unique.slice(0, max);
  if (unique.length > max) return `${shown.join(', ')} and ${unique.length - max} more`;
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** The 1-based line of an offset in a block. */
export function lineOf(doc: PaperDocument, block: Block, index: number): number {
  const file = doc.sources.get(block.file);
  if (!file) return 1;
  return positionAt(file, block.base + (block.starts[Math.min(index, block.starts.length - 1)] ?? 0)).line + 1;
}

/** A claim for a message: `"we compare crosscoders with SAEs" (we · compare · measured)`. */
export function claimNote(c: Comparison['claim'], max = 60): string {
  if (!c) return '';
  const text = c.text.replace(/\[math\]/g, '…').replace(/\s+/g, ' ').trim();
  const short = text.length <= max ? text : `${text.slice(0, max).replace(/\s+\S*$/, '')}…`;
  return `"${short}" (${c.actor} · ${c.act} · ${c.status})`;
}

/**
 * The baseline-comparison table that missing-baselines and grading-on-a-curve insert, in the draft's
 * own syntax, with rows for prompting, fine-tuning, LoRA and the author's method; `lead` is an
 * optional sentence placed before it.
 */
export function baselineTableScaffold(doc: PaperDocument, lead?: string): string {
  const rows = ['Prompting ([prompt])', 'Fine-tuning', 'LoRA (rank [r])', '[Our method]'];
  const caption = 'Comparison with non-interpretability baselines on [task]. [Describe the setting.]';
  if (doc.format === 'markdown') {
    return [
      ...(lead ? [`${lead} (Table [n]).`, ''] : []),
      '| Method | [target metric] | [side-effect metric] |',
      '|---|---|---|',
      ...rows.map((r) => `| ${r} | [ ] | [ ] |`),
      '',
      `Table: ${caption}`,
    ].join('\n');
  }
  return [
    ...(lead ? [`${lead} (\\cref{tab:[label]}).`, ''] : []),
    '\\begin{table}[t]',
    '\\centering',
    '\\begin{tabular}{lcc}',
    '\\toprule',
    'Method & [target metric] & [side-effect metric] \\\\',
    '\\midrule',
    ...rows.map((r) => `${r} & [ ] & [ ] \\\\`),
    '\\bottomrule',
    '\\end{tabular}',
    `\\caption{${caption}}`,
    '\\label{tab:[label]}',
    '\\end{table}',
  ].join('\n');
}
