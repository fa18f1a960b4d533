import { firstMatch, type Pattern } from '../../nlp/patterns';
import { ACTIONS, type Context } from './shared';

// How the work frames itself: its goal, the problem it takes on, vague impact, understanding only.

/** Fixed idioms of impact that name no one and nothing done. */
export const VAGUE_IMPACT: readonly Pattern[] = [
  { id: 'pave-the-way', tokens: [{ lemma: ['pave'] }, { lemma: ['the'] }, { lemma: ['way'] }], examples: { match: ['This work paved the way for safer models.', 'These results pave the way toward editing.'], noMatch: ['We paved a road.'] } },
  { id: 'shed-light', tokens: [{ lemma: ['shed', 'throw', 'cast'] }, { lemma: ['new', 'some', 'more', 'light'], optional: true }, { lemma: ['light'] }, { lemma: ['on', 'onto', 'into'] }], examples: { match: ['Our analysis sheds light on how models store facts.', 'The results shed some light on routing.'], noMatch: ['The lamp sheds light.'] } },
  { id: 'implications-for', tokens: [{ lemma: ['have', 'carry', 'hold'] }, { lemma: ['important', 'broad', 'significant', 'clear', 'direct', 'big', 'broader', 'wide'], optional: true, gap: 1 }, { lemma: ['implication'] }, { lemma: ['for'] }], examples: { match: ['These findings have important implications for safety.', 'This has big implications for interpretability as a whole.'], noMatch: ['We discuss the implications in Section 5.'] } },
  { id: 'inform-field', tokens: [{ lemma: ['inform', 'guide', 'motivate', 'inspire'] }, { lemma: ['future', 'safety', 'further', 'the', 'design', 'development', 'of', 'research', 'work', 'more', 'safer', 'better', 'new', 'honest', 'trustworthy', 'reliable', 'ai', 'system', 'assistant', 'alignment', 'effort', 'direction', 'interpretability'], gap: 0 }], examples: { match: ['Our findings could inform safety research.', 'This could inform the design of more honest assistants.'], noMatch: ['We inform users about the risk by showing a warning.'] } },
  { id: 'step-toward', tokens: [{ lemma: ['step', 'move', 'stride'] }, { lemma: ['toward', 'towards'] }], examples: { match: ['This is a step towards safer AI.', 'a first step toward trustworthy systems'], noMatch: ['We step through the layers.'] } },
  { id: 'of-interest', tokens: [{ lemma: ['be', 'remain', 'prove'] }, { lemma: ['of'] }, { lemma: ['broad', 'wide', 'general', 'great', 'particular', 'independent'], optional: true }, { lemma: ['interest'] }, { lemma: ['to'] }], examples: { match: ['The results are of broad interest to the community.', 'These results are of interest to the security community.'], noMatch: ['the region of interest to the user'] } },
  { id: 'open-avenue', tokens: [{ lemma: ['open', 'offer', 'suggest', 'point'] }, { lemma: ['up', 'new', 'promising', 'exciting', 'many', 'several', 'the', 'a', 'way', 'to'], optional: true, gap: 2 }, { lemma: ['avenue', 'direction', 'possibility', 'door', 'opportunity', 'path'] }], examples: { match: ['This opens up new possibilities.', 'Our results open new avenues for research.'], noMatch: ['We open the file.'] } },
  { id: 'lay-groundwork', tokens: [{ lemma: ['lay', 'provide', 'build'] }, { lemma: ['the', 'a'], optional: true }, { lemma: ['groundwork', 'foundation', 'basis'] }], examples: { match: ['It lays the groundwork for future tools.'], noMatch: ['We provide code.'] } },
  { id: 'valuable-insight', tokens: [{ lemma: ['valuable', 'important', 'new', 'novel', 'deep', 'deeper', 'key', 'useful'] }, { lemma: ['insight'] }], examples: { match: ['Our study provides valuable insights.'], noMatch: ['We report an insight about layer 5 and use it to prune heads.'] } },
  { id: 'help-make-safer', tokens: [{ lemma: ['help', 'contribute'] }, { lemma: ['make', 'to', 'towards', 'toward', 'build', 'the', 'development', 'of'], optional: true, gap: 2 }, { lemma: ['safe', 'safer', 'secure', 'trustworthy', 'reliable', 'robust', 'transparent', 'aligned', 'accountable', 'responsible'], gap: 3 }], examples: { match: ['This could help make assistants more secure.', 'It contributes to safer AI.'], noMatch: ['The probe helps moderators triage replies.'] } },
  { id: 'broader-impact-on', tokens: [{ lemma: ['impact', 'benefit', 'advance', 'further'] }, { lemma: ['the', 'our'], optional: true }, { lemma: ['field', 'community', 'interpretability', 'safety', 'understanding', 'science'] }], examples: { match: ['These findings will advance the field.'], noMatch: ['The edit advances the date of the event.'] } },
];

