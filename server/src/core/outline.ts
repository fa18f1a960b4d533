import * as path from 'node:path';
import { guessKind } from './kind';
import type { Block, PaperDocument, SourceFile } from './model';
import { positionAt } from './source';
import { blockSourceSpan } from './text-builder';

// What the linter sees in a draft, in the shape `actionable outline --format json` prints:
// paths relative to `cwd` with `/`, 1-based lines and columns, columns in UTF-16 code units,
// end positions exclusive.

export interface OutlineSection {
  title: string;
  role: string;
  file: string;
  line: number;
  endLine: number;
  level: number;
}

export interface OutlineSentence {
  text: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  section: string | null;
  /** Index into `sections`, -1 outside any section. */
  sectionIndex: number;
  block: Block['kind'];
}

export interface Outline {
  root: string;
  files: string[];
  kind: string;
  kindSource: string;
  title: string | null;
  sections: OutlineSection[];
  sentences?: OutlineSentence[];
  problems: Array<{ ruleId: 'input'; severity: string; message: string; file: string; line: number; column: number }>;
}

export function relativePath(file: string, cwd: string): string {
  return path.relative(cwd, file).split(path.sep).join('/') || path.basename(file);
}

export function buildOutline(doc: PaperDocument, cwd: string, withSentences: boolean): Outline {
  const rel = (f: string) => relativePath(f, cwd);
  const src = (f: string): SourceFile => doc.sources.get(f) ?? { path: f, text: '', lineStarts: [0] };
  const kind = guessKind(doc);
  const outline: Outline = {
    root: rel(doc.root),
    files: doc.files.map(rel),
    kind: kind.kind,
    kindSource: kind.source,
    title: doc.title?.text ?? null,
    sections: doc.sections.map((s) => {
      const file = src(s.file);
      const endOffset = s.end.file === s.file ? s.end.offset : file.text.length;
      return {
        title: s.title,
        role: s.role,
        file: rel(s.file),
        line: positionAt(file, s.start).line + 1,
        endLine: positionAt(file, Math.max(s.start, endOffset - 1)).line + 1,
        level: s.level,
      };
    }),
    problems: doc.problems.map((p) => {
      const at = positionAt(src(p.range.file), p.range.start);
      return { ruleId: p.ruleId, severity: p.severity, message: p.message, file: rel(p.range.file), line: at.line + 1, column: at.character + 1 };
    }),
  };
  if (withSentences) {
    outline.sentences = [];
    for (const block of doc.blocks) {
      const file = src(block.file);
      for (const s of block.sentences) {
        const span = blockSourceSpan(block, s.start, s.end);
        const from = positionAt(file, span.start);
        const to = positionAt(file, span.end);
        outline.sentences.push({
          text: block.text.slice(s.start, s.end),
          file: rel(block.file),
          line: from.line + 1,
          column: from.character + 1,
          endLine: to.line + 1,
          endColumn: to.character + 1,
          section: block.section >= 0 ? doc.sections[block.section].title : null,
          sectionIndex: block.section,
          block: block.kind,
        });
      }
    }
  }
  return outline;
}

/** The outline as text for a terminal. */
export function formatOutline(outline: Outline): string {
  const lines: string[] = [];
  lines.push(`root:  ${outline.root}`);
  if (outline.files.length > 1) lines.push(`files: ${outline.files.join(', ')}`);
  lines.push(`kind:  ${outline.kind} (${outline.kindSource === 'default' ? 'default; nothing in the abstract names another kind' : `from the ${outline.kindSource}`})`);
  lines.push(`title: ${outline.title ?? '(none found)'}`);
  lines.push('sections:');
  if (outline.sections.length === 0) lines.push('  (none found)');
  outline.sections.forEach((s, index) => {
    const indent = '  '.repeat(Math.max(1, s.level));
    lines.push(`${indent}${s.title || '(untitled)'}  [${s.role}]  ${s.file}:${s.line}-${s.endLine}`);
    for (const sentence of outline.sentences?.filter((x) => x.sectionIndex === index) ?? []) {
      lines.push(`${indent}    ${sentence.file}:${sentence.line}:${sentence.column}  ${sentence.text}`);
    }
  });
  const front = outline.sentences?.filter((x) => x.sectionIndex < 0) ?? [];
  if (front.length > 0) {
    lines.push('outside any section:');
    for (const s of front) lines.push(`    ${s.file}:${s.line}:${s.column}  ${s.text}`);
  }
  if (outline.problems.length > 0) {
    lines.push('problems:');
    for (const p of outline.problems) lines.push(`  ${p.file}:${p.line}:${p.column}  ${p.severity}  ${p.message}  (${p.ruleId})`);
  }
  return lines.join('\n') + '\n';
}
