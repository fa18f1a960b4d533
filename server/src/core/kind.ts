import type { PaperDocument, PaperKind } from './model';

// The paper kind changes which rules apply (a position paper is not asked for baselines).
// Order matters: "a position paper that surveys…" is a position paper.
// "We introduce ControlBench, a benchmark…" and "We propose Agreement-Feature Editing (AFE), a method…":
// a name, maybe with its abbreviation, may come between the verb and what it names.
const NAMED = String.raw`(?:[\w-]+(?:\s[\w-]+){0,3}(?:\s\([\w-]+\))?,\s)?`;
const INTRODUCE = String.raw`\bwe\s(?:introduce|present|propose|release|construct|build|develop|contribute)\s`;
const KIND_PATTERNS: Array<[PaperKind, RegExp]> = [
  // ICML's position track titles its papers "Position: …".
  ['position', /^position\s*:|\bposition paper\b|\bthis paper argues\b|\bwe take the position\b|\bin this position\b|\bwe argue that\b.*\b(community|field|researchers) should\b/im],
  ['survey', /\b(we|this paper|this article) (survey|review)s?\b|\ba survey of\b|\bthis survey\b|\bsystematic review\b|\bwe review\b/i],
  ['benchmark', new RegExp(`${INTRODUCE}${NAMED}(?:a |an |the )?(?:new |novel |large-scale |open |unified )?(?:[\\w-]+ ){0,2}benchmark\\b|\\bbenchmark suite\\b`, 'i')],
  ['method', new RegExp(`${INTRODUCE}${NAMED}(?:a |an )?(?:new |novel |simple |scalable |lightweight |training-free )?(?:[\\w-]+ ){0,2}(?:method|technique|approach|algorithm|framework)\\b`, 'i')],
  // "We study whether a probe can predict errors, so that…" is often an empirical paper with an action;
  // only wording about how a model works marks an analysis.
  ['analysis', /\bwe (?:analy[sz]e|characteri[sz]e|dissect|reverse[- ]engineer)\b|\bwe (?:study|investigate|examine) how\b|\bit is (?:not|un)known how\b/i],
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
