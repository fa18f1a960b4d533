import type { Format } from './model';
import { CHECKLIST } from './rules/score';

// "Insert Checklist Section": the paper's six-step checklist (§9) as a section the author fills in.
// Prompts are `[placeholders]`, like the rules' fixes, so an editor can make them tab stops.

const PROMPTS: Record<number, string> = {
  1: '[the specific problem this work aims to solve, and for whom]',
  2: '[who acts on the results, e.g. AI developers, deployment engineers, clinicians, auditors]',
  3: '[what they can do with the results, e.g. filter training data, steer or edit the model, decide when to trust an output]',
  4: '[the experiment that shows the action works, and where it is reported]',
  5: '[the models, data and tasks beyond toy settings where this holds]',
  6: '[the non-interpretability baselines, the spread across seeds, models and data, and the side effects measured]',
};

export function checklistSection(format: Format): string {
  if (format === 'latex') {
    const items = CHECKLIST.map((c) => `  \\item \\textbf{${c.title}.} ${PROMPTS[c.step]}`);
    return ['\\section*{Actionability checklist}', '\\begin{enumerate}', ...items, '\\end{enumerate}', ''].join('\n');
  }
  const items = CHECKLIST.map((c) => `${c.step}. **${c.title}.** ${PROMPTS[c.step]}`);
  return ['## Actionability checklist', '', ...items, ''].join('\n');
}
