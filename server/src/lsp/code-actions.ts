import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { DiagnosticData, FixData } from './convert';
import { placeholdersToSnippet } from './snippet';
import { SHOW_DOCUMENTATION_COMMAND } from './protocol';

// Code actions come from the diagnostics the client sends back: the rule's fix (preferred), the
// disable-line and disable-file directives, and a link to the rule's documentation.

export interface EditSupport {
  /** The client takes TextDocumentEdit lists (then edits carry the document version). */
  documentChanges: boolean;
  /** The client takes snippet edits (LSP 3.18), so `[placeholders]` become tab stops. */
  snippets: boolean;
}

/** `versionOf(uri)` is the open document's current version, undefined when it is not open. */
export function codeActions(params: CodeActionParams, versionOf: (uri: string) => number | undefined, support: EditSupport): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const actions: CodeAction[] = [];
  const seen = new Set<string>();
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== 'actionable' || !isData(diagnostic.data)) continue;
    const data = diagnostic.data;
    // Edits computed for an older text would land in the wrong place; the next lint brings fresh ones.
    const current = Object.entries(data.versions).every(([uri, version]) => versionOf(uri) === undefined || versionOf(uri) === version);
    if (current) {
      if (data.fix) actions.push(quickFix(data.fix, diagnostic, data.versions, support, true));
      for (const suggestion of data.suggestions) {
        // One "disable for this file" per rule is enough when several of its findings are selected.
        const key = `${suggestion.title}\0${JSON.stringify(suggestion.edits[0]?.range)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        actions.push(quickFix(suggestion, diagnostic, data.versions, support, false));
      }
    }
    const docKey = `doc\0${data.ruleId}`;
    if (!seen.has(docKey) && !['input', 'internal'].includes(data.ruleId)) {
      seen.add(docKey);
      actions.push({
        title: `Show documentation for ${data.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Show documentation for ${data.ruleId}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [data.ruleId] },
      });
    }
  }
  return actions;
}

function quickFix(fix: FixData, diagnostic: Diagnostic, versions: Record<string, number>, support: EditSupport, preferred: boolean): CodeAction {
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: preferred || undefined, edit: workspaceEdit(fix, versions, support) };
}

function workspaceEdit(fix: FixData, versions: Record<string, number>, support: EditSupport): WorkspaceEdit {
  if (!support.documentChanges) {
    const changes: WorkspaceEdit['changes'] = {};
    for (const e of fix.edits) (changes[e.uri] ??= []).push({ range: e.range, newText: e.newText });
    return { changes };
  }
  const byUri = new Map<string, TextDocumentEdit>();
  for (const e of fix.edits) {
    let docEdit = byUri.get(e.uri);
    if (!docEdit) {
      docEdit = { textDocument: { uri: e.uri, version: versions[e.uri] ?? null }, edits: [] };
      byUri.set(e.uri, docEdit);
    }
    docEdit.edits.push(
      support.snippets && fix.placeholders
        ? { range: e.range, snippet: { kind: 'snippet', value: placeholdersToSnippet(e.newText) } }
        : { range: e.range, newText: e.newText },
    );
  }
  return { documentChanges: [...byUri.values()] };
}

function isData(value: unknown): value is DiagnosticData {
  const d = value as DiagnosticData | undefined;
  return !!d && typeof d.ruleId === 'string' && typeof d.versions === 'object' && Array.isArray(d.suggestions);
}
