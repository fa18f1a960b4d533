import type { Block, PaperDocument, Section, SectionRole, SourceRange } from '../model';
import { blockSourceSpan } from '../text-builder';
import type { Target } from './types';

/** Sections whose text is never evidence of this paper's work (nor a place for findings). */
const NOT_EVIDENCE: ReadonlySet<SectionRole> = new Set<SectionRole>(['references', 'back-matter']);

/** A sentence with its block and the role of the section it sits in. */
export interface SentenceRef {
  block: Block;
  start: number;
  end: number;
  text: string;
  role: SectionRole | 'front';
}

export interface Table {
  id: string;
  cells: Block[];
  /** The table's caption, when the reader found one next to it. */
  caption?: Block;
  role: SectionRole | 'front';
}

/**
 * Read-only queries over a document model that rules share: which section a block is in, this
 * paper's own work versus what it cites, tables, anchors for document-level findings.
 * Computed once per lint run.
 */
export class DocumentView {
  readonly sentences: SentenceRef[];
  readonly tables: Table[];
  /** The model as rules see it: blocks of the reference list and back matter are left out. */
  readonly doc: PaperDocument;

  constructor(doc: PaperDocument) {
    const isEvidence = (b: Block) => b.section < 0 || !NOT_EVIDENCE.has(doc.sections[b.section].role);
    this.doc = doc.blocks.every(isEvidence) ? doc : { ...doc, blocks: doc.blocks.filter(isEvidence) };
    this.sentences = [];
    for (const block of this.doc.blocks) {
      if (block.kind === 'heading') continue;
      const role = this.roleOf(block);
      for (const s of block.sentences) this.sentences.push({ block, start: s.start, end: s.end, text: block.text.slice(s.start, s.end), role });
    }
    this.tables = this.collectTables();
  }

  roleOf(block: Block): SectionRole | 'front' {
    return block.section >= 0 ? this.doc.sections[block.section].role : 'front';
  }

  /** Blocks (not headings) in sections with one of these roles. */
  blocksIn(roles: ReadonlyArray<SectionRole | 'front'>): Block[] {
    return this.doc.blocks.filter((b) => b.kind !== 'heading' && roles.includes(this.roleOf(b)));
  }

  sentencesIn(roles: ReadonlyArray<SectionRole | 'front'>): SentenceRef[] {
    return this.sentences.filter((s) => roles.includes(s.role));
  }

  /** Sentences about this paper's own work: everything but Related Work and Background. */
  ownSentences(): SentenceRef[] {
    return this.sentences.filter((s) => s.role !== 'related-work' && s.role !== 'background');
  }

  hasRole(role: SectionRole): boolean {
    return this.doc.sections.some((s) => s.role === role);
  }

  firstSection(roles: readonly SectionRole[]): Section | undefined {
    for (const role of roles) {
      const found = this.doc.sections.find((s) => s.role === role);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Where a document-level finding belongs: the heading of the first section with one of `roles`
   * (in order of preference), else the title, else the first line of the root.
   */
  anchor(roles: readonly SectionRole[]): Target {
    const section = this.firstSection(roles);
    if (section?.heading && section.heading.text.length > 0) return { block: section.heading };
    if (section) return { range: { file: section.file, start: section.start, end: section.start + lineLength(this.doc, section.file, section.start) } };
    if (this.doc.title) return { block: this.doc.title };
    return { range: { file: this.doc.root, start: 0, end: lineLength(this.doc, this.doc.root, 0) } };
  }

  /** A short description of where a rule looked, e.g. "Experiments, Results and 2 tables". */
  describeSearch(roles: readonly SectionRole[]): string {
    const names = [...new Set(this.doc.sections.filter((s) => roles.includes(s.role) && s.level <= 1).map((s) => s.title || s.role))];
    const tables = this.tables.filter((t) => t.role === 'front' || roles.includes(t.role as SectionRole)).length;
    const parts = names.length > 0 ? [joinAnd(names)] : ['the whole draft (no section with such a heading)'];
    if (tables > 0) parts.push(`${tables} table${tables === 1 ? '' : 's'}`);
    return parts.join(' and ');
  }

  private collectTables(): Table[] {
    const byId = new Map<string, Table>();
    let lastTable: Table | undefined;
    for (const block of this.doc.blocks) {
      if (block.kind === 'table-cell' && block.cell) {
        const id = `${block.file}|${block.base}|${block.cell.table}`;
        let table = byId.get(id);
        if (!table) {
          table = { id, cells: [], role: this.roleOf(block) };
          byId.set(id, table);
        }
        table.cells.push(block);
        lastTable = table;
      } else if (block.kind === 'caption' && lastTable && !lastTable.caption) {
        lastTable.caption = block;
      } else if (block.kind !== 'caption') {
        lastTable = undefined;
      }
    }
    return [...byId.values()];
  }
}

export function targetRange(target: Target): SourceRange {
  if ('range' in target) return target.range;
  const { block } = target;
  const span = blockSourceSpan(block, target.start ?? 0, target.end ?? block.text.length);
  return { file: block.file, start: span.start, end: span.end };
}

function lineLength(doc: PaperDocument, file: string, offset: number): number {
  const text = doc.sources.get(file)?.text ?? '';
  const eol = text.slice(offset).search(/\r?\n|\r|$/);
  return Math.max(0, eol);
}

export function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
