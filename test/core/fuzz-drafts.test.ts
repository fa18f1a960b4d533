import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { builtinLexicons, builtinRules } from '../../rules';
import { ModelBuilder } from '../../server/src/core/build';
import { lintDocument } from '../../server/src/core/rules/engine';
import { tempProject } from './helpers';

// Mutation fuzzing (issue 14, item 7): the rules' own fixture drafts, cut, duplicated and spliced
// with hostile pieces, go through the real builder and every rule. No rule may throw (the engine
// would report it as `internal`), and every finding must point inside its file.

const ROOT = path.resolve(__dirname, '../../rules');
const FIXTURES = fs
  .readdirSync(ROOT)
  .flatMap((rule) => {
    const dir = path.join(ROOT, rule, 'fixtures');
    return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.(tex|md)$/.test(f)).map((f) => path.join(dir, f)) : [];
  })
  .map((file) => ({ ext: path.extname(file), text: fs.readFileSync(file, 'utf8') }));

const HOSTILE = [
  '\\iffalse', '\\fi', '\\else', '{', '}', '$', '$$', '\\begin{verbatim}', '\\end{itemize}', '\\begin{tabular}{cc} a & b \\\\', '%', '\\', '\\input{x}',
  '% !TEX root = ../../etc/passwd', '% actionable-disable-next-line', '<!-- actionable-disable', '<!--', '-->', '---\n', '```', '*_', '_*', '[', '](', '> ', '- ', '1. ',
  '\u0000', '\u001b[2J', '\uFFFD', '\uD800', '\u202E', '\r\n', '\n\n', '\t', '. ', 'et al.', '(Meng et al., 2022)', '[12]', '“', '”', '#', '## Results\n',
];

type Mutation = { kind: 'delete'; at: number; length: number } | { kind: 'duplicate'; at: number; length: number } | { kind: 'insert'; at: number; piece: number; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.nat(), times: fc.integer({ min: 1, max: 40 }) }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  for (const m of mutations) {
    const at = text.length === 0 ? 0 : m.at % (text.length + 1);
    if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + m.length);
    else if (m.kind === 'duplicate') text = text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    else text = text.slice(0, at) + HOSTILE[m.piece % HOSTILE.length].repeat(m.times) + text.slice(at);
  }
  return text;
}

describe('mutated drafts through every rule', function () {
  this.timeout(240_000);
  const dir = tempProject({});
  const lexicons = builtinLexicons();

  it(`${FIXTURES.length} fixture drafts, 2,000 mutations: no rule throws, every finding stays inside its file`, () => {
    assert.ok(FIXTURES.length > 100, 'the fixtures are found');
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), (pick, mutations) => {
        const fixture = FIXTURES[pick % FIXTURES.length];
        const text = mutate(fixture.text, mutations);
        const file = path.join(dir, `draft${fixture.ext}`);
        fs.writeFileSync(file, text);
        const doc = new ModelBuilder().build(file);
        const r = lintDocument(doc, builtinRules, lexicons);
        const internal = r.findings.find((f) => f.ruleId === 'internal');
        assert.equal(internal, undefined, internal?.message);
        for (const f of r.findings) {
          const len = doc.sources.get(f.range.file)?.text.length ?? 0;
          assert.ok(0 <= f.range.start && f.range.start <= f.range.end && f.range.end <= len, `${f.ruleId} at ${JSON.stringify(f.range)} outside 0..${len}`);
        }
      }),
      // Bounded in time too, so that a slow machine shortens the run rather than failing the suite.
      { numRuns: 2000, plugins: [fc.interruptAfterTimeLimit(150_000)] },
    );
  });
});
