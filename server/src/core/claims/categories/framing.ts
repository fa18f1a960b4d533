import type { Token } from '../../nlp/analyse';
import { firstMatch, type Pattern, type PatternMatch } from '../../nlp/patterns';
import type { Claim } from '../claims';
import WORDS from '../lexicon/framing.json';
import IMPACT from '../lexicon/impact.json';
import PROBLEM_WORDS from '../lexicon/problem.json';
import LEXICON from '../lexicon.json';
import { ACTIONS, type Context } from './shared';

// How the work frames itself: its goal, the problem it takes on, vague impact, understanding only.
// Patterns find the frames; the decision reads the claims around them: a frame counts only when it is
// about this work (not an audience's act, not future work, not a hypothetical), and understanding is
// "only" when no act of this work follows it, or when the sentence itself disclaims any application.

const set = (xs: readonly string[]) => new Set(xs);
const INSIGHT = set(WORDS.insight);
const AUDIENCE = set(Object.keys(LEXICON.audience));
const LITERATURE = set(WORDS.literature);
/** Who acts on a model's use: an audience other than fellow researchers ("helps researchers understand" stays understanding). */
const ACTING_AUDIENCE = set(Object.entries(LEXICON.audience as Record<string, string>).filter(([, role]) => role !== 'researcher').map(([word]) => word));
const COUNTERFACTUAL = set(WORDS.counterfactual);
const LATER = set(WORDS.later);
const OPEN_QUESTION = set(WORDS.openQuestion);
const FIRST_PERSON = set(WORDS.firstPerson);
const OWN_VOICE = set(WORDS.ownVoice);
const OWN_WORK = set(WORDS.ownWork);
const WH = set(['what', 'which', 'that', 'who', 'whom', 'where', 'whose']);
const ARGUE = set(PROBLEM_WORDS.argue);
const FAILING = set(PROBLEM_WORDS.fail);
const AIMS = set(PROBLEM_WORDS.aim);
const PURPOSE = set(['order', 'as', 'enough']);

/** Where the field or the world at large is the beneficiary: no one named, nothing done. */
const FIELD = ['research', 'work', 'study', 'evaluation', 'investigation', 'effort', 'conversation', 'discussion', 'debate', 'inquiry', 'progress', 'development', 'interest'];
const SAFE = ['safe', 'safer', 'safety', 'secure', 'trustworthy', 'reliable', 'robust', 'transparent', 'aligned', 'accountable', 'responsible', 'honest', 'controllable', 'interpretable', 'beneficial', ...IMPACT.virtue];

