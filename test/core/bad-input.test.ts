// Bad input: every malformed, hostile or odd file must give a model (with problems), never a throw.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinLexicons, builtinRules } from '../../rules';
import { ModelBuilder } from '../../server/src/core/build';
import { lintDocument } from '../../server/src/core/rules/engine';
import { type FileHost, NodeFileHost, type ReadResult } from '../../server/src/core/host';
import type { Block, PaperDocument } from '../../server/src/core/model';
import { buildOutline, type OutlineSentence } from '../../server/src/core/outline';
import { isInside } from '../../server/src/core/project';
import { checkUtf8, decodeDraft } from '../../server/src/core/source';
import { splitLatex } from '../../server/src/core/latex/split';
import { rangeOf } from '../../server/src/lsp/convert';
import fc from 'fast-check';
import { buildText } from './helpers';

const BAD = path.resolve(__dirname, '../fixtures/bad');
const bad = (name: string) => path.join(BAD, name);

let tmp = '';

function writeTemp(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** Builds without letting an exception escape unnoticed: a throw fails with the file named. */
function build(file: string, builder = new ModelBuilder()): PaperDocument {
  try {
    return builder.build(file);
  } catch (error) {
    assert.fail(`build(${path.basename(file)}) threw: ${(error as Error).stack}`);
  }
}

function texts(doc: PaperDocument): string[] {
  return [...(doc.title ? [doc.title] : []), ...doc.blocks].map((b) => b.text);
}

function hasText(doc: PaperDocument, needle: string): boolean {
  return texts(doc).some((t) => t.includes(needle));
}

/** Every character span, sentence and problem range lies inside its file. */
function assertRangesInside(doc: PaperDocument): void {
  const blocks: Block[] = [...(doc.title ? [doc.title] : []), ...doc.blocks];
  for (const b of blocks) {
    const len = doc.sources.get(b.file)!.text.length;
    for (let i = 0; i < b.text.length; i++) {
      const s = b.base + b.starts[i];
      const e = b.base + b.ends[i];
      assert.ok(0 <= s && s <= e && e <= len, `span [${s}, ${e}) of ${JSON.stringify(b.text)} outside 0..${len}`);
    }
  }
  for (const p of doc.problems) {
    const len = doc.sources.get(p.range.file)?.text.length ?? 0;
    assert.ok(0 <= p.range.start && p.range.start <= p.range.end && p.range.end <= len, `problem ${JSON.stringify(p)} outside 0..${len}`);
  }
}

function problemsMatching(doc: PaperDocument, severity: 'error' | 'warning', re: RegExp) {
  return doc.problems.filter((p) => p.ruleId === 'input' && p.severity === severity && re.test(p.message));
}

function sentences(doc: PaperDocument): OutlineSentence[] {
  return buildOutline(doc, BAD, true).sentences ?? [];
}

/** A FileHost that records every path the builder asks about, for checking what was read. */
class RecordingHost implements FileHost {
  private readonly inner = new NodeFileHost();
  readonly reads: string[] = [];
  readonly probes: string[] = [];
  readonly listings: string[] = [];

  read(file: string): ReadResult {
    this.reads.push(path.resolve(file));
    return this.inner.read(file);
  }

  exists(file: string): boolean {
    this.probes.push(path.resolve(file));
    return this.inner.exists(file);
  }

  listTexFiles(dir: string): string[] {
    this.listings.push(path.resolve(dir));
    return this.inner.listTexFiles(dir);
  }

  realPath(file: string): string {
    return this.inner.realPath(file);
  }

  isRepositoryTop(dir: string): boolean {
    return this.inner.isRepositoryTop(dir);
  }
}

describe('bad input', function () {
  this.timeout(30_000);

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'actionable-bad-'));
  });
  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('binary file: an input error that says binary, and no prose', () => {
    const doc = build(bad('binary.tex'));
    const errors = problemsMatching(doc, 'error', /binary/i);
    assert.equal(errors.length, 1, JSON.stringify(doc.problems));
    assert.equal(errors[0].range.file, bad('binary.tex'));
    assert.equal(doc.blocks.length, 0);
    assertRangesInside(doc);
  });

  it('an unreadable root is not linted: only its input error, scores 0, every rule not applicable', () => {
    const result = lintDocument(build(bad('binary.tex')), builtinRules, builtinLexicons());
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['input']);
    assert.deepEqual([result.score.concreteness, result.score.validation, result.score.quadrant], [0, 0, 'exploratory']);
    assert.ok(result.outcomes.every((o) => o.status === 'not-applicable' && o.reason === 'the draft could not be read'));
  });

  it('invalid UTF-8 (latin1.tex): read as Latin-1 with a warning, accented words intact', () => {
    const doc = build(bad('latin1.tex'));
    assert.equal(problemsMatching(doc, 'warning', /Latin-1/).length, 1, JSON.stringify(doc.problems));
    assert.equal(problemsMatching(doc, 'error', /./).length, 0);
    assert.ok(hasText(doc, 'café'), JSON.stringify(texts(doc)));
    assert.ok(hasText(doc, 'naïve'), JSON.stringify(texts(doc)));
    // Latin-1 is one byte per character, so the offset of `café` is its byte offset.
    const bytes = fs.readFileSync(bad('latin1.tex'));
    const block = doc.blocks.find((b) => b.text.includes('café'))!;
    const i = block.text.indexOf('café');
    assert.equal(block.base + block.starts[i], bytes.indexOf(Buffer.from('caf', 'latin1')));
    assertRangesInside(doc);
  });

  it('BOM (bom.tex): no BOM in any block, offsets count from the text without it', () => {
    const doc = build(bad('bom.tex'));
    const raw = fs.readFileSync(bad('bom.tex'));
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the fixture starts with a BOM');
    const withoutBom = raw.subarray(3).toString('utf8');
    const source = doc.sources.get(bad('bom.tex'))!;
    assert.equal(source.text, withoutBom);
    for (const t of texts(doc)) assert.ok(!t.includes('\ufeff'), `BOM in ${JSON.stringify(t)}`);
    assert.equal(doc.problems.length, 0, JSON.stringify(doc.problems));
    const section = doc.sections[0];
    assert.equal(section.title, 'Byte order mark');
    assert.equal(section.start, withoutBom.indexOf('\\section'));
    const heading = section.heading!;
    assert.equal(heading.base + heading.starts[0], withoutBom.indexOf('Byte order mark'));
    const para = doc.blocks.find((b) => b.text.startsWith('This file starts'))!;
    assert.equal(para.base + para.starts[0], withoutBom.indexOf('This file starts'));
    const first = sentences(doc).find((s) => s.text.startsWith('This file starts'))!;
    assert.deepEqual([first.line, first.column], [4, 1]);
    assertRangesInside(doc);
  });

  it('a few invalid UTF-8 bytes after an emoji: U+FFFD per bad sequence as TextDecoder gives, LSP positions as the editor shows', () => {
    // 0xFF is one bad sequence; 0xE2 0x82 is a truncated three-byte sequence, also one (WHATWG's
    // "maximal subpart"). Latin-1 would give three characters, and é, ï and 📈 would take 2, 2 and 4.
    const bytes = Buffer.concat([
      Buffer.from('# Probes\n\n## Discussion\n\nNaïve café probes 📈 rose '),
      Buffer.from([0xff, 0xe2, 0x82]),
      Buffer.from(' then. Our findings could inform safety research in the future.\n'),
    ]);
    const file = writeTemp('mostly-utf8.md', bytes);
    const doc = build(file);
    const editor = new TextDecoder().decode(bytes);
    assert.equal(doc.sources.get(file)!.text, editor);
    assert.equal((editor.match(/\ufffd/g) ?? []).length, 2);
    const warnings = problemsMatching(doc, 'warning', /UTF-8/);
    assert.equal(warnings.length, 1, JSON.stringify(doc.problems));
    assert.match(warnings[0].message, /2 invalid UTF-8 byte sequences \(first on line 5\)/);
    assert.ok(!problemsMatching(doc, 'warning', /Latin-1/).length);
    const decoded = decodeDraft(bytes);
    assert.ok(decoded.ok && decoded.warningAt !== undefined);
    assert.equal(editor[decoded.warningAt], '\ufffd');
    assert.equal(warnings[0].range.start, decoded.warningAt, 'the warning sits on the first U+FFFD');
    assert.equal(editor.slice(0, decoded.warningAt).endsWith('rose '), true);
    // A finding after the bad bytes, at the LSP position the decoded text gives.
    const result = lintDocument(doc, builtinRules, builtinLexicons());
    const vague = result.findings.find((f) => f.ruleId === 'vague-action');
    assert.ok(vague, JSON.stringify(result.findings.map((f) => f.ruleId)));
    const lines = editor.split('\n');
    const line = lines.findIndex((l) => l.includes('could inform'));
    const character = lines[line].indexOf('could inform');
    assert.deepEqual(rangeOf(doc, vague.range).start, { line, character });
    assert.notEqual(character, Buffer.byteLength(lines[line].slice(0, character)), 'UTF-16 columns differ from byte columns here');
    assert.notEqual(character, bytes.toString('latin1').split('\n')[line].indexOf('could inform'), 'and from Latin-1 columns');
    // The sentence after the bad bytes, in outline columns (1-based UTF-16).
    const after = sentences(doc).find((x) => x.text.startsWith('Our findings'))!;
    assert.deepEqual([after.line, after.column], [line + 1, lines[line].indexOf('Our findings') + 1]);
    assertRangesInside(doc);
  });

  it('the first bad line is named also with CRLF line ends and a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# T\r\n\r\nÀ la carte: é, ü, ø and 😀.\r\nBad '), Buffer.from([0xc3]), Buffer.from(' here.\r\n')]);
    const doc = build(writeTemp('crlf-bad.md', bytes));
    const warnings = problemsMatching(doc, 'warning', /UTF-8/);
    assert.equal(warnings.length, 1, JSON.stringify(doc.problems));
    assert.match(warnings[0].message, /an invalid UTF-8 byte sequence \(first on line 4\)/);
    assert.equal(doc.sources.get(doc.root)!.text, new TextDecoder().decode(bytes.subarray(3)));
  });

  it('checkUtf8 counts bad sequences as TextDecoder does, and finds the first (random bytes)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (raw) => {
        const bytes = Buffer.from(raw);
        fc.pre(!bytes.includes(Buffer.from([0xef, 0xbf, 0xbd]))); // no U+FFFD written as such
        const decoded = new TextDecoder().decode(bytes);
        const check = checkUtf8(bytes);
        assert.equal(check.invalid, (decoded.match(/\ufffd/g) ?? []).length);
        if (check.invalid > 0) {
          const before = new TextDecoder().decode(bytes.subarray(0, check.firstInvalid));
          assert.ok(!before.includes('\ufffd'));
          assert.equal(decoded[before.length], '\ufffd');
        }
      }),
      { numRuns: 2000 },
    );
  });

  for (const [name, encode] of [
    ['UTF-16 LE', (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
    ['UTF-16 BE', (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, 'utf16le').swap16()])],
  ] as const) {
    it(`${name} with a BOM: read as UTF-16 (not binary), positions as in the text`, () => {
      const text = '# Probes 🧪\n\n## Discussion\n\nNaïve café 📈. Our findings could inform safety research in the future.\n';
      const file = writeTemp(`${name.replace(' ', '-')}.md`, encode(text));
      const doc = build(file);
      assert.deepEqual(doc.problems, []);
      assert.equal(doc.sources.get(file)!.text, text);
      assert.equal(doc.title?.text, 'Probes 🧪');
      const s = sentences(doc).find((x) => x.text.startsWith('Our findings'))!;
      assert.deepEqual([s.line, s.column], [5, text.split('\n')[4].indexOf('Our findings') + 1]);
    });
  }

  it('UTF-16 with NUL characters is binary; a UTF-32 BOM is refused', () => {
    const nul = build(writeTemp('nul16.md', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab\0cd', 'utf16le')])));
    assert.equal(problemsMatching(nul, 'error', /binary/).length, 1, JSON.stringify(nul.problems));
    const utf32 = build(writeTemp('utf32.md', Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0])));
    assert.equal(problemsMatching(utf32, 'error', /UTF-32/).length, 1, JSON.stringify(utf32.problems));
  });

  it('a true Latin-1 file (one byte pair that happens to be valid UTF-8) is read as Latin-1', () => {
    // "Ã©" is C3 A9 in Latin-1, a valid UTF-8 é; the other accents are invalid UTF-8.
    const text = '# Résumé\n\nThe naïve probe at the café, says Ã© and Zoë, routes inputs.\n';
    const bytes = Buffer.from(text, 'latin1');
    assert.equal(checkUtf8(bytes).valid, 1);
    const doc = build(writeTemp('true-latin1.md', bytes));
    assert.equal(problemsMatching(doc, 'warning', /Latin-1/).length, 1, JSON.stringify(doc.problems));
    assert.equal(doc.sources.get(doc.root)!.text, text);
    assert.equal(doc.title?.text, 'Résumé');
  });

  it('CRLF (crlf.tex): sentence lines and columns are right and no block holds a \\r', () => {
    const doc = build(bad('crlf.tex'));
    const raw = fs.readFileSync(bad('crlf.tex'), 'utf8');
    assert.ok(raw.includes('\r\n'), 'the fixture has CRLF line endings');
    const lines = raw.split('\r\n');
    for (const t of texts(doc)) assert.ok(!/[\r\n]/.test(t), `line break in ${JSON.stringify(t)}`);
    const all = sentences(doc);
    assert.ok(all.length >= 3, JSON.stringify(all));
    for (const s of all) {
      // Every sentence in this fixture lies on one line.
      const line = lines.findIndex((l) => l.includes(s.text));
      assert.ok(line >= 0, `sentence ${JSON.stringify(s.text)} not found on any line`);
      const column = lines[line].indexOf(s.text);
      assert.deepEqual(
        { line: s.line, column: s.column, endLine: s.endLine, endColumn: s.endColumn },
        { line: line + 1, column: column + 1, endLine: line + 1, endColumn: column + s.text.length + 1 },
        `position of ${JSON.stringify(s.text)}`,
      );
    }
    assert.ok(all.some((s) => s.text === 'A second paragraph sheds light on attention heads.' && s.line === 7 && s.column === 1));
    assert.equal(doc.sections[0].title, 'CRLF line endings');
    assertRangesInside(doc);
  });

  // BUG (core, LaTeX reader): unified-latex reads a CRLF line break as a paragraph break, so the two
  // lines of crlf.tex's first paragraph ("This file uses Windows line endings.\r\nEach line ends with
  // a carriage return and a line feed.") come out as two blocks instead of one. Un-skip when fixed.
  it('CRLF (crlf.tex): a line break inside a paragraph does not split it', () => {
    const doc = build(bad('crlf.tex'));
    const paragraphs = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
    assert.deepEqual(paragraphs, [
      'This file uses Windows line endings. Each line ends with a carriage return and a line feed.',
      'A second paragraph sheds light on attention heads.',
    ]);
  });

  it('emoji and CJK (emoji.md): sentences after emoji and CJK have UTF-16 columns', () => {
    const doc = build(bad('emoji.md'));
    const raw = fs.readFileSync(bad('emoji.md'), 'utf8');
    const lines = raw.split('\n');
    const all = sentences(doc);
    assert.equal(doc.title?.text, 'Emoji and CJK 🧪');
    const expectAt = (prefix: string, lineText: string, before: string) => {
      const s = all.find((x) => x.text.startsWith(prefix));
      assert.ok(s, `no sentence starting ${JSON.stringify(prefix)} in ${JSON.stringify(all.map((x) => x.text))}`);
      const line = lines.findIndex((l) => l.startsWith(lineText));
      assert.ok(line >= 0, `fixture line ${lineText}`);
      const column = lines[line].indexOf(before) + before.length; // a JS (UTF-16) index
      const rest = lines[line].slice(column);
      assert.ok(rest.startsWith(prefix) || prefix.startsWith(rest), `${JSON.stringify(rest)} does not start the sentence`);
      assert.deepEqual([s.line, s.column], [line + 1, column + 1], `position of ${JSON.stringify(s.text)}`);
      return { s, line, column };
    };
    // After 📈 (two UTF-16 units) on the same line; the sentence ends on the next line.
    const { s: last, line: lastLine, column } = expectAt('A final sentence', 'Accuracy rose', 'mechanism. ');
    assert.notEqual([...lines[lastLine].slice(0, column)].length, column, 'the emoji makes UTF-16 and code point columns differ');
    assert.equal(last.endLine, lastLine + 2);
    assert.equal(last.endColumn, lines[lastLine + 1].length + 1);
    // After Japanese text on the same line.
    expectAt('The phrase', '本研究では', '。');
    // On a line after one with emoji, after a ZWJ sequence earlier in the paragraph.
    expectAt('Flags like', 'result by hand.', 'hand. ');
    expectAt('한국어', '"interpretability research"', 'here. ');
    assert.ok(all.some((s) => s.text.startsWith('We ran the experiment 🧪') && s.text.includes('👩‍🔬')));
    assertRangesInside(doc);
  });

  it('braces 10,000 deep: no throw, fast, a problem, and the next paragraph is read', () => {
    const file = writeTemp('deep.tex', '{'.repeat(10_000) + 'text' + '}'.repeat(10_000) + '\n\nA normal paragraph follows the deep braces.\n');
    const t0 = Date.now();
    const doc = build(file);
    const ms = Date.now() - t0;
    assert.ok(ms < 5000, `took ${ms} ms`);
    assert.ok(hasText(doc, 'A normal paragraph follows the deep braces.'), JSON.stringify(texts(doc)));
    assert.ok(doc.problems.length >= 1, 'a problem about the nesting');
    assert.ok(problemsMatching(doc, 'warning', /nested|brace/).length >= 1, JSON.stringify(doc.problems));
    assertRangesInside(doc);
  });

  it('a 200 KB paragraph with no blank line is parsed in pieces cut after sentence ends, and every sentence is read whole', () => {
    const sentences = Array.from({ length: 40 }, (_, i) => `Ablating head ${i}.${i % 12} in layer ${i % 7} lowers the logit difference by ${i + 3} percent on \\emph{held-out} prompts.`);
    let body = '';
    for (let i = 0; body.length < 200_000; i++) body += sentences[i % sentences.length] + ' ';
    const text = `\\documentclass{article}\n\\begin{document}\n${body}\n\\end{document}\n`;
    const spans = splitLatex(text);
    // The upstream parser takes super-linear memory on one long paragraph: no piece over 32 KB.
    assert.ok(spans.every((s) => s.end - s.start <= 2 * 16 * 1024 + 200), JSON.stringify(spans.map((s) => s.end - s.start)));
    assert.ok(spans.length >= 7, `${spans.length} pieces`);
    const inside = spans.filter((s) => !/^\\(begin|end)\{document\}/.test(text.slice(s.start, s.start + 20))).slice(1);
    for (const s of inside) assert.equal(text.slice(s.start - 1, s.start + 1), '. ', 'cut after a sentence end');
    const doc = buildText('long.tex', text);
    const read = doc.blocks.flatMap((b) => b.sentences.map((x) => b.text.slice(x.start, x.end).trim()));
    const whole = new Set(sentences.map((x) => x.replace('\\emph{held-out}', 'held-out')));
    assert.ok(read.length > 1000 && read.every((x) => whole.has(x)), read.filter((x) => !whole.has(x)).slice(0, 3).join(' | '));
  });

  it('an \\iffalse with no \\fi: a warning at it, and the text after it is still read; a closed one or one in a comment is silent', () => {
    const open = build(writeTemp('iffalse.tex', '\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\nWe study heads.\n\\iffalse\nAn old paragraph.\n\\section{Results}\nThe probe reaches 80 percent.\n\\end{document}\n'));
    const warned = problemsMatching(open, 'warning', /\\iffalse has no matching \\fi/);
    assert.equal(warned.length, 1, JSON.stringify(open.problems));
    assert.ok(hasText(open, 'The probe reaches 80 percent.'));
    const closed = build(writeTemp('iffalse-closed.tex', '\\documentclass{article}\n\\begin{document}\nA.\n\\iffalse\nold\n\\fi\nB.\n% \\iffalse in a comment\n\\end{document}\n'));
    assert.equal(problemsMatching(closed, 'warning', /iffalse/).length, 0, JSON.stringify(closed.problems));
  });

  it('an unclosed comment environment or HTML comment: a warning at its opening, which names what is lost; closed ones are silent', () => {
    const tex = build(writeTemp('comment-env.tex', '\\documentclass{article}\n\\usepackage{comment}\n\\begin{document}\nWe study heads.\n\\begin{comment}\nAn old paragraph.\n\\section{Results}\nThe probe reaches 80 percent.\n\\end{document}\n'));
    const env = problemsMatching(tex, 'warning', /\\begin\{comment\} has no matching \\end\{comment\}/);
    assert.equal(env.length, 1, JSON.stringify(tex.problems));
    assert.equal(tex.sources.get(env[0].range.file)!.text.slice(env[0].range.start, env[0].range.start + 15), '\\begin{comment}');
    const md = build(writeTemp('comment.md', '# Draft\n\nWe study heads.\n\n<!-- an old note\n\n## Results\n\nThe probe reaches 80 percent.\n'));
    const html = problemsMatching(md, 'warning', /this <!-- is never closed: the rest of the file \(6 lines\) is a comment/);
    assert.equal(html.length, 1, JSON.stringify(md.problems));
    assert.equal(md.sources.get(html[0].range.file)!.text.slice(html[0].range.start, html[0].range.end), '<!--');
    assert.ok(!hasText(md, 'The probe reaches 80 percent.'), 'what a renderer hides is not read');
    const closed = build(writeTemp('comment-closed.md', '# Draft\n\n<!-- a note\nover two lines -->\n\nWe study heads.\n\n<!-- actionable-disable-next-line vague-action -->\nText.\n'));
    assert.deepEqual(closed.problems.filter((p) => /never closed/.test(p.message)), []);
  });

  it('unterminated environment and brace (unterminated.tex): problems, and later paragraphs are read', () => {
    const doc = build(bad('unterminated.tex'));
    assert.ok(problemsMatching(doc, 'warning', /itemize/).length >= 1, JSON.stringify(doc.problems));
    assert.ok(problemsMatching(doc, 'warning', /\{/).length >= 1, JSON.stringify(doc.problems));
    assert.ok(hasText(doc, 'We trained a probe on the residual stream of a small model.'), JSON.stringify(texts(doc)));
    assert.ok(hasText(doc, 'Another paragraph follows, so that a parser which gives up early would miss it.'), JSON.stringify(texts(doc)));
    assert.ok(hasText(doc, 'first point about probing'));
    assert.equal(doc.sections[0]?.title, 'Unterminated constructs');
    assertRangesInside(doc);
  });

  // BUG (core, LaTeX reader), minor: an unmatched brace becomes prose. In unterminated.tex the list
  // item reads "second point about {steering vectors" (expected "second point about steering vectors"),
  // and a file holding only `}` gives a paragraph block "}" besides the "closes nothing" warning.
  // The structure-free fallback drops braces; the normal walker keeps the stray one. Un-skip when fixed.
  it('unmatched braces do not leak into prose', () => {
    const doc = build(bad('unterminated.tex'));
    for (const t of texts(doc)) assert.ok(!/[{}]/.test(t), `brace in ${JSON.stringify(t)}`);
    const only = build(writeTemp('only-brace-leak.tex', '}'));
    assert.deepEqual(texts(only), []);
  });

  it('a 5 MB file: over the default limit it is an input problem; with a larger limit it builds', () => {
    const para = 'We trained a sparse probe on the residual stream of a small model and found that it tracks the answer. ';
    let text = '\\documentclass{article}\n\\begin{document}\n';
    for (let i = 0; text.length < 5 * 1024 * 1024; i++) {
      if (i % 40 === 0) text += `\\section{Part ${i / 40}}\n`;
      text += para.repeat(4) + '\n\n';
    }
    text += '\\end{document}\n';
    const file = writeTemp('big.tex', text);
    assert.ok(fs.statSync(file).size >= 5 * 1024 * 1024);

    const limited = build(file);
    const over = problemsMatching(limited, 'error', /limit/);
    assert.equal(over.length, 1, JSON.stringify(limited.problems));
    assert.match(over[0].message, /5\.0 MB.*over.*limit/);
    assert.equal(limited.blocks.length, 0);

    const doc = build(file, new ModelBuilder({ maxFileSize: 10 * 1024 * 1024 }));
    assert.equal(doc.problems.length, 0, JSON.stringify(doc.problems.slice(0, 3)));
    assert.equal(doc.sources.get(file)!.text.length, text.length);
    assert.ok(doc.blocks.length > 10_000, `${doc.blocks.length} blocks`);
    assert.ok(doc.sections.length > 100);
    const last = doc.blocks[doc.blocks.length - 1];
    assert.equal(last.base + last.ends[last.text.length - 1], text.lastIndexOf('answer.') + 'answer.'.length);
  });

  // BUG (core, ModelBuilder.update): when the file on disk cannot be read (over maxFileSize, or binary),
  // update() starts from an empty string instead of the file's text (`r.ok ? r.text : ''`). A 2.5 MB
  // draft that build() reports as "over the 2.0 MB limit" becomes, after update() inserts "New " at
  // line 2, a document whose whole text is "New ": one block "New" and no problem at all.
  // Expected: the edit applies to the file's text, which is still over the limit, so the problem stays.
  it('a file over the size limit stays over the limit after an edit through update()', () => {
    const text = '\\documentclass{article}\n\\begin{document}\n' + 'Some words here in a paragraph.\n\n'.repeat(80_000) + '\\end{document}\n';
    const file = writeTemp('big-edit.tex', text);
    const builder = new ModelBuilder();
    assert.equal(problemsMatching(build(file, builder), 'error', /limit/).length, 1);
    const at = { line: 2, character: 0 };
    const doc = builder.update(file, [{ range: { start: at, end: at }, text: 'New ' }]);
    assert.equal(problemsMatching(doc, 'error', /limit/).length, 1, JSON.stringify(doc.problems));
    assert.deepEqual(texts(doc), []);
  });

  it('a missing \\input target (missing-input.tex): an error naming it, and the rest is read', () => {
    const doc = build(bad('missing-input.tex'));
    const errors = problemsMatching(doc, 'error', /does-not-exist/);
    assert.equal(errors.length, 1, JSON.stringify(doc.problems));
    const source = doc.sources.get(bad('missing-input.tex'))!.text;
    assert.equal(source.slice(errors[0].range.start, errors[0].range.end), '\\input{does-not-exist}');
    assert.deepEqual(doc.files, [bad('missing-input.tex')]);
    assert.ok(hasText(doc, 'This paragraph comes after the missing input and should still be linted.'));
    assertRangesInside(doc);
  });

  it('an \\input cycle (cycle-a.tex): an error about the cycle, each file read once, no endless loop', () => {
    const host = new RecordingHost();
    const doc = build(bad('cycle-a.tex'), new ModelBuilder({}, host));
    const errors = problemsMatching(doc, 'error', /cycle/);
    assert.equal(errors.length, 1, JSON.stringify(doc.problems));
    assert.equal(errors[0].range.file, bad('cycle-b.tex'));
    const source = doc.sources.get(bad('cycle-b.tex'))!.text;
    assert.equal(source.slice(errors[0].range.start, errors[0].range.end), '\\input{cycle-a}');
    assert.deepEqual(doc.files, [bad('cycle-a.tex'), bad('cycle-b.tex')]);
    assert.deepEqual(doc.sections.map((s) => s.title), ['Cycle A', 'Cycle B']);
    assert.ok(hasText(doc, 'Text after the cyclic input should still be read.'));
    assert.ok(host.reads.length < 10, `${host.reads.length} reads`);
    assertRangesInside(doc);
  });

  it('\\input outside the project (outside.tex): errors saying outside, and nothing outside is read', () => {
    const host = new RecordingHost();
    const doc = build(bad('outside.tex'), new ModelBuilder({}, host));
    const errors = problemsMatching(doc, 'error', /outside/);
    assert.equal(errors.length, 2, JSON.stringify(doc.problems));
    assert.ok(errors.some((p) => p.message.includes('etc/passwd')));
    assert.ok(errors.some((p) => p.message.includes('outside-secret')));
    assert.deepEqual(doc.files, [bad('outside.tex')]);
    assert.ok(host.reads.length > 0);
    for (const f of host.reads) assert.ok(isInside(f, BAD), `read ${f}, outside ${BAD}`);
    for (const f of host.probes) assert.ok(isInside(f, BAD), `looked for ${f}, outside ${BAD}`);
    assert.ok(hasText(doc, 'The linter should still check this paragraph after skipping both inputs.'));
    assertRangesInside(doc);
  });

  it('a nonexistent root file: an error problem, no throw', () => {
    for (const name of ['nope.tex', 'nope.md']) {
      const file = path.join(tmp, 'missing-dir', name);
      const doc = build(file);
      const errors = problemsMatching(doc, 'error', /does not exist/);
      assert.equal(errors.length, 1, JSON.stringify(doc.problems));
      assert.equal(errors[0].range.file, file);
      assert.equal(doc.blocks.length, 0);
      assert.deepEqual(doc.files, [file]);
      assertRangesInside(doc);
    }
  });

  it('an empty file: an empty model, no errors', () => {
    for (const name of ['empty.tex', 'empty.md']) {
      const doc = build(writeTemp(name, ''));
      assert.equal(doc.blocks.length, 0);
      assert.equal(doc.sections.length, 0);
      assert.equal(doc.title, undefined);
      assert.equal(problemsMatching(doc, 'error', /./).length, 0, JSON.stringify(doc.problems));
    }
  });

  it('a file that is only \\begin{document}: no throw, no prose', () => {
    for (const text of ['\\begin{document}', '\\begin{document}\n', '\\documentclass{article}\n\\begin{document}']) {
      const doc = build(writeTemp('only-begin.tex', text));
      assert.deepEqual(texts(doc), []);
      assert.equal(doc.sections.length, 0);
      assert.equal(problemsMatching(doc, 'error', /./).length, 0, JSON.stringify(doc.problems));
      assertRangesInside(doc);
    }
  });

  it('a file that is only }: no throw, a warning that it closes nothing', () => {
    const doc = build(writeTemp('only-brace.tex', '}'));
    const warnings = problemsMatching(doc, 'warning', /closes nothing/);
    assert.equal(warnings.length, 1, JSON.stringify(doc.problems));
    assert.deepEqual([warnings[0].range.start, warnings[0].range.end], [0, 1]);
    assert.equal(doc.sections.length, 0);
    assertRangesInside(doc);
  });
  it("words that name Object's own properties ('constructor', 'toString', '__proto__') are words, not lookups: no rule throws", () => {
    const text = [
      '# The constructor of a probe',
      '',
      '## Abstract',
      '',
      'We study the constructor, the toString method and __proto__ links; a hasOwnProperty check valueOf the valueOf inputs.',
      '',
      '## Results',
      '',
      'The constructor constructors constructed 12% more features, and toString developers can isPrototypeOf the __proto__ head.',
    ].join('\n');
    const result = lintDocument(buildText('proto.md', text), builtinRules, builtinLexicons());
    assert.deepEqual(result.findings.filter((f) => f.ruleId === 'internal').map((f) => f.message), []);
  });
});