/** Frames that state a goal or ask the question the work answers. */
export const GOAL: readonly Pattern[] = [
  { id: 'goal-is-to', tokens: [{ lemma: ['goal', 'aim', 'objective', 'purpose', 'intent', 'mission'] }, { lemma: ['be'], gap: 3 }, { lemma: ['to'] }], examples: { match: ['Our goal is to give developers a precise tool.', 'The aim of this work is to cut review time.'], noMatch: ['The goal of the agent is unclear.'] } },
  { id: 'we-aim', tokens: [{ lemma: ['we', 'this', 'paper', 'work', 'study', 'post'] }, { lemma: ['aim', 'seek', 'set', 'want', 'try', 'intend', 'strive'], gap: 2 }, { lemma: ['to', 'out'] }], examples: { match: ['We aim to reduce the cost of routing.', 'In this paper we set out to remove a concept.'], noMatch: ['They aim high.'] } },
  { id: 'we-ask', tokens: [{ lemma: ['we', 'paper', 'work', 'question', 'study', 'post'] }, { lemma: ['ask', 'address', 'tackle', 'test', 'investigate', 'examine', 'answer', 'solve', 'be'], gap: 2 }, { lemma: ['whether', 'if', ':', 'how', 'can'] }], examples: { match: ['We ask: can we obtain good outcomes by controlling the KL divergence?', 'We ask whether a steering vector can replace an adapter.'], noMatch: ['We ask annotators to rate the outputs.'] } },
  { id: 'problem-this-solves', tokens: [{ lemma: ['problem', 'question', 'challenge'] }, { lemma: ['this', 'we', 'our'] }, { lemma: ['paper', 'work', 'post', 'study', 'address', 'tackle', 'solve', 'answer', 'ask'], gap: 1 }], examples: { match: ['The problem this post solves is slow triage.'], noMatch: ['This problem is hard.'] } },
];

/** Frames that put understanding itself forward as the aim or contribution. */
export const UNDERSTANDING: readonly Pattern[] = [
  { id: 'aim-to-understand', tokens: [{ lemma: ['goal', 'aim', 'seek', 'want', 'try', 'set', 'hope', 'objective', 'purpose'] }, { lemma: ['to'], gap: 3 }, { lemma: ['better', 'fully', 'deeply'], optional: true }, { lemma: ['shed', 'understand', 'explain', 'study', 'investigate', 'explore', 'characterize', 'characterise', 'uncover', 'elucidate', 'illuminate', 'analyze', 'analyse', 'examine', 'probe'] }], examples: { match: ['Our goal is to understand how models store facts.', 'We aim to better understand induction heads.'], noMatch: ['We aim to remove the concept.'] } },
  { id: 'deepen-understanding', tokens: [{ lemma: ['deepen', 'advance', 'improve', 'further', 'enhance', 'broaden', 'contribute', 'provide', 'offer', 'give', 'yield', 'gain'] }, { lemma: ['understanding', 'insight', 'knowledge', 'picture', 'account', 'window'], gap: 4 }], examples: { match: ['This deepens our understanding of attention.', 'We provide new insights into circuits.'], noMatch: ['We provide code.'] } },
  { id: 'light-on-how', tokens: [{ lemma: ['light', 'window', 'insight'] }, { lemma: ['on', 'into'] }, { lemma: ['how', 'why', 'what', 'inner', 'mechanism', 'internal', 'working'], gap: 1 }], examples: { match: ['These results shed light on how transformers add numbers.', 'They offer a window into how models represent syntax.'], noMatch: ['We shed light on the cost of routing, which saves 30%.'] } },
  { id: 'contribution-is-account', tokens: [{ lemma: ['contribution'] }, { lemma: ['be'], gap: 2 }, { lemma: ['a', 'an', 'primarily', 'mainly', 'conceptual', 'explanation', 'map', 'account', 'description', 'characterization', 'understanding', 'detailed', 'single'], gap: 1 }, { lemma: ['conceptual', 'explanation', 'map', 'account', 'description', 'characterization', 'understanding', 'picture', 'analysis', 'theory'], gap: 2 }], examples: { match: ['Our primary contribution is an explanation of a behaviour.', 'Our contribution is primarily conceptual.'], noMatch: ['Our contribution is a filter that cuts review time by half.'] } },
  { id: 'understanding-is-valuable', tokens: [{ lemma: ['understanding', 'understand'] }, { lemma: ['be'], gap: 4 }, { lemma: ['valuable', 'worthwhile', 'important', 'interesting', 'goal', 'end'], gap: 2 }], examples: { match: ['Understanding how models compute is valuable in itself.'], noMatch: ['We ask whether the probe helps.'] } },
];