/** Idioms and frames of impact that name no one and nothing done. */
export const VAGUE_IMPACT: readonly Pattern[] = [
  { id: 'pave-the-way', tokens: [{ lemma: ['pave', 'clear', 'point'] }, { lemma: ['the'] }, { lemma: ['way'] }], examples: { match: ['This work paved the way for safer models.', 'These results pave the way toward editing.', 'The benchmark is paving the way for audits.'], noMatch: ['We paved a road.'] } },
  { id: 'shed-light', tokens: [{ lemma: ['shed', 'throw', 'cast'] }, { lemma: ['new', 'some', 'more', 'much', 'further'], optional: true }, { lemma: ['light'] }, { lemma: ['on', 'onto', 'into'] }], examples: { match: ['Our analysis sheds light on how models store facts.', 'The results shed some light on routing.', 'We aim to shed new light on recall.'], noMatch: ['The lamp sheds light.'] } },
  { id: 'implications-for', tokens: [{ lemma: ['have', 'carry', 'hold'] }, { lemma: ['implication'], gap: 2 }, { lemma: ['for', 'in'] }], examples: { match: ['These findings have important implications for safety.', 'This has big implications for interpretability as a whole.', 'Our view has implications for continual learning.', 'A clearer picture of attention has several implications in vision.'], noMatch: ['We discuss the implications in Section 5.', 'The proof has two implications, listed in Section 5.'] } },
  { id: 'inform-field', tokens: [{ lemma: ['inform', 'guide', 'motivate', 'inspire', 'accelerate', 'spark', 'encourage', 'stimulate', 'foster', 'spur', 'catalyse', 'catalyze', 'fuel'] }, { lemma: ['future', 'safety', 'further', 'the', 'design', 'development', 'of', 'research', 'work', 'more', 'safer', 'better', 'new', 'honest', 'trustworthy', 'reliable', 'ai', 'system', 'assistant', 'alignment', 'effort', 'direction', 'interpretability', 'circuit'], gap: 0 }], examples: { match: ['Our findings could inform safety research.', 'This could inform the design of more honest assistants.', 'We hope EdgeSweep will accelerate circuit research.', 'We expect these results to spark further research.'], noMatch: ['We inform users about the risk by showing a warning.', 'We encourage developers to log the scores.', 'We hope this pilot encourages evaluation of probe-based routing at scale.'] } },
  { id: 'encourage-more-field', tokens: [{ lemma: ['inspire', 'spark', 'encourage', 'stimulate', 'foster', 'spur', 'motivate', 'invite'] }, { lemma: ['more', 'further', 'future', 'new'] }, { lemma: FIELD, gap: 2 }], examples: { match: ['We hope that these findings will encourage more human-centred evaluation of explanations.'], noMatch: ['We encourage more annotators to join.'] } },
  { id: 'step-toward', tokens: [{ lemma: ['step', 'move', 'stride', 'contribution', 'point', 'look'] }, { lemma: ['toward', 'towards'] }], examples: { match: ['This is a step towards safer AI.', 'a first step toward trustworthy systems', 'Our results point towards a future of maintainable models.'], noMatch: ['We step through the layers.'] } },
  { id: 'of-interest', tokens: [{ lemma: ['be', 'remain', 'prove'] }, { lemma: ['of'] }, { lemma: ['broad', 'wide', 'general', 'great', 'particular', 'independent', 'considerable', 'wider'], optional: true }, { lemma: ['interest', 'use', 'value', 'relevance'] }, { lemma: ['to'] }], examples: { match: ['The results are of broad interest to the community.', 'Such an audit could be of interest to policymakers.'], noMatch: ['the region of interest to the user'] } },
  { id: 'valuable-to-anyone', tokens: [{ lemma: ['be', 'prove', 'remain'] }, { lemma: ['valuable', 'useful', 'helpful', 'beneficial', 'relevant', 'important'], gap: 1 }, { lemma: ['to', 'for'] }, { lemma: ['anyone', 'everyone', 'practitioner', 'researcher', 'community', 'research', 'field', 'work', 'many', 'others', 'those', 'safe', 'safety', 'deployment'], gap: 2 }], examples: { match: ['This insight could prove valuable for future research on model transparency.', 'These graphs can be useful to anyone who wants to know why.', 'We hope these findings will prove valuable to practitioners.', 'Our tools will be useful for the community.'], noMatch: ['The probe is useful for routing queries.', 'These heads turn out to be most important for the translation task.', 'The heads are important for the low perplexity of the model.'] } },
  { id: 'important-for-safe', tokens: [{ lemma: ['be'] }, { lemma: ['important', 'crucial', 'essential', 'critical', 'key', 'vital', 'necessary'], gap: 1 }, { lemma: ['for', 'to'] }, { lemma: SAFE, gap: 2 }], examples: { match: ['Understanding these failure modes is important for the safe use of summarisation in hospitals.'], noMatch: ['The learning rate is important for convergence.'] } },
  { id: 'open-avenue', tokens: [{ lemma: ['offer', 'suggest', 'point', 'create'] }, { lemma: ['up', 'new', 'promising', 'exciting', 'many', 'several', 'the', 'a', 'way', 'to'], optional: true, gap: 2 }, { lemma: ['avenue', 'direction', 'possibility', 'door', 'opportunity', 'path'] }], examples: { match: ['These results create new opportunities for cheaper inference.', 'The findings point to new directions.'], noMatch: ['We offer a discount.'] } },
  { id: 'open-new-avenue', tokens: [{ lemma: ['open'] }, { lemma: ['up', 'new', 'promising', 'exciting', 'many', 'several', 'the', 'a', 'way', 'to', 'fresh', 'novel'] }, { lemma: ['up', 'new', 'promising', 'exciting', 'many', 'several', 'research', 'fresh', 'novel'], optional: true, gap: 1 }, { lemma: ['avenue', 'direction', 'possibility', 'door', 'opportunity', 'path'] }], examples: { match: ['This opens up new possibilities.', 'Our results open new avenues for research.', 'the results open exciting avenues for future research', 'It opens the door to audits.'], noMatch: ['We open the file.', 'Two open possibilities remain untested.', 'Several open directions remain, and we list them below.'] } },
  { id: 'lay-groundwork', tokens: [{ lemma: ['lay', 'provide', 'build', 'form'] }, { lemma: ['the', 'a'], optional: true }, { lemma: ['groundwork', 'foundation', 'basis'] }], examples: { match: ['It lays the groundwork for future tools.'], noMatch: ['We provide code.'] } },
  { id: 'valuable-insight', tokens: [{ lemma: ['valuable', 'important', 'novel', 'deep', 'deeper', 'key', 'useful'] }, { lemma: ['insight'] }], examples: { match: ['Our study provides valuable insights.'], noMatch: ['We report an insight about layer 5 and use it to prune heads.'] } },
  { id: 'help-make-safer', tokens: [{ lemma: ['help', 'contribute'] }, { lemma: ['make', 'to', 'towards', 'toward', 'build', 'the', 'development', 'of'], optional: true, gap: 2 }, { lemma: SAFE, gap: 3 }], examples: { match: ['This could help make assistants more secure.', 'It contributes to safer AI.', 'These features may contribute to alignment in the long run.', 'We hope it will help build more private voice technology.'], noMatch: ['The probe helps moderators triage replies.'] } },
  { id: 'make-safer', tokens: [{ lemma: ['make'] }, { lemma: ['safer'], gap: 3, notLemma: ['by', 'with', 'to'] }], examples: { match: ['This tool will eventually make models safer for everyone.'], noMatch: ['We make the probe robust to paraphrase by adding noise.'] } },
  { id: 'make-more-safe', tokens: [{ lemma: ['make'] }, { lemma: ['more'], gap: 3, notLemma: ['by', 'with', 'to'] }, { lemma: SAFE }], examples: { match: ['Our work is part of an effort to make neural networks more transparent.'], noMatch: ['which may have made them more careful than real users'] } },
  { id: 'broader-effort', tokens: [{ lemma: ['broad', 'broader', 'wide', 'wider', 'ongoing', 'large', 'larger', 'growing', 'long-term', 'overarching'] }, { lemma: ['effort', 'agenda', 'conversation', 'discussion', 'debate', 'programme', 'program', 'goal', 'vision', 'movement', 'push', 'quest', 'project', 'mission'] }], examples: { match: ['Our work is part of a broader effort to make networks transparent.', 'our work contributes to the ongoing conversation about safety'], noMatch: ['The effort is broad.'] } },
  { id: 'broader-impact-on', tokens: [{ lemma: ['impact', 'benefit', 'advance', 'further', 'transform', 'reshape'] }, { lemma: ['the', 'our'], optional: true }, { lemma: ['field', 'community', 'interpretability', 'safety', 'understanding', 'science'] }], examples: { match: ['These findings will advance the field.'], noMatch: ['The edit advances the date of the event.'] } },
  { id: 'change-how-we-think', tokens: [{ lemma: ['change', 'transform', 'reshape', 'inform', 'influence', 'shape'] }, { lemma: ['how', 'the', 'way'] }, { lemma: ['we', 'people', 'community', 'field', 'researcher', 'one', 'the'], gap: 1 }, { lemma: ['think', 'view', 'approach', 'reason', 'evaluate', 'see'], gap: 1 }], examples: { match: ['This work could change how we think about trust in AI.', 'It may reshape how the community views knowledge.'], noMatch: ['We change how the model routes queries.'] } },
  { id: 'implications-how', tokens: [{ lemma: ['implication', 'consequence', 'lesson'] }, { lemma: ['for'] }, { lemma: ['how'] }, { lemma: ['we', 'people', 'community', 'field', 'researcher', 'the'], gap: 1 }, { lemma: ['think', 'view', 'approach', 'evaluate', 'study', 'see'], gap: 1 }], examples: { match: ['Our findings have implications for how the community thinks about knowledge.'], noMatch: ['The implications for the model are listed.'] } },
  { id: 'role-in-safe', tokens: [{ lemma: ['play'] }, { lemma: ['growing', 'increasing', 'greater', 'larger', 'central', 'important', 'key', 'vital', 'major', 'big', 'significant'], gap: 1, optional: true }, { lemma: ['role', 'part'], gap: 1 }, { lemma: ['in'] }, { lemma: [...SAFE, 'future', 'deployment', 'alignment', 'governance', 'oversight'], gap: 2 }], examples: { match: ['Representation-level methods will play a growing role in the safe deployment of AI.', 'Probes of this kind can play a part in building more trustworthy assistants.', 'These directions will play a central role in building fairer AI systems.'], noMatch: ['Head 9.1 plays a key role in copying the name.'] } },
  { id: 'part-of-safe', tokens: [{ lemma: ['become', 'be', 'form'] }, { lemma: ['part'], gap: 1 }, { lemma: ['of'] }, { lemma: SAFE, gap: 2 }], examples: { match: ['Audits of this kind may become part of safer deployment practice.'], noMatch: ['The head is part of the circuit.'] } },
  { id: 'help-the-field', tokens: [{ lemma: ['help', 'benefit', 'serve', 'assist', 'empower'] }, { lemma: ['the', 'our', 'a', 'broad', 'broader', 'wide', 'wider', 'research', 'interpretability', 'scientific'], optional: true, gap: 2 }, { lemma: ['community', 'field'] }], examples: { match: ['Holistic accounts may also help the community build better models in the long run.', 'We hope it serves the broader research community.'], noMatch: ['The probe helps moderators triage replies.', 'We thank the community for its feedback.'] } },
  { id: 'potential-to', tokens: [{ lemma: ['have', 'hold', 'show', 'carry'] }, { lemma: ['potential', 'promise'], gap: 2 }, { lemma: ['to', 'for'] }, { lemma: [...SAFE, 'improve', 'advance', 'benefit', 'transform', 'help', 'inform', 'future', 'safer'], gap: 2 }], examples: { match: ['This approach has the potential to improve the safety of deployed models.', 'These methods hold promise for safer AI.'], noMatch: ['The potential is computed per token.'] } },
  { id: 'broad-implications', tokens: [{ lemma: ['broad', 'broader', 'wide', 'wider', 'far-reaching', 'important', 'significant', 'profound', 'practical', 'major'] }, { lemma: ['implication', 'impact', 'consequence', 'ramification'] }], examples: { match: ['These results have broader implications.', 'Our findings may have far-reaching consequences.'], noMatch: ['The broad category of heads.'] } },
  { id: 'promising-direction', tokens: [{ lemma: ['promising', 'exciting', 'fruitful', 'new', 'future', 'interesting'] }, { lemma: ['avenue', 'direction', 'path', 'line'] }, { lemma: ['for', 'of'] }, { lemma: ['future', 'research', 'work', 'study', 'investigation', 'inquiry'], gap: 1 }], examples: { match: ['This is a promising direction for future research.'], noMatch: ['We steer along a new direction of the residual stream.'] } },
  { id: 'relevant-to-field', tokens: [{ lemma: ['relevant', 'relevance', 'important', 'useful', 'valuable', 'beneficial', 'significance', 'consequence'] }, { lemma: ['to', 'for'] }, { lemma: ['ai', 'the', 'model', 'interpretability', 'future'], optional: true, gap: 1 }, { lemma: ['safety', 'alignment', 'field', 'community', 'governance', 'oversight'] }], examples: { match: ['Our results are relevant to AI safety.', 'findings of significance for the field'], noMatch: ['The heads are important for the task.'] } },
  { id: 'closer-to', tokens: [{ lemma: ['bring', 'move', 'get', 'take'] }, { lemma: ['we', 'us', 'the', 'field', 'community', 'one', 'a', 'step'], optional: true, gap: 1 }, { lemma: ['closer', 'nearer'] }, { lemma: ['to', 'toward', 'towards'] }], examples: { match: ['This work brings us closer to trustworthy AI.'], noMatch: ['We move the token closer.'] } },
  { id: 'set-the-stage', tokens: [{ lemma: ['set', 'prepare'] }, { lemma: ['the'] }, { lemma: ['stage', 'scene', 'ground'] }, { lemma: ['for'] }], examples: { match: ['These results set the stage for future audits.'], noMatch: ['We set the stage size to 4.'] } },
  { id: 'stepping-stone', tokens: [{ lemma: ['stepping', 'building', 'important', 'key', 'crucial'] }, { lemma: ['stone', 'block', 'ingredient', 'milestone'] }, { lemma: ['for', 'toward', 'towards', 'to', 'of', 'in'] }], examples: { match: ['Our method is a stepping stone towards safer assistants.', 'a key ingredient for trustworthy AI'], noMatch: ['the first block of the network'] } },
  { id: 'impact-on-field', tokens: [{ lemma: ['impact', 'influence', 'effect'] }, { lemma: ['on'] }, { lemma: ['the', 'ai', 'future'], optional: true, gap: 1 }, { lemma: ['field', 'community', 'safety', 'alignment', 'research', 'society', 'practice'] }], examples: { match: ['Our work could have a lasting impact on the field.'], noMatch: ['The edit has an effect on accuracy.'] } },
  { id: 'broader-applications', tokens: [{ lemma: ['enable', 'facilitate', 'foster', 'unlock', 'potential', 'promote', 'drive', 'spur', 'open', 'support'] }, { lemma: ['broad', 'broader', 'wide', 'wider', 'future', 'further', 'downstream', 'numerous', 'myriad', 'countless', 'diverse'], gap: 2 }, { lemma: ['application', 'advancement', 'advance', 'progress', 'breakthrough', 'use'] }], examples: { match: ['This highlights our method\'s role in knowledge updates, enabling broader applications and future advancements in the field.', 'The results suggest its potential for broader applications.'], noMatch: ['We enable two applications, triage and routing, and measure both.', 'Future applications are listed in Section 6.'] } },
  { id: 'have-in-common', tokens: [{ lemma: ['more', 'much'] }, { lemma: ['in'] }, { lemma: ['common'] }], examples: { match: ['interpretability and efficiency research have more in common than is usually assumed'], noMatch: ['the common case'] } },
];

