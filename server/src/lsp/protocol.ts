// Messages beyond standard LSP, shared by the server and the VS Code client. Other editors get the
// standard features (diagnostics, code actions, hovers, commands) and may ignore these.

/** Settings under `actionable.*`, as the client sends them (all optional; see package.json). */
export interface ServerSettings {
  enable: boolean;
  kind: string | null;
  /** Rule id → severity, overriding config files. */
  rules: Record<string, 'off' | 'info' | 'warning' | 'error'>;
  run: 'onType' | 'onSave';
  /** Milliseconds to wait after the last keystroke before linting. */
  debounce: number;
  /** Bytes; larger files are reported, not linted. */
  maxFileSize: number;
  /** Keep parsed chunks and sentence readings on disk between sessions (the CLI's --cache folder). */
  cache: boolean;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  enable: true,
  kind: null,
  rules: {},
  run: 'onType',
  debounce: 300,
  maxFileSize: 2 * 1024 * 1024,
  cache: true,
};

/** What the client passes at start. */
export interface InitializationOptions {
  settings?: Partial<ServerSettings>;
  /** The same, as editors that pass their `actionable` settings section send it (Helix). */
  actionable?: Partial<ServerSettings>;
  /** False in an untrusted workspace: config files in it are not read (their phrases become patterns). */
  trusted?: boolean;
}

/** Sent after each lint for every file of the document: what the status bar and report view show. */
export const SUMMARY_NOTIFICATION = 'actionable/summary';
export interface DocumentSummary {
  uri: string;
  rootUri: string;
  kind: string;
  concreteness: number;
  validation: number;
  quadrant: string;
  stepsMet: number;
  stepsApplicable: number;
  findings: number;
}

/** Asks for the report of the document that `uri` belongs to, as an HTML fragment. */
export const REPORT_REQUEST = 'actionable/report';
export interface ReportParams {
  uri: string;
}
export interface ReportResult {
  summary: DocumentSummary;
  /** The report body; location links are `#loc=<uri>:<line>:<column>` (1-based). */
  html: string;
  /** Its stylesheet, which follows the editor theme through VS Code's CSS variables. */
  css: string;
}

/** Lints every draft in the workspace folders, with progress. Returns the number of documents. */
export const LINT_WORKSPACE_REQUEST = 'actionable/lintWorkspace';

/** Tells the server that the workspace became trusted. */
export const TRUST_NOTIFICATION = 'actionable/trusted';

/** Server command (workspace/executeCommand) that opens a rule's documentation. */
export const SHOW_DOCUMENTATION_COMMAND = 'actionable.showDocumentation';

/** A location link in the report HTML. */
export function locationHref(uri: string, line: number, column = 1): string {
  return `#loc=${encodeURIComponent(uri)}:${line}:${column}`;
}

export function parseLocationHref(href: string): { uri: string; line: number; column: number } | undefined {
  const m = /^#loc=([^:]+):(\d+):(\d+)$/.exec(href);
  return m ? { uri: decodeURIComponent(m[1]), line: Number(m[2]), column: Number(m[3]) } : undefined;
}
