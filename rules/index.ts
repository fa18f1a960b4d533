import type { Rule } from '../server/src/core/rules/types';
import missingBaselines from './missing-baselines';
import vagueAction from './vague-action';

// The built-in rules, in checklist order. Each lives in rules/<id>/ with its README and fixtures.
export const builtinRules: ReadonlyArray<Rule<any>> = [
  missingBaselines,
  vagueAction,
];

export { builtinLexicons } from './lexicons';
