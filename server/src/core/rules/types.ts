import type { Block, PaperDocument, PaperKind, SectionRole, SourceRange } from '../model';
import type { DocumentView } from './view';
import type { Lexicons } from './lexicon';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type ChecklistStep = 1 | 2 | 3 | 4 | 5 | 6;

/** A text replacement in one file; offsets in the file's decoded text. */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  text: string;
}

/**
 * A fix as data. Placeholders the author must fill are written `[like this]` in `edits[].text`;
 * an editor may turn them into snippet tab stops. A fix deletes nothing but the phrase it rewrites.
 */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** True when the inserted text has `[placeholders]` to fill. */
  hasPlaceholders?: boolean;
}

export interface RelatedLocation {
  range: SourceRange;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** One short line: what is missing and what to do, with the quote where there is one. */
  message: string;
  /** The evidence behind it: what was searched where, what was found and why it did not count. */
  detail?: string;
  range: SourceRange;
  related: RelatedLocation[];
  checklistStep: ChecklistStep | null;
  /** The rule's own fix (scaffold or rewrite). */
  fix?: Fix;
  /** Always offered: disable for this line, disable for this file. */
  suggestions: Fix[];
}

/** Where a rule points: a text range of a block (mapped through its source map) or a raw range. */
export type Target = { block: Block; start?: number; end?: number } | { range: SourceRange };

export interface Report {
  /** What is missing and what to do, in about 100 characters at most (the Problems panel shows no more). */
  message: string;
  /** What was searched and found, and the claim the finding rests on. */
  detail?: string;
  at: Target;
  related?: Array<{ at: Target; message: string }>;
  fix?: Fix;
}

export interface RuleMeta {
  /** Stable kebab-case id. */
  id: string;
  /** One line, for `actionable rules` and SARIF. */
  description: string;
  checklistStep: ChecklistStep | null;
  /** A word or two naming what the rule checks, shown after the step: "Checklist 6 · baselines: …". */
  topic: string;
  /** Section of the paper the rule comes from, e.g. "§6.1". */
  paperSection: string;
  defaultSeverity: Severity;
  /** Paper kinds the rule applies to. */
  kinds: readonly PaperKind[];
  /** Whether findings are about the whole document or single sentences. */
  scope: 'document' | 'sentence';
  fixable: boolean;
  /** JSON Schema of the rule's options (an object schema); `{}` when it has none. */
  optionsSchema: Record<string, unknown>;
}

export interface RuleContext<Options> {
  doc: PaperDocument;
  view: DocumentView;
  kind: PaperKind;
  options: Options;
  lexicons: Lexicons;
  report(report: Report): void;
  /** Records where the rule found what it looks for (feeds checklist evidence and the score). */
  evidence(at: Target, note?: string): void;
  /** Declares that the rule does not apply to this draft (e.g. no intervention to check for side effects). */
  notApplicable(reason: string): void;
}

export interface Rule<Options = Record<string, unknown>> {
  meta: RuleMeta;
  defaultOptions: Options;
  check(ctx: RuleContext<Options>): void;
}

export const OWN_WORK_EXCLUDED: readonly SectionRole[] = ['related-work', 'background'];
