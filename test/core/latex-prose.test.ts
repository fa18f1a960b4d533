// Issue 9, "LaTeX prose is only prose": what the LaTeX reader takes as the paper's text. Each case is
// a small draft of our own standing for a class of real-paper constructs (preamble, options,
// verbatim, display math, pseudo-code, conditionals, accents, footnotes, acronyms, inputs in
// arguments), then a property test over generated drafts that mix them.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import fc from 'fast-check';
import { ModelBuilder } from '../../server/src/core/build';
import type { PaperDocument } from '../../server/src/core/model';
import { buildText, sourceOf, tempProject, texts } from './helpers';

const doc = (body: string, preamble = '') => buildText('paper.tex', `\\documentclass{article}\n${preamble}\n\\begin{document}\n${body}\n\\end{document}\n`);
const sentences = (d: PaperDocument) => d.blocks.flatMap((b) => b.sentences.map((s) => b.text.slice(s.start, s.end)));
const allText = (d: PaperDocument) => texts(d).join(' | ');
const project = (files: Record<string, string>, root = 'main.tex') => new ModelBuilder().build(path.join(tempProject(files), root));

describe('LaTeX prose is only prose', () => {
  describe('the preamble', () => {
    it('reads no prose before \\begin{document}, but keeps the title and macro definitions', () => {
      const d = buildText('paper.tex', [
        '\\pdfoutput=1',
        '\\documentclass[11pt]{article}',
        '\\usetikzlibrary{shapes, calc}',
        '\\newcolumntype{Y}[1]{>{\\raggedright\\arraybackslash}p{#1}}',
        '\\setcitestyle{authoryear}',
        '\\captionsetup[table]{skip=4pt}',
        '\\hypersetup{colorlinks=true, linkcolor=blue}',
        '\\def\\tool{LensKit}',
        '\\title{Steering Small Models}',
        'stray words the class would complain about',
        '\\begin{document}',
        '\\maketitle',
        '\\section{Introduction}',
        'We extend \\tool{} to steering.',
        '\\end{document}',
      ].join('\n'));
      assert.equal(d.title?.text, 'Steering Small Models');
      assert.deepEqual(texts(d), ['Introduction', 'We extend LensKit to steering.']);
    });

    it('knows the preamble when \\documentclass sits in an \\input file, and in the input file itself', () => {
      const d = project({
        'main.tex': '\\input{setup/head}\n\\begin{document}\n\\section{Method}\nWe fit one probe.\n\\end{document}\n',
        'setup/head.tex': '\\documentclass{article}\n\\usepackage{booktabs}\n\\captionsetup{labelfont=bf}\n\\newcommand{\\ours}{RouteProbe}\nloose words in a setup file\n',
      });
      assert.deepEqual(texts(d), ['Method', 'We fit one probe.']);
      const alone = project({ 'head.tex': '\\documentclass{article}\n\\usepackage{booktabs}\nloose words\n' }, 'head.tex');
      assert.deepEqual(texts(alone), []);
    });

    it('reads the preamble of a root without \\documentclass in it as a preamble too', () => {
      const d = project({
        'main.tex': 'text before the include\n\\input{cls}\n\\begin{document}\nBody text.\n\\end{document}\n',
        'cls.tex': '\\documentclass{article}\n',
      });
      assert.deepEqual(texts(d), ['Body text.']);
    });

    it('knows the preamble of a document written on one line', () => {
      const d = buildText('paper.tex', '\\documentclass{article}\\usepackage{xcolor}\\begin{document}One line paper.\\end{document}');
      assert.deepEqual(texts(d), ['One line paper.']);
    });

    it('reads a bare section file (no \\documentclass anywhere) as prose', () => {
      const d = buildText('method.tex', '\\section{Method}\nWe fit one probe per layer.\n');
      assert.deepEqual(texts(d), ['Method', 'We fit one probe per layer.']);
    });

    it('reads only the first branch of an \\if around \\documentclass', () => {
      const d = buildText('paper.tex', '\\def\\camera{0}\n\\if\\camera1\n\\documentclass[final]{article}\n\\else\n\\documentclass{article}\n\\fi\n\\begin{document}\nBody.\n\\end{document}\n');
      assert.deepEqual(texts(d), ['Body.']);
    });

    it('never reads configuration commands as prose wherever they appear', () => {
      const d = doc('\\captionsetup{font=small}\\hypersetup{hidelinks}\\sisetup{round-mode=places}\\pgfplotsset{compat=1.18}\\setlength{\\tabcolsep}{3pt}\\tolerance=1000 \\parindent 0pt Kept sentence here.');
      assert.deepEqual(texts(d), ['Kept sentence here.']);
    });
  });

  describe('options and settings', () => {
    it('drops float, subfigure, wrapfigure and minipage options and keeps captions and body text', () => {
      const d = doc([
        '\\begin{table*}[ht!]\\centering\\caption{Scores per layer.}\\end{table*}',
        '\\begin{figure*}[t]\\begin{subfigure}[b]{0.45\\textwidth}\\caption{Left panel.}\\end{subfigure}\\end{figure*}',
        '\\begin{wrapfigure}[12]{r}{0.4\\textwidth}\\caption{Side plot.}\\end{wrapfigure}',
        '\\begin{minipage}[t]{0.3\\linewidth}A side remark.\\end{minipage}',
        '\\begin{sidewaystable}[p]\\caption{Rotated.}\\end{sidewaystable}',
      ].join('\n'));
      assert.deepEqual(texts(d), ['Scores per layer.', 'Left panel.', 'Side plot.', 'A side remark.', 'Rotated.']);
    });

    it('keeps the body of boxes (known or not) and drops their key-value options', () => {
      const d = doc([
        '\\begin{tcolorbox}[colback=red!5!white, title=Round 2]\nThe planner waits.\n\\end{tcolorbox}',
        '\\begin{mdframed}[linewidth=1pt]\nA framed note.\n\\end{mdframed}',
        '\\begin{promptbox}[frame=single, rounded]\nAnswer briefly.\n\\end{promptbox}',
      ].join('\n\n'));
      assert.deepEqual(texts(d), ['The planner waits.', 'A framed note.', 'Answer briefly.']);
    });

    it('reads colour commands as their text, never their colour', () => {
      const d = doc('\\begin{tabular}{ll}\n\\rowcolor[gray]{0.9}\\cellcolor{hue}\\textit{Recall} & \\textcolor{teal}{high} \\\\\n\\end{tabular}\nThe \\color{blue}value \\colorbox{yellow}{rose} sharply.');
      assert.deepEqual(texts(d, 'table-cell'), ['Recall', 'high']);
      const p = d.blocks.find((b) => b.kind === 'paragraph')!;
      assert.equal(p.text, 'The value rose sharply.');
      assert.equal(sourceOf(d, p, p.text.indexOf('rose'), p.text.indexOf('rose') + 4), 'rose');
    });

    it('drops optional and setting arguments of commands it does not know, and reads their text', () => {
      const d = doc('We \\highlightx[mode=soft]{compare heads} and \\boxit{width=2cm}{probes} on \\gapx{1.5em}layers, \\marky[3]{twice}.');
      assert.equal(d.blocks[0].text, 'We compare heads and probes on layers, twice.');
    });

    it('reads subfig captions given as optional arguments', () => {
      const d = doc('\\begin{figure}\\subfloat[Before steering.]{\\includegraphics{a}}\\subfigure[After steering.]{\\includegraphics{b}}\\caption{Two runs.}\\end{figure}');
      assert.deepEqual(texts(d, 'caption'), ['Before steering.', 'After steering.', 'Two runs.']);
    });

    it('still reads siunitx units, whose arguments are macros', () => {
      const d = doc('Latency is 4 \\si{\\milli\\second} per query and \\SI{91}{\\percent} of calls.');
      assert.equal(d.blocks[0].text, 'Latency is 4 ms per query and 91% of calls.');
    });

    it('reads a group after a declaration as prose, and a skip as nothing', () => {
      const d = doc('\\noindent{\\bf Note.} We \\centering{keep} this.\\vskip 0.3in \\hskip 2em plus 1fil Done.\n\\begin{itemize}\\item[$\\bullet$] Point.\\end{itemize}');
      assert.deepEqual(texts(d), ['Note. We keep this. Done.', 'Point.']);
    });

    it('reads the title block that a class puts in \\twocolumn[…]', () => {
      const d = doc('\\twocolumn[\n\\icmltitle{Heads as Probes}\n\\vskip 0.3in\n]\n\\section{Introduction}\nText.');
      assert.equal(d.title?.text, 'Heads as Probes');
      assert.deepEqual(texts(d), ['Introduction', 'Text.']);
    });

    it('reads TeX assignments and tikzstyle settings as nothing', () => {
      const d = doc('Start. \\tikzstyle{node}=[draw, fill=blue] \\clubpenalty10000 \\pdfoutput=1 End.');
      assert.equal(d.blocks[0].text, 'Start. End.');
    });
  });

  describe('verbatim-like environments', () => {
    it('work nested in any environment, with no false brace warnings', () => {
      const d = doc([
        '\\begin{itemize}\n\\item Grid: \\begin{verbatim}\n|..}..|\n\\end{verbatim}\n\\end{itemize}',
        '\\begin{center}\n\\begin{verbatim}\n{{ open\n\\end{verbatim}\n\\end{center}',
        '\\begin{promptbox}\n\\begin{Verbatim}[fontsize=\\small]\n}} {\n\\end{Verbatim}\n\\end{promptbox}',
        '\\begin{figure}\\begin{lstlisting}[language=Python]\ndef f(x): return {x\n\\end{lstlisting}\\caption{Code.}\\end{figure}',
        'Inline \\verb|}{| and \\lstinline|{| code.',
      ].join('\n\n'));
      assert.deepEqual(d.problems.map((p) => p.message), []);
      assert.deepEqual(texts(d), ['Grid:', 'Code.', 'Inline }{ and code.']);
    });
  });

  describe('display math', () => {
    it('ends a sentence before a capitalised sentence and continues it when the text runs on', () => {
      const d = doc([
        'The update is:',
        '\\begin{equation} w \\gets w - \\eta g \\end{equation}',
        'The step size is fixed. The loss is',
        '\\[ L = \\sum_i \\ell_i, \\]',
        'where $\\ell_i$ is per token, and',
        '$$ a \\le b $$',
        'which holds. Hence',
        '\\begin{align} x &= y \\end{align}',
        'Assuming this, we stop.',
      ].join('\n'));
      assert.deepEqual(sentences(d), [
        'The update is: [math]',
        'The step size is fixed.',
        'The loss is [math] where [math] is per token, and [math] which holds.',
        'Hence [math]',
        'Assuming this, we stop.',
      ]);
      const b = d.blocks[0];
      const last = b.sentences[b.sentences.length - 1];
      assert.equal(sourceOf(d, b, last.start, last.end), 'Assuming this, we stop.');
    });
  });

  describe('code, pictures, notes and conditionals', () => {
    it('reads an algorithm float for its caption only', () => {
      const d = doc([
        'We train as follows.',
        '\\begin{algorithm}[H]\\caption{Probe training}\\begin{algorithmic}[1]\n\\Require data $D$\n\\For{$i$ in range($n$)}\n\\State update the weights\n\\EndFor\n\\end{algorithmic}\\end{algorithm}',
        '\\begin{algorithm2e}[t]\n\\KwIn{a batch}\n\\ForEach{example}{take a step\\;}\n\\caption{Second loop.}\n\\end{algorithm2e}',
      ].join('\n'));
      assert.deepEqual(texts(d), ['We train as follows.', 'Probe training', 'Second loop.']);
    });

    it('reads no tikz or pgfplots code', () => {
      const d = doc('\\begin{figure}\\begin{tikzpicture}[scale=2]\\node[draw] at (0,0) {input node};\\begin{axis}[xlabel=steps]\\addplot coordinates {(0,1)};\\end{axis}\\end{tikzpicture}\\caption{Pipeline.}\\end{figure}\nA \\tikz[baseline]{\\draw (0,0) circle (1pt);} dot.');
      assert.deepEqual(texts(d), ['Pipeline.', 'A dot.']);
    });

    it('reads no environment that the comment package excludes', () => {
      const d = doc('Kept.\n\\begin{reviewnote}\nDrop this part.\n\\end{reviewnote}\n\\begin{shown}\nShown part.\n\\end{shown}', '\\usepackage{comment}\n\\excludecomment{reviewnote}\n\\includecomment{shown}');
      assert.deepEqual(texts(d), ['Kept. Shown part.']);
    });

    it('reads no author notes', () => {
      const d = doc('Results hold.\\todo{add the second seed} \\todo[inline, color=red]{cite the survey}\\missingfigure[figwidth=3cm]{loss curve} \\listoftodos Fine.');
      assert.deepEqual(texts(d), ['Results hold. Fine.']);
    });

    it('reads one branch of every conditional', () => {
      const d = doc([
        'A \\ifdefined\\draftmode draft\\else final\\fi{} copy.',
        'B \\ifx\\venue\\empty open\\else venue\\fi.',
        'C \\ifnum\\value{page}>3 long\\else short\\fi.',
        'D \\ifarxiv preprint\\else camera\\fi.',
        'E \\iffalse hidden\\else shown\\fi.',
        'F \\ifthenelse{\\boolean{x}}{yes}{no} and \\iftoggle{full}{all}{some}.',
        'G \\ifcase\\mode zero\\or one\\or two\\fi.',
        'H \\ifouter outer \\ifinner inner\\else not\\fi{} done\\else other\\fi.',
        'I model\\ifplural s\\fi, then.',
      ].join('\n\n'), '\\newif\\ifarxiv\n\\newif\\ifouter\\outertrue\n\\let\\ifplural\\iftrue');
      assert.deepEqual(texts(d), [
        'A draft copy.', 'B open.', 'C long.', 'D preprint.', 'E shown.', 'F yes and all.', 'G zero.', 'H outer inner done.', 'I models, then.',
      ]);
    });

    it('keeps a conditional whole across sections, so that its other branch is never read', () => {
      const d = doc('\\ifarxiv\n\\section{Long Version}\nEvery detail.\n\n\\section{More}\nMore detail.\n\\else\n\\section{Short Version}\nThe gist.\n\\fi\n\\section{After}\nDone.', '\\newif\\ifarxiv');
      assert.deepEqual(d.sections.map((s) => s.title), ['Long Version', 'More', 'After']);
      assert.doesNotMatch(allText(d), /gist|Short/);
    });
  });

  describe('accents and letters', () => {
    it('read as Unicode, each mapped to its whole macro', () => {
      const d = doc("Les r\\'esultats de Fran\\c{c}ois, Sch{\\\"o}lkopf, Erd\\H{o}s, \\AA ngstr\\\"om, Stra\\ss e, {\\o}re, \\L\\'od\\'z, na\\\"{\\i}ve, \\v{S}koda, \\`a la.");
      const b = d.blocks[0];
      assert.equal(b.text, 'Les résultats de François, Schölkopf, Erdős, Ångström, Straße, øre, Łódź, naïve, Škoda, à la.');
      const at = (ch: string) => sourceOf(d, b, b.text.indexOf(ch), b.text.indexOf(ch) + 1);
      assert.equal(at('é'), "\\'e");
      assert.equal(at('ç'), '\\c{c}');
      assert.equal(at('ö'), '\\"o');
      assert.equal(at('ß'), '\\ss '); // TeX eats the space after a control word: it belongs to the letter
      assert.equal(at('ï'), '\\"{\\i}');
      assert.equal(sourceOf(d, b, b.text.indexOf('sultats'), b.text.indexOf('sultats') + 7), 'sultats');
    });

    it('lets a document define a macro with an accent name', () => {
      const d = doc('We call it \\b{} here.', '\\newcommand{\\b}{BeamNet}');
      assert.equal(d.blocks[0].text, 'We call it BeamNet here.');
    });
  });

  describe('footnotes', () => {
    it('follow the block they are attached to; a link-only footnote has no sentence but keeps its link', () => {
      const d = doc('\\section{Setup\\footnote{Heading note.}}\nWe use a 1B model.\\footnote{Trained for a day.} We release it\\footnote{\\url{https://example.org/code}}. Results follow.');
      assert.deepEqual(d.blocks.map((b) => [b.kind, b.text]), [
        ['heading', 'Setup'],
        ['footnote', 'Heading note.'],
        ['paragraph', 'We use a 1B model. We release it. Results follow.'],
        ['footnote', 'Trained for a day.'],
        ['footnote', 'https://example.org/code'],
      ]);
      const link = d.blocks[4];
      assert.deepEqual(link.sentences, []);
      assert.deepEqual(link.refs.map((r) => [r.kind, r.keys[0]]), [['url', 'https://example.org/code']]);
      assert.equal(d.blocks[3].sentences.length, 1);
    });
  });

  describe('acronyms', () => {
    it('reads \\newacro, \\acrodef, \\newabbreviation and the acronym list as definitions only', () => {
      const d = doc(
        '\\begin{acronym}[MLP]\n\\acro{mlp}[MLP]{multilayer perceptron}\n\\end{acronym}\n\\newacro{ood}[OOD]{out-of-distribution}\n\\acrodef{kd}[KD]{knowledge distillation}\nWe probe an \\ac{mlp} on \\acl{ood} data with \\acf{kd} and \\acs{sae}.',
        '\\newabbreviation{sae}{SAE}{sparse autoencoder}',
      );
      assert.deepEqual(texts(d), ['We probe an MLP on out-of-distribution data with knowledge distillation (KD) and SAE.']);
    });
  });

  describe('inputs inside arguments', () => {
    it('follows \\input inside \\resizebox, \\scalebox and a group, and brace-less \\input', () => {
      const d = project({
        'main.tex': '\\documentclass{article}\n\\begin{document}\n\\section{Results}\nWe compare.\n\\begin{table}\\resizebox{\\linewidth}{!}{\\input{tables/a}}\\caption{Main.}\\end{table}\n\\scalebox{0.8}{\\input{tables/b}}\n{\\small \\input{tables/c}}\n\\input sections/extra\n\\end{document}\n',
        'tables/a.tex': '\\begin{tabular}{lc}\nLoRA & 80.1 \\\\\n\\end{tabular}\n',
        'tables/b.tex': '\\begin{tabular}{l}\nPrompting \\\\\n\\end{tabular}\n',
        'tables/c.tex': '\\begin{tabular}{l}\nDistillation \\\\\n\\end{tabular}\n',
        'sections/extra.tex': '\\section{Extra}\nMore runs.\n',
      });
      assert.deepEqual(d.problems.map((p) => p.message), []);
      assert.deepEqual(texts(d, 'table-cell'), ['LoRA', '80.1', 'Prompting', 'Distillation']);
      assert.deepEqual(d.sections.map((s) => s.title), ['Results', 'Extra']);
      assert.ok(d.files.some((f) => f.endsWith(path.join('sections', 'extra.tex'))));
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Property: over generated drafts mixing all of the above, no block holds an option, a setting, a
// preamble command, code, a skipped branch or a raw macro; every prose word is read.

/** Marks text that must never be read; prose words never contain these. */
const MARKS = ['optq', 'preq', 'verbq', 'mathq', 'elseq', 'todoq', 'tikzq', 'algoq', 'keyq'];
const WORDS = ['probe', 'model', 'layer', 'feature', 'circuit', 'head', 'token', 'steer', 'patch', 'neuron'];
const ACCENTED: Array<[string, string]> = [["caf\\'e", 'café'], ['na\\"ive', 'naïve'], ['gar\\c{c}on', 'garçon'], ['Stra\\ss e', 'Straße'], ['{\\o}re', 'øre'], ['\\AA gel', 'Ågel']];

interface Gen {
  text: string;
  words: string[];
}

const word = fc.constantFrom(...WORDS);
const sentenceOf = (ws: string[], capital = true) => {
  const s = ws.join(' ');
  return (capital ? s[0].toUpperCase() + s.slice(1) : s) + '.';
};
const sentence = fc.array(word, { minLength: 2, maxLength: 5 }).map((ws) => ({ text: sentenceOf(ws), words: ws }));
const option = fc.constantFrom('[optq]', '[t, optq]', '[width=optq]', '[colback=optq!5!white, title=Optq 2]', '[ht!optq]', '[b]{0.5\\textwidth}');
const preambleCommand = fc.constantFrom(
  '\\usepackage[preq]{preq}', '\\usetikzlibrary{preq, calc}', '\\newcolumntype{P}[1]{>{\\centering}p{#1}}', '\\setcitestyle{preq}',
  '\\captionsetup[figure]{font=preq}', '\\hypersetup{colorlinks=preq}', '\\pdfoutput=1', '\\definecolor{preq}{RGB}{1,2,3}',
  '\\sisetup{preq=true}', '\\tcbset{preq}', '\\newif\\ifpreq', 'preq stray text', '\\pgfplotsset{compat=1.18}',
);
const verbatimBody = fc.array(fc.constantFrom('{', '}', 'verbq', ' ', '\\fi', '\\else', '%', '$'), { minLength: 1, maxLength: 8 }).map((xs) => xs.join(''));

const piece: fc.Arbitrary<Gen> = fc.oneof(
  sentence,
  fc.tuple(fc.constantFrom('figure', 'figure*', 'table', 'table*'), option, sentence).map(([env, opt, s]) => ({ text: `\\begin{${env}}${opt}\\centering\n\\caption{${s.text}}\n\\end{${env}}`, words: s.words })),
  fc.tuple(sentence, fc.constantFrom('subfigure', 'wrapfigure')).map(([s, env]) => ({
    text: env === 'subfigure' ? `\\begin{subfigure}[optq]{0.5\\textwidth}\\caption{${s.text}}\\end{subfigure}` : `\\begin{wrapfigure}{r}{0.4\\textwidth}\\caption{${s.text}}\\end{wrapfigure}`,
    words: s.words,
  })),
  fc.tuple(fc.constantFrom('tcolorbox', 'mdframed', 'qxbox'), option, sentence).map(([env, opt, s]) => ({ text: `\\begin{${env}}${opt}\n${s.text}\n\\end{${env}}`, words: s.words })),
  fc.tuple(fc.constantFrom('qxhl', 'qxmark', 'textcolor'), sentence).map(([name, s]) => ({
    text: name === 'textcolor' ? `\\textcolor{optq}{${s.text}}` : `\\${name}[optq]{keyq=optq}{${s.text}}`,
    words: s.words,
  })),
  fc.constantFrom('\\cellcolor{optq}', '\\rowcolor[gray]{optq}', '\\color{optq}', '\\captionsetup{font=preq}', '\\todo[optq]{todoq later}', '\\missingfigure{todoq plot}').map((text) => ({ text, words: [] })),
  fc.tuple(fc.constantFrom('itemize', 'center', 'qxbox', 'table'), verbatimBody, fc.constantFrom('verbatim', 'Verbatim', 'lstlisting', 'comment')).map(([outer, body, env]) => ({
    text: `\\begin{${outer}}${outer === 'itemize' ? '\\item ' : ''}\n\\begin{${env}}\n${body}\n\\end{${env}}\n\\end{${outer}}`,
    words: [],
  })),
  fc.tuple(sentence, fc.boolean(), fc.array(word, { minLength: 2, maxLength: 4 })).map(([s, runOn, after]) => ({
    text: `${s.text}\n\\begin{equation} mathq = \\frac{a}{b} \\end{equation}\n${runOn ? `where ${sentenceOf(after, false)}` : sentenceOf(after)}`,
    words: [...s.words, ...after],
  })),
  fc.constantFrom(...ACCENTED).map(([src, read]) => ({ text: `The ${src} result.`, words: [read] })),
  sentence.map((s) => ({ text: `\\ifqxflag ${s.text}\\else elseq words\\fi`, words: s.words })),
  fc.constantFrom(
    '\\begin{tikzpicture}\\node[draw] {tikzq};\\end{tikzpicture}',
    '\\begin{algorithm}[H]\\begin{algorithmic}\\State algoq step\\end{algorithmic}\\end{algorithm}',
    '\\iffalse elseq hidden\\fi',
  ).map((text) => ({ text, words: [] })),
);

describe('sentences as authors wrote them', () => {
  it('S1: reads only the title of a class title block, even across blank lines in \\twocolumn[…]', () => {
    const d = doc([
      '\\twocolumn[',
      '\\icmltitle{Probing Tiny Heads}',
      '\\icmlsetsymbol{equal}{*}',
      '',
      '\\begin{icmlauthorlist}\n\\icmlauthor{Ann Lee}{uni}\n\\icmlauthor{Bo Chen}{uni,lab}\n\\end{icmlauthorlist}',
      '\\icmlaffiliation{uni}{Some Univ, Town}',
      '\\icmlcorrespondingauthor{Ann Lee}{a@b.c}',
      '',
      '\\icmlkeywords{probing, heads}',
      '\\vskip 0.3in',
      '] % a comment after the bracket',
      '\\section{Intro}\nWe probe heads.',
    ].join('\n'));
    assert.equal(d.title?.text, 'Probing Tiny Heads');
    assert.deepEqual(texts(d), ['Intro', 'We probe heads.']);
  });

  it('S2: reads brackets in running text as text; an option is only one right after \\begin{…}', () => {
    const d = doc([
      '\\newenvironment{gist}{\\par}{\\par}\\newenvironment{tip}[1][Tip]{\\par}{\\par}',
      '\\begin{gist}\nMatch [A]...[B]...[C] tokens, then [D].\n\\end{gist}',
      '\\begin{gist}[X] marks the spot.\\end{gist}',
      '\\begin{tip}[Careful] Check the seed.\\end{tip}',
      '\\begin{unknownbox}[frame=none] Short option dropped.\\end{unknownbox}',
      '\\begin{unknownbox}\n[Y] is a token here.\\end{unknownbox}',
    ].join('\n\n'));
    assert.deepEqual(sentences(d), ['Match [A]...[B]...[C] tokens, then [D].', '[X] marks the spot.', 'Check the seed.', 'Short option dropped.', '[Y] is a token here.']);
  });

  it('S3: separates the arguments of an unknown command by a space', () => {
    const d = doc('\\newcommand{\\ok}{Documented}\nThe rule is \\pairnote{\\ok}{tone, style} here and \\twoparts{left}{right} too.');
    assert.deepEqual(sentences(d), ['The rule is Documented tone, style here and left right too.']);
  });

  it('S4: keeps a quotation whole and never starts a sentence with a closing quote or bracket', () => {
    const d = doc("He typed ``The dog ran. The dog...'' and waited. The tool (``Stop.''), then quit. ``Go home.'' was the reply. It read ``One lamp. Two lamps. Three...'' aloud.");
    assert.deepEqual(sentences(d), ['He typed “The dog ran. The dog...” and waited.', 'The tool (“Stop.”), then quit.', '“Go home.” was the reply.', 'It read “One lamp. Two lamps. Three...” aloud.']);
    for (const s of sentences(d)) assert.doesNotMatch(s, /^[”’)\],;:]/);
  });

  it('S5: splits before an enumerator that follows a sentence end', () => {
    const d = doc('Three points stand out. (i) Heads copy tokens. (ii) Probes miss rare words. (a) A side note, see Fig. (b) for it.');
    assert.deepEqual(sentences(d), ['Three points stand out.', '(i) Heads copy tokens.', '(ii) Probes miss rare words.', '(a) A side note, see Fig. (b) for it.']);
  });

  it('S6: starts a sentence at inline math after a sentence end', () => {
    const d = doc('We fix terms. $\\Theta$ = settings. $G$ = runs. $n$ counts seeds, e.g. $k$ of them.');
    assert.deepEqual(sentences(d), ['We fix terms.', '[math] = settings.', 'G = runs.', 'n counts seeds, e.g. k of them.']);
  });

  it('S7: keeps the lead-in to a display in its sentence, with the display as [math]', () => {
    const d = doc([
      'Formally,\n\\[ f(x) = \\sum_i w_i x_i \\]\nThe score follows. Concretely:\n\\begin{equation} a = b \\end{equation}\nWe write the loss as\n\\begin{align} L &= \\ell . \\end{align}\nwhich we minimise. It ends here.\n\\[ y = 1. \\]\nNext sentence.',
      'The paragraph ends with its display, as\n\\[ z = 0 \\]',
    ].join('\n\n'));
    assert.deepEqual(sentences(d), ['Formally, [math]', 'The score follows.', 'Concretely: [math]', 'We write the loss as [math] which we minimise.', 'It ends here.', 'Next sentence.', 'The paragraph ends with its display, as [math]']);
  });

  it('S8: does not end a sentence at a plural or other reference abbreviation', () => {
    const d = doc('Tabs.~\\ref{a}--\\ref{b} list scores. Figs.~\\ref{c} and Eqs.~\\ref{d} agree. Secs.~\\ref{e} and Apps.~\\ref{f} too. Refs.~\\cite{g} differ. Loss rises, resp. Falls. See cf. Ng. Gradients w.r.t. Inputs vary. Minimise $f$ s.t.\\ $g(x) = 0$ holds.');
    assert.deepEqual(sentences(d), ['Tabs. [ref:a]–[ref:b] list scores.', 'Figs. [ref:c] and Eqs. [ref:d] agree.', 'Secs. [ref:e] and Apps. [ref:f] too.', 'Refs. [cite:g] differ.', 'Loss rises, resp. Falls.', 'See cf. Ng.', 'Gradients w.r.t. Inputs vary.', 'Minimise f s.t. [math] holds.']);
  });

  it('S9: reads math in table cells by the same rule as in prose', () => {
    const d = doc('\\begin{tabular}{lll}\nSolutions of $Ax=b$ & $\\alpha$ & $k=3$ \\\\\n$5$ & $x_1$ & $H$ \\\\\n\\end{tabular}\nWe solve $Ax=b$ for $k=3$ and $x_1$.');
    assert.deepEqual(texts(d, 'table-cell'), ['Solutions of [math]', '[math]', 'k=3', '5', '[math]', 'H']);
    assert.deepEqual(sentences(d).slice(-1), ['We solve [math] for k=3 and [math].']);
  });

  it('reads \\textbackslash as a backslash that eats the space after it', () => {
    const d = doc('The prompt ends in \\textbackslash n and \\textbackslash{}t here.');
    assert.deepEqual(sentences(d), ['The prompt ends in \\n and \\t here.']);
  });

  it('keeps a paragraph-initial run-in label with the sentence it introduces', () => {
    const d = doc('\\begin{proposition}It holds.\\end{proposition}\n\\emph{Sketch.} By definition. Done.\n\n\\textbf{Note.} The probe is linear. It is small.\n\n\\noindent{\\bf Setup.} We train two models.\n\n\\emph{Why this matters.} Cost falls.\n\nWe \\textbf{Stop.} Here it ends.\n\n\\textbf{Alone.}');
    assert.deepEqual(sentences(d), ['It holds.', 'Sketch. By definition.', 'Done.', 'Note. The probe is linear.', 'It is small.', 'Setup. We train two models.', 'Why this matters. Cost falls.', 'We Stop.', 'Here it ends.', 'Alone.']);
  });
});

describe('LaTeX prose property: no option, setting, preamble command, code or raw macro is read', () => {
  it('holds over generated drafts', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(fc.array(preambleCommand, { maxLength: 6 }), fc.array(fc.tuple(piece, fc.boolean()), { minLength: 1, maxLength: 12 }), (preamble, pieces) => {
        const body = pieces.map(([p, blank]) => p.text + (blank ? '\n\n' : '\n')).join('');
        const d = doc(`\\section{Results}\n${body}`, `\\newif\\ifqxflag\n${preamble.join('\n')}`);
        for (const b of d.blocks) {
          for (const mark of MARKS) assert.ok(!b.text.toLowerCase().includes(mark), `"${mark}" read in ${JSON.stringify(b.text)}`);
          assert.doesNotMatch(b.text, /[\\=[\]{}\d$]/, `markup read in ${JSON.stringify(b.text)}`);
          for (const s of b.sentences) assert.doesNotMatch(b.text.slice(s.start, s.end), /\n/);
        }
        assert.deepEqual(d.problems.map((p) => p.message), []);
        const read = allText(d).toLowerCase();
        for (const [p] of pieces) for (const w of p.words) assert.ok(read.includes(w.toLowerCase()), `"${w}" missing from ${JSON.stringify(read)}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('what TeX never typesets', () => {
  it('reads nothing after \\end{document} and no heading in the preamble', () => {
    const doc = buildText('tail.tex', String.raw`\documentclass{article}
\section{Macros we use}
\begin{document}
\section{Introduction}
We route hard queries to a larger model.
\end{document}
Notes to self: this could inform safety research.
\section{Old draft}
Text that was cut.
`);
    assert.deepEqual(doc.sections.map((s) => s.title), ['Introduction']);
    assert.ok(!doc.blocks.some((b) => /Notes to self|cut\./.test(b.text)), doc.blocks.map((b) => b.text).join(' | '));
  });
  it('still reports a brace problem inside the document when it is one chunk', () => {
    const doc = buildText('brace.tex', '\\documentclass{article}\n\\begin{document}\nWe probe {layer 5.\n\\end{document}\n');
    assert.ok(doc.problems.some((p) => /never closed/.test(p.message)), JSON.stringify(doc.problems));
  });
});
