import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import type { DocumentSummary, ServerSettings } from '../../server/src/lsp/protocol';

// A small LSP client for tests: spawns the built server (dist/server.js, or the CLI's `lsp`) as a
// process over stdio and records what it publishes, with waits on conditions (never a fixed sleep).

export const REPO = path.resolve(__dirname, '../..');

export function uri(file: string): string {
  return pathToFileURL(file).href;
}

export interface Published {
  version?: number;
  diagnostics: Diagnostic[];
}

export class TestClient {
  readonly connection: MessageConnection;
  readonly child: ChildProcess;
  /** Latest diagnostics per URI, and every publication in order. */
  readonly diagnostics = new Map<string, Published>();
  readonly publications: Array<PublishDiagnosticsParams> = [];
  readonly summaries = new Map<string, DocumentSummary>();
  readonly shown: string[] = [];
  readonly registrations: Array<{ method: string; registerOptions?: any }> = [];
  readonly logs: string[] = [];
  /** `window/showMessage` texts, in order. */
  readonly messages: string[] = [];
  /** `$/progress` values (begin, report, end) in order. */
  readonly progress: Array<{ kind: string; message?: string; percentage?: number }> = [];
  private readonly versions = new Map<string, number>();
  private readonly waiters: Array<() => void> = [];
  stderr = '';

  constructor(
    public settings: Partial<ServerSettings> = {},
    command: string[] = [path.join(REPO, 'dist/server.js'), '--stdio'],
    /** The server's environment on top of this one; the disk cache goes to a scratch folder unless XDG_CACHE_HOME is given. */
    env: NodeJS.ProcessEnv = {},
  ) {
    const scratch = { XDG_CACHE_HOME: fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-lsp-cache-')) };
    this.child = spawn(process.execPath, command, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...scratch, ...env } });
    this.child.stderr!.on('data', (d) => (this.stderr += d));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.publications.push(p);
      this.diagnostics.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
      this.wake();
    });
    this.connection.onNotification('actionable/summary', (s: DocumentSummary) => {
      this.summaries.set(s.uri, s);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (m: { message: string }) => {
      this.logs.push(m.message);
    });
    this.connection.onNotification('window/showMessage', (m: { message: string }) => {
      this.messages.push(m.message);
      this.wake();
    });
    this.connection.onNotification('$/progress', (p: { value: { kind: string; message?: string; percentage?: number } }) => {
      this.progress.push(p.value);
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', (p: { registrations: Array<{ method: string; registerOptions?: unknown }> }) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('window/showDocument', (p: { uri: string }) => {
      this.shown.push(p.uri);
      this.wake();
      return { success: true };
    });
    this.connection.listen();
  }

  async initialize(workspace?: string, initializationOptions: unknown = {}): Promise<any> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: workspace ? uri(workspace) : null,
      workspaceFolders: workspace ? [{ uri: uri(workspace), name: path.basename(workspace) }] : null,
      initializationOptions,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceEdit: { documentChanges: true, snippetEditSupport: true },
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        window: { showDocument: { support: true }, workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true } },
      },
    });
    this.connection.onRequest('workspace/workspaceFolders', () => (workspace ? [{ uri: uri(workspace), name: path.basename(workspace) }] : null));
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  async open(file: string, text: string, languageId = file.endsWith('.tex') ? 'latex' : 'markdown'): Promise<void> {
    this.versions.set(uri(file), 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(file), languageId, version: 1, text } });
  }

  /** Sends changes and returns the new version. */
  async change(file: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri(file)) ?? 1) + 1;
    this.versions.set(uri(file), version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(file), version }, contentChanges: changes });
    return version;
  }

  async close(file: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(file) } });
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest(method, params) as Promise<T>;
  }

  /** Resolves once `predicate` holds (checked after every message), or rejects after `ms`. */
  waitFor<T>(what: string, predicate: () => T | undefined | false, ms = 15000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate();
        if (value) {
          clearTimeout(timer);
          resolve(value);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`timed out waiting for ${what}\nserver stderr: ${this.stderr.slice(-2000)}\nlogs: ${this.logs.slice(-5).join('\n')}`));
      }, ms);
      const waiter = () => {
        if (check()) this.waiters.splice(this.waiters.indexOf(waiter), 1);
      };
      if (!check()) this.waiters.push(waiter);
    });
  }

  /** Diagnostics for a file published for exactly this version (or any, for files not open). */
  diagnosticsFor(file: string, version?: number): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics for ${path.basename(file)}${version ? ` v${version}` : ''}`, () => {
      const p = this.diagnostics.get(uri(file));
      return p && (version === undefined || p.version === version) ? p.diagnostics : undefined;
    });
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const exited = new Promise((r) => this.child.once('exit', r));
    if (this.child.exitCode === null) await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    this.child.kill();
    this.connection.dispose();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
