import type { Token } from '../../nlp/analyse';
import { firstMatch, type Pattern } from '../../nlp/patterns';
import PROVENANCE from '../lexicon/provenance.json';
import type { Context } from './shared';

// Whose claim a sentence makes: cited background is others' work; a hypothetical is no one's.

const set = (xs: readonly string[]) => new Set(xs);
const HEDGE = set(['would', 'could', 'might']);
const USE = set(PROVENANCE.use);
const CONTRAST = set(PROVENANCE.contrast);
const REPORTED = set(PROVENANCE.reportedSpeech);
const ATTRIBUTION = set(PROVENANCE.attribution);

/** A named author with a year, as prose cites: "Rudin (2019)", "Koh and Liang (2017)", "Belrose et al. (2023)". */
const NAMED_CITATION = /\b[A-Z][A-Za-z'-]+(?:\s+(?:and|&)\s+[A-Z][A-Za-z'-]+|\s+et\s+al\.?)?,?\s+\(\d{4}[a-z]?\)/;

export const CITED: readonly Pattern[] = [
  {
    id: 'name-and-colleagues',
    tokens: [{ pos: ['PROPN', 'NOUN'] }, { lemma: ['and', 'with'] }, { lemma: ['colleague', 'coauthor', 'co-author', 'collaborator', 'coworker'] }],
    examples: { match: ['Kayser and colleagues reported that explanations increased over-reliance.'], noMatch: ['We and our annotators labelled the data.'] },
  },
  {
    id: 'prior-work-reports',
    tokens: [{ lemma: PROVENANCE.earlier }, { lemma: PROVENANCE.work, gap: 2 }, { lemma: PROVENANCE.report, pos: ['VERB'], gap: 3, notLemma: ['we', 'our'] }],
    examples: { match: ['Recent reviews argue that mechanistic claims should be tested.', 'Recent position papers ask researchers to show actions.', 'Prior work has shown that heads copy names.'], noMatch: ['Recent models are larger.', 'Existing methods are compared in Table 2.'] },
  },
  {
    id: 'a-study-reports',
    tokens: [{ lemma: ['a', 'an', 'one', 'another'] }, { lemma: ['study', 'paper', 'survey', 'review'], gap: 3, notLemma: ['our', 'this', 'we'] }, { lemma: PROVENANCE.report, pos: ['VERB'], gap: 4, notLemma: ['we', 'our', 'this', 'us'] }],
    examples: { match: ['One study found that explanations increase over-reliance.', 'A recent survey found that probes are rarely validated.'], noMatch: ['Our study shows that users trust the tool.', 'This study finds that heads copy names.', 'The study suggests that the knowledge can be taught back.'] },
  },
  {
    id: 'we-reuse-theirs',
    tokens: [{ lemma: ['we'] }, { lemma: PROVENANCE.use, pos: ['VERB'], gap: 1 }, { lemma: ['their'] }, { pos: ['NOUN', 'ADJ'], gap: 2 }, { lemma: ['but', 'which', 'whereas', 'while'], gap: 6 }],
    examples: { match: ['We reuse their head-selection procedure but replace the steering step with abstention.', 'We follow their protocol but add retrieval.'], noMatch: ['We follow their protocol.', 'We use the tuned lens with translators trained on 50M tokens.'] },
  },
];

export const HYPOTHETICAL: readonly Pattern[] = [
  { id: 'if-then', tokens: [{ lemma: ['if', 'unless'] }, { lemma: ['would', 'could', 'might', 'were', 'will'], gap: 14 }], examples: { match: ['If a developer wanted to remove the concept, they would have to retrain.', 'The edit would fail if the subject were split.', 'If this suspicion is right, no amount of tuning will fix the problem.'], noMatch: ['We report results for the final checkpoint unless stated otherwise.', 'If you try this, budget time for tuning.'] } },
  { id: 'if-someone', tokens: [{ lemma: ['if', 'unless'] }, { lemma: ['a', 'an', 'someone', 'anyone'] }, { pos: ['NOUN', 'ADJ', 'PROPN', 'VERB'], gap: 2 }], examples: { match: ['If a deployer must show that a capability is gone, our certificate gives them a number.', 'If a clinician finds an error, the correction can be entered as an edit.'], noMatch: ['If you run a small model, you can drop this in.', 'A concept is kept only if the student network improves.'] } },
  { id: 'what-if', tokens: [{ lemma: ['what'] }, { lemma: ['happen'] }, { lemma: ['if', 'when'] }], examples: { match: ['What happens if the feature you steer with also fires on medical advice?'], noMatch: ['We describe what happened in the study.'] } },
  { id: 'imagine', tokens: [{ lemma: ['imagine', 'suppose', 'hypothetically'] }], examples: { match: ['Imagine an auditor who has only API access.', 'Suppose the model were retrained.'], noMatch: ['We check whether it works.'] } },
  { id: 'consider-a-case', tokens: [{ lemma: ['consider'], pos: ['VERB'] }, { lemma: ['a', 'an'] }, { pos: ['NOUN', 'ADJ', 'PROPN'], gap: 3 }, { lemma: ['who', 'that', 'which', 'where', 'whose'], gap: 3 }], examples: { match: ['Consider a developer who wants to remove a concept.'], noMatch: ['We consider this narrowness acceptable for single-purpose deployments.', 'We do not consider attacks in which an adversary can modify the weights.'] } },
  { id: 'for-a-setting-where', tokens: [{ lemma: ['for', 'in'] }, { lemma: ['a', 'an', 'such', 'that'] }, { pos: ['NOUN', 'PROPN', 'ADJ', 'VERB', 'DET'], gap: 6 }, { lemma: ['where', 'whose', 'which', 'that', 'who'], gap: 6 }, { lemma: ['would', 'could', 'might'], gap: 14 }], examples: { match: ['For an ImageNet model, where the labels are noisy, one might prune.', 'In a deployment where edits arrive continuously, the matrix would have to be recomputed.'], noMatch: ['For a model of 7B parameters we use layer 16.'] } },
  { id: 'in-that-world', tokens: [{ lemma: ['in'] }, { lemma: ['that', 'such', 'this'] }, { lemma: ['a', 'an'], optional: true }, { lemma: ['world', 'scenario', 'case', 'setting', 'situation'] }, { lemma: ['would', 'could', 'might'], gap: 14 }], examples: { match: ['In that world, a steering vector would be a strange thing to bring.', 'In such a setting, an attacker could bypass the filter.'], noMatch: ['In that case we report the mean.'] } },
];

