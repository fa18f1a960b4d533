import * as path from 'node:path';
import { startLanguageServer } from './lsp/start';

// dist/server.js, started by the VS Code client over node IPC (or by hand with --stdio). The
// bundle sits in dist/, so the docs (README.md, rules/<id>/README.md) are one folder up.
startLanguageServer(process.argv.includes('--stdio') ? 'stdio' : 'ipc', path.resolve(__dirname, '..'));
