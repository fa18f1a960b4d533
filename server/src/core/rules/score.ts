import type { SourceRange } from '../model';
import type { ChecklistStep } from './types';
import type { DocumentView } from './view';

// The checklist of the paper's §9 and the two scores of §2.1 (concreteness × validation).
// Formula and weights are documented in docs/score.md; keep the two in step.

export type OutcomeStatus = 'met' | 'missing' | 'not-applicable' | 'error';

/** What one rule concluded about a document, whatever its configured severity. */
export interface RuleOutcome {
  ruleId: string;
  status: OutcomeStatus;
  reason?: string;
  evidence: Array<{ range: SourceRange; note?: string }>;
  findings: number;
}

export const CHECKLIST: ReadonlyArray<{ step: ChecklistStep; title: string; rules: string[] }> = [
  { step: 1, title: 'Define a clear goal', rules: ['goal-statement'] },
  { step: 2, title: 'Identify your audience', rules: ['audience'] },
  { step: 3, title: 'Propose concrete actions', rules: ['concrete-action'] },
  { step: 4, title: 'Validate empirically', rules: ['empirical-validation'] },
  { step: 5, title: 'Evaluate in realistic settings', rules: ['toy-only-setup'] },
  { step: 6, title: 'Use actionable metrics', rules: ['missing-baselines', 'grading-on-a-curve', 'generalization', 'specificity', 'audience-usefulness'] },
];

export interface ChecklistItem {
  step: ChecklistStep;
  title: string;
  status: 'met' | 'missing' | 'not-applicable';
  /** Rules of this step that fired. */
  missing: string[];
  evidence: Array<{ range: SourceRange; note?: string }>;
}

export function computeChecklist(outcomes: RuleOutcome[]): ChecklistItem[] {
  const byId = new Map(outcomes.map((o) => [o.ruleId, o]));
  return CHECKLIST.map(({ step, title, rules }) => {
    const applicable = rules.map((id) => byId.get(id)).filter((o): o is RuleOutcome => !!o && o.status !== 'not-applicable' && o.status !== 'error');
    const missing = applicable.filter((o) => o.status === 'missing').map((o) => o.ruleId);
    const status = applicable.length === 0 ? 'not-applicable' : missing.length > 0 ? 'missing' : 'met';
    return { step, title, status, missing, evidence: applicable.flatMap((o) => o.evidence).slice(0, 10) };
  });
}

export type Quadrant = 'exploratory' | 'proposal' | 'actionable' | 'validated-unspecific';

export interface Score {
  concreteness: number;
  validation: number;
  quadrant: Quadrant;
  /** Each component's weight and value, for the report and for docs/score.md. */
  components: Array<{ axis: 'concreteness' | 'validation'; name: string; weight: number; value: number | null }>;
}

/** Component weights (sum to 1 per axis). A component whose rules do not apply is left out and the rest renormalised. */
export const WEIGHTS = {
  concreteness: { goal: 0.25, audience: 0.2, action: 0.3, procedure: 0.1, specificLanguage: 0.15 },
  validation: { implemented: 0.3, baselines: 0.2, realistic: 0.2, generalization: 0.15, specificity: 0.15 },
} as const;

// This work's own release or procedure: "our code is available at", "we release the probes", a link to
// a code host. Not someone else's release ("most open models are released in two versions").
const PROCEDURE = /\b(?:our|the|all)\s+(?:code|implementation|probes?|data(?:set)?s?|weights|models?|library|tool|checkpoints?)\b[^.]{0,60}?\b(?:is|are|will be)\s+(?:publicly\s+|freely\s+)?(?:available|released|open[- ]sourced)\b|\bwe (?:release|open[- ]source|publish|provide)\b[^.]{0,40}\b(?:code|implementation|library|tool|package|probes?|weights|dataset|checkpoints?)\b|github\.com|huggingface\.co|gitlab\.com|zenodo\.org/i;

export function computeScore(outcomes: RuleOutcome[], view: DocumentView): Score {
  const byId = new Map(outcomes.map((o) => [o.ruleId, o]));
  const value = (...ids: string[]): number | null => {
    const applicable = ids.map((id) => byId.get(id)).filter((o): o is RuleOutcome => !!o && (o.status === 'met' || o.status === 'missing'));
    if (applicable.length === 0) return null;
    return applicable.filter((o) => o.status === 'met').length / applicable.length;
  };
  // Vague impact claims and understanding-only framing both lower the concreteness of the language.
  const vagueCount = ['vague-action', 'understanding-only'].reduce((n, id) => {
    const o = byId.get(id);
    return n + (o && o.status !== 'not-applicable' ? o.findings : 0);
  }, 0);
  const procedure = view.doc.blocks.some((b) => PROCEDURE.test(b.text) || b.refs.some((r) => r.kind === 'url' && /github|huggingface|gitlab|zenodo/.test(r.keys[0] ?? '')))
    || view.doc.blocks.some((b) => b.kind === 'list-item' && view.doc.sections[b.section]?.role === 'method');
  // An unread draft has no text to judge: every component is unknown, and both scores are 0.
  const unread = view.doc.unread === true;
  const c = {
    goal: value('goal-statement'),
    audience: value('audience'),
    action: value('concrete-action'),
    procedure: unread ? null : procedure ? 1 : 0,
    specificLanguage: unread ? null : Math.max(0, 1 - vagueCount / 3),
  };
  const v = {
    // Validation is evidence that an action is useful (§2.1): a paper that states no action has none, so
    // "nothing to validate" counts 0 here rather than dropping the component.
    implemented: value('empirical-validation') ?? (byId.get('concrete-action')?.status === 'missing' ? 0 : null),
    baselines: value('missing-baselines', 'grading-on-a-curve'),
    realistic: value('toy-only-setup'),
    generalization: value('generalization'),
    specificity: value('specificity', 'faithfulness'),
  };
  const components: Score['components'] = [
    ...Object.entries(c).map(([name, val]) => ({ axis: 'concreteness' as const, name, weight: WEIGHTS.concreteness[name as keyof typeof c], value: val })),
    ...Object.entries(v).map(([name, val]) => ({ axis: 'validation' as const, name, weight: WEIGHTS.validation[name as keyof typeof v], value: val })),
  ];
  const axis = (name: 'concreteness' | 'validation') => {
    const parts = components.filter((x) => x.axis === name && x.value !== null);
    const total = parts.reduce((s, x) => s + x.weight, 0);
    return total === 0 ? 0 : round(parts.reduce((s, x) => s + x.weight * (x.value as number), 0) / total);
  };
  const concreteness = axis('concreteness');
  const validation = axis('validation');
  return { concreteness, validation, quadrant: quadrantOf(concreteness, validation), components };
}

export function quadrantOf(concreteness: number, validation: number): Quadrant {
  if (concreteness >= 0.5) return validation >= 0.5 ? 'actionable' : 'proposal';
  return validation >= 0.5 ? 'validated-unspecific' : 'exploratory';
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
