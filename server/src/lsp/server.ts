import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { builtinLexicons, builtinRules } from '../../../rules';
import { CONFIG_NAMES, type ConfigError } from '../core/config';
import { expandPaths } from '../core/lint';
import { codeActions, type EditSupport } from './code-actions';
import { hoverFor } from './hover';
import { EditorLinter } from './linter';
import {
  DEFAULT_SETTINGS,
  LINT_WORKSPACE_REQUEST,
  REPORT_REQUEST,
  SHOW_DOCUMENTATION_COMMAND,
  SUMMARY_NOTIFICATION,
  TRUST_NOTIFICATION,
  type InitializationOptions,
  type ReportParams,
  type ReportResult,
  type ServerSettings,
} from './protocol';
import { renderReport } from './report';
import { RuleDocs } from './rule-docs';
import { uriOf } from './convert';

// The language server: wires LSP messages to the editor linter. Everything it knows about drafts
// comes from the core; this file only adapts.

export interface ServerOptions {
  /** Folder holding README.md and rules/<id>/README.md (the extension or package root). */
  docsRoot: string;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const docs = new RuleDocs(builtinRules, options.docsRoot);
  const configProblems = new Set<string>();
  let lastSettingsProblem = '';
  const linter = new EditorLinter(builtinRules, builtinLexicons(), docs, {
    publish: (uri, diagnostics, version) => void connection.sendDiagnostics({ uri, diagnostics, version }),
    summary: (summary) => void connection.sendNotification(SUMMARY_NOTIFICATION, summary),
    configProblem: (error: ConfigError) => {
      const uri = uriOf(error.file);
      if (configProblems.has(uri)) return;
      configProblems.add(uri);
      connection.console.error(error.message);
      void connection.sendDiagnostics({
        uri,
        diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1, source: 'actionable', message: `${error.detail} (drafts are linted without this file until it is fixed)` }],
      });
    },
    settingsProblems: (problems) => {
      const text = problems.join('; ');
      if (text === lastSettingsProblem) return;
      lastSettingsProblem = text;
      if (!text) return;
      connection.console.error(`settings: ${text}`);
      showMessage(connection, MessageType.Warning, `Actionable settings: ${text}. These entries are ignored until they are fixed.`);
    },
    log: (message) => connection.console.error(message),
  });

  let support: EditSupport = { documentChanges: false, snippets: false };
  let canPullSettings = false;
  let canShowDocument = false;
  let canWatchFiles = false;
  let canWatchFolders = false;
  let initOptions: InitializationOptions = {};
  let trusted = true;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const editCaps = caps.workspace?.workspaceEdit as { documentChanges?: boolean; snippetEditSupport?: boolean } | undefined;
    support = { documentChanges: Boolean(editCaps?.documentChanges), snippets: Boolean(editCaps?.documentChanges && editCaps?.snippetEditSupport) };
    canPullSettings = Boolean(caps.workspace?.configuration);
    canShowDocument = Boolean(caps.window?.showDocument?.support);
    canWatchFiles = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    initOptions = (params.initializationOptions ?? {}) as InitializationOptions;
    initOptions.settings ??= initOptions.actionable;
    trusted = initOptions.trusted !== false;
    canWatchFolders = Boolean(caps.workspace?.workspaceFolders);
    // The workspace folders bound every read (trusted or not); without any, each file's repository does.
    const folders = params.workspaceFolders?.map((f) => fileOf(f.uri)) ?? [params.rootUri ? fileOf(params.rootUri) : (params.rootPath ?? undefined)];
    linter.setWorkspaceFolders(folders.filter((f): f is string => !!f));
    linter.configure(mergeSettings(initOptions.settings), trusted);
    // Settings pulled after `initialized` decide the first lint.
    if (canPullSettings) linter.hold();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
        executeCommandProvider: { commands: [SHOW_DOCUMENTATION_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'actionable', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (canPullSettings) {
      void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
      await reloadSettings();
    }
    if (canWatchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async () => {
        const folders = (await connection.workspace.getWorkspaceFolders().catch(() => null)) ?? [];
        linter.setWorkspaceFolders(folders.map((f) => fileOf(f.uri)).filter((f): f is string => !!f));
      });
    }
    // Watch drafts and config files that are not open.
    if (canWatchFiles) {
      const watchers = [{ globPattern: '**/*.{tex,md,qmd,Rmd}' }, ...CONFIG_NAMES.map((name) => ({ globPattern: `**/${name}` }))];
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    }
  });

  async function reloadSettings(): Promise<void> {
    let pulled: Partial<ServerSettings> | undefined;
    if (canPullSettings) {
      try {
        pulled = (await connection.workspace.getConfiguration('actionable')) as Partial<ServerSettings>;
      } catch {
        pulled = undefined;
      }
    }
    linter.configure(mergeSettings({ ...initOptions.settings, ...pulled }), trusted);
  }

  connection.onDidChangeConfiguration(async (change) => {
    if (canPullSettings) await reloadSettings();
    else {
      const settings = (change.settings as { actionable?: Partial<ServerSettings> } | undefined)?.actionable;
      linter.configure(mergeSettings({ ...initOptions.settings, ...settings }), trusted);
    }
  });

  connection.onNotification(TRUST_NOTIFICATION, () => {
    trusted = true;
    linter.configure(linter.settings, trusted);
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const file = fileOf(textDocument.uri);
    if (file && linter.isDraft(file)) linter.opened(textDocument.uri, file, textDocument.version, textDocument.text);
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    linter.changed(textDocument.uri, textDocument.version, contentChanges);
  });
  connection.onDidSaveTextDocument(({ textDocument }) => linter.saved(textDocument.uri));
  connection.onDidCloseTextDocument(({ textDocument }) => linter.closed(textDocument.uri));

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let configChanged = false;
    for (const change of changes) {
      const file = fileOf(change.uri);
      if (!file) continue;
      if (CONFIG_NAMES.includes(path.basename(file))) configChanged = true;
      else if (linter.isDraft(file) && linter.versionOf(change.uri) === undefined) linter.diskChanged(file, change.type !== FileChangeType.Changed);
    }
    if (configChanged) {
      for (const uri of configProblems) void connection.sendDiagnostics({ uri, diagnostics: [] });
      configProblems.clear();
      linter.configChanged();
    }
  });

  connection.onCodeAction((params) => codeActions(params, (uri) => linter.versionOf(uri), support));
  connection.onHover(({ textDocument, position }) => hoverFor(linter.diagnosticsOf(textDocument.uri), position, docs));

  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command !== SHOW_DOCUMENTATION_COMMAND) return;
    const id = String(args?.[0] ?? '');
    const uri = docs.url(id);
    if (canShowDocument) await connection.window.showDocument({ uri, takeFocus: true });
    else showMessage(connection, MessageType.Info, `Documentation for ${id}: ${docs.readmePath(id)}`);
  });

  connection.onRequest(REPORT_REQUEST, async ({ uri }: ReportParams): Promise<ReportResult | null> => {
    const file = fileOf(uri);
    if (!file || !linter.isDraft(file)) return null;
    const result = await linter.resultFor(file);
    return result ? renderReport(result) : null;
  });

  connection.onRequest(LINT_WORKSPACE_REQUEST, async (_params, token) => {
    const folders = (await connection.workspace.getWorkspaceFolders()) ?? [];
    const files = expandPaths(folders.map((f) => fileOf(f.uri)).filter((f): f is string => !!f), [], { boundary: linter.boundary }).files;
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Actionable: linting the workspace', 0, `${files.length} drafts`, true);
    try {
      return await linter.lintAll(
        files,
        (done, total, root) => progress.report(Math.round((done / total) * 100), `${done}/${total} ${path.basename(root)}`),
        () => token.isCancellationRequested || progress.token.isCancellationRequested,
      );
    } finally {
      progress.done();
    }
  });

  // What the disk cache holds back is written before the editor stops the server.
  connection.onShutdown(() => linter.flushCache());

  connection.listen();
}

/**
 * A message for the user, as a notification: `window.show…Message` sends a request, which a client
 * without that handler rejects, and an unhandled rejection ends the server.
 */
function showMessage(connection: Connection, type: MessageType, message: string): void {
  void connection.sendNotification(ShowMessageNotification.type, { type, message });
}

function mergeSettings(partial: Partial<ServerSettings> | undefined): ServerSettings {
  const s = { ...DEFAULT_SETTINGS, ...stripUndefined(partial ?? {}) };
  const debounce = Number(s.debounce);
  return {
    enable: s.enable !== false,
    kind: s.kind || null,
    rules: s.rules && typeof s.rules === 'object' ? s.rules : {},
    run: s.run === 'onSave' ? 'onSave' : 'onType',
    debounce: Number.isFinite(debounce) && debounce >= 0 ? debounce : DEFAULT_SETTINGS.debounce,
    maxFileSize: Number(s.maxFileSize) > 0 ? Number(s.maxFileSize) : DEFAULT_SETTINGS.maxFileSize,
    cache: s.cache !== false,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

function fileOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
