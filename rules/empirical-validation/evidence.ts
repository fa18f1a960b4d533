import type { Block, PaperDocument, Section, SectionRole } from '../../server/src/core/model';
import type { Lexicon, LexiconMatch } from '../../server/src/core/rules/lexicon';
import { joinAnd, type DocumentView, type SentenceRef } from '../../server/src/core/rules/view';
import { blockSourceSpan } from '../../server/src/core/text-builder';
import { citedAt, negatedAt, stanceOf } from '../../server/src/core/claims/stance';
import { describesOthers, inPlanSection, isPlan, ownTableBlocks, PLAN_HEADING } from '../shared';

// Helpers shared by the validation family (empirical-validation, toy-only-setup, generalization,
// specificity): finding lexicon mentions that are evidence about *this* paper's own setup, and
// nothing else — not prior work, not negated or future-work mentions, not Related Work.

export type Role = SectionRole | 'front';

export interface Mention {
  block: Block;
  /** Offsets in the block's text. */
  start: number;
  end: number;
  text: string;
  category: string;
  role: Role;
  /** The sentence the mention sits in (absent for table cells). */
  sentence?: SentenceRef;
}

export { inPlanSection, PLAN_HEADING };

export interface ScanOptions {
  /** Section roles whose sentences count. */
  roles: readonly Role[];
  /** Roles whose sentences count only when they speak in the first person or are list items (e.g. the introduction). */
  firstPersonRoles?: readonly Role[];
  /** Also scan table cells and captions outside Related Work and Background (restricted to `tableRoles` when given). */
  tables?: boolean;
  tableRoles?: readonly Role[];
  /** How a mention is judged negated; the default is the shared negation test. */
  negated?: (sentence: string, at: number) => boolean;
  /** Extra per-mention filter: return true to drop the mention. */
  drop?: (text: string, m: LexiconMatch) => boolean;
  /** Evidence mode: also skip plans ("should be run on several datasets") and sections that announce plans. */
  evidence?: boolean;
}

/** Lexicon mentions that are evidence about the paper's own work, with the usual filters. */
export function ownMentions(view: DocumentView, lexicon: Lexicon, opts: ScanOptions): Mention[] {
  const out: Mention[] = [];
  const negated = opts.negated ?? negatedAt;
  for (const s of ownSentences(view, opts)) {
    for (const m of lexicon.find(s.text)) {
      if (negated(s.text, m.start) || opts.drop?.(s.text, m) || citedAt(s.text, m.start)) continue;
      out.push({ block: s.block, start: s.start + m.start, end: s.start + m.end, text: m.text, category: m.category, role: s.role, sentence: s });
    }
  }
  if (opts.tables) {
    for (const block of tableBlocks(view, opts.tableRoles)) {
      if (block.kind === 'caption') continue; // captions are sentences, scanned above when their role counts
      for (const m of lexicon.find(block.text)) {
        if (opts.drop?.(block.text, m)) continue;
        out.push({ block, start: m.start, end: m.end, text: m.text, category: m.category, role: view.roleOf(block) });
      }
    }
    // Captions of tables whose section role is not scanned as prose still describe the table.
    for (const block of tableBlocks(view, opts.tableRoles)) {
      if (block.kind !== 'caption' || opts.roles.includes(view.roleOf(block))) continue;
      for (const s of block.sentences) {
        const text = block.text.slice(s.start, s.end);
        for (const m of lexicon.find(text)) {
          if (negated(text, m.start) || opts.drop?.(text, m)) continue;
          out.push({ block, start: s.start + m.start, end: s.start + m.end, text: m.text, category: m.category, role: view.roleOf(block) });
        }
      }
    }
  }
  return out;
}

/** Sentences of the paper's own work in these roles: not prior work, not future work. */
const sentenceCache = new WeakMap<DocumentView, Map<string, SentenceRef[]>>();

export function ownSentences(view: DocumentView, opts: Pick<ScanOptions, 'roles' | 'firstPersonRoles' | 'evidence'>): SentenceRef[] {
  const key = `${opts.roles.join(',')}|${(opts.firstPersonRoles ?? []).join(',')}|${opts.evidence ? 1 : 0}`;
  let byKey = sentenceCache.get(view);
  if (!byKey) sentenceCache.set(view, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached) return cached;
  const result = filterOwnSentences(view, opts);
  byKey.set(key, result);
  return result;
}