/** Frames that state a goal or ask the question the work answers. */
export const GOAL: readonly Pattern[] = [
  { id: 'goal-is-to', tokens: [{ lemma: ['goal', 'aim', 'objective', 'purpose', 'intent', 'mission'] }, { lemma: ['be'], gap: 4 }, { lemma: ['to', 'for', 'a', 'an', 'that'], gap: 1 }], examples: { match: ['Our goal is to give developers a precise tool.', 'The aim of this work is to cut review time.', 'Our goal is a procedure that moderators can run.', 'Our aim is for content moderators to be able to switch off a behaviour.'], noMatch: ['The goal of the agent is unclear.'] } },
  { id: 'we-aim', tokens: [{ lemma: ['we', 'i', 'this', 'paper', 'work', 'study', 'post'] }, { lemma: ['aim', 'seek', 'set', 'want', 'try', 'intend', 'strive'], gap: 2 }, { lemma: ['to', 'out'] }], examples: { match: ['We aim to reduce the cost of routing.', 'In this paper we set out to remove a concept.'], noMatch: ['They aim high.'] } },
  { id: 'want-someone-able', tokens: [{ lemma: ['want', 'aim', 'goal', 'wish', 'hope'] }, { lemma: ['be'], gap: 8 }, { lemma: ['able'] }, { lemma: ['to'] }], examples: { match: ['We want clinicians who use a medical assistant to be able to correct a drug interaction.'], noMatch: ['Clinicians are able to correct it.'] } },
  { id: 'we-ask', tokens: [{ lemma: ['we', 'i', 'it', 'paper', 'work', 'study', 'post'] }, { lemma: ['ask', 'address', 'tackle', 'test', 'answer', 'solve', 'find'], gap: 2 }, { lemma: ['out'], optional: true }, { lemma: ['whether', 'if', ':', 'how'] }], examples: { match: ['We ask: can we obtain good outcomes by controlling the KL divergence?', 'We ask whether a steering vector can replace an adapter.', 'Instead, it asks whether attribution scores find mislabelled examples.', 'In this post we try to find out whether features can tell you which facts an edit will break.'], noMatch: ['We ask annotators to rate the outputs.'] } },
  { id: 'question-is', tokens: [{ lemma: ['question'] }, { lemma: ['be', 'answer', 'ask'], gap: 7 }, { lemma: ['whether', 'if', ':'], gap: 2 }], examples: { match: ['The question I wanted to answer this summer was simple: can you turn off flattery?', 'The central question is whether probes help.'], noMatch: ['The question of cost is left open.'] } },
  { id: 'yes-no-question', tokens: [{ lemma: ['can', 'do', 'be', 'will', 'could', 'would', 'should', 'may'], pos: ['AUX', 'VERB'] }, { lemma: ['?'], gap: 40 }], examples: { match: ['Can a probe trained in one game flag deceptive answers in another?', 'Does ranking answers by a probe catch more errors than ranking them by length?'], noMatch: ['Can be used to route queries.'] } },
  { id: 'what-we-are-after', tokens: [{ lemma: ['what'] }, { lemma: ['we', 'i'] }, { lemma: ['be'], gap: 2 }, { lemma: ['after'], gap: 1 }], examples: { match: ['What I was really after: a way for moderators to dial down gore.'], noMatch: ['What we saw after training was noise.'] } },
  { id: 'we-investigate-whether', tokens: [{ lemma: ['we', 'i', 'paper', 'work', 'study', 'post'] }, { lemma: ['investigate', 'examine', 'study', 'explore', 'evaluate', 'determine', 'assess', 'wonder', 'query'], gap: 2 }, { lemma: ['whether', 'if'] }], examples: { match: ['We investigate whether a probe can decide which answers to withhold.', 'This paper examines whether steering can replace fine-tuning.'], noMatch: ['We investigate how heads compose.'] } },
  { id: 'goal-colon', tokens: [{ lemma: ['goal', 'aim', 'objective', 'question', 'problem'] }, { lemma: [':'] }], examples: { match: ['Our objective: a detector that flags fabricated citations.'], noMatch: ['The goal of the agent is unclear.'] } },
  { id: 'address-problem-of', tokens: [{ lemma: ['address', 'tackle', 'solve', 'study', 'consider', 'attack'] }, { lemma: ['the', 'a', 'this'], optional: true }, { lemma: ['practical', 'concrete', 'specific', 'important'], optional: true }, { lemma: ['problem', 'question', 'challenge', 'task'] }, { lemma: ['of'] }], examples: { match: ['We tackle the problem of detecting leaked account numbers.'], noMatch: ['We solve the problem.'] } },
  { id: 'problem-name-solves', tokens: [{ lemma: ['problem', 'question', 'challenge'] }, { lemma: ['which', 'that'], optional: true }, { pos: ['PROPN'] }, { lemma: ['address', 'tackle', 'solve', 'answer', 'target', 'attack'] }], examples: { match: ['The problem TrojanTrace targets is finding the poisoned examples.'], noMatch: ['The problem GPT-2 has is repetition.'] } },
  { id: 'problem-this-solves', tokens: [{ lemma: ['problem', 'question', 'challenge'] }, { lemma: ['which', 'that'], optional: true }, { lemma: ['this', 'we', 'our'] }, { lemma: ['paper', 'work', 'post', 'study', 'address', 'tackle', 'solve', 'answer', 'ask', 'target', 'attack'], gap: 1 }], examples: { match: ['The problem this post solves is slow triage.', 'The problem which this note tackles is choosing a precision per request.'], noMatch: ['This problem is hard.'] } },
];

