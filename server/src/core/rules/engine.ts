import type { Bar, BarShortfall } from '../bar';
import type { Directive, PaperDocument, PaperKind, SourceRange } from '../model';
import { guessKind, type KindGuess } from '../kind';
import { positionAt } from '../source';
import { type LexiconData, type LexiconName, type Lexicons } from './lexicon';
import { computeChecklist, computeScore, type ChecklistItem, type RuleOutcome, type Score } from './score';
import type { Finding, Rule, Severity, SeveritySetting, Target } from './types';
import { DocumentView, targetRange } from './view';
import { disableFileFix, disableLineFix } from './fixes';
import { append } from '../arrays';
import { DEFAULT_TIME_BUDGET_MS } from '../budget';
import { performance } from 'node:perf_hooks';
import { sentenceCategories } from '../claims';

export type RuleSetting = SeveritySetting | [SeveritySetting, Record<string, unknown>?];

export interface LintConfig {
  /** The paper kind; when absent, a directive or the abstract decides. */
  kind?: PaperKind;
  rules?: Record<string, RuleSetting>;
  /** Extra lexicon phrases by lexicon and category. */
  lexicons?: Partial<Record<LexiconName, LexiconData>>;
  /** Milliseconds the rules may take on one document; the rules after it do not run (default DEFAULT_TIME_BUDGET_MS). */
  timeBudgetMs?: number;
}

export interface LintResult {
  doc: PaperDocument;
  kind: KindGuess | { kind: PaperKind; source: 'config' };
  findings: Finding[];
  outcomes: RuleOutcome[];
  checklist: ChecklistItem[];
  score: Score;
  /** Set by a face that gates on a bar (the CLI): the bar and where the document falls short of it. */
  bar?: { required: Bar; shortfalls: BarShortfall[] };
}

/**
 * Runs every rule over a document. Each rule runs for every applicable paper kind whatever its
 * severity, so that the checklist and the score describe the text, not the configuration; then
 * severities, `off` and inline directives decide which findings are reported.
 */
export function lintDocument(doc: PaperDocument, rules: readonly Rule<any>[], baseLexicons: Lexicons, config: LintConfig = {}): LintResult {
  const steps = lintSteps(doc, rules, baseLexicons, config);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `lintDocument` in steps: it yields after reading each sentence's claims (which the rules share
 * through their caches) and after each rule, so that an editor can give its event loop a turn
 * between steps; the result is the same.
 */
export function* lintSteps(doc: PaperDocument, rules: readonly Rule<any>[], baseLexicons: Lexicons, config: LintConfig = {}): Generator<void, LintResult, void> {
  const kind = config.kind ? { kind: config.kind, source: 'config' as const } : guessKind(doc);
  const view = new DocumentView(doc);
  const lexicons = extendLexicons(baseLexicons, config.lexicons);
  const raw: Finding[] = [];
  const outcomes: RuleOutcome[] = [];
  // A root that could not be read (binary, too large, missing) has only its `input` finding: the
  // rules would report everything as missing from a text they never saw.
  const unread = doc.unread === true;
  const budget = config.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  const deadline = performance.now() + budget;
  const skipped: string[] = [];
  // The linguistic layer's reading of each sentence, which most rules ask for, one sentence per step.
  if (!unread) {
    for (const s of view.sentences) {
      if (performance.now() > deadline) break;
      sentenceCategories(s.text);
      yield;
    }
  }

  for (const rule of rules) {
    yield;
    const { meta } = rule;
    const setting = normalizeSetting(config.rules?.[meta.id]);
    const outcome: RuleOutcome = { ruleId: meta.id, status: 'met', evidence: [], findings: 0 };
    outcomes.push(outcome);
    // Checked between rules: a rule is never stopped halfway, but a draft made to be slow cannot hold up the others.
    if (!unread && performance.now() > deadline) {
      outcome.status = 'not-applicable';
      outcome.reason = 'not run: the time budget was spent';
      skipped.push(meta.id);
      continue;
    }
    if (unread) {
      outcome.status = 'not-applicable';
      outcome.reason = 'the draft could not be read';
      continue;
    }
    if (!meta.kinds.includes(kind.kind)) {
      outcome.status = 'not-applicable';
      outcome.reason = `does not apply to ${kind.kind} papers`;
      continue;
    }
    const severity: Severity = setting.severity === 'off' || setting.severity === undefined ? meta.defaultSeverity : setting.severity;
    const found: Finding[] = [];
    try {
      rule.check({
        doc,
        view,
        kind: kind.kind,
        options: { ...rule.defaultOptions, ...setting.options },
        lexicons,
        report: (r) => {
          found.push({
            ruleId: meta.id,
            severity,
            message: r.message,
            ...(r.detail ? { detail: r.detail } : {}),
            range: targetRange(r.at),
            related: (r.related ?? []).map((x) => ({ range: targetRange(x.at), message: x.message })),
            checklistStep: meta.checklistStep,
            fix: r.fix,
            suggestions: [],
          });
        },
        evidence: (at: Target, note?: string) => {
          if (outcome.evidence.length < 20) outcome.evidence.push({ range: targetRange(at), note });
        },
        notApplicable: (reason: string) => {
          outcome.status = 'not-applicable';
          outcome.reason = reason;
        },
      });
    } catch (error) {
      outcome.status = 'error';
      outcome.reason = (error as Error).message;
      raw.push(internalFinding(doc, meta.id, error as Error));
      continue;
    }
    if (found.length > 0 && outcome.status !== 'not-applicable') outcome.status = 'missing';
    outcome.findings = found.length;
    if (setting.severity !== 'off') append(raw, found);
  }

  if (skipped.length > 0) raw.push(budgetFinding(doc, budget, skipped));
  const findings = applyDirectives(doc, raw, rules, kind.kind, config);
  for (const f of findings) f.suggestions = suggestionsFor(doc, f);
  append(findings, doc.problems.map((p): Finding => ({ ruleId: 'input', severity: p.severity, message: p.message, range: p.range, related: [], checklistStep: null, suggestions: [] })));
  sortFindings(doc, findings);
  const checklist = computeChecklist(outcomes);
  return { doc, kind, findings, outcomes, checklist, score: computeScore(outcomes, view) };
}

