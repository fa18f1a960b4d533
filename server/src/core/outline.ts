import * as path from 'node:path';
import { guessKind } from './kind';
import type { Block, PaperDocument, RoleSource, SourceFile } from './model';
import type { RootInfo } from './project';
import { positionAt } from './source';
import { blockSourceSpan } from './text-builder';

// What the linter sees in a draft, in the shape `actionable outline --format json` prints:
// paths relative to `cwd` with `/`, 1-based lines and columns, columns in UTF-16 code units,
// end positions exclusive.

export interface OutlineSection {
  title: string;
  role: string;
  /** Where the role came from: the heading's own title, its parent, its number, the appendix… */
  roleSource?: RoleSource;
  /** The heading's number as written or recovered ("4", "4.2", "A.1"), when it has one. */
  number?: string;
  file: string;
  line: number;
  endLine: number;
  level: number;
}

/** How a file other than the root was reached: the command, the name as written, where it is. */
export interface OutlineInput {
  file: string;
  command: string;
  target: string;
  from: string;
  line: number;
  column: number;
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
  /** How the root was found from the file asked for (absent when not told). */
  rootVia?: RootInfo['via'];
  /** The file asked for, when it is not the root. */
  rootFrom?: string;
  files: string[];
  /** For each file other than the root, in reading order: how it was reached. */
  inputs: OutlineInput[];
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

/**
 * `rootFound` is how the root was found from the file asked for (`ModelBuilder.rootOf`), so the
 * outline can say it.
 */
export function buildOutline(doc: PaperDocument, cwd: string, withSentences: boolean, rootFound?: { file: string; via: RootInfo['via'] }): Outline {
  const rel = (f: string) => relativePath(f, cwd);
  const src = (f: string): SourceFile => doc.sources.get(f) ?? { path: f, text: '', lineStarts: [0] };
  const kind = guessKind(doc);
  const inputs: OutlineInput[] = [];
  for (const file of doc.files) {
    const reach = doc.reached?.get(file);
    if (!reach) continue;
    const at = positionAt(src(reach.from), reach.offset);
    inputs.push({ file: rel(file), command: reach.command, target: reach.target, from: rel(reach.from), line: at.line + 1, column: at.character + 1 });
  }
  const outline: Outline = {
    root: rel(doc.root),
    ...(rootFound ? { rootVia: rootFound.via } : {}),
    ...(rootFound && rootFound.file !== doc.root ? { rootFrom: rel(rootFound.file) } : {}),
    files: doc.files.map(rel),
    inputs,
    kind: kind.kind,
    kindSource: kind.source,
    title: doc.title?.text ?? null,
    sections: doc.sections.map((s) => {
      const file = src(s.file);
      const endOffset = s.end.file === s.file ? s.end.offset : file.text.length;
      return {
        title: s.title,
        role: s.role,
        ...(s.roleSource ? { roleSource: s.roleSource } : {}),
        ...(s.number !== undefined ? { number: s.number } : {}),
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
  if (outline.rootVia) lines.push(`       (${describeRoot(outline)})`);
  if (outline.files.length > 1) {
    lines.push('files:');
    const reached = new Map(outline.inputs.map((i) => [i.file, i]));
    for (const file of outline.files) {
      const i = reached.get(file);
      lines.push(i ? `  ${file}  by \\${i.command}{${i.target}} at ${i.from}:${i.line}` : `  ${file}  (root)`);
    }
  }
  lines.push(`kind:  ${outline.kind} (${outline.kindSource === 'default' ? 'default; nothing in the abstract names another kind' : `from the ${outline.kindSource}`})`);
  lines.push(`title: ${outline.title ?? '(none found)'}`);
  lines.push('sections:');
  if (outline.sections.length === 0) lines.push('  (none found)');
  outline.sections.forEach((s, index) => {
    const indent = '  '.repeat(Math.max(1, s.level));
    const numbered = s.number !== undefined && !s.title.startsWith(s.number) ? `${s.number} ` : '';
    const from = s.roleSource ? `, ${describeRoleSource(s.roleSource, s.number)}` : '';
    lines.push(`${indent}${numbered}${s.title || '(untitled)'}  [${s.role}${from}]  ${s.file}:${s.line}-${s.endLine}`);
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

function describeRoot(outline: Outline): string {
  const asked = outline.rootFrom ?? outline.root;
  switch (outline.rootVia) {
    case 'magic-comment':
      return `named by the % !TEX root comment in ${asked}`;
    case 'subfiles':
      return `the root of the subfiles child ${asked}`;
    case 'includer':
      return `the document that inputs ${asked}`;
    case 'documentclass':
      return 'found by its \\documentclass';
    default:
      return outline.files.length > 1 || outline.inputs.length > 0 ? 'read as a document of its own' : 'a file of its own';
  }
}

function describeRoleSource(source: RoleSource, number: string | undefined): string {
  switch (source) {
    case 'title':
      return 'from its title';
    case 'parent':
      return 'from its parent section';
    case 'number':
      return number ? `from its number ${number}` : 'from its number';
    case 'appendix':
      return 'in the appendix';
    case 'references':
      return 'after the reference list';
    case 'subsections':
      return 'from its subsections';
    case 'content':
      return 'from what it reports';
    case 'default':
      return 'no role named';
  }
}
