import type { Rule } from '../server/src/core/rules/types';
import goalStatement from './goal-statement';
import audience from './audience';
import concreteAction from './concrete-action';
import empiricalValidation from './empirical-validation';
import toyOnlySetup from './toy-only-setup';
import missingBaselines from './missing-baselines';
import gradingOnACurve from './grading-on-a-curve';
import generalization from './generalization';
import specificity from './specificity';
import faithfulness from './faithfulness';
import audienceUsefulness from './audience-usefulness';
import vagueAction from './vague-action';
import understandingOnly from './understanding-only';

// The built-in rules, in checklist order. Each lives in rules/<id>/ with its README and fixtures.
export const builtinRules: ReadonlyArray<Rule<any>> = [
  goalStatement,
  audience,
  concreteAction,
  empiricalValidation,
  toyOnlySetup,
  missingBaselines,
  gradingOnACurve,
  generalization,
  specificity,
  faithfulness,
  audienceUsefulness,
  vagueAction,
  understandingOnly,
];

export { builtinLexicons } from './lexicons';