/** Frames that put understanding itself forward as the aim or contribution. */
export const UNDERSTANDING: readonly Pattern[] = [
  { id: 'aim-to-understand', tokens: [{ lemma: ['goal', 'aim', 'seek', 'want', 'try', 'set', 'hope', 'objective', 'purpose', 'point', 'intend', 'order'] }, { lemma: ['to'], gap: 5 }, { lemma: ['better', 'fully', 'deeply', 'simply', 'just', 'only', 'merely'], optional: true }, { lemma: ['shed', 'understand', 'explain', 'study', 'investigate', 'explore', 'characterize', 'characterise', 'uncover', 'elucidate', 'illuminate', 'analyze', 'analyse', 'examine', 'probe', 'describe', 'map', 'interpret'] }], examples: { match: ['Our goal is to understand how models store facts.', 'We aim to better understand induction heads.', 'The point of this post is simply to understand the circuit better.'], noMatch: ['We aim to remove the concept.'] } },
  { id: 'in-order-to-understand', tokens: [{ lemma: ['study', 'analyse', 'analyze', 'examine', 'investigate', 'report', 'present', 'measure', 'offer'] }, { lemma: ['to', 'as'], gap: 4 }, { lemma: ['understand', 'explain', 'describe', 'evidence', 'characterise', 'characterize'], gap: 1 }], examples: { match: ['We study these failures to understand them.', 'We report these measurements to describe the model.', 'We offer these results as evidence about how concepts are stored.'], noMatch: ['We study these failures to fix them.'] } },
  { id: 'deepen-understanding', tokens: [{ lemma: ['deepen', 'advance', 'improve', 'further', 'enhance', 'broaden', 'contribute', 'provide', 'offer', 'give', 'yield', 'gain', 'add', 'enrich', 'sharpen', 'inform'] }, { lemma: ['understanding', 'insight', 'knowledge', 'picture', 'account', 'window', 'view', 'map', 'explanation', 'characterisation', 'characterization', 'overview', 'survey', 'summary', 'taxonomy', 'catalogue', 'catalog'], gap: 4, notLemma: ['tool', 'method', 'way', 'recipe'] }], examples: { match: ['This survey aims to provide a comprehensive overview of circuit discovery methods.', 'This deepens our understanding of attention.', 'We provide new insights into circuits.', 'Our analysis offers a new view of the internal states.', 'These results add to our understanding of erasure.'], noMatch: ['We provide code.', 'We give moderators a tool with a view of the scores.'] } },
  { id: 'mental-model', tokens: [{ lemma: ['better', 'clearer', 'richer', 'new', 'good', 'complete', 'fuller', 'detailed'] }, { lemma: ['mental'] }, { lemma: ['model', 'picture'] }], examples: { match: ['The main takeaway is a better mental model of how LLMs represent what they know.'], noMatch: ['We train a better model.'] } },
  { id: 'light-on-how', tokens: [{ lemma: ['light', 'window', 'insight'] }, { lemma: ['on', 'into'] }, { lemma: ['how', 'why', 'what', 'where', 'inner', 'mechanism', 'internal', 'working', 'nature', 'geometry', 'structure', 'organisation', 'organization'], gap: 1 }], examples: { match: ['These results shed light on how transformers add numbers.', 'They offer a window into how models represent syntax.', 'These findings shed light on the geometry of refusal.'], noMatch: ['We shed light on the cost of routing, which saves 30%.'] } },
  { id: 'contribution-is-account', tokens: [{ lemma: ['contribution', 'value', 'takeaway', 'focus', 'interest', 'aim', 'goal', 'point'] }, { lemma: ['be', 'lie', 'sit', 'rest'], gap: 4 }, { lemma: ['a', 'an', 'the', 'in', 'on', 'with', 'primarily', 'mainly', 'entirely', 'purely', 'largely', 'what', 'clearer', 'richer', 'better', 'detailed', 'single', 'these', 'descriptive', 'conceptual', 'explanatory', 'understanding', 'insight'], gap: 1 }, { lemma: ['conceptual', 'explanation', 'map', 'account', 'description', 'characterization', 'characterisation', 'understanding', 'understand', 'picture', 'analysis', 'theory', 'insight', 'descriptive', 'explanatory', 'reveal', 'view'], gap: 3 }], examples: { match: ['Our primary contribution is an explanation of a behaviour.', 'Our contribution is primarily conceptual.', 'Its value lies in the understanding it provides.', 'Our focus is entirely on understanding the mechanism.', 'The value of this study lies in what it reveals about the model.'], noMatch: ['Our contribution is a filter that cuts review time by half.'] } },
  { id: 'is-descriptive', tokens: [{ lemma: ['be'] }, { lemma: ['mostly', 'purely', 'largely', 'primarily', 'mainly', 'entirely', 'essentially', 'a', 'an', 'too'], optional: true, gap: 1 }, { lemma: ['descriptive', 'explanatory', 'conceptual', 'exploratory', 'curiosity', 'analytical', 'observational'] }], examples: { match: ['This line of work is mostly descriptive.', 'The aim of this paper is explanatory.', 'This was a curiosity project.', 'Our work is exploratory.'], noMatch: ['The probe is accurate.'] } },
  { id: 'reveal-about', tokens: [{ lemma: ['reveal', 'tell', 'teach', 'show'] }, { lemma: ['much', 'something', 'little', 'a', 'lot', 'us'], optional: true, gap: 1 }, { lemma: ['about'] }, { lemma: ['the', 'how', 'why', 'what', 'a', 'its', 'their'] }, { pos: ['NOUN', 'ADJ', 'PRON', 'DET', 'PROPN'], optional: true }], examples: { match: ['Our experiments reveal much about the structure of attribution scores.', 'what erasure reveals about a network'], noMatch: ['The probe reveals about 30% of the errors.'] } },
  { id: 'contribution-to-science', tokens: [{ lemma: ['contribution', 'exercise', 'contribute'] }, { lemma: ['to', 'in'] }, { lemma: ['the', 'our'], optional: true }, { lemma: ['science', 'understanding', 'understand', 'study', 'theory'], gap: 1 }], examples: { match: ['We see this work as a contribution to the science of how models represent uncertainty.', 'our study is an exercise in understanding'], noMatch: ['a contribution to the codebase'] } },
  { id: 'about-understanding', tokens: [{ lemma: ['about', 'on', 'in'] }, { lemma: ['understand', 'understanding'] }, { lemma: ['what', 'how', 'why', 'the', 'rather', 'than'] }], examples: { match: ['this project was more about understanding what is going on inside the model', 'our focus is on understanding the mechanism'], noMatch: ['We build on understanding.'] } },
  { id: 'toward-understanding', tokens: [{ lemma: ['step', 'toward', 'towards', 'contribute', 'contribution'] }, { lemma: ['to', 'toward', 'towards'], optional: true }, { lemma: ['a', 'the', 'our', 'better', 'deeper', 'fuller', 'mechanistic', 'scientific'], optional: true, gap: 1 }, { lemma: ['understanding', 'understand'] }], examples: { match: ['This work is a first step towards understanding how models plan.', 'It contributes to a better understanding of attention.'], noMatch: ['A step towards safer AI.'] } },
  { id: 'interested-in-how', tokens: [{ lemma: ['interested', 'curious', 'concerned'] }, { lemma: ['in', 'about'], optional: true }, { lemma: ['how', 'why', 'what', 'where'] }], examples: { match: ['We are interested in how the model tracks entities.', 'I was curious why the head attends there.'], noMatch: ['We are interested in whether probes help moderators.'] } },
  { id: 'illuminate-how', tokens: [{ lemma: ['illuminate', 'elucidate', 'demystify', 'clarify', 'illustrate', 'unravel'] }, { lemma: ['how', 'why', 'what', 'inner', 'internal', 'mechanism', 'nature', 'structure'], gap: 1 }], examples: { match: ['These findings illuminate how models store facts.', 'This study elucidates the inner workings of recall.'], noMatch: ['We clarify the notation.'] } },
  { id: 'problem-is-understanding', tokens: [{ lemma: ['problem', 'question', 'challenge', 'task', 'goal', 'aim', 'focus'] }, { lemma: ['be'], gap: 5 }, { lemma: ['simply', 'just', 'mainly', 'better', 'to'], optional: true, gap: 1 }, { lemma: ['understand', 'understanding', 'explain', 'explaining', 'characterise', 'characterize', 'characterising', 'characterizing', 'describe', 'describing', 'study', 'studying'] }], examples: { match: ['The problem this post tackles is understanding how rare facts are stored.', 'The question we address is simply explaining why the head fires.'], noMatch: ['The problem this post tackles is choosing a precision per request.', 'The goal is to remove the concept.'] } },
  { id: 'help-understand', tokens: [{ lemma: ['help', 'allow', 'enable', 'let'] }, { lemma: ['the', 'community', 'field', 'researcher', 'reader', 'us', 'others', 'people', 'practitioner'], optional: true, gap: 2 }, { lemma: ['to'], optional: true }, { lemma: ['better', 'further', 'fully'], optional: true }, { lemma: ['understand'] }], examples: { match: ['We hope this work helps the community better understand what SAE features are.', 'These maps help researchers understand attention.'], noMatch: ['The map helps moderators decide which posts to remove.'] } },
  { id: 'worth-lies-in-insight', tokens: [{ lemma: ['worth', 'value', 'merit', 'point', 'payoff', 'benefit'] }, { lemma: ['lie', 'rest', 'consist'], gap: 8 }, { lemma: ['above', 'all', 'first', 'and', 'foremost', 'mainly', 'chiefly', 'primarily', 'in', 'the', 'a', 'an', 'new', 'deeper', 'better'], optional: true, gap: 5 }, { lemma: ['insight', 'understanding'] }], examples: { match: ['The worth of probing research, we contend, lies above all in the insight it provides into representations.', 'The value of this work, in our view, lies first and foremost in the understanding it provides.'], noMatch: ['The value of the filter lies in the time it saves reviewers.'] } },
  { id: 'understanding-is-valuable', tokens: [{ lemma: ['understanding', 'understand'] }, { lemma: ['be'], gap: 4 }, { lemma: ['valuable', 'worthwhile', 'interesting', 'goal', 'end'], gap: 2 }, { lemma: ['in', 'itself', 'on', 'its'], gap: 1 }], examples: { match: ['Understanding how models compute is valuable in itself.'], noMatch: ['We ask whether the probe helps.', 'Understanding these failures is important for safe use.'] } },
];

