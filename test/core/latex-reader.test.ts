import { strict as assert } from 'node:assert';
import { buildText, sourceOf, texts } from './helpers';

const doc = (body: string, preamble = '') => buildText('paper.tex', `\\documentclass{article}\n${preamble}\n\\begin{document}\n${body}\n\\end{document}\n`);

describe('LaTeX reader', () => {
  it('reads title, abstract and sections with roles, including starred ones', () => {
    const d = doc('\\title{Probing Things}\n\\maketitle\n\\begin{abstract}\nWe probe.\n\\end{abstract}\n\\section*{Introduction}\nHello.\n\\section{Experimental Setup}\nRun.\n\\subsection{Baselines}\nB.\n\\section{Prior Work}\nP.');
    assert.equal(d.title?.text, 'Probing Things');
    assert.deepEqual(d.sections.map((s) => [s.title, s.role, s.level]), [
      ['Abstract', 'abstract', 1],
      ['Introduction', 'introduction', 1],
      ['Experimental Setup', 'experiments', 1],
      ['Baselines', 'experiments', 2],
      ['Prior Work', 'related-work', 1],
    ]);
    assert.equal(d.blocks.find((b) => b.text === 'We probe.')!.section, 0);
    assert.equal(d.sections[3].parent, 2);
  });

  it('maps escapes, ties, dashes and quotes to their source spans', () => {
    const d = doc("A \\& B~C --- D -- E ``q'' 50\\% done.");
    const b = d.blocks.find((x) => x.kind === 'paragraph')!;
    assert.equal(b.text, 'A & B C — D – E “q” 50% done.');
    const at = (ch: string) => sourceOf(d, b, b.text.indexOf(ch), b.text.indexOf(ch) + 1);
    assert.equal(at('&'), '\\&');
    assert.equal(at('—'), '---');
    assert.equal(at('–'), '--');
    assert.equal(at('“'), '``');
    assert.equal(at('%'), '\\%');
    assert.equal(sourceOf(d, b, b.text.indexOf('C'), b.text.indexOf('C') + 1), 'C');
    assert.equal(sourceOf(d, b, 5, 6), '~');
  });

  it('keeps citations and cross-references as placeholders with their keys', () => {
    const d = doc('As \\citet{smith2024} and \\citep[see][p.~3]{a,b} show, the effect holds (\\cref{sec:exp,tab:main}; \\ref{fig:1}).');
    const b = d.blocks[0];
    assert.equal(b.text, 'As [cite:smith2024] and [cite:a,b] show, the effect holds ([ref:sec:exp,tab:main]; [ref:fig:1]).');
    assert.deepEqual(b.refs.map((r) => [r.kind, r.keys]), [
      ['cite', ['smith2024']],
      ['cite', ['a', 'b']],
      ['ref', ['sec:exp', 'tab:main']],
      ['ref', ['fig:1']],
    ]);
    const cite = b.refs[1];
    assert.equal(sourceOf(d, b, cite.start, cite.end), '\\citep[see][p.~3]{a,b}');
  });

  it('expands text macros, acronyms and siunitx quantities', () => {
    const d = doc(
      'We train \\method{} on \\gls{sae} features of a \\SI{7}{\\billion} model with \\num{5} seeds, \\SI{91}{\\percent} of cases; \\acrlong{sae}s.',
      '\\newcommand{\\method}{\\textsc{ProbeRoute}}\n\\newacronym{sae}{SAE}{sparse autoencoder}',
    );
    assert.equal(d.blocks[0].text, 'We train ProbeRoute on SAE features of a 7 billion model with 5 seeds, 91% of cases; sparse autoencoders.');
  });

  it('reads booktabs table cells with row and column, skipping rules', () => {
    const d = doc('\\begin{table}\\centering\n\\begin{tabular}{lcc}\n\\toprule\nMethod & Acc & MMLU \\\\\n\\midrule\nLoRA fine-tuning & 81.2 & 60.1 \\\\\n\\multicolumn{2}{l}{Prompting only} & -- \\\\\n\\bottomrule\n\\end{tabular}\n\\caption{Main results against fine-tuning.}\n\\end{table}');
    const cells = d.blocks.filter((b) => b.kind === 'table-cell');
    assert.deepEqual(cells.map((c) => [c.text, c.cell!.row, c.cell!.column]), [
      ['Method', 0, 0], ['Acc', 0, 1], ['MMLU', 0, 2],
      ['LoRA fine-tuning', 1, 0], ['81.2', 1, 1], ['60.1', 1, 2],
      ['Prompting only', 2, 0], ['–', 2, 1],
    ]);
    assert.deepEqual(texts(d, 'caption'), ['Main results against fine-tuning.']);
  });

  it('reads footnotes, list items, algorithm captions (not their pseudo-code) and run-in paragraph headings', () => {
    const d = doc([
      '\\paragraph{Setup.} We use Llama-2 7B.\\footnote{Weights from the official release.}',
      '',
      '\\begin{itemize}\n\\item First claim.\n\\item[Second] claim.\n\\end{itemize}',
      '\\begin{algorithm}\\caption{Routing}\\begin{algorithmic}\n\\State compute the probe score $s$\n\\If{$s > \\tau$} \\State route to the large model \\EndIf\n\\end{algorithmic}\\end{algorithm}',
    ].join('\n'));
    assert.deepEqual(d.sections.map((s) => [s.title, s.level]), [['Setup.', 4]]);
    assert.deepEqual(texts(d, 'paragraph'), ['We use Llama-2 7B.']);
    assert.deepEqual(texts(d, 'footnote'), ['Weights from the official release.']);
    // Issue 9: an algorithm's body is pseudo-code, not prose; only its caption is read.
    assert.deepEqual(texts(d, 'list-item'), ['First claim.', 'Second claim.']);
    assert.deepEqual(texts(d, 'caption'), ['Routing']);
  });

  it('skips comments, \\iffalse blocks, comment environments, verbatim, listings and display math', () => {
    const d = doc([
      'Kept one. % a comment with words',
      '\\iffalse Hidden iffalse text.\n\n More hidden. \\fi',
      '\\begin{comment}\nHidden comment env.\n\\end{comment}',
      '\\begin{verbatim}\nhidden verbatim \\section{x}\n\\end{verbatim}',
      '\\begin{lstlisting}\nhidden = code\n\\end{lstlisting}',
      'We minimize\n\\begin{equation}\\mathcal{L} = \\sum_i x_i\\end{equation}\nwhere x is kept.',
    ].join('\n\n'));
    const all = texts(d).join(' | ');
    assert.match(all, /Kept one\./);
    // The display continues the sentence its lead-in opened, as a placeholder.
    assert.match(all, /We minimize \[math\] where x is kept\./);
    assert.doesNotMatch(all, /hidden|Hidden|comment with|mathcal|sum_i/);
  });

  it('marks the appendix: every section after \\appendix has role appendix', () => {
    const d = doc('\\section{Results}\nR.\n\\appendix\n\\section{Additional Experiments}\nA.\n\\section{Proofs}\nP.');
    assert.deepEqual(d.sections.map((s) => s.role), ['results', 'appendix', 'appendix']);
  });

  it('keeps URLs as text with a url reference', () => {
    const d = doc('Code is at \\url{https://github.com/x/y} and \\href{https://x.org}{our site}.');
    assert.equal(d.blocks[0].text, 'Code is at https://github.com/x/y and our site.');
    assert.deepEqual(d.blocks[0].refs.map((r) => r.keys[0]), ['https://github.com/x/y', 'https://x.org']);
  });

  it('splits sentences with exact ranges and the abbreviation guard', () => {
    const d = doc('Smith et al.~(2024) show this, e.g.\\ with probes. See Fig.~3 and Sec.~4 for details vs.\\ baselines. Done.');
    const b = d.blocks[0];
    assert.deepEqual(b.sentences.map((s) => b.text.slice(s.start, s.end)), [
      'Smith et al. (2024) show this, e.g. with probes.',
      'See Fig. 3 and Sec. 4 for details vs. baselines.',
      'Done.',
    ]);
    assert.equal(sourceOf(d, b, b.sentences[2].start, b.sentences[2].end), 'Done.');
  });

  it('reads directives with their ranges and the declared kind', () => {
    const d = doc('% actionable: kind=position\n% actionable-disable-next-line vague-action, audience -- quoting prior work\nThis could inform safety.\n% actionable-disable toy-only-setup\n% actionable-enable toy-only-setup\n% actionable-disable-file missing-baselines');
    assert.equal(d.declaredKind, 'position');
    const next = d.directives.find((x) => x.kind === 'disable-next-line')!;
    assert.deepEqual(next.rules, ['vague-action', 'audience']);
    assert.equal(next.reason, 'quoting prior work');
    assert.equal(next.targetLine, 5); // 0-based: the line after the directive
    assert.deepEqual(d.directives.map((x) => x.kind), ['setting', 'disable-next-line', 'disable', 'enable', 'disable-file']);
  });
});
