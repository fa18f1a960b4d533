import { strict as assert } from 'node:assert';
import type { PaperDocument } from '../../server/src/core/model';
import { guessKind } from '../../server/src/core/kind';
import { DocumentView } from '../../server/src/core/rules/view';
import { buildText } from './helpers';

// Roles from the whole heading tree, as a reader assigns them: parents, numbers, the appendix and
// the reference list. The drafts are small and written for these tests.

const tree = (doc: PaperDocument) => doc.sections.map((s) => `${'  '.repeat(Math.max(0, s.level - 1))}${s.title} [${s.role} ${s.roleSource}]`);

describe('heading tree roles', () => {
  it('LaTeX: subsections inherit, strong titles override, back matter is not evidence', () => {
    const doc = buildText('paper.tex', String.raw`\documentclass{article}
\begin{document}
\section{Related Works}
Earlier probes were linear.
\subsection{Summary}
In short, earlier probes missed the routing step.
\section{Experiments}
\subsection{General capability tests}
We measure perplexity on held-out text.
\subsection{Grounded in previous work}
We reuse the prompts of an earlier benchmark.
\section{Discussion}
\subsection{Limitations}
We test two models only.
\paragraph{Two model families.} Both are decoder-only.
\section*{Acknowledgements}
We thank the funders, whose grant could inform safety research.
\section*{Declarations}
\paragraph{Ethics approval.} Not applicable.
\end{document}
`);
    assert.deepEqual(tree(doc), [
      'Related Works [related-work title]',
      '  Summary [related-work parent]',
      'Experiments [experiments title]',
      '  General capability tests [experiments parent]',
      '  Grounded in previous work [experiments parent]',
      'Discussion [discussion title]',
      '  Limitations [limitations title]',
      '      Two model families. [limitations parent]',
      'Acknowledgements [back-matter title]',
      'Declarations [back-matter title]',
      '      Ethics approval. [back-matter parent]',
    ]);
    const view = new DocumentView(doc);
    assert.ok(!view.sentences.some((s) => /funders|Not applicable/.test(s.text)), 'back matter is not read as evidence');
    assert.ok(view.sentences.some((s) => /two models only/.test(s.text)));
  });

  it('Markdown from an HTML page: a figure label among numbered headings does not swallow the sections after it', () => {
    const doc = buildText('post.md', `# Cheap Adapters for Hidden States

## Abstract
We train small interventions and compare them with adapters.

## 1 Introduction
Teams with small budgets need fewer trainable weights.

## 4 Experiments

### 4.1 Question answering
The intervention beats the adapter on three tasks.

# TinyTune

| method | accuracy |
|---|---|
| adapter | 70.1 |

### 4.2 Arithmetic
The gain holds on grade-school arithmetic.

## 5 Conclusion
Interventions are a cheap alternative.

## References
Doe, J. Adapters. 2021.

## A Extra tables
More numbers on more tasks.
`);
    assert.equal(doc.title?.text, 'Cheap Adapters for Hidden States');
    assert.deepEqual(tree(doc), [
      'Abstract [abstract title]',
      '1 Introduction [introduction title]',
      '4 Experiments [experiments title]',
      '  4.1 Question answering [experiments parent]',
      '    TinyTune [experiments parent]',
      '  4.2 Arithmetic [experiments parent]',
      '5 Conclusion [conclusion title]',
      'References [references title]',
      'A Extra tables [appendix number]',
    ]);
    const view = new DocumentView(doc);
    assert.ok(!view.sentences.some((s) => /Doe, J/.test(s.text)), 'the reference list is not the paper\u2019s text');
    assert.ok(view.sentences.some((s) => /More numbers/.test(s.text)), 'the appendix after it is');
  });

  it('everything after a top-level reference list is references unless it starts the appendix', () => {
    const doc = buildText('notes.md', `## Introduction
Operators need a way to switch off a behaviour.

## References
Roe, K. Switching behaviours off. 2020.

## Smith and Lee 2019
A second entry that looks like a heading.

## Appendix: prompts
The prompts we used.
`);
    assert.deepEqual(doc.sections.map((s) => s.role), ['introduction', 'references', 'references', 'appendix']);
  });

  it('Summary after the body is the conclusion, not the abstract', () => {
    const doc = buildText('p.md', '## Introduction\nWe ask a question.\n\n## Results\nIt works.\n\n## Summary\nIt worked.\n');
    assert.deepEqual(doc.sections.map((s) => s.role), ['introduction', 'results', 'conclusion']);
  });
});

describe('roles from subsections', () => {
  it('a topic-named section whose subsections report results is experiments', () => {
    const doc = buildText('topic.tex', String.raw`\documentclass{article}
\begin{document}
\section{Introduction}
We look for the heads that copy names.
\section{Tracing the copying heads}
\subsection{Patching setup}
We patch one head at a time.
\subsection{Results}
Patching head 9 restores most of the logit difference.
\subsection{A closer look}
Head 9 attends to the earlier name.
\section{Sparse codes}
We train a dictionary on the residual stream.
\end{document}
`);
    assert.deepEqual(doc.sections.map((s) => `${s.title}: ${s.role} (${s.roleSource})`), [
      'Introduction: introduction (title)',
      'Tracing the copying heads: experiments (subsections)',
      'Patching setup: experiments (parent)',
      'Results: results (title)',
      'A closer look: experiments (parent)',
      'Sparse codes: other (default)',
    ]);
  });
});