/** Disclaimers that set application aside ("not a tool", "without proposing a fix", "we make no claim about…"). */
export const DISCLAIMER: readonly Pattern[] = [
  { id: 'not-an-application', tokens: [{ lemma: ['not', 'no', 'without', 'rather', 'nothing', 'none'] }, { lemma: ['tool', 'application', 'apply', 'recipe', 'recommendation', 'recommend', 'intervention', 'fix', 'utility', 'build', 'propose', 'control', 'useful', 'use', 'practical', 'design', 'suggest', 'more', 'beyond', 'method', 'editor', 'detector', 'deployment', 'setting', 'immediate'], gap: 6 }], examples: { match: ['we seek an account, not a tool', 'it characterises the mechanism without proposing an intervention', 'we make no claim about their practical utility', 'None of this is meant to be useful yet.', 'It suggests no immediate application.'], noMatch: ['The score cuts review time.'] } },
  { id: 'not-our-aim', tokens: [{ lemma: ['be'] }, { lemma: ['not'] }, { lemma: ['our', 'the', 'my', 'its'], optional: true }, { lemma: ['aim', 'goal', 'focus', 'intention', 'purpose', 'concern', 'point'] }], examples: { match: ['designing a better editor is not our aim'], noMatch: ['the aim is clear'] } },
  { id: 'stop-short', tokens: [{ lemma: ['stop', 'fall'] }, { lemma: ['short'] }], examples: { match: ['they stop short of any intervention'], noMatch: ['a short stop'] } },
];

/** What someone in a problem cannot do: know, tell, check, afford… */
const CAPABLE = ['know', 'tell', 'see', 'detect', 'distinguish', 'verify', 'check', 'predict', 'understand', 'trust', 'afford', 'apply', 'access', 'audit', 'inspect', 'identify', 'find', 'catch', 'notice', 'decide', 'reproduce', 'scale', 'generalise', 'generalize', 'transfer', 'handle', 'explain', 'guarantee', 'measure', 'evaluate', 'capture', 'reveal', 'help', 'run', 'use', 'rely', 'control', 'fix', 'correct', 'remove', 'replicate', 'anticipate', 'spot', 'determine', 'assess', 'interpret', 'justify', 'keep', 'cope'];