function normalizeSetting(setting: RuleSetting | undefined): { severity?: SeveritySetting; options?: Record<string, unknown> } {
  if (setting === undefined) return {};
  if (Array.isArray(setting)) return { severity: setting[0], options: setting[1] };
  return { severity: setting };
}

function extendLexicons(base: Lexicons, extra: LintConfig['lexicons']): Lexicons {
  if (!extra) return base;
  const out = { ...base };
  for (const [name, data] of Object.entries(extra) as Array<[LexiconName, LexiconData]>) if (out[name]) out[name] = out[name].extend(data);
  return out;
}

function budgetFinding(doc: PaperDocument, budgetMs: number, skipped: readonly string[]): Finding {
  return {
    ruleId: 'input',
    severity: 'error',
    message: `linting stopped after ${Math.round(budgetMs / 1000)} s (the time budget, --time-budget); these rules did not run: ${skipped.join(', ')}`,
    range: { file: doc.root, start: 0, end: 0 },
    related: [],
    checklistStep: null,
    suggestions: [],
  };
}

function internalFinding(doc: PaperDocument, ruleId: string, error: Error): Finding {
  return {
    ruleId: 'internal',
    severity: 'error',
    message: `rule ${ruleId} failed and was skipped (${error.message}); the other rules ran. Please report this.`,
    range: { file: doc.root, start: 0, end: 0 },
    related: [],
    checklistStep: null,
    suggestions: [],
  };
}

/**
 * Drops findings that inline directives disable and reports directives that disabled nothing
 * (`unused-directive`), as ESLint does with --report-unused-disable-directives.
 */
function applyDirectives(doc: PaperDocument, findings: Finding[], rules: readonly Rule<any>[], kind: PaperKind, config: LintConfig): Finding[] {
  const known = new Map(rules.map((r) => [r.meta.id, r]));
  const used = new Set<Directive>();
  const lineOf = (range: SourceRange) => positionAt(doc.sources.get(range.file) ?? { path: range.file, text: '', lineStarts: [0] }, range.start).line;
  const matches = (d: Directive, ruleId: string) => d.rules.length === 0 || d.rules.includes(ruleId);
  const documentScoped = (ruleId: string) => known.get(ruleId)?.meta.scope === 'document';

  const kept = findings.filter((f) => {
    for (const d of doc.directives) {
      if (d.kind === 'setting' || d.kind === 'enable' || !matches(d, f.ruleId)) continue;
      let hit = false;
      if (d.kind === 'disable-next-line') hit = d.range.file === f.range.file && d.targetLine === lineOf(f.range);
      else if (d.kind === 'disable-file') hit = d.range.file === f.range.file || (d.range.file === doc.root && documentScoped(f.ruleId));
      else if (d.kind === 'disable') hit = d.range.file === f.range.file && f.range.start >= d.range.end && f.range.start < regionEnd(doc, d, f.ruleId);
      if (hit) {
        used.add(d);
        return false;
      }
    }
    return true;
  });

  const enabled = (id: string) => {
    const rule = known.get(id);
    const setting = normalizeSetting(config.rules?.[id]);
    return rule !== undefined && setting.severity !== 'off' && rule.meta.kinds.includes(kind);
  };
  for (const d of doc.directives) {
    if (d.kind === 'setting' || d.kind === 'enable' || used.has(d)) continue;
    const unknown = d.rules.filter((id) => !known.has(id) && id !== 'input');
    if (unknown.length > 0) {
      kept.push(directiveFinding(d, `unknown rule id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in this directive; run \`actionable rules\` for the list`));
    } else if (d.rules.length === 0 || d.rules.some(enabled)) {
      kept.push(directiveFinding(d, `this ${d.kind} directive disables nothing: ${d.rules.length ? d.rules.join(', ') : 'no rule'} reported no problem ${d.kind === 'disable-next-line' ? 'on the next line' : d.kind === 'disable-file' ? 'in this file' : 'in this region'}; remove it`));
    }
  }
  return kept;
}

/** Where a `disable` region ends: at the next `enable` for the rule in the same file, else at the file's end. */
function regionEnd(doc: PaperDocument, d: Directive, ruleId: string): number {
  for (const e of doc.directives) {
    if (e.kind === 'enable' && e.range.file === d.range.file && e.range.start > d.range.end && (e.rules.length === 0 || e.rules.includes(ruleId))) return e.range.start;
  }
  return Number.MAX_SAFE_INTEGER;
}

function directiveFinding(d: Directive, message: string): Finding {
  return { ruleId: 'unused-directive', severity: 'warning', message, range: d.range, related: [], checklistStep: null, suggestions: [] };
}

function suggestionsFor(doc: PaperDocument, f: Finding): Finding['suggestions'] {
  if (f.ruleId === 'unused-directive' || f.ruleId === 'internal' || f.ruleId === 'input') return [];
  return [disableLineFix(doc, f), disableFileFix(doc, f)];
}

function sortFindings(doc: PaperDocument, findings: Finding[]): void {
  const fileOrder = new Map(doc.files.map((f, i) => [f, i]));
  findings.sort((a, b) => (fileOrder.get(a.range.file) ?? 0) - (fileOrder.get(b.range.file) ?? 0) || a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
}
