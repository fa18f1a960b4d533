import * as vscode from 'vscode';
import { quadrantInfo } from '../../server/src/core/formats/score-map';
import type { DocumentSummary } from '../../server/src/lsp/protocol';

// The status bar item for the active draft: checklist steps met and the two scores; a click opens
// the report view.

export class ChecklistStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('actionable.status', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Actionable checklist';
    this.item.command = 'actionable.showReport';
  }

  show(summary: DocumentSummary | undefined): void {
    if (!summary) {
      this.item.hide();
      return;
    }
    const c = summary.concreteness.toFixed(2);
    const v = summary.validation.toFixed(2);
    this.item.text = `$(checklist) ${summary.stepsMet}/${summary.stepsApplicable} · C ${c} · V ${v}`;
    const tooltip = new vscode.MarkdownString(
      `**Actionable**: ${summary.stepsMet} of ${summary.stepsApplicable} checklist steps met\n\n` +
        `Concreteness ${c} · Validation ${v} · ${quadrantInfo(summary.quadrant)?.name ?? summary.quadrant}\n\n` +
        `${summary.kind} paper · ${summary.findings} finding${summary.findings === 1 ? '' : 's'} · click for the report`,
    );
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Actionable: ${summary.stepsMet} of ${summary.stepsApplicable} checklist steps met, concreteness ${c}, validation ${v}` };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