/** Frames of a problem someone has. */
export const PROBLEM: readonly Pattern[] = [
  { id: 'cannot', tokens: [{ pos: ['NOUN', 'PROPN', 'PRON'], notLemma: ['we', 'i', 'you', 'it'] }, { lemma: ['can', 'do', 'cannot'], gap: 3, notLemma: ['did', 'could', 'would', 'if', 'we', 'not', 'what', 'which', 'that', 'when'] }, { lemma: ['not', "n't"] }, { lemma: CAPABLE, gap: 1, notLemma: ['be'] }], examples: { match: ['Moderators cannot tell which replies are toxic.', 'Deployment teams do not know when the model hallucinates.', 'the engineers who deploy them cannot see why a completion was produced'], noMatch: ['We do not claim completeness.', 'The probe cannot be used with closed APIs.'] } },
  { id: 'fail', tokens: [{ pos: ['NOUN', 'PROPN'] }, { lemma: PROBLEM_WORDS.fail, gap: 5, notLemma: ['we', 'if', 'when', 'that', 'which'] }], examples: { match: ['Current detectors fail silently on long inputs.', 'Chat models hallucinate drug doses.', 'Knowledge editors tend to corrupt unrelated facts.', 'Speech recognisers misfire on accented audio.'], noMatch: ['We fail to see a difference.'] } },
  { id: 'falls-apart', tokens: [{ pos: ['NOUN', 'PROPN', 'PRON'], notLemma: ['we', 'i'] }, { lemma: PROBLEM_WORDS.fallApart, gap: 3, notLemma: ['we', 'if', 'when', 'that', 'which'] }, { lemma: PROBLEM_WORDS.apart }], examples: { match: ['Our in-house recognizer falls apart on strongly accented speech.', 'The pipeline breaks down when queries mix languages.'], noMatch: ['Accuracy falls by two points.', 'We break the task down into steps.'] } },
  { id: 'is-missing', tokens: [{ lemma: ['be', 'remain', 'go'] }, { lemma: PROBLEM_WORDS.missing, gap: 1 }], examples: { match: ['Model audits are missing a basic ingredient.', 'A reliable test is still lacking.'], noMatch: ['We fill in missing values.'] } },
  { id: 'goes-unnoticed', tokens: [{ lemma: ['go', 'remain'] }, { lemma: ['unnoticed', 'undetected', 'stale', 'unchecked', 'unaddressed', 'unexplored', 'unsolved', 'unmeasured'] }], examples: { match: ['The shift goes unnoticed until a security review.', 'the facts go stale'], noMatch: ['The model goes on.'] } },
  { id: 'costly', tokens: [{ lemma: ['be', 'remain', 'prove', 'become'] }, { lemma: ['too', 'very', 'prohibitively', 'often', 'still', 'notoriously', 'poorly', 'highly', 'expensive', 'costly', 'and'], optional: true, gap: 1 }, { lemma: ['expensive', 'costly', 'slow', 'unreliable', 'brittle', 'hard', 'difficult', 'infeasible', 'impractical', 'error-prone', 'risky', 'dangerous', 'wasteful', 'fragile', 'unstable', 'unclear', 'unknown', 'miscalibrated', 'unusable', 'inconsistent', 'noisy'] }], examples: { match: ['Retraining is prohibitively expensive for most teams.', 'Manual review is slow and error-prone.', 'Gradient-ascent unlearning is notoriously unstable.'], noMatch: ['The edit is cheap.'] } },
  { id: 'poorly', tokens: [{ lemma: ['poorly', 'badly', 'weakly'] }, { pos: ['VERB', 'ADJ'], notLemma: ['understand', 'understood', 'know', 'known', 'study', 'studied', 'characterise', 'characterize', 'explain', 'explore'] }], examples: { match: ['Confidence read from output probabilities is poorly calibrated.'], noMatch: ['Probe scores are well calibrated.', 'The algorithms inside networks are still poorly understood.'] } },
  { id: 'opaque-to', tokens: [{ lemma: ['opaque', 'inscrutable', 'incomprehensible', 'unintelligible'] }, { lemma: ['to', 'for'] }], examples: { match: ['The triage score is opaque to the clinicians who act on it.'], noMatch: ['Neural language models are powerful and opaque.'] } },
  { id: 'becomes-worse', tokens: [{ lemma: ['become', 'grow', 'get', 'turn'] }, { lemma: ['less', 'worse', 'unstable', 'unreliable', 'incoherent', 'repetitive', 'stale'] }], examples: { match: ['the steered model often becomes less fluent'], noMatch: ['the model becomes more accurate'] } },
  { id: 'may-not-exist', tokens: [{ lemma: ['may', 'might'] }, { lemma: ['not'] }, { lemma: ['exist'] }], examples: { match: ['which may not exist for a specialised domain'], noMatch: ['which may not hold in others'] } },
  { id: 'makes-it-hard', tokens: [{ lemma: ['make', 'leave'] }, { lemma: ['it', 'them', 'they'] }, { lemma: ['hard', 'difficult', 'impossible', 'unclear', 'brittle', 'unusable', 'unreliable', 'costly', 'expensive', 'weak'], gap: 1 }], examples: { match: ['which makes it hard to say where a property is computed', 'which makes them brittle in production', 'which makes it a weak signal'], noMatch: ['which makes it easy to route'] } },
  { id: 'need-way', tokens: [{ lemma: ['need', 'lack', 'want', 'require', 'have'] }, { lemma: ['a', 'an', 'some', 'any', 'no', 'reliable', 'cheap'], gap: 1 }, { lemma: ['way', 'method', 'tool', 'means', 'signal', 'test'], gap: 2 }], examples: { match: ['Teams with small budgets need a cheap way to control tone.', 'Clinicians lack a way to check the rationale.', 'practitioners have no reliable way to choose the layer'], noMatch: ['We need more seeds.'] } },
  { id: 'need-to-know', tokens: [{ lemma: ['need', 'want'] }, { lemma: ['to'] }, { lemma: ['know', 'tell', 'see', 'decide', 'check', 'verify', 'understand', 'show'] }], examples: { match: ['A physician needs to know which sentences were copied.'], noMatch: ['We need to train longer.'] } },
  { id: 'no-one-knows', tokens: [{ lemma: ['no', 'nobody', 'none'] }, { lemma: ['standard', 'existing', 'previous', 'prior', 'current', 'benchmark', 'test', 'study', 'work', 'method', 'one', 'tool', 'metric', 'of', 'these', 'reliable'], optional: true, gap: 2 }, { lemma: ['exist', 'know', 'measure', 'test', 'evaluate', 'address', 'help', 'tell', 'can', 'capture', 'check'], gap: 2 }], examples: { match: ['no standard test of this exists', 'nobody knows which of them harm the model', 'yet no benchmark measures this failure', 'no previous study has measured whether abstention helps', 'None of these methods can help an auditor'], noMatch: ['no loss on MMLU'] } },
  { id: 'rarely-evaluated', tokens: [{ lemma: ['rarely', 'seldom', 'typically', 'usually', 'mostly', 'often', 'only'] }, { lemma: ['evaluate', 'compare', 'test', 'validate', 'check', 'assess', 'find', 'catch', 'detect', 'measure'] }], examples: { match: ['Explanation methods are rarely compared against simple aids.', 'These monitors are typically evaluated on static benchmarks.', 'These monitors are usually tested on static benchmarks.'], noMatch: ['We rarely see this.'] } },
  { id: 'only-by-manual', tokens: [{ lemma: ['only', 'mostly', 'largely', 'mainly'] }, { lemma: ['by', 'through', 'after', 'from'] }, { lemma: ['manual', 'hand', 'run', 'human', 'expert', 'rerun', 'retrain', 'user', 'complaint', 'incident'], gap: 1 }], examples: { match: ['regressions are caught only by running large test suites', 'found only by manual review', 'operators learn about new failure modes mostly from user complaints'], noMatch: ['accuracy drops only by two points'] } },
  { id: 'single-setting', tokens: [{ lemma: ['a', 'one'] }, { lemma: ['single'] }, { lemma: ['narrow', 'prompt', 'fixed'], optional: true }, { lemma: ['task', 'dataset', 'model', 'template', 'prompt', 'benchmark', 'setting', 'language', 'seed'] }], examples: { match: ['they evaluate on a single dataset', 'each covers a single narrow task'], noMatch: ['a single head'] } },
  { id: 'costs-months', tokens: [{ lemma: ['cost', 'take', 'require', 'consume'] }, { lemma: ['thousand', 'million', 'hundred', 'month', 'week', 'year', 'day'] }], examples: { match: ['Retraining costs thousands of GPU hours.', 'Each analysis took months of expert effort.'], noMatch: ['Training took 3 hours.'] } },
  { id: 'depends-strongly', tokens: [{ lemma: ['depend', 'vary', 'rely'] }, { lemma: ['strongly', 'heavily', 'critically', 'wildly', 'sharply'] }], examples: { match: ['patching results depend strongly on the corrupted input'], noMatch: ['results depend on the input'] } },
  { id: 'can-be-fooled', tokens: [{ lemma: ['can', 'may'] }, { lemma: ['be'] }, { lemma: ['fool', 'game', 'bypass', 'circumvent', 'evade', 'exploit', 'trick', 'jailbreak'] }], examples: { match: ['The readout test itself can be fooled.'], noMatch: ['The probe can be trained.'] } },
  { id: 'criticised', tokens: [{ lemma: ['criticise', 'criticize', 'document', 'report', 'show', 'find'] }, { lemma: ['as', 'to'], optional: true, gap: 1 }, { lemma: ['fragile', 'unstable', 'unreliable', 'brittle', 'degrade', 'fail', 'break'] }], examples: { match: ['Influence estimates have been criticised as fragile.', 'Steering methods have been found to degrade fluency.'], noMatch: ['We find the probe accurate.'] } },
  { id: 'instability', tokens: [{ lemma: ['instability', 'fragility', 'brittleness', 'unreliability', 'inconsistency', 'cost', 'expense'] }, { lemma: ['across', 'of', 'under', 'in'] }, { lemma: ['run', 'seed', 'training', 'prompt'], gap: 1 }], examples: { match: ['their instability across runs has been documented'], noMatch: ['the cost of the edit'] } },
  { id: 'annoying', tokens: [{ lemma: ['annoying', 'frustrating', 'painful', 'tricky'] }, { lemma: ['thing', 'part', 'problem', 'issue'] }, { lemma: ['about', 'with'] }], examples: { match: ['The annoying thing about steering is the sweep.'], noMatch: ['the hard part of the dataset'] } },
  { id: 'problem-noun', tokens: [{ lemma: ['obstacle', 'gap', 'bottleneck', 'barrier', 'shortcoming', 'limitation', 'drawback'] }, { lemma: ['remain', 'matter', 'persist'] }, { lemma: [':', 'in', 'unaddressed', 'open'], optional: true }], examples: { match: ['A practical obstacle remains: maintainers cannot apply these methods.', 'The gap matters in practice.'], noMatch: ['The gap is 3 points.'] } },
  { id: 'poses-challenge', tokens: [{ lemma: ['be', 'remain', 'pose', 'present', 'become'] }, { lemma: ['a', 'an', 'the', 'major', 'key', 'serious', 'significant', 'open', 'central', 'growing', 'persistent', 'practical', 'real', 'main'], optional: true, gap: 2 }, { lemma: ['problem', 'concern', 'challenge', 'risk', 'bottleneck', 'obstacle', 'threat', 'barrier', 'hurdle', 'pain'] }], examples: { match: ['Hallucination remains a major problem for deployed assistants.', 'Prompt injection poses a serious risk to tool-using agents.'], noMatch: ['This is a solution.'] } },
  { id: 'forced-to', tokens: [{ lemma: ['be'] }, { lemma: ['force', 'forced', 'left', 'oblige', 'obliged'] }, { lemma: ['to'] }], examples: { match: ['Moderators are forced to read every reply.', 'Users are left to guess.'], noMatch: ['We left the rest to future work.'] } },
  { id: 'there-is-no', tokens: [{ lemma: ['be', 'exist'] }, { lemma: ['no', 'little'], gap: 1 }, { lemma: ['reliable', 'standard', 'established', 'principled', 'cheap', 'agreed', 'good', 'systematic', 'clear', 'such'], optional: true, gap: 1 }, { lemma: ['way', 'method', 'benchmark', 'standard', 'test', 'tool', 'metric', 'means', 'guarantee', 'consensus', 'evidence', 'procedure'] }], examples: { match: ['There is no reliable way to tell a lucky answer from a reliable one.', 'There is currently no benchmark for sequential edits.'], noMatch: ['There is no difference between the runs.'] } },
  { id: 'existing-methods-require', tokens: [{ lemma: ['existing', 'current', 'prior', 'previous', 'standard', 'conventional', 'popular', 'today'] }, { lemma: ['method', 'approach', 'tool', 'technique', 'benchmark', 'evaluation', 'metric', 'detector', 'editor', 'practice', 'system', 'defence', 'defense', 'filter', 'monitor', 'audit'], gap: 2 }, { lemma: ['require', 'need', 'assume', 'ignore', 'overlook', 'neglect', 'lack', 'suffer', 'treat', 'rely', 'only', 'cannot', 'conflate', 'miss'], gap: 3 }], examples: { match: ['Existing editing methods require access to the weights.', 'Current detectors rely on keyword lists.'], noMatch: ['Existing methods are compared in Table 2.'] } },
];

