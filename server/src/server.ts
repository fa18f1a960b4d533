import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { startLanguageServer } from './lsp/start';

// dist/server.js: started by the VS Code client over node IPC (`--node-ipc`), or by other editors
// with `--stdio` (also through `actionable lsp`). The bundle sits in dist/, so the docs (README.md,
// rules/<id>/README.md) are one folder up.
// As in bin/actionable.js: skip V8's slow first tiers, which shortens the first lint of a draft.
setFlagsFromString('--no-regexp-tier-up --always-sparkplug');
const ipc = process.argv.includes('--node-ipc') || (!process.argv.includes('--stdio') && typeof process.send === 'function');
startLanguageServer(ipc ? 'ipc' : 'stdio', path.resolve(__dirname, '..'));
