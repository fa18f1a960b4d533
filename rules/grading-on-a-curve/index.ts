import type { Rule } from '../../server/src/core/rules/types';
import { COMPARATIVE_KINDS, optionsSchema, phraseLists } from '../../server/src/core/rules/meta';
import { insertAfterBlock } from '../../server/src/core/rules/fixes';
import { firstParagraphIn, hasExperiments, lastBodyParagraph } from '../shared';
import type { PaperDocument } from '../../server/src/core/model';
import { baselineTableScaffold, claimNote, type Comparison, lineOf, listMethods, ownComparisons } from '../missing-baselines/comparisons';

// §6.1 "grading on a curve": comparing interpretability methods only against each other. This rule
// fires when the paper's own experiments do compare methods, but every method they compare with is
// an interpretability method (SAEs, probes, patching, ROME, CAA…) and no non-interpretability
// baseline (prompting, fine-tuning, LoRA, entropy…) appears. It is the complement of
// missing-baselines, which stays quiet when such comparisons exist; both read the same comparisons
// (rules/missing-baselines/comparisons.ts, over the claims layer's sentence categories), so one gap
// gives one warning.

interface Options {
  /** More baseline names by category, e.g. {"fine-tuning": ["ReFT"]}. */
  extraBaselines: Record<string, string[]>;
}

const MAX_RELATED = 5;

const rule: Rule<Options> = {
  meta: {
    id: 'grading-on-a-curve',
    description: 'Methods are compared only with other interpretability methods, never with prompting, fine-tuning or LoRA',
    checklistStep: 6,
    topic: 'baselines',
    paperSection: '§6.1',
    defaultSeverity: 'warning',
    // Analysis papers too, whether or not they propose an action: one that compares its discovery method with other
    // interpretability methods makes a methods claim (§6.1); PRODUCT.md exempts only positions and surveys.
    // (missing-baselines asks an analysis only when it proposes an action, since comparing nothing is no methods claim.)
    kinds: [...COMPARATIVE_KINDS, 'analysis'],
    scope: 'document',
    fixable: true,
    optionsSchema: optionsSchema({
      extraBaselines: phraseLists('More non-interpretability baseline names by category.'),
    }),
  },
  defaultOptions: { extraBaselines: {} },
  check(ctx) {
    const { view, lexicons } = ctx;
    if (!hasExperiments(view)) return ctx.notApplicable('the draft reports no experiments (empirical-validation covers that)');
    const extra = Object.keys(ctx.options.extraBaselines).length > 0 ? lexicons.baselines.extend(ctx.options.extraBaselines) : undefined;
    const found = ownComparisons(view, { baselines: lexicons.baselines, interpretabilityMethods: lexicons.interpretabilityMethods, extra });
    const baselines = found.filter((c) => c.kind === 'baseline');
    for (const b of baselines) ctx.evidence({ block: b.block, start: b.start, end: b.end }, `compares with ${listMethods(b.names)} ${claimNote(b.claim)}`.trim());
    if (baselines.length > 0) return;

    const comparisons = found.filter((c) => c.kind === 'interp');
    if (comparisons.length === 0) {
      ctx.notApplicable(ctx.kind === 'analysis'
        ? 'the experiments compare no methods (missing-baselines asks an analysis for baselines when it proposes a decision or intervention)'
        : 'the experiments compare no methods (missing-baselines covers a missing comparison)');
      return;
    }
    const target = firstParagraphIn(view, ['experiments', 'results']) ?? lastBodyParagraph(view);
    ctx.report({
      message: 'Compared only with interpretability methods: add a baseline such as prompting or LoRA',
      detail: `only other interpretability methods are compared with (${listMethods(comparisons.flatMap((c) => c.names), 3)})${example(ctx.doc, comparisons)}; add a baseline such as prompting, fine-tuning or LoRA`,
      at: view.anchor(['experiments', 'results', 'method', 'introduction']),
      related: comparisons.slice(0, MAX_RELATED).map((c) => ({
        at: { block: c.block, start: c.start, end: c.end },
        message: c.source === 'table' ? `table compares ${listMethods(c.names)}` : `compares with ${listMethods(c.names)}: ${claimNote(c.claim)}`,
      })),
      fix: target && {
        title: 'Insert a comparison with prompting, fine-tuning and LoRA',
        edits: [insertAfterBlock(ctx.doc, target, baselineTableScaffold(ctx.doc, LEAD))],
        hasPlaceholders: true,
      },
    });
  },
};

/** The first comparison that rests on a sentence, for the message: `, e.g. line 12: "…" (we · compare · measured)`. */
function example(doc: PaperDocument, comparisons: Comparison[]): string {
  const c = comparisons.find((x) => x.claim);
  return c ? `, e.g. line ${lineOf(doc, c.block, c.start)}: ${claimNote(c.claim, 36)}` : '';
}

/** A sentence naming the baselines, then the shared table. */
const LEAD = 'We also compare with the non-interpretability baselines a practitioner would try first: prompting with [prompt], fine-tuning on [data], and a LoRA adapter of rank [r] trained on the same [N] examples, on the same [target metric]';

export default rule;