/** The claim whose clause holds token `at`. */
function claimAt(claims: readonly Claim[], at: number): Claim | undefined {
  return claims.find((c) => c.start <= at && at < c.end);
}

/** A frame of this work's own voice: not an audience's act, not future work, not inside a hypothetical. */
function ownFrame(tokens: readonly Token[], claims: readonly Claim[], m: PatternMatch): boolean {
  const c = claimAt(claims, m.start) ?? claimAt(claims, m.end - 1);
  if (c?.status === 'future') return false;
  // An audience that is the subject acts on its own ("Four auditing teams then try to uncover…"); one
  // that the frame names is whom the work serves ("Our goal is to give developers…").
  if (c?.actor === 'audience' && tokens.slice(c.start, m.start).some((t) => (t.pos === 'NOUN' || t.pos === 'PROPN') && (AUDIENCE.has(t.lemma) || AUDIENCE.has(t.lemma.replace(/s$/, ''))))) return false;
  if (m.start > 0 && OPEN_QUESTION.has(tokens[m.start - 1].lemma)) return false;
  // A frame that opens with a verb ("try to uncover", "aim to") needs this work as its subject.
  if (tokens[m.start].pos === 'VERB') {
    for (let i = m.start - 1; i >= (c?.start ?? 0); i--) {
      const t = tokens[i];
      if (t.pos === 'PRON' || t.pos === 'NOUN' || t.pos === 'PROPN') {
        // "our measurements help…": what this work's own voice owns is its work.
        if (!OWN_WORK.has(t.lemma) && !OWN_VOICE.has(t.lower) && !OWN_VOICE.has(tokens[i - 1]?.lower ?? '')) return false;
        break;
      }
    }
  }
  for (let i = 0; i < m.start; i++) if (LATER.has(tokens[i].lemma) && (tokens[i].pos === 'ADJ' || tokens[i].pos === 'ADV' || tokens[i].pos === 'NOUN')) return false;
  return true;
}

/** A question asked at the start of the sentence or after a colon ("We ask a narrow question: can…?"). */
function asked(tokens: readonly Token[], m: PatternMatch): boolean {
  if (m.pattern.id !== 'yes-no-question') return true;
  if (m.end - m.start < 8) return false; // "Is this useful?" asks nothing specific
  // At the start, after a colon, or after an opening phrase with no verb ("…: at a fixed budget, does…?").
  let i = m.start - 1;
  if (i >= 0 && tokens[i].text === ',') {
    while (i > 0 && tokens[i - 1].text !== ':' && tokens[i - 1].pos !== 'VERB' && tokens[i - 1].pos !== 'AUX') i--;
    i--;
  }
  return i < 0 || tokens[i].text === ':';
}

/** A present-tense form: a problem someone has now, not what an experiment found ("missed", "collapsed"). */
function present(t: Token): boolean {
  return t.lower === t.lemma || t.lower === `${t.lemma}s` || t.lower === `${t.lemma}es` || t.lower === `${t.lemma.replace(/y$/, '')}ies`;
}

/** The first of `patterns` that matches where `keep` accepts it. */
function firstWhere(patterns: readonly Pattern[], tokens: readonly Token[], keep: (m: PatternMatch) => boolean): PatternMatch | undefined {
  let best: PatternMatch | undefined;
  for (const p of patterns) {
    for (let from = 0; from < tokens.length; ) {
      const m = firstMatch([p], tokens, from);
      if (!m) break;
      if (keep(m)) {
        if (!best || m.start < best.start) best = m;
        break;
      }
      from = m.start + 1;
    }
  }
  return best;
}

/** Understanding framed as the contribution, with no act of this work named after it. */
function understandingOnly(ctx: Context): boolean {
  return understandingFrame(ctx.tokens, ctx.claims) !== undefined;
}

/**
 * The frame that puts understanding forward as this work's contribution (token range), when no act
 * of this work follows it: "Our goal is to understand…", "we seek an account, not a tool".
 */
export function understandingFrame(tokens: readonly Token[], claims: readonly Claim[]): PatternMatch | undefined {
  const u = firstWhere(UNDERSTANDING, tokens, (m) => ownFrame(tokens, claims, m));
  // A contrastive "not" ("an account, not a tool"), not a verb's negation ("cannot be explained").
  const disclaimed = firstWhere(DISCLAIMER, tokens, (m) => !(tokens[m.start].lower === 'not' && tokens[m.start - 1]?.pos === 'AUX' && tokens[m.start - 1].lemma !== 'be'));
  if (u && disclaimed) return u;
  if (disclaimed && tokens.some((t) => INSIGHT.has(t.lemma) || INSIGHT.has(t.lower))) return disclaimed;
  if (!u) return undefined;
  // "a conceptual argument for…": an adjective that ends the frame but modifies another noun names that noun's kind.
  if (u.pattern.id === 'contribution-is-account' && tokens[u.end - 1].pos === 'ADJ' && tokens[u.end]?.pos === 'NOUN') return undefined;
  // "to describe the methods, metrics and task suites": describing the literature is a survey's work, not understanding a model.
  if (tokens.slice(u.end, u.end + 3).some((t) => t.pos === 'NOUN' && LITERATURE.has(t.lemma))) return undefined;
  // Insight for someone who acts on it ("the value of probing for auditors lies in the insight it gives them") is no understanding for its own sake.
  if (tokens.slice(u.start, u.end).some((t) => ACTING_AUDIENCE.has(t.lemma) || ACTING_AUDIENCE.has(t.lemma.replace(/s$/, '')))) return undefined;
  return !claims.some((c) => ACTIONS.has(c.act) && c.actAt > u.end && c.status !== 'negated') && !purpose(tokens, u.end) ? u : undefined;
}

/** An act toward an objective outside interpretability as the purpose after token `from`: "…in order to catch answers…", "…well enough to detect…". */
function purpose(tokens: readonly Token[], from: number): boolean {
  for (let i = from + 2; i < tokens.length; i++) {
    const lead = tokens[i - 1].lower === 'to' && PURPOSE.has(tokens[i - 2].lower);
    if (lead && tokens[i].pos === 'VERB' && (ACTIONS.has(tokens[i].lemma) || AIMS.has(tokens[i].lemma))) return true;
  }
  return false;
}

/**
 * A frame said by this work of itself: "we" or "I" in its clause, or in an earlier clause that is not a
 * verb of arguing ("we find that the probe fails…" reports a result; "we argue that audits are missing…" states a problem).
 */
