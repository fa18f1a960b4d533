import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderConfigSchema, renderRulesIndex } from '../../scripts/rules-doc';

describe('rule documentation', () => {
  it('docs/rules.md is up to date with the rules (run `npm run docs`)', () => {
    const file = path.resolve(__dirname, '../../docs/rules.md');
    assert.equal(fs.readFileSync(file, 'utf8'), renderRulesIndex());
  });

  it('schema/actionable.schema.json is up to date with the rules (run `npm run docs`)', () => {
    const file = path.resolve(__dirname, '../../schema/actionable.schema.json');
    assert.equal(fs.readFileSync(file, 'utf8'), renderConfigSchema());
  });
});
