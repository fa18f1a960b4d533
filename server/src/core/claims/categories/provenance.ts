import { firstMatch, type Pattern } from '../../nlp/patterns';
import type { Context } from './shared';

// Whose claim a sentence makes: cited background is others' work; a hypothetical is no one's.

export const HYPOTHETICAL: readonly Pattern[] = [
  { id: 'if-then', tokens: [{ lemma: ['if', 'suppose', 'imagine', 'consider', 'unless'] }], examples: { match: ['If a developer wanted to remove the concept, they would…', 'Imagine an auditor who has only API access.'], noMatch: ['We check whether it works.'] } },
  { id: 'for-a-model-where', tokens: [{ lemma: ['for'] }, { lemma: ['a', 'an'] }, { pos: ['NOUN', 'PROPN', 'ADJ'], gap: 3 }, { lemma: [',', 'where', 'which'], gap: 1 }, { lemma: ['where', 'would', 'might', 'could'], gap: 4 }], examples: { match: ['For an ImageNet model, where the labels are noisy, one might prune.'], noMatch: ['For a model of 7B parameters we use layer 16.'] } },
];

/** Marks cited background and hypotheticals; true when the sentence is others' work (nothing else applies). */
export function provenance(ctx: Context): boolean {
  const { claims, tokens, out } = ctx;
  const cited = (claims.length > 0 && claims.every((c) => c.source === 'cited')) || (claims.some((c) => c.source === 'cited') && !claims.some((c) => c.actor === 'we'));
  if (cited) {
    out.add('cited-background');
    return true;
  }
  if (firstMatch(HYPOTHETICAL, tokens)) out.add('hypothetical');
  return false;
}