/** "Were the model updated…", "Had we used…", "Should an adversary obtain…": a condition by inversion. */
function inverted(tokens: readonly Token[]): boolean {
  const [first, second] = tokens;
  if (!first || !second || tokens[tokens.length - 1]?.text === '?') return false;
  // With its consequence hedged: a procedural "Should the filter reject…, its threshold is raised" is no hypothetical.
  return /^(were|had|should)$/.test(first.lower) && ['DET', 'PRON', 'NOUN', 'PROPN', 'ADJ'].includes(second.pos) && tokens.some((t) => HEDGE.has(t.lower));
}

/** A report of what someone said precedes token i: "dermatologists said they would use it". */
function reported(tokens: readonly Token[], i: number): boolean {
  return tokens.slice(0, i).some((x) => REPORTED.has(x.lemma) && x.pos === 'VERB');
}

/**
 * A hedged consequence in this work's own voice: "would translate into savings", "would have missed a third",
 * "might have stumbled on". Not a would inside a question, a report of what someone said, or a restrictive relative
 * ("a model that would answer it").
 */
function hedgedConsequence(tokens: readonly Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!HEDGE.has(t.lower)) continue;
    const before = tokens.slice(0, i);
    if (reported(tokens, i)) continue;
    if (before.some((x) => x.lower === 'whether')) continue;
    const prev = tokens[i - 1];
    const prev2 = tokens[i - 2];
    // A restrictive relative: "the model that would answer", "edits whose keys would collide", "a fact-checker would reject".
    if (prev && /^(that|who)$/.test(prev.lower) && prev2 && prev2.pos !== 'PUNCT') continue;
    // A contact relative: "at a false-alarm rate a law firm would tolerate".
    let k = i - 1;
    while (k > 0 && ['NOUN', 'ADJ', 'PROPN'].includes(tokens[k].pos)) k--;
    if (k < i - 1 && tokens[k].pos === 'DET' && tokens[k - 1] && tokens[k - 1].pos === 'NOUN') continue;
    if (tokens.slice(Math.max(0, i - 4), i).some((x) => x.lower === 'whose' || x.lower === 'which') && !tokens.slice(Math.max(0, i - 4), i).some((x) => x.text === ',')) continue;
    if (t.lower === 'would' && /^(like|love|prefer)$/.test(tokens[i + 1]?.lemma ?? '')) continue;
    // "could"/"might" alone hedge impact claims ("could inform"); as a conditional they come with a perfect or a passive.
    const passive = tokens[i + 1]?.lower === 'be' && tokens[i + 2]?.pos === 'VERB';
    if (t.lower !== 'would' && !(tokens[i + 1]?.lower === 'have' || passive)) continue;
    if (t.lower !== 'would' && tokens.slice(0, i).some((x) => x.lower === 'we' || x.lower === 'our')) continue;
    return true;
  }
  return false;
}

/** Marks cited background and hypotheticals; true when the sentence is others' work (nothing else applies). */
export function provenance(ctx: Context): boolean {
  const { claims, tokens, text, out } = ctx;
  // "The specific problem we target is that… [cite]": a first-person pronoun anywhere is this work's voice, even where the clause's actor is missed.
  const ownVoice = claims.some((c) => c.actor === 'we') || tokens.some((t) => t.pos === 'PRON' && (t.lower === 'we' || t.text === 'I'));
  const citedClaim = claims.some((c) => c.source === 'cited');
  // "X are reportedly a first step toward…": an attribution adverb reports others' claim.
  const named = NAMED_CITATION.test(text) || !!firstMatch(CITED, tokens) || tokens.some((t) => ATTRIBUTION.has(t.lower));
  if ((claims.length > 0 && claims.every((c) => c.source === 'cited')) || ((citedClaim || named) && !ownVoice)) {
    out.add('cited-background');
    return true;
  }
  // This work's own clause beside others' work ("Like Belrose et al. (2023), we compare…"): both, and the own
  // clause keeps its categories. Only using another paper's tool ("we adopt the scheme of Wang et al.") reports nothing of theirs.
  if (citedClaim || named) {
    const onlyUses = tokens.some((t, i) => /^(we|i)$/.test(t.lower) && tokens.slice(i + 1, i + 3).some((x) => x.pos === 'VERB' && USE.has(x.lemma))) && !tokens.some((t) => CONTRAST.has(t.lower));
    if (!onlyUses) out.add('cited-background');
  }
  if (hypothetical(tokens)) out.add('hypothetical');
  return false;
}

function hypothetical(tokens: readonly Token[]): boolean {
  const m = firstMatch(HYPOTHETICAL, tokens);
  return inverted(tokens) || (!!m && !reported(tokens, m.start)) || hedgedConsequence(tokens);
}
