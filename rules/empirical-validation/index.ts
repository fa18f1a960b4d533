import type { PaperDocument } from '../../server/src/core/model';
import { EXPERIMENTAL_KINDS, optionsSchema, phraseLists } from '../../server/src/core/rules/meta';
import { insertAfterBlock } from '../../server/src/core/rules/fixes';
import { Lexicon } from '../../server/src/core/rules/lexicon';
import type { Rule } from '../../server/src/core/rules/types';
import type { DocumentView } from '../../server/src/core/rules/view';
import { ACTION_FAMILIES, ACTION_NAMES } from '../../server/src/core/claims/actions';
import { describeAction, enabledActions, paperActions } from '../../server/src/core/claims/paper-actions';
import { EXPERIMENT_ROLES, inPlanSection, lastBodyParagraph, listNames } from '../shared';
import { describeWhere, placeOf, quoteAround } from './evidence';

// Checklist step 4 and §2.1 (validation): "where possible, implement the proposed action yourself
// and demonstrate its effects". The rule reads the paper's own actions (core/claims/paper-actions.ts,
// the fact concrete-action reads, so that a met step 3 always makes this step apply): with none, it
// does not apply. It is met when one of them, of the same family as what the paper proposes (§5:
// modifying outputs, training and design, routing and deferral, monitoring), is carried out and
// measured: a measured outcome in its sentence, or done in a section that reports measured outcomes,
// outside sections that announce plans.

interface Options {
  /** More action phrases by category, e.g. {"routing": ["gate retrieval"]}. */
  extraActions: Record<string, string[]>;
}

/** The verb a scaffold uses for each category, one the claims lexicon reads as that action. */
const VERB: Record<string, string> = {
  data: 'filter the training data ([which examples])',
  input: 'select the inputs ([which ones])',
  training: 'retrain the model ([which change])',
  editing: 'edit the model ([which weights])',
  steering: 'steer the model ([along which direction])',
  unlearning: 'unlearn [what] from the model',
  routing: 'route the inputs ([which ones, to where])',
  trust: 'override the predictions ([which ones])',
  audit: 'audit the model ([for what])',
  architecture: 'replace [which component] of the model',
  deployment: 'deploy the model ([with which change])',
  detection: 'detect the errors ([which ones])',
};

const rule: Rule<Options> = {
  meta: {
    id: 'empirical-validation',
    description: 'Actions are proposed but none is carried out and measured in the paper\'s own experiments',
    checklistStep: 4,
    topic: 'validation',
    paperSection: '§2.1',
    defaultSeverity: 'warning',
    kinds: EXPERIMENTAL_KINDS,
    scope: 'document',
    fixable: true,
    optionsSchema: optionsSchema({
      extraActions: phraseLists('More action phrases by category (e.g. {"routing": ["gate retrieval"]}); they count both as proposals and as actions carried out.'),
    }),
  },
  defaultOptions: { extraActions: {} },
  check(ctx) {
    const { view } = ctx;
    const extra = Object.keys(ctx.options.extraActions).length > 0 ? new Lexicon(ctx.options.extraActions) : undefined;
    const actions = enabledActions(view, ctx.kind, extra);
    const { carried } = paperActions(view, extra);
    if (actions.length === 0) {
      ctx.notApplicable('the draft states no action of its own (concrete-action reports that)');
      return;
    }
    const proposals = actions.filter((a) => !a.carried);
    const families = new Set(actions.map((a) => family(a.category)));
    const done = carried.filter((a) => families.has(family(a.category)) && !inPlanSection(view, a.sentence.block));
    for (const a of done.slice(0, 5)) ctx.evidence({ block: a.sentence.block, start: a.sentence.start + a.start, end: a.sentence.start + a.end }, `carried out and measured: ${describeAction(a, a.status)}`);
    if (done.length > 0) return;

    const first = proposals[0] ?? actions[0];
    const categories = [...new Set(actions.map((a) => a.category))];
    const hasExperimentSections = view.doc.sections.some((s) => s.role === 'experiments' || s.role === 'results');
    const where = hasExperimentSections ? describeWhere(view, EXPERIMENT_ROLES) : 'the body of the draft (it has no Experiments or Results section)';
    ctx.report({
      message: `The proposed ${ACTION_NAMES[first.category] ?? first.category} is never carried out and measured: do it, report the effect`,
      detail: `the draft proposes ${listNames(categories.map((c) => ACTION_NAMES[c] ?? c))} (${first.claim.actor} · ${first.sentence.text.slice(first.start, first.end).toLowerCase()} · ${first.status}: "${quoteAround(first.sentence.text, first.start, first.end)}" in ${placeOf(view, first.sentence)}) but nothing in ${where} carries out one of these actions and reports a measured outcome; implement the action and measure its effect (§2.1)`,
      at: view.anchor(['experiments', 'results', 'introduction']),
      related: actions.slice(0, 3).map((a) => ({ at: { block: a.sentence.block, start: a.sentence.start + a.start, end: a.sentence.start + a.end }, message: `proposed action: ${describeAction(a, a.status)}` })),
      fix: scaffoldFix(ctx.doc, view, VERB[first.category] ?? 'carry out [the proposed action] on the model', hasExperimentSections),
    });
  },
};

function family(category: string): string {
  return ACTION_FAMILIES[category] ?? category;
}

function scaffoldFix(doc: PaperDocument, view: DocumentView, verb: string, hasExperimentSections: boolean) {
  const pct = doc.format === 'latex' ? '\\%' : '%';
  const paragraph = `We ${verb} on [model], and [outcome metric, e.g. accuracy] changes from [N]${pct} to [N]${pct} against [N]${pct} for [baseline], with [side effect, e.g. MMLU] unchanged; Table [ref] reports the results.`;
  if (hasExperimentSections) {
    // Not inside a section that announces plans ("Proposed evaluation protocol"): a scaffold there would read as a plan too.
    const target = view.doc.blocks.find((b) => b.kind === 'paragraph' && (view.roleOf(b) === 'experiments' || view.roleOf(b) === 'results') && !inPlanSection(view, b));
    if (target) return { title: 'Insert a paragraph that implements and measures the proposed action', edits: [insertAfterBlock(doc, target, paragraph)], hasPlaceholders: true };
  }
  // No Experiments section (or no paragraph in it): add one before the conclusion.
  const conclusion = view.doc.sections.findIndex((s) => s.role === 'conclusion' || s.role === 'appendix');
  const before = conclusion >= 0 ? view.doc.blocks.filter((b) => b.kind === 'paragraph' && b.section >= 0 && b.section < conclusion && b.file === view.doc.sections[conclusion].file) : [];
  const target = before[before.length - 1] ?? lastBodyParagraph(view);
  if (!target) return undefined;
  const heading = doc.format === 'latex' ? '\\section{Experiments}' : `${markdownHashes(doc)} Experiments`;
  return { title: 'Insert an Experiments section that implements and measures the proposed action', edits: [insertAfterBlock(doc, target, `${heading}\n\n${paragraph}`)], hasPlaceholders: true };
}

/** The number of `#` the draft's top-level section headings use. */
function markdownHashes(doc: PaperDocument): string {
  const top = doc.sections.find((s) => s.level === 1 && s.heading);
  const text = top ? doc.sources.get(top.file)?.text.slice(top.start, top.start + 8) ?? '' : '';
  return /^#+/.exec(text)?.[0] ?? '##';
}

export default rule;