function filterOwnSentences(view: DocumentView, opts: Pick<ScanOptions, 'roles' | 'firstPersonRoles' | 'evidence'>): SentenceRef[] {
  return view.sentences.filter((s) => {
    const inRoles = opts.roles.includes(s.role);
    const stance = stanceOf(s.text);
    const inFirstPerson = opts.firstPersonRoles?.includes(s.role) && (stance.ownVoice || s.block.kind === 'list-item');
    if (!inRoles && !inFirstPerson) return false;
    // Evidence is what was done: not plans, proposals, imperative protocol steps, hedges, or sections that announce plans.
    if (opts.evidence && (isPlan(s.text) || inPlanSection(view, s.block))) return false;
    return !describesOthers(s) && !stance.hypothetical && !stance.future;
    return true;
  });
}

/** Table cells and captions of the paper's own tables, optionally restricted to section roles. */
export function tableBlocks(view: DocumentView, roles?: readonly Role[]): Block[] {
  return ownTableBlocks(view).filter((b) => (!roles || roles.includes(view.roleOf(b))) && !inPlanSection(view, b));
}

/** Lexicon matches in the headings of sections with these roles ("Steering along the order direction"). */
export function headingMentions(view: DocumentView, lexicon: Lexicon, roles: readonly Role[]): Mention[] {
  const out: Mention[] = [];
  for (const section of view.doc.sections) {
    const block = section.heading;
    if (!block || !roles.includes(section.role) || PLAN_HEADING.test(section.title)) continue;
    for (const m of lexicon.find(block.text)) out.push({ block, start: m.start, end: m.end, text: m.text, category: m.category, role: section.role });
  }
  return out;
}

/** Whether a block's math (kept as `[math]` in its text) writes ± (`\pm`), as tables of means and spreads do. */
export function mathPlusMinus(doc: PaperDocument, block: Block): number {
  const source = doc.sources.get(block.file)?.text ?? '';
  for (let i = block.text.indexOf('[math]'); i >= 0; i = block.text.indexOf('[math]', i + 1)) {
    const span = blockSourceSpan(block, i, i + 6);
    if (/\\pm\b|±|\\mp\b/.test(source.slice(span.start, span.end))) return i;
  }
  return -1;
}

/** The first paragraph (not a caption or cell) of the first section with one of these roles. */
export function firstParagraph(view: DocumentView, roles: readonly Role[]): Block | undefined {
  for (const role of roles) {
    const block = view.doc.blocks.find((b) => b.kind === 'paragraph' && view.roleOf(b) === role && b.text.trim().length > 0);
    if (block) return block;
  }
  return undefined;
}

/** A short name for where a mention is: its section title, or its role. */
export function placeOf(view: DocumentView, m: { block: Block }): string {
  const section = m.block.section >= 0 ? view.doc.sections[m.block.section] : undefined;
  const where = section ? topTitle(view, m.block.section) : 'front matter';
  if (m.block.kind === 'table-cell') return `a table in ${where}`;
  if (m.block.kind === 'caption') return `a caption in ${where}`;
  return where;
}

/** The title of a mention's section; a run-in \\paragraph heading gives way to its parent section. */
function topTitle(view: DocumentView, index: number): string {
  let i = index;
  while (i >= 0 && view.doc.sections[i].level >= 3 && view.doc.sections[i].parent >= 0) i = view.doc.sections[i].parent;
  const s = view.doc.sections[i];
  return s.title || s.role;
}

/**
 * Where a rule looked, e.g. "Experiments, Results and 2 tables": like DocumentView.describeSearch,
 * but also for drafts whose sections all sit under one top heading (a Markdown `# Title`).
 */
