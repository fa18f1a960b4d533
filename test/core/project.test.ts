import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ModelBuilder } from '../../server/src/core/build';
import { builtinLexicons } from '../../rules';
import { lintFiles } from '../../server/src/core/lint';
import { magicRoot, scanInputs } from '../../server/src/core/project';
import { FIXTURES, tempProject } from './helpers';

const project = path.join(FIXTURES, 'project');

describe('LaTeX projects', () => {
  it('finds the root from % !TEX root and reads every input in order', () => {
    const builder = new ModelBuilder();
    const info = builder.rootOf(path.join(project, 'sections/experiments.tex'));
    assert.equal(info.root, path.join(project, 'main.tex'));
    assert.equal(info.via, 'magic-comment');
    const doc = builder.build(path.join(project, 'sections/experiments.tex'));
    assert.deepEqual(doc.files.map((f) => path.relative(project, f)), [
      'main.tex', 'sections/intro.tex', 'sections/method.tex', 'sections/experiments.tex',
      'sections/results-table.tex', 'sections/discussion.tex', 'sections/conclusion.tex',
    ]);
    assert.deepEqual(doc.problems, []);
    const experiments = doc.sections.find((s) => s.role === 'experiments' && s.level === 1)!;
    assert.equal(path.relative(project, experiments.file), 'sections/experiments.tex');
    // Table cells from the file that experiments.tex inputs belong to the Experiments section.
    const cell = doc.blocks.find((b) => b.kind === 'table-cell')!;
    assert.equal(path.relative(project, cell.file), 'sections/results-table.tex');
    assert.equal(doc.sections[cell.section].role, 'experiments');
  });

  it('follows a chain of % !TEX root comments to its end, and stops on a cycle', () => {
    const dir = tempProject({
      'main.tex': '\\documentclass{article}\n\\begin{document}\n\\input{chapters/one}\n\\end{document}\n',
      'chapters/one.tex': '% !TEX root = ../main.tex\n\\input{chapters/sec/a}\n',
      'chapters/sec/a.tex': '% !TEX root = ../one.tex\n\\section{A}\nWe steer the model.\n',
      'loop/x.tex': '% !TEX root = y.tex\nText x.\n',
      'loop/y.tex': '% !TEX root = x.tex\nText y.\n',
    });
    const builder = new ModelBuilder();
    assert.equal(builder.rootOf(path.join(dir, 'chapters/sec/a.tex')).root, path.join(dir, 'main.tex'));
    assert.equal(builder.rootOf(path.join(dir, 'chapters/one.tex')).root, path.join(dir, 'main.tex'));
    const cyclic = builder.rootOf(path.join(dir, 'loop/x.tex'));
    assert.ok([path.join(dir, 'loop/x.tex'), path.join(dir, 'loop/y.tex')].includes(cyclic.root));
    // Linting all three files of the chain gives the one document once.
    const docs = lintFiles(builder, ['chapters/sec/a.tex', 'chapters/one.tex', 'main.tex'].map((f) => path.join(dir, f)), [], builtinLexicons());
    assert.deepEqual(docs.map((r) => path.relative(dir, r.doc.root)), ['main.tex']);
  });

  it('reads a % !TEX root name up to its trailing spaces, in time linear in the line (issue 14)', () => {
    const dir = tempProject({
      'main.tex': '\\documentclass{article}\n\\begin{document}\nHello.\n\\end{document}\n',
      'padded.tex': '% !TEX root = main.tex   \t\nText.\n',
      // The lazy name of the old pattern retried the whole run of spaces at each character: 22 s at 80 KB.
      'spaces.tex': `% !TEX root = x${' '.repeat(200_000)}y\nText.\n`,
      'empty.tex': '% !TEX root =   \nText.\n',
    });
    const builder = new ModelBuilder();
    assert.equal(builder.rootOf(path.join(dir, 'padded.tex')).root, path.join(dir, 'main.tex'));
    const spaces = path.join(dir, 'spaces.tex');
    const t = Date.now();
    const magic = magicRoot(builder.host, spaces, fs.readFileSync(spaces, 'utf8'), dir);
    assert.ok(Date.now() - t < 2000, `${Date.now() - t} ms`);
    assert.equal(magic?.spec, `x${' '.repeat(200_000)}y`, 'spaces inside the name are kept');
    assert.equal(builder.build(spaces).root, spaces, 'a root that does not exist is not followed');
    assert.equal(builder.rootOf(path.join(dir, 'empty.tex')).via, 'self', 'an empty name names no root');
  });

  it('finds the root that inputs a file when there is no magic comment', () => {
    const dir = tempProject({
      'paper/main.tex': '\\documentclass{article}\n\\begin{document}\n\\input{sections/intro}\n\\end{document}\n',
      'paper/sections/intro.tex': '\\section{Introduction}\nHello.\n',
    });
    const info = new ModelBuilder().rootOf(path.join(dir, 'paper/sections/intro.tex'));
    assert.equal(info.root, path.join(dir, 'paper/main.tex'));
    assert.equal(info.via, 'includer');
  });

  it('treats a file with \\documentclass as its own root, and a lone fragment as its own document', () => {
    const dir = tempProject({ 'a.tex': '\\documentclass{article}\nHi.', 'frag.tex': '\\section{Intro}\nHello.' });
    const b = new ModelBuilder();
    assert.equal(b.rootOf(path.join(dir, 'a.tex')).via, 'documentclass');
    const frag = b.rootOf(path.join(dir, 'frag.tex'));
    assert.deepEqual(frag, { root: path.join(dir, 'frag.tex'), via: 'self' });
  });

  it('follows \\include, \\subfile and \\import with or without .tex, relative to the root folder', () => {
    const dir = tempProject({
      'main.tex': '\\documentclass{article}\n\\begin{document}\n\\include{a}\n\\subfile{parts/b.tex}\n\\import{parts/}{c}\n\\end{document}\n',
      'a.tex': 'From a.',
      'parts/b.tex': 'From b.',
      'parts/c.tex': 'From c.',
    });
    const doc = new ModelBuilder().build(path.join(dir, 'main.tex'));
    assert.deepEqual(doc.blocks.map((b) => b.text), ['From a.', 'From b.', 'From c.']);
    assert.deepEqual(doc.problems, []);
  });

  it('reports a cycle, a missing file and a path outside the project, and never follows them', () => {
    const dir = tempProject({
      'p/main.tex': '\\documentclass{article}\n\\input{b}\n\\input{nope}\n\\input{../secret}\n',
      'p/b.tex': 'B text.\n\\input{main}\n',
      'secret.tex': 'Secret text.',
    });
    const doc = new ModelBuilder().build(path.join(dir, 'p/main.tex'));
    const messages = doc.problems.map((p) => p.message);
    assert.equal(doc.problems.length, 3);
    assert.ok(doc.problems.every((p) => p.ruleId === 'input' && p.severity === 'error'));
    assert.match(messages[0], /cycle \(main\.tex → b\.tex → main\.tex\)/);
    assert.match(messages[1], /\\input\{nope\}: no file nope\.tex/);
    assert.match(messages[2], /outside the project/);
    assert.ok(!doc.blocks.some((b) => b.text.includes('Secret')));
    assert.ok(!doc.files.some((f) => f.endsWith('secret.tex')));
  });

  it('ends a section at the \\input that leads into the next section file', () => {
    const dir = tempProject({
      'main.tex': '\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\nIntro.\n\\input{method}\n\\end{document}\n',
      'method.tex': '\\section{Method}\nM.\n',
    });
    const doc = new ModelBuilder().build(path.join(dir, 'main.tex'));
    const intro = doc.sections[0];
    assert.equal(intro.end.file, path.join(dir, 'main.tex'));
    assert.equal(intro.end.offset, doc.sources.get(intro.file)!.text.indexOf('\\input{method}'));
  });
});