function ourClaim(tokens: readonly Token[], claims: readonly Claim[], m: PatternMatch): boolean {
  const c = claimAt(claims, m.start);
  const first = (from: number, to = tokens.length) => tokens.slice(from, to).some((t) => t.pos === 'PRON' && FIRST_PERSON.has(t.lower));
  if (!first(0)) return false;
  const argued = claims.find((o) => ARGUE.has(o.act) && o.status !== 'negated' && o.end <= (c?.start ?? m.start) && first(o.start, o.end));
  return !argued || first(argued.end);
}

/** A problem stated in the paper's own voice about the world: not what we found or would do. */
export function problemFrame(tokens: readonly Token[], claims: readonly Claim[]): PatternMatch | undefined {
  if (COUNTERFACTUAL.has(tokens[0]?.lemma ?? '')) return undefined;
  return firstWhere(PROBLEM, tokens, (m) => {
    const c = claimAt(claims, m.start);
    // What we found or did is a result, not a problem; what we argue is one ("we argue that audits are missing…").
    if (ourClaim(tokens, claims, m)) return false;
    const clause = c ? tokens.slice(c.start, c.end) : tokens;
    if (clause.some((t) => COUNTERFACTUAL.has(t.lower))) return false;
    // "Understanding these models is difficult", "an obstacle to scaling up interpretability": a problem of
    // the research itself, not of anyone who uses a model (§2: the problem is one a stakeholder has).
    // Only as a head: "model audits based on interpretability tools" are a problem of audits.
    if (tokens.some((t, i) => RESEARCH_ITSELF.has(t.lemma) && !NOMINAL.has(tokens[i + 1]?.pos ?? '')) && !claims.some((x) => x.actor === 'audience')) return false;
    // An embedded question or a relative clause describes, it states no problem ("what they don't know",
    // "pages that the detector misses").
    // "Table 5 breaks down errors by type": a transitive "break down" sorts, it does not fail.
    // "It remains unclear whether…" asks an open question; it names no one's problem.
    if (m.pattern.id === 'costly' && /^(unclear|unknown)$/.test(tokens[m.end - 1].lower) && /^(whether|if|how|what|why|which)$/.test(tokens[m.end]?.lower ?? '')) return false;
    const particle = m.pattern.id === 'falls-apart' ? m.end : PROBLEM_WORDS.apart.includes(tokens[m.end]?.lower ?? '') ? m.end + 1 : -1;
    if (particle >= 0 && ['NOUN', 'DET', 'ADJ', 'NUM', 'PROPN'].includes(tokens[particle]?.pos ?? '')) return false;
    if (m.pattern.id === 'is-missing' && m.start > 0 && WH.has(tokens[m.start - 1].lower)) return false;
    if (m.pattern.id === 'fail' || m.pattern.id === 'cannot') {
      if (m.start > 0 && WH.has(tokens[m.start - 1].lower)) return false;
      if (c && WH.has(tokens[c.start].lower) && !tokens.slice(c.start + 1, m.start).some((t) => t.pos === 'VERB')) return false;
      if (m.pattern.id === 'fail' && !present(tokens[m.end - 1])) return false;
    }
    return true;
  });
}

/** Words that make a problem one of interpretability research itself. */
const RESEARCH_ITSELF = set(['understand', 'understanding', 'interpretability', 'interpretable', 'interpret']);
const NOMINAL = new Set(['NOUN', 'PROPN']);

/** A wh-word that opens the question a goal frame asks: "we ask how…", "we want to know how much…". */
const WH_QUESTION = set(['how', 'what', 'which', 'why', 'where', 'when']);
const FIND_OUT = set(['know', 'find', 'see', 'learn', 'out']);

/**
 * Whether a goal frame is aimed at a task, a failure, a decision or a measurable quantity. A yes-no
 * question ("we ask whether a probe can flag…") and an aim ("our goal is to give developers…") are
 * aimed by their frame; a wh-question ("we ask how the ranking changes", "we wanted to know how much
 * it does") is a research question, aimed only when it asks a degree of something it names ("how
 * much of the large model's accuracy can be kept", "how often a circuit predicts…"), or when an act of
 * the action lexicon or an audience's act follows ("we ask how a team can decide which queries to escalate").
 */
function aimed(tokens: readonly Token[], claims: readonly Claim[], m: PatternMatch): boolean {
  let w = m.end - 1;
  if (!WH_QUESTION.has(tokens[w].lower)) for (w = m.end; w < tokens.length && FIND_OUT.has(tokens[w].lemma); w++);
  if (w >= tokens.length || !WH_QUESTION.has(tokens[w].lower) || w > m.end + 2) return true;
  const degree = tokens[w].lower === 'how' && (tokens[w + 1]?.pos === 'ADJ' || tokens[w + 1]?.pos === 'ADV') && tokens.slice(w + 2).some((t) => t.pos === 'NOUN' || t.pos === 'PROPN');
  return degree || actsToward(tokens, claims, w + 1) >= 0;
}

/**
 * Where what follows token `from` acts toward an objective outside interpretability (§2.1): an audience's
 * act ("lets a developer shrink the model"), or a verb of the action lexicon, of an aim such as detecting,
 * predicting or deciding, or of a failure ("which facts an edit will break"): the act's token index, or -1.
 */
export function actsToward(tokens: readonly Token[], claims: readonly Claim[], from: number): number {
  // Our own failing is no failure mode of a model ("before I forget it").
  const ours = (i: number) => i > 0 && tokens[i - 1].pos === 'PRON' && FIRST_PERSON.has(tokens[i - 1].lower) && FAILING.has(tokens[i].lemma);
  const audience = claims.find((c) => c.actAt >= from && c.actor === 'audience');
  const verb = tokens.findIndex((t, i) => i >= from && t.pos === 'VERB' && (ACTIONS.has(t.lemma) || AIMS.has(t.lemma) || FAILING.has(t.lemma)) && !ours(i));
  return audience && (verb < 0 || audience.actAt < verb) ? audience.actAt : verb;
}

/** A frame of this work's goal or question; `aimed` false for a research question that names no task, failure, decision or quantity. */
export function goalFrame(tokens: readonly Token[], claims: readonly Claim[]): { match: PatternMatch; aimed: boolean } | undefined {
  // "Our goal is not to improve accuracy…" sets an aim aside.
  // A frame inside a relative clause describes something else ("the setting in which the question is well defined: …").
  const relative = (m: PatternMatch) => {
    const c = claimAt(claims, m.start);
    return !!c && c.start > 0 && WH.has(tokens[c.start].lower) && !tokens.slice(c.start, m.start).some((t) => t.text === ',');
  };
  const own = (m: PatternMatch) => asked(tokens, m) && ownFrame(tokens, claims, m) && !relative(m) && !tokens.slice(m.start, m.end).some((t) => t.lower === 'not' || t.lower === "n't" || t.lower === 'never');
  const match = firstWhere(GOAL, tokens, (m) => own(m) && aimed(tokens, claims, m));
  if (match) return { match, aimed: true };
  const question = firstWhere(GOAL, tokens, own);
  return question ? { match: question, aimed: false } : undefined;
}

/** A run-in heading or a label: at most three words and no verb ("Practical implications.", "Broader impact:"). */
function label(tokens: readonly Token[]): boolean {
  const words = tokens.filter((t) => t.pos !== 'PUNCT' && t.pos !== 'SYM');
  return words.length <= 3 && !words.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
}

export function framing(ctx: Context): void {
  const { tokens, claims, out } = ctx;
  if (!label(tokens) && firstMatch(VAGUE_IMPACT, tokens)) out.add('vague-impact');
  if (understandingOnly(ctx)) out.add('understanding-only');
  else if (goalFrame(tokens, claims)?.aimed) out.add('goal');
  if (problemFrame(tokens, claims)) out.add('problem-statement');
}

/**
 * Cited background: problem frames still hold ("X fail on Y (Smith, 2021)"), and so does this work's
 * own understanding-only aim set beside the cited one ("Whereas Geva et al. aimed at…, we seek only to understand…").
 */
export function problemOnly(ctx: Context): void {
  if (problemFrame(ctx.tokens, ctx.claims)) ctx.out.add('problem-statement');
  if (ctx.tokens.some((t) => t.pos === 'PRON' && OWN_VOICE.has(t.lower)) && understandingOnly(ctx)) ctx.out.add('understanding-only');
}