export function describeWhere(view: DocumentView, roles: readonly Role[]): string {
  const tops = view.doc.sections.filter((s) => s.level === 1);
  const titleText = view.doc.title?.text.trim().toLowerCase();
  // A lone top-level heading over every other section (Markdown `# Title`) is the title, not a section.
  const isTitle = (s: Section) => (titleText !== undefined && s.title.trim().toLowerCase() === titleText) || (tops.length === 1 && tops[0] === s && view.doc.sections.length > 1);
  const matching = view.doc.sections.filter((s) => roles.includes(s.role) && !PLAN_HEADING.test(s.title) && !isTitle(s));
  const top = Math.min(...matching.map((s) => s.level), 99);
  const names = [...new Set(matching.filter((s) => s.level === top).map((s) => s.title || s.role))];
  const tables = view.tables.filter((t) => t.role === 'front' || roles.includes(t.role)).length;
  const parts = names.length > 0 ? [joinAnd(names)] : ['the whole draft (no section with such a heading)'];
  if (tables > 0) parts.push(`${tables} table${tables === 1 ? '' : 's'}`);
  return parts.join(' and ');
}

/** The words around a match, for a message: "…let dataset maintainers filter the training data: examples…". */
export function quoteAround(text: string, start: number, end: number, max = 80): string {
  const room = Math.max(0, max - (end - start));
  let from = Math.max(0, start - Math.floor(room / 2));
  let to = Math.min(text.length, end + (room - (start - from)));
  from = Math.max(0, Math.min(from, to - max));
  if (from > 0) from = text.indexOf(' ', from) + 1 || from;
  if (to < text.length) to = Math.max(end, text.lastIndexOf(' ', to));
  const body = text.slice(from, to).replace(/\[math\]/g, '…').replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

/** Dedupe mentions by lower-cased text, keeping the first. */
export function distinctByText<T extends { text: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((m) => {
    const key = m.text.toLowerCase().replace(/[\s-]+/g, ' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A realistic model named as a tool rather than as the object of study: "GPT-4 as a judge",
 * "labels written by Claude", "explanations generated with GPT-4o".
 */
export function toolUse(text: string, m: { start: number; end: number }): boolean {
  const after = text.slice(m.end, m.end + 60);
  const before = text.slice(Math.max(0, m.start - 40), m.start);
  return /^[\w.-]*\s*(?:\([^)]*\)\s*)?(?:as (?:an? |the )?(?:judge|annotator|labell?er|grader|evaluator|rater|autorater|explainer)|to (?:label|annotate|grade|score|judge|rate|write|explain|describe|summari[sz]e|generate (?:the )?(?:labels?|explanations?|descriptions?|annotations?|(?:synthetic )?data|prompts|templates)))\b/i.test(after)
    || /\b(?:judged|graded|rated|labell?ed|annotated|scored|written|explained|described|generated) (?:by|with|using)\s+$/i.test(before);
}

/**
 * Model identities in a text: a family or size mention extended over the rest of its name
 * ("Llama" in "Llama-3-8B-Instruct" gives "llama-3-8b-instruct"; "8B" in "Atlas-8B" gives "atlas-8b").
 */
export function modelIdentities(text: string, matches: Array<{ start: number; end: number }>): Array<{ id: string; start: number; end: number }> {
  const out: Array<{ id: string; start: number; end: number }> = [];
  for (const m of matches) {
    let start = m.start;
    while (start > 0 && /[\w.-]/.test(text[start - 1])) start--;
    const rest = /^[\w.]*(?:(?:-|\/)[\w.]+|\s(?=[\w.]*\d)[\w.]+)*/.exec(text.slice(start))![0].replace(/[.\-]+$/, '');
    const end = Math.max(m.end, start + rest.length);
    const id = text.slice(start, end).toLowerCase().replace(/[\s_]+/g, '-');
    if (!out.some((o) => o.start <= start && o.end >= end)) out.push({ id, start, end });
  }
  return out;
}

/** Distinct models among identities: one that is a prefix or part of another ("llama" and "llama-3-8b"; "8b" and "llama-3-8b") is the same. */
export function distinctModels(ids: string[]): string[] {
  const unique = [...new Set(ids.filter((i) => i.length > 0))];
  return unique.filter((a) => !unique.some((b) => b !== a && b.length > a.length && (b.startsWith(a) || new RegExp(`(?:^|[-/])${escape(a)}(?:$|[-/])`).test(b))));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
