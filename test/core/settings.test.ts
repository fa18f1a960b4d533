import { strict as assert } from 'node:assert';
import { builtinRules } from '../../rules';
import { checkSettings } from '../../server/src/core/config';

// Editor settings go through the config file's schema: what a config file could not hold is
// described and dropped, and every valid entry still applies.
describe('editor settings', () => {
  it('keeps valid entries, in both the severity and the [severity, options] form', () => {
    const { overrides, problems } = checkSettings(builtinRules, {
      kind: 'analysis',
      rules: { 'vague-action': 'error', 'audience-usefulness': ['info', { extraAudiences: ['radiologists'] }] },
    });
    assert.deepEqual(problems, []);
    assert.equal(overrides.kind, 'analysis');
    assert.deepEqual(overrides.rules, { 'vague-action': 'error', 'audience-usefulness': ['info', { extraAudiences: ['radiologists'] }] });
  });

  it('drops an unknown kind, severity, rule id, option type or unsafe phrase, naming each', () => {
    const { overrides, problems } = checkSettings(builtinRules, {
      kind: '<script>',
      rules: {
        'vague-action': 'fatal',
        'no-such-rule': 'error',
        'audience-usefulness': ['warning', { extraAudiences: 5 }],
        generalization: ['warning', { extraModels: ['/(a+)+$/'] }],
        'goal-statement': 'off',
      },
    });
    assert.equal(overrides.kind, undefined);
    assert.deepEqual(overrides.rules, { 'goal-statement': 'off' });
    assert.equal(problems.length, 5, problems.join('\n'));
    assert.match(problems[0], /^kind: must be one of/);
    assert.match(problems.join('\n'), /rules\.vague-action: must be one of/);
    assert.match(problems.join('\n'), /unknown rule id "no-such-rule"/);
    assert.match(problems.join('\n'), /option "extraAudiences" of rule audience-usefulness: must be array/);
    assert.match(problems.join('\n'), /nests repetition/);
  });

  it('reads an empty kind as unset and a rules value that is not an object as a problem', () => {
    assert.deepEqual(checkSettings(builtinRules, { kind: '', rules: {} }), { overrides: {}, problems: [] });
    const { overrides, problems } = checkSettings(builtinRules, { rules: ['vague-action'] });
    assert.deepEqual(overrides, {});
    assert.match(problems[0], /rules: must be an object/);
  });
});
