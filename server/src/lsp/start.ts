import { createConnection, IPCMessageReader, IPCMessageWriter, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

/** Starts the server on stdio or a Node IPC channel; it runs until the client says exit. */
export function startLanguageServer(transport: 'stdio' | 'ipc', docsRoot: string): void {
  const connection =
    transport === 'ipc'
      ? createConnection(ProposedFeatures.all, new IPCMessageReader(process), new IPCMessageWriter(process))
      : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection, { docsRoot });
}
