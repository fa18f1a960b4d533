import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinLexicons } from '../../rules';
import { append, maxOf, minOf } from '../../server/src/core/arrays';
import { ModelBuilder } from '../../server/src/core/build';
import type { ExtractItem, FormatReader } from '../../server/src/core/reader';
import { lintDocument } from '../../server/src/core/rules/engine';
import type { Rule } from '../../server/src/core/rules/types';
import { formatTable } from '../../server/src/core/score-rows';
import { textReader } from '../../server/src/core/text/reader';
import { tempProject } from './helpers';

// Lists of any length: `push(...items)` and `Math.min(...items)` put every item on the stack and
// throw "Maximum call stack size exceeded" at about 125,000. A chunk of 150,000 items goes through
// the real builder and a rule's 150,000 findings through the real engine; a static check keeps the
// spread out of server/src.

const N = 150_000;

function shift(item: ExtractItem, by: number): ExtractItem {
  const out: Record<string, unknown> = { ...item };
  for (const key of ['start', 'end'] as const) if (typeof out[key] === 'number') out[key] = (out[key] as number) + by;
  if ('block' in item) out.block = { ...item.block, base: item.block.base + by };
  return out as ExtractItem;
}

/**
 * The real reader's items for `unit`, repeated `n` times at the offsets where each copy of `unit`
 * sits: what the real reader yields for `unit.repeat(n)` as one chunk, without the minutes its
 * parser takes on that input today (issue 14, item 3).
 */
function repeatingReader(real: FormatReader, unit: string, n: number): FormatReader {
  return {
    split: (text) => [{ start: 0, end: text.length }],
    read: (chunk, macros) => {
      assert.equal(chunk.length, unit.length * n);
      const once = real.read(unit, macros).items;
      const items: ExtractItem[] = [];
      for (let i = 0; i < n; i++) for (const item of once) items.push(shift(item, i * unit.length));
      return { items };
    },
  };
}

describe('lists of 150,000 items do not overflow the stack', function () {
  this.timeout(120000);

  it('the helpers: append, minOf, maxOf on 150,000 values (the spread throws on this many)', () => {
    const big = Array.from({ length: N }, (_, i) => i);
    assert.throws(() => [].push(...(big as never[])), RangeError, 'the spread this replaces overflows at this size');
    assert.equal(append([-1], big).length, N + 1);
    assert.equal(minOf(big), 0);
    assert.equal(maxOf(big), N - 1);
    assert.equal(minOf([]), Infinity);
    assert.equal(maxOf([], 0), 0);
  });

  it('the builder: a chunk of 150,000 paragraphs becomes 150,000 blocks', () => {
    const unit = 'Probes help.\n\n';
    const dir = tempProject({ 'notes.txt': unit.repeat(N) });
    const builder = new ModelBuilder({ maxFileSize: 8 * 1024 * 1024, readers: { text: repeatingReader(textReader, unit, N) } });
    const doc = builder.build(path.join(dir, 'notes.txt'));
    assert.deepEqual(doc.problems, []);
    assert.equal(doc.blocks.length, N);
    const last = doc.blocks[N - 1];
    assert.equal(doc.sources.get(last.file)!.text.slice(last.base + last.starts[0], last.base + last.ends[last.text.length - 1]), 'Probes help.');
  });

  it('the engine: a rule with 150,000 findings and a document with 150,000 input problems', () => {
    const dir = tempProject({ 'a.md': '# T\n\nText.\n' });
    const doc = new ModelBuilder().build(path.join(dir, 'a.md'));
    for (let i = 0; i < N; i++) doc.problems.push({ ruleId: 'input', severity: 'warning', message: `p${i}`, range: { file: doc.root, start: 0, end: 0 } });
    const many: Rule = {
      meta: { id: 'many', description: 'reports a lot', checklistStep: null, topic: 'many', paperSection: '§0', defaultSeverity: 'warning', kinds: ['empirical', 'method', 'analysis', 'benchmark', 'position', 'survey'], scope: 'document', fixable: false, optionsSchema: {} },
      defaultOptions: {},
      check(ctx) {
        const block = ctx.doc.blocks[0];
        for (let i = 0; i < N; i++) ctx.report({ message: `m${i}`, at: { block, start: 0, end: 1 } });
      },
    };
    const result = lintDocument(doc, [many], builtinLexicons());
    assert.equal(result.findings.filter((f) => f.ruleId === 'many').length, N);
    assert.equal(result.findings.filter((f) => f.ruleId === 'input').length, N);
  });

  it('the score table of 150,000 rows', () => {
    const row = { root: 'a.tex', kind: 'empirical', concreteness: 0.5, validation: 0.5, quadrant: 'actionable', checklistMet: 1, checklistApplicable: 6, errors: 0, warnings: 1 };
    const rows = Array.from({ length: N }, (_, i) => ({ ...row, root: `p${i}.tex` }));
    const table = formatTable(rows as never);
    assert.equal(table.split('\n').length, N + 3);
  });

  it('server/src has no push(...x) or unshift(...x)', () => {
    // (Math.min/max(...x) is not checked here: claims/ has a bounded one, per sentence.)
    const SPREAD = /\.(push|unshift)\(\s*\.\.\./;
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    const src = path.resolve(__dirname, '../../server/src');
    const offenders = files(src).flatMap((f) =>
      fs
        .readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => [line, i] as const)
        .filter(([line]) => SPREAD.test(line) && !line.trimStart().startsWith('//'))
        .map(([, i]) => `${path.relative(src, f)}:${i + 1}`),
    );
    assert.deepEqual(offenders, []);
    assert.ok(SPREAD.test('items.push(...more)') && SPREAD.test('a.unshift( ...b)'), 'the check catches the spread');
  });
});
