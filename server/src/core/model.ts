// The document model: one shape for LaTeX and Markdown drafts. Rules read only this.
// Offsets are UTF-16 code unit indexes into a file's decoded text (BOM removed), as in JS and LSP.

/** `text`: plain text converted from a PDF or by a section extractor (`.txt`). */
export type Format = 'latex' | 'markdown' | 'text' | 'pdf';

export type SectionRole =
  | 'abstract'
  | 'introduction'
  | 'background'
  | 'related-work'
  | 'method'
  | 'experiments'
  | 'results'
  | 'discussion'
  | 'limitations'
  | 'conclusion'
  | 'appendix'
  /** The reference list: never the paper's own words. */
  | 'references'
  /** Acknowledgements, funding, declarations, author contributions, checklists: never evidence. */
  | 'back-matter'
  | 'other';

export type BlockKind = 'paragraph' | 'list-item' | 'caption' | 'footnote' | 'table-cell' | 'heading' | 'title';

export type PaperKind = 'empirical' | 'method' | 'analysis' | 'benchmark' | 'position' | 'survey';

/** A citation, cross-reference or URL kept in the prose as a placeholder such as `[ref:sec:exp]`. */
export interface Reference {
  kind: 'cite' | 'ref' | 'url';
  keys: string[];
  /** Range of the placeholder in the block's text. */
  start: number;
  end: number;
}

/** A range in one source file. */
export interface SourceRange {
  file: string;
  start: number;
  end: number;
}

/** Sentence boundaries as text indexes into its block. */
export interface Sentence {
  start: number;
  end: number;
}

/**
 * Prose with a per-character map back to its source: character i of `text` came from
 * `file` offsets [base + starts[i], base + ends[i]). `base` lets cached chunks move without copying.
 */
export interface Block {
  kind: BlockKind;
  file: string;
  text: string;
  base: number;
  starts: Int32Array;
  ends: Int32Array;
  refs: Reference[];
  sentences: Sentence[];
  /** Index into PaperDocument.sections, or -1 for text before the first section (front matter). */
  section: number;
  /** For table cells: the 0-based row and column, and an id shared by the cells of one table. */
  cell?: { table: number; row: number; column: number };
}

/** Where a section's role came from, for `actionable outline`. */
export type RoleSource = 'title' | 'parent' | 'number' | 'appendix' | 'references' | 'subsections' | 'content' | 'default';

export interface Section {
  title: string;
  role: SectionRole;
  roleSource?: RoleSource;
  /** The heading's number as written or recovered ("4", "4.2", "A.1"), when it has one. */
  number?: string;
  /** 1 = \section or `#`/`##` (below the title), 2 = subsection, ... 4 = \paragraph run-in heading. */
  level: number;
  /** Index of the parent section, -1 at top level. */
  parent: number;
  file: string;
  /** Offset of the heading's start in `file`. */
  start: number;
  /** Heading block, absent for sections opened by an environment such as `abstract`. */
  heading?: Block;
  /** End of the section (exclusive) as a position in the last file it covers. */
  end: { file: string; offset: number };
}

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable' | 'disable-file' | 'setting';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids, empty meaning every rule (for disable kinds). */
  rules: string[];
  reason?: string;
  /** For `actionable: key=value` settings. */
  settings?: Record<string, string>;
  range: SourceRange;
  /** The 0-based line the directive applies to, for disable-next-line. */
  targetLine?: number;
}

/** A problem with the input itself (unreadable file, cycle, outside project, parse failure...). */
export interface InputProblem {
  ruleId: 'input';
  severity: 'error' | 'warning';
  message: string;
  range: SourceRange;
}

export interface SourceFile {
  path: string;
  text: string;
  /** Offsets where each line starts. */
  lineStarts: number[];
  /** A PDF's: the offset in `text` (its Markdown rendering) where each page starts. */
  pageStarts?: number[];
}

/** How a file other than the root was reached: the command that read it, where it is written. */
export interface FileReach {
  /** `input`, `include`, `subfile`, `import`… */
  command: string;
  /** The file name as the author wrote it (for \import: folder and name joined). */
  target: string;
  /** The file holding the command, and the offset of its backslash there. */
  from: string;
  offset: number;
}

export interface PaperDocument {
  format: Format;
  /** Absolute path of the root file. */
  root: string;
  /** Absolute paths of every file read, root first, in reading order. */
  files: string[];
  sources: Map<string, SourceFile>;
  title?: Block;
  sections: Section[];
  blocks: Block[];
  directives: Directive[];
  problems: InputProblem[];
  /** Kind requested by an `actionable: kind=…` directive, if any. */
  declaredKind?: PaperKind;
  /** For each file read other than the root: how it was first reached. */
  reached?: Map<string, FileReach>;
  /** True when the root file itself could not be read (its `input` problem says why): the model is empty. */
  unread?: boolean;
  /** Reading paused at a slice's end (`BuildRun.pauseAt`): the model is incomplete, build again to read on. */
  paused?: boolean;
}
