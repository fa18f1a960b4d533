import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parseLocationHref, REPORT_REQUEST, type DocumentSummary, type ReportResult } from '../../server/src/lsp/protocol';

// The report view: the concreteness × validation map, the checklist and the findings of the active
// document, rendered by the server. It follows the theme through VS Code's CSS variables, loads
// nothing remote (strict CSP with a nonce), updates when the document is re-linted, and turns
// location links into "reveal this line" messages.

export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private documentUri: vscode.Uri | undefined;
  private rootUri: string | undefined;
  /** The root whose page the webview has loaded; later results for it are posted, not reloaded. */
  private loadedRoot: string | undefined;
  private visible = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
  ) {}

  async show(uri: vscode.Uri | undefined): Promise<void> {
    if (!uri) {
      void vscode.window.showInformationMessage('Open a LaTeX or Markdown draft to see its Actionable report.');
      return;
    }
    this.documentUri = uri;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('actionable.report', 'Actionable Report', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [],
      });
      this.visible = true;
      this.panel.onDidDispose(() => (this.panel = this.loadedRoot = undefined), undefined, this.context.subscriptions);
      // A hidden webview loses its page; load it again when it shows (not on every focus change).
      this.panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.visible && !this.visible) void this.refresh('reload');
        this.visible = webviewPanel.visible;
      });
      this.panel.webview.onDidReceiveMessage((message) => this.reveal(message), undefined, this.context.subscriptions);
    } else this.panel.reveal(undefined, true);
    await this.refresh('reload');
  }

  /** Called for every lint result: refresh when it is the document on show (at most every 200 ms). */
  summaryChanged(summary: DocumentSummary): void {
    if (!this.panel || summary.rootUri !== this.rootUri) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh('update'), 200);
  }

  /** `update` swaps the body of the loaded page (keeping its scroll position); `reload` loads it anew. */
  private async refresh(mode: 'reload' | 'update'): Promise<void> {
    const client = this.client();
    if (!this.panel || !this.documentUri || !client) return;
    let result: ReportResult | null;
    try {
      result = await client.sendRequest<ReportResult | null>(REPORT_REQUEST, { uri: this.documentUri.toString() });
    } catch (error) {
      result = null;
      client.error('Could not build the report', error);
    }
    if (!this.panel) return;
    const name = this.documentUri.path.split('/').pop();
    if (!result) {
      this.loadedRoot = undefined;
      this.panel.webview.html = page('', `<p>${escape(name ?? '')} is not a draft Actionable reads (LaTeX, Markdown, Quarto or R Markdown).</p>`);
      return;
    }
    this.rootUri = result.summary.rootUri;
    this.panel.title = `Actionable: ${decodeURIComponent(result.summary.rootUri.split('/').pop() ?? '')}`;
    if (mode === 'update' && this.loadedRoot === this.rootUri && this.panel.visible) {
      void this.panel.webview.postMessage({ type: 'update', html: result.html });
      return;
    }
    this.loadedRoot = this.rootUri;
    this.panel.webview.html = page(result.css, result.html);
  }

  private async reveal(message: { type?: string; href?: string }): Promise<void> {
    const loc = message.type === 'reveal' && message.href ? parseLocationHref(message.href) : undefined;
    if (!loc) return;
    const position = new vscode.Position(loc.line - 1, loc.column - 1);
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(loc.uri), { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
  }
}

function page(css: string, body: string): string {
  const nonce = randomBytes(16).toString('base64');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:;">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">${css}</style>
</head>
<body>
<main id="report">${body}</main>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
window.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'update') document.getElementById('report').innerHTML = event.data.html;
});
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href^="#loc="]');
  if (!link) return;
  event.preventDefault();
  vscode.postMessage({ type: 'reveal', href: link.getAttribute('href') });
});
</script>
</body>
</html>`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
