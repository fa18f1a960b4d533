import type { PaperDocument, PaperKind } from './model';

// The paper kind changes which rules apply (a position paper is not asked for baselines).
// Order matters: "a position paper that surveys…" is a position paper.
const KIND_PATTERNS: Array<[PaperKind, RegExp]> = [
  ['position', /\bposition paper\b|\bthis paper argues\b|\bwe take the position\b|\bin this position\b|\bwe argue that\b.*\b(community|field|researchers) should\b/i],
  ['survey', /\b(we|this paper|this article) (survey|review)s?\b|\ba survey of\b|\bthis survey\b|\bsystematic review\b|\bwe review\b/i],
  ['benchmark', /\bwe (introduce|present|propose|release|construct|build) (a |an |the )?(new |novel |large-scale |open )?([\w-]+ ){0,2}benchmark\b|\bbenchmark suite\b/i],
  ['method', /\bwe (propose|introduce|present|develop) (a |an )?(new |novel |simple |scalable )?([\w-]+ ){0,2}(method|technique|approach|algorithm|framework)\b/i],
];

export interface KindGuess {
  kind: PaperKind;
  source: 'directive' | 'abstract' | 'default';
}

/** The kind a directive declares, else what the abstract (or the first paragraphs) says, else empirical. */
export function guessKind(doc: PaperDocument): KindGuess {
  if (doc.declaredKind) return { kind: doc.declaredKind, source: 'directive' };
  const abstractIndex = doc.sections.findIndex((s) => s.role === 'abstract');
  const opening = abstractIndex >= 0
    ? doc.blocks.filter((b) => b.section === abstractIndex && b.kind !== 'heading')
    : doc.blocks.filter((b) => b.kind === 'paragraph').slice(0, 2);
  const text = [doc.title?.text ?? '', ...opening.map((b) => b.text)].join('\n');
  for (const [kind, pattern] of KIND_PATTERNS) if (pattern.test(text)) return { kind, source: 'abstract' };
  return { kind: 'empirical', source: 'default' };
}
