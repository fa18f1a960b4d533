import type { Rule } from '../../server/src/core/rules/types';
import { COMPARATIVE_KINDS, optionsSchema, phraseLists } from '../../server/src/core/rules/meta';
import { insertAfterBlock } from '../../server/src/core/rules/fixes';
import { baselinesOrSkip, baselineTableScaffold, EXPERIMENT_ROLES, firstParagraphIn, interpretabilityComparisons, lastBodyParagraph, listNames } from '../shared';

// §6.1 "Comparative utility against standard baselines": performance should be measured against
// pragmatic ML baselines such as prompting or fine-tuning. This rule fires when the paper's own
// experiments compare with nothing at all; comparisons only with other interpretability methods
// are the business of grading-on-a-curve.

interface Options {
  /** More baseline names by category, e.g. {"fine-tuning": ["ReFT"]}. */
  extraBaselines: Record<string, string[]>;
}

const rule: Rule<Options> = {
  meta: {
    id: 'missing-baselines',
    description: 'No comparison with non-interpretability baselines such as prompting, fine-tuning or LoRA',
    checklistStep: 6,
    topic: 'baselines',
    paperSection: '§6.1',
    defaultSeverity: 'warning',
    kinds: COMPARATIVE_KINDS,
    scope: 'document',
    fixable: true,
    optionsSchema: optionsSchema({ extraBaselines: phraseLists('More baseline names by category.') }),
  },
  defaultOptions: { extraBaselines: {} },
  check(ctx) {
    const { view, lexicons } = ctx;
    const found = baselinesOrSkip(ctx);
    if (!found || found.mentions.length > 0) return;
    const baselines = found.lexicon;

    // Comparisons with other interpretability methods only are grading-on-a-curve's to report;
    // this rule then does not apply (so the score counts the baselines gap once, not as half met).
    if (interpretabilityComparisons(view, lexicons.interpretabilityMethods).length > 0) {
      ctx.notApplicable('the experiments compare with other interpretability methods (grading-on-a-curve covers that)');
      return;
    }

    const where = view.describeSearch(EXPERIMENT_ROLES);
    const examples = listNames(Object.keys(baselines.data).slice(0, 3));
    const target = firstParagraphIn(view, ['experiments', 'results']) ?? lastBodyParagraph(view);
    ctx.report({
      message: `no comparison with a non-interpretability baseline (${examples}, …) in ${where}; show that the method beats what a practitioner would try first`,
      at: view.anchor(['experiments', 'results', 'method', 'introduction']),
      fix: target && {
        title: 'Insert a baseline table (prompting, fine-tuning, LoRA, your method)',
        edits: [insertAfterBlock(ctx.doc, target, baselineTableScaffold(ctx.doc))],
        hasPlaceholders: true,
      },
    });
  },
};

export default rule;
