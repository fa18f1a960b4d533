import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { checklistSection } from '../../server/src/core/checklist-section';
import {
  DEFAULT_SETTINGS,
  LINT_WORKSPACE_REQUEST,
  SHOW_DOCUMENTATION_COMMAND,
  SUMMARY_NOTIFICATION,
  TRUST_NOTIFICATION,
  type DocumentSummary,
  type InitializationOptions,
  type ServerSettings,
} from '../../server/src/lsp/protocol';
import { placeholdersToSnippet } from '../../server/src/lsp/snippet';
import { ReportPanel } from './report-panel';
import { ChecklistStatus } from './status';

// The VS Code face: starts the language server and adds what LSP has no words for (status bar,
// report view, commands). No linting happens here.

/** Drafts the server lints: LaTeX and Markdown by language id, Quarto and R Markdown by name. */
const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'latex' },
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', pattern: '**/*.{qmd,Rmd}' },
];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Actionable', { log: true });
  const summaries = new Map<string, DocumentSummary>();
  const status = new ChecklistStatus();
  context.subscriptions.push(output, status);

  const serverOptions: ServerOptions = {
    run: { module: context.asAbsolutePath(path.join('dist', 'server.js')), transport: TransportKind.ipc },
    debug: { module: context.asAbsolutePath(path.join('dist', 'server.js')), transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    // The server registers its own file watchers (drafts and config files), as LSP lets any client do.
    synchronize: { configurationSection: 'actionable' },
    initializationOptions: { settings: currentSettings(), trusted: vscode.workspace.isTrusted } satisfies InitializationOptions,
    middleware: {
      // Rule docs are Markdown: show them rendered rather than as source.
      executeCommand: async (command, args, next) => {
        if (command !== SHOW_DOCUMENTATION_COMMAND) return next(command, args);
        const readme = vscode.Uri.joinPath(context.extensionUri, 'rules', String(args[0]), 'README.md');
        return vscode.commands.executeCommand('markdown.showPreview', readme);
      },
    },
  };
  client = new LanguageClient('actionable', 'Actionable', serverOptions, clientOptions);

  const report = new ReportPanel(context, () => client);
  const refreshStatus = () => status.show(summaryOf(vscode.window.activeTextEditor?.document, summaries));
  context.subscriptions.push(
    report,
    vscode.window.onDidChangeActiveTextEditor(refreshStatus),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification(TRUST_NOTIFICATION)),
    vscode.commands.registerCommand('actionable.showReport', (uri?: vscode.Uri) => report.show(uri ?? vscode.window.activeTextEditor?.document.uri)),
    vscode.commands.registerCommand('actionable.lintWorkspace', () => lintWorkspace()),
    vscode.commands.registerCommand('actionable.insertChecklistSection', () => insertChecklistSection()),
    vscode.commands.registerCommand('actionable.showOutput', () => output.show(true)),
  );

  client.onNotification(SUMMARY_NOTIFICATION, (summary: DocumentSummary) => {
    // Keyed the way VS Code spells the URI (its encoding differs from Node's pathToFileURL).
    summaries.set(vscode.Uri.parse(summary.uri).toString(), summary);
    refreshStatus();
    report.summaryChanged(summary);
  });
  await client.start();
  refreshStatus();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function currentSettings(): Partial<ServerSettings> {
  const config = vscode.workspace.getConfiguration('actionable');
  return Object.fromEntries(Object.keys(DEFAULT_SETTINGS).map((key) => [key, config.get(key)]));
}

function summaryOf(document: vscode.TextDocument | undefined, summaries: Map<string, DocumentSummary>): DocumentSummary | undefined {
  return document && summaries.get(document.uri.toString());
}

async function lintWorkspace(): Promise<void> {
  if (!client) return;
  // The server reports progress itself (a notification with a cancel button).
  const count = await client.sendRequest<number>(LINT_WORKSPACE_REQUEST, {});
  void vscode.window.showInformationMessage(`Actionable linted ${count} document${count === 1 ? '' : 's'}; see the Problems panel.`);
}

async function insertChecklistSection(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const format = editor.document.languageId === 'latex' || editor.document.fileName.endsWith('.tex') ? 'latex' : 'markdown';
  // Text after \end{document} is not typeset: insert the section just before it instead.
  let at: vscode.Position | undefined;
  if (format === 'latex') {
    const text = editor.document.getText();
    const end = text.lastIndexOf('\\end{document}');
    if (end >= 0 && editor.document.offsetAt(editor.selection.active) > end) at = editor.document.positionAt(end);
  }
  await editor.insertSnippet(new vscode.SnippetString(placeholdersToSnippet(checklistSection(format))), at);
}