/** Frames of a problem someone has. */
export const PROBLEM: readonly Pattern[] = [
  { id: 'cannot', tokens: [{ pos: ['NOUN', 'PROPN'] }, { lemma: ['can', 'do', 'be'], gap: 2 }, { lemma: ['not', "n't", 'unable'] }, { pos: ['VERB', 'ADJ'], gap: 1 }], examples: { match: ['Moderators cannot tell which replies are toxic.', 'Deployment teams do not know when the model hallucinates.'], noMatch: ['We do not claim completeness.'] } },
  { id: 'fail', tokens: [{ pos: ['NOUN', 'PROPN'] }, { lemma: ['fail', 'struggle', 'break', 'hallucinate', 'miss', 'leak', 'degrade', 'overfit', 'forget', 'mislead'], gap: 3 }], examples: { match: ['Current detectors fail silently on long inputs.', 'Chat models hallucinate drug doses.'], noMatch: ['We fail to see a difference.'] } },
  { id: 'costly', tokens: [{ lemma: ['be', 'remain', 'prove'] }, { lemma: ['too', 'very', 'prohibitively', 'often', 'still', 'expensive', 'costly'], optional: true, gap: 1 }, { lemma: ['expensive', 'costly', 'slow', 'unreliable', 'brittle', 'hard', 'difficult', 'infeasible', 'impractical', 'error-prone', 'opaque', 'risky', 'dangerous'] }], examples: { match: ['Retraining is prohibitively expensive for most teams.', 'Manual review is slow and error-prone.'], noMatch: ['The edit is cheap.'] } },
  { id: 'need-way', tokens: [{ lemma: ['need', 'lack', 'want', 'require'] }, { lemma: ['a', 'an', 'some', 'any', 'reliable', 'cheap', 'way', 'method', 'tool', 'means'], gap: 3 }], examples: { match: ['Teams with small budgets need a cheap way to control tone.', 'Clinicians lack a way to check the rationale.'], noMatch: ['We need more seeds.'] } },
];

export function framing(ctx: Context): void {
  const { tokens, claims, out } = ctx;
  if (firstMatch(VAGUE_IMPACT, tokens)) out.add('vague-impact');
  const understanding = firstMatch(UNDERSTANDING, tokens);
  if (understanding && !claims.some((c) => ACTIONS.has(c.act) && c.actAt > understanding.end)) out.add('understanding-only');
  else if (firstMatch(GOAL, tokens)) out.add('goal');
  if (firstMatch(PROBLEM, tokens) && !claims.some((c) => c.actor === 'we' && c.status === 'negated')) out.add('problem-statement');
}

/** Problem frames also hold in cited background ("X fail on Y (Smith, 2021)"). */
export function problemOnly(ctx: Context): void {
  if (firstMatch(PROBLEM, ctx.tokens)) ctx.out.add('problem-statement');
}