describe('LaTeX projects as papers lay them out (test/fixtures/projects)', () => {
  const projects = path.join(FIXTURES, 'projects');
  const at = (...parts: string[]) => path.join(projects, ...parts);
  const rel = (dir: string, files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/'));

  it('a subfiles child resolves to the root its class option names, also through a nested child', () => {
    const b = new ModelBuilder();
    assert.deepEqual(b.rootOf(at('subfiles/sections/results.tex')), { root: at('subfiles/main.tex'), via: 'subfiles' });
    // parts/ablation.tex names ../results (no .tex), itself a child of ../main.tex.
    assert.deepEqual(b.rootOf(at('subfiles/sections/parts/ablation.tex')), { root: at('subfiles/main.tex'), via: 'subfiles' });
    const doc = b.build(at('subfiles/sections/parts/ablation.tex'));
    assert.deepEqual(rel(at('subfiles'), doc.files), ['main.tex', 'sections/results.tex', 'sections/parts/ablation.tex']);
    assert.deepEqual(doc.problems, []);
    assert.deepEqual(doc.sections.map((s) => [s.title, s.level]), [['Introduction', 1], ['Results', 1], ['Without the probe', 2]]);
    assert.ok(doc.blocks.some((b) => b.text.startsWith('Removing the probe')));
    const reach = doc.reached!.get(at('subfiles/sections/parts/ablation.tex'))!;
    assert.deepEqual([reach.command, reach.target, reach.from], ['subfile', 'parts/ablation', at('subfiles/sections/results.tex')]);
  });

  it('a subfiles child that its root does not read is a document of its own', () => {
    const dir = tempProject({
      'main.tex': '\\documentclass{article}\n\\begin{document}\n\\subfile{sections/a}\n\\end{document}\n',
      'sections/a.tex': '\\documentclass[../main.tex]{subfiles}\n\\begin{document}\nA.\n\\end{document}\n',
      'sections/dropped.tex': '\\documentclass[../main.tex]{subfiles}\n\\begin{document}\nDropped.\n\\end{document}\n',
    });
    const b = new ModelBuilder();
    assert.deepEqual(b.rootOf(path.join(dir, 'sections/a.tex')), { root: path.join(dir, 'main.tex'), via: 'subfiles' });
    assert.deepEqual(b.rootOf(path.join(dir, 'sections/dropped.tex')), { root: path.join(dir, 'sections/dropped.tex'), via: 'documentclass' });
  });

  it('a root whose \\documentclass sits in an \\input preamble is the root of its section files and of the preamble', () => {
    const b = new ModelBuilder();
    assert.deepEqual(b.rootOf(at('preamble/sections/intro.tex')), { root: at('preamble/main.tex'), via: 'includer' });
    assert.deepEqual(b.rootOf(at('preamble/setup/preamble.tex')), { root: at('preamble/main.tex'), via: 'includer' });
    assert.deepEqual(b.rootOf(at('preamble/main.tex')), { root: at('preamble/main.tex'), via: 'documentclass' });
    const doc = b.build(at('preamble/sections/results.tex'));
    assert.deepEqual(rel(at('preamble'), doc.files), ['main.tex', 'setup/preamble.tex', 'sections/intro.tex', 'sections/results.tex']);
    assert.deepEqual(doc.sections.map((s) => s.title), ['Introduction', 'Results']);
  });

  it('a file input only inside a command argument (\\resizebox, \\scalebox) still finds its root; a commented one does not', () => {
    const b = new ModelBuilder();
    // alt.tex inputs it too and sorts first by name: main.tex, the conventional root name, wins.
    assert.deepEqual(b.rootOf(at('resizebox/tables/main.tex')), { root: at('resizebox/main.tex'), via: 'includer' });
    // Second input on the same line, inside \scalebox.
    assert.deepEqual(b.rootOf(at('resizebox/tables/extra.tex')), { root: at('resizebox/main.tex'), via: 'includer' });
    assert.deepEqual(b.rootOf(at('resizebox/tables/old.tex')), { root: at('resizebox/tables/old.tex'), via: 'self' });
  });

  it('reads a table input inside \\resizebox and \\scalebox into its section, and not a commented one', () => {
    const doc = new ModelBuilder().build(at('resizebox/main.tex'));
    assert.deepEqual(rel(at('resizebox'), doc.files), ['main.tex', 'tables/main.tex', 'tables/extra.tex']);
    assert.deepEqual(doc.problems, []);
    const cells = doc.blocks.filter((b) => b.kind === 'table-cell' && b.file === at('resizebox/tables/main.tex')).map((b) => b.text);
    assert.ok(cells.includes('LoRA fine-tuning'), JSON.stringify(cells));
    const baseline = doc.blocks.find((b) => b.text === 'LoRA fine-tuning')!;
    assert.equal(doc.sections[baseline.section].title, 'Results');
    assert.ok(doc.blocks.some((b) => b.text === 'Prompting'));
    const line = (f: string) => {
      const r = doc.reached!.get(at('resizebox', f))!;
      return doc.sources.get(r.from)!.text.slice(0, r.offset).split('\n').length;
    };
    assert.deepEqual([line('tables/main.tex'), line('tables/extra.tex')], [8, 8]);
  });

  it('follows brace-less \\input name (up to the space) in the root search and in the model', () => {
    const b = new ModelBuilder();
    assert.deepEqual(b.rootOf(at('braceless/sections/method.tex')), { root: at('braceless/main.tex'), via: 'includer' });
    const doc = b.build(at('braceless/sections/intro.tex'));
    assert.deepEqual(rel(at('braceless'), doc.files), ['main.tex', 'sections/intro.tex', 'sections/method.tex']);
    assert.deepEqual(doc.problems, []);
    assert.deepEqual(doc.sections.map((s) => [s.title, s.role]), [['Introduction', 'introduction'], ['Method', 'method']]);
    assert.deepEqual([...doc.reached!.values()].map((r) => r.target), ['sections/intro', 'sections/method.tex']);
    // The name is not prose.
    assert.ok(!doc.blocks.some((b) => /sections|intro\b|method\.tex/.test(b.text)), JSON.stringify(doc.blocks.map((b) => b.text)));
  });

  it('names a missing file as the author wrote it, .tex added only to a name without an extension', () => {
    const doc = new ModelBuilder().build(at('missing/main.tex'));
    const messages = doc.problems.map((p) => p.message);
    assert.deepEqual(messages, [
      '\\input{sections/missing}: no file sections/missing.tex in the project; it was not read',
      '\\input{fig/plot.pgf}: no file fig/plot.pgf in the project; it was not read',
      // Written in sections/present.tex, resolved from the root's folder as LaTeX does.
      '\\input{sections/gone}: no file sections/gone.tex in the project; it was not read',
    ]);
    const gone = doc.problems[2].range;
    assert.equal(gone.file, at('missing/sections/present.tex'));
    assert.equal(doc.sources.get(gone.file)!.text.slice(gone.start, gone.end), '\\input{sections/gone}');
  });

  it('finds the root three folders up and follows inputs relative to the root folder', () => {
    const b = new ModelBuilder();
    assert.deepEqual(b.rootOf(at('nested/paper/chapters/part1/details.tex')), { root: at('nested/paper/main.tex'), via: 'includer' });
    const doc = b.build(at('nested/paper/chapters/part1/details.tex'));
    assert.deepEqual(rel(at('nested/paper'), doc.files), ['main.tex', 'chapters/part1/intro.tex', 'chapters/part1/details.tex']);
    assert.deepEqual(doc.sections.map((s) => [s.title, s.level]), [['Introduction', 1], ['Details', 2]]);
  });

  it('still refuses a symbolic link out of the project', function () {
    const outside = tempProject({ 'secret.tex': 'Secret text.' });
    const dir = tempProject({ 'main.tex': '\\documentclass{article}\n\\begin{document}\n\\input{linked}\n\\end{document}\n' });
    try {
      fs.symlinkSync(path.join(outside, 'secret.tex'), path.join(dir, 'linked.tex'));
    } catch {
      this.skip();
    }
    const doc = new ModelBuilder().build(path.join(dir, 'main.tex'));
    assert.equal(doc.problems.length, 1);
    assert.match(doc.problems[0].message, /link to a file outside the project/);
    assert.ok(!doc.blocks.some((b) => b.text.includes('Secret')));
  });
});

describe('scanInputs (the quick scan that finds roots)', () => {
  it('sees every input on a line, inside arguments, brace-less, and not in comments or other commands', () => {
    const text = [
      '\\resizebox{\\linewidth}{!}{\\input{tables/a}}\\scalebox{.5}{\\include{b}}',
      '\\input sections/c  % \\input{commented}',
      '50\\% done \\input{d} % \\input{e}',
      '\\includegraphics{fig/x} \\inputencoding{utf8} \\import{parts/}{f} \\subfile{g}',
      '\\newcommand{\\tab}[1]{\\input{tables/#1}}',
    ].join('\n');
    assert.deepEqual(scanInputs(text).map((r) => [r.command, r.spec]), [
      ['input', 'tables/a'], ['include', 'b'], ['input', 'sections/c'], ['input', 'd'], ['import', 'parts/f'], ['subfile', 'g'],
    ]);
    const c = scanInputs(text)[2];
    assert.equal(text.slice(c.index, c.index + 6), '\\input');
  });
});

describe('incremental updates', () => {
  it('forgets a closed document\'s cached chunks, and only those', () => {
    const dir = tempProject({ 'a.md': '# A\n\nOne paragraph.\n\nAnother paragraph.\n', 'b.md': '# B\n\nA third paragraph.\n' });
    const [a, b] = ['a.md', 'b.md'].map((f) => path.join(dir, f));
    const builder = new ModelBuilder();
    builder.build(a);
    builder.build(b);
    builder.build(a);
    assert.equal(builder.stats.parsed, 0, 'a rebuild comes from the cache');
    builder.forget([a]);
    builder.build(b);
    assert.equal(builder.stats.parsed, 0, 'the other document keeps its cache');
    builder.build(a);
    assert.ok(builder.stats.parsed > 0, 'the forgotten document is read afresh');
  });

  it('re-reads only the chunk an edit touched and matches a fresh build', () => {
    const paragraphs = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} talks about probes and steering number ${i * 7}.`);
    const text = `\\documentclass{article}\n\\begin{document}\n\\section{Introduction}\n${paragraphs.join('\n\n')}\n\\section{Results}\nDone.\n\\end{document}\n`;
    const dir = tempProject({ 'p.tex': text });
    const file = path.join(dir, 'p.tex');
    const builder = new ModelBuilder();
    builder.build(file);
    assert.ok(builder.stats.chunks > 5, `expected many chunks, got ${builder.stats.chunks}`);
    const line = text.split('\n').findIndex((l) => l.startsWith('Paragraph 30 '));
    const doc = builder.update(file, [{ range: { start: { line, character: 10 }, end: { line, character: 10 } }, text: 'NEW ' }]);
    assert.ok(builder.stats.parsed <= 2, `parsed ${builder.stats.parsed} of ${builder.stats.chunks} chunks`);
    assert.ok(doc.blocks.some((b) => b.text.startsWith('Paragraph NEW 30')));

    const fresh = new ModelBuilder().build(path.join(tempProject({ 'p.tex': builder.host.read(file).ok ? (builder.host.read(file) as { text: string }).text : '' }), 'p.tex'));
    const shape = (d: typeof doc) => d.blocks.map((b) => [b.text, b.base + b.starts[0], b.base + b.ends[b.ends.length - 1], b.section]);
    assert.deepEqual(shape(doc), shape(fresh));
  });

  it('replaces the whole text when a change has no range', () => {
    const dir = tempProject({ 'd.md': '# T\n\nOld.\n' });
    const file = path.join(dir, 'd.md');
    const builder = new ModelBuilder();
    builder.build(file);
    const doc = builder.update(file, [{ text: '# T\n\nNew text.\n' }]);
    assert.deepEqual(doc.blocks.map((b) => b.text), ['New text.']);
  });
});