describe('roles from what a section reports', () => {
  const draft = (body: string) => buildText('content.md', `## 1 Introduction\nModerators need a filter that flags toxic replies.\n\n## 2 Probing the residual stream\n\n${body}\n\n## 3 Conclusion\nThe probe works.\n`);
  it('a topic-named section that reports measured outcomes holds results', () => {
    const doc = draft([
      'Figure 2 shows that the probe separates the two classes from layer 8 on.',
      'Accuracy rises to 91% at layer 12 and falls to 84% at the last layer.',
      'We find that the direction transfers to a second model with a 3-point drop.',
    ].join(' '));
    assert.deepEqual(doc.sections.map((s) => `${s.role} (${s.roleSource})`), ['introduction (title)', 'results (content)', 'conclusion (title)']);
  });
  it('one that defines and describes procedures is method', () => {
    const doc = draft([
      'We define a probe as a linear map from the residual stream to two classes.',
      'Let w denote its weight vector.',
      'We describe how the training pairs are built.',
    ].join(' '));
    assert.equal(doc.sections[1].role, 'method');
  });
  it('one with too little evidence keeps no role', () => {
    const doc = draft('The residual stream carries many features. Some of them are about tone.');
    assert.deepEqual([doc.sections[1].role, doc.sections[1].roleSource], ['other', 'default']);
  });
});

describe('Markdown saved from a section extractor', () => {
  it('is read as converted text: its Section lines are headings', () => {
    const doc = buildText('extracted.md', `Title: Routing by Probe

Abstract: We route hard questions to a larger model when a probe flags them.

Section: Introduction
Support teams pay for every call to the large model.

Section: Experiments
Routing by the probe saves 40% of large-model calls against a confidence threshold.
`);
    assert.equal(doc.title?.text, 'Routing by Probe');
    assert.deepEqual(doc.sections.map((s) => s.role), ['abstract', 'introduction', 'experiments']);
  });
});

describe('roles of subsections named by a role word in passing', () => {
  it('keeps the parent role unless the subsection is titled as a role and its parent can hold one', () => {
    const doc = buildText('sub.tex', String.raw`\documentclass{article}
\begin{document}
\section{Method}
We fit a local estimate.
\paragraph{Limitation of the local estimate.} It is biased near zero.
\subsection{Motivation}
Teams need a cheap estimate.
\section{Instances}
\subsection{Instance 1 (Chemistry)}
\paragraph{Empirical illustration.} A probe reads the bond type.
\section{Future Directions}
\paragraph{Empirical Validation.} We plan to test on two more models.
\section{Related Work}
\subsection{Limitations of Probing}
Probes can read features the model does not use.
\end{document}
`);
    assert.deepEqual(doc.sections.map((s) => `${s.title}: ${s.role}`), [
      'Method: method',
      'Limitation of the local estimate.: method',
      'Motivation: method',
      'Instances: other',
      'Instance 1 (Chemistry): other',
      'Empirical illustration.: other',
      'Future Directions: conclusion',
      'Empirical Validation.: conclusion',
      'Related Work: related-work',
      'Limitations of Probing: related-work',
    ]);
  });
});

describe('paper kind from an ICML position title', () => {
  it('reads "Position: …" as a position paper', () => {
    const doc = buildText('pos.tex', '\\documentclass{article}\n\\title{Position: Probes Should Be Audited}\n\\begin{document}\n\\maketitle\n\\section{Introduction}\nProbes are used widely.\n\\end{document}\n');
    assert.equal(guessKind(doc).kind, 'position');
  });
});

describe('heading numbers in Markdown', () => {
  it('set depths only when they read as an outline', () => {
    const levels = (text: string) => buildText('n.md', text).sections.map((s) => [s.title, s.level]);
    // Converted papers: numbers in order override the markup's depths.
    assert.deepEqual(levels('# 1 Introduction\n\nText.\n\n# 1.1 Setting\n\nText.\n\n## 2 Method\n\nText.\n'), [['1 Introduction', 1], ['1.1 Setting', 2], ['2 Method', 1]]);
    assert.deepEqual(levels('## I. Scope\n\nText.\n\n## II. Method\n\nText.\n\n### II.1 Data\n\nText.\n\n## IV. Results\n\nText.\n'), [['I. Scope', 1], ['II. Method', 1], ['II.1 Data', 2], ['IV. Results', 1]]);
    // Numbers out of order are words of the titles ("7 a" before "1 a"): the markup stands.
    assert.deepEqual(levels('## 7 reasons to probe\n\nText.\n\n# 1 more thing\n\nText.\n'), [['7 reasons to probe', 2], ['1 more thing', 1]]);
  });
});
