import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { GOAL, PROBLEM, UNDERSTANDING, VAGUE_IMPACT, sentenceCategories } from '../../server/src/core/claims/categories/index';
import { BACK_REFERENCE, RESPONSIBILITY } from '../../server/src/core/claims/categories/mechanism';
import { CITED, HYPOTHETICAL } from '../../server/src/core/claims/categories/provenance';
import { actLemma, sentenceClaims } from '../../server/src/core/claims/claims';
import { analyse } from '../../server/src/core/nlp/analyse';
import { matchPattern } from '../../server/src/core/nlp/patterns';

describe('linguistic layer', () => {
  it('keeps every token at its exact place in the sentence', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('We', 'ablate', 'head', '9.6', '[cite:a,b]', 'fine-tuned', '(Meng et al., 2022)', '40%', '[math]', "don't", '—', 'GPT-2', ',', 'naïve', '📈'), { minLength: 1, maxLength: 14 }), (words) => {
        const text = words.join(' ') + '.';
        for (const t of analyse(text).tokens) assert.equal(text.slice(t.start, t.end), t.text);
      }),
      { numRuns: 300 },
    );
  });
  it('reads placeholders as one token each, and caches by text', () => {
    const a = analyse('We follow [cite:meng2022] and report [math] in [ref:tab:main].');
    assert.deepEqual(a.tokens.filter((t) => t.placeholder).map((t) => t.placeholder), ['cite', 'math', 'ref']);
    assert.equal(analyse('We follow [cite:meng2022] and report [math] in [ref:tab:main].'), a);
  });
  it('joins hyphenated terms and corrects verbs the tagger reads as nouns', () => {
    const lemma = (s: string, w: string) => analyse(s).tokens.find((t) => t.text === w);
    assert.equal(lemma('We fine-tuned the model.', 'fine-tuned')?.lemma, 'fine-tune');
    assert.equal(lemma('These heads route information to the output.', 'route')?.pos, 'VERB');
    assert.equal(lemma('The feature fires on Python code.', 'fires')?.pos, 'VERB');
    assert.equal(lemma('We apply model edits to the weights.', 'edits')?.pos, 'NOUN');
    assert.equal(lemma('Steering the model fails.', 'Steering')?.pos === 'PROPN', false);
    // A clause needs a finite verb: a plural-looking noun after the subject's head is the verb in -s.
    assert.equal(lemma('On TimeShift, our editor updates 94% of facts correctly.', 'updates')?.pos, 'VERB');
    assert.equal(lemma('On three benchmarks, KeyGuard halves the loss of earlier edits.', 'halves')?.lemma, 'halve');
    assert.equal(lemma('Zeroing these neurons cuts extraction by 72%.', 'cuts')?.pos, 'VERB');
    // Not when the clause has its verb already, or the noun stands before a preposition.
    assert.equal(lemma('The model reads the updates of each step.', 'updates')?.pos, 'NOUN');
    assert.equal(lemma('Our editor stores updates in a cache.', 'updates')?.pos, 'NOUN');
  });
  it('reads a sentence the same whatever was read before it (wink keeps words it has seen whole)', () => {
    const words = (s: string) => analyse(s).tokens.map((t) => t.text);
    // A word never seen, split as usual; then seen whole at a sentence's end; then read again in a new sentence.
    assert.deepEqual(words("We read the zorblens's top token."), ['We', 'read', 'the', 'zorblens', "'s", 'top', 'token', '.']);
    analyse("The exit of the quorblens's.");
    assert.deepEqual(words("We read the quorblens's top token."), ['We', 'read', 'the', 'quorblens', "'s", 'top', 'token', '.']);
  });
  it('reads an act whatever its form', () => {
    const at = (s: string, w: string) => actLemma(analyse(s).tokens.find((t) => t.text === w)!);
    assert.equal(at('The removal of the direction helps.', 'removal'), 'remove');
    assert.equal(at('We remove the direction.', 'remove'), 'remove');
    assert.equal(at('Removing the direction helps.', 'Removing'), 'remove');
    assert.equal(at('Patching works.', 'Patching'), 'patch');
    assert.equal(at('Tuning works.', 'Tuning'), 'tune');
  });
  it('finds who acts: a component in a relative clause, an audience, the authors, cited work', () => {
    const actors = (s: string) => sentenceClaims(s).claims.map((c) => `${c.actor}:${c.act}:${c.status}:${c.source}`);
    assert.ok(actors('We find 212 neurons that drive the emission of addresses.').some((c) => c.startsWith('component:drive:')));
    assert.ok(actors('Developers can remove the concept by projecting out the direction.').some((c) => c.startsWith('audience:remove:proposed')));
    assert.ok(actors('We did not compare with LoRA.').some((c) => c.startsWith('we:compare:negated')));
    assert.ok(actors('Prior work patched activations to localise facts [cite:meng2022].').every((c) => c.endsWith(':cited')));
    // The head noun names the actor: "circuit discovery" is a method, "the refusal feature" a component.
    assert.ok(actors('Circuit discovery sheds light on language models.').some((c) => c.startsWith('unnamed:shed:')));
    assert.ok(actors('The refusal feature fires on harmful prompts.').some((c) => c.startsWith('component:fire:')));
    // A fronted prepositional phrase with no comma ends at the pronoun subject.
    assert.ok(actors('In all experiments we used the released checkpoint.').some((c) => c.startsWith('we:use:')));
    assert.ok(actors('For each prompt we record the top token.').some((c) => c.startsWith('we:record:')));
    // A gerund subject is the writer's own act; a citation keeps its source.
    assert.ok(actors('Ablating these heads lowers accuracy from 91% to 12%.').some((c) => c.startsWith('we:ablate:measured:own')));
    assert.ok(actors('Ablating these heads lowers accuracy (Wang et al., 2023).').some((c) => c.startsWith('we:ablate:') && c.endsWith(':cited')));
  });
  it('reads passives, participles after the subject, light verbs that hand on the act, and embedded relatives', () => {
    const actors = (s: string) => sentenceClaims(s).claims.map((c) => `${c.actor}:${c.act}:${c.status}`);
    // A passive's subject is acted on: who acts is unnamed, and the subject is the object.
    assert.ok(actors('Monitors are retrained every week.').includes('unnamed:retrain:done'));
    assert.equal(sentenceClaims('The features are suppressed.').claims[0].object, 'The features');
    // A participle after the subject modifies it; the clause's verb comes later.
    assert.ok(actors('Dermatologists given concept explanations overruled 47% of wrong suggestions.').includes('audience:overrule:measured'));
    assert.ok(actors('Auditors assessing an unlearning claim should run the readout test.').includes('audience:run:proposed'));
    // The light verb's object is who then acts.
    assert.ok(actors('We release a tool that lets developers run the filter on their own data.').includes('audience:run:proposed'));
    assert.ok(actors('Our goal is to give toxicology reviewers a way to see which outputs need checking.').some((c) => c.startsWith('audience:see:proposed')));
    assert.ok(actors('Selective prediction lets a model abstain when it is unsure.').some((c) => c.startsWith('model:abstain')));
    assert.ok(actors('We hope practitioners will adopt this kind of routing.').includes('audience:adopt:proposed'));
    // A relative clause inside the subject leaves the predicate to the noun before it.
    assert.ok(actors('Participants who saw counterfactual explanations accepted 18% of wrong answers.').includes('audience:accept:measured'));
    assert.ok(actors('Deployment engineers who adopt the filter should combine it with a classifier.').includes('audience:combine:proposed'));
    // A relative clause with its own subject; "of" after the head.
    assert.ok(actors('Our goal is a procedure that moderators can run on any removal.').includes('audience:run:proposed'));
    assert.ok(actors('Developers of medical imaging models should run the attribution.').includes('audience:run:proposed'));
    // What a proposed method does is proposed; a count of the subject or a model name is no measure.
    assert.ok(actors('We propose KeyGuard, which defers edits whose keys collide.').includes('system:defer:proposed'));
    assert.ok(actors('Two players reported a problem.').includes('audience:report:done'));
    assert.ok(actors('The router sends the query to GPT-4o.').includes('system:send:done'));
    // A non-finite adverbial clause has the main clause's subject and status; "without" does not pass them on.
    assert.ok(actors('Auditors can use such a probe as evidence when deciding whether a model is ready for release.').includes('audience:decide:proposed'));
    assert.ok(!actors('Auditors can check the model without retraining it.').some((c) => c.startsWith('audience:retrain')));
  });
});

describe('declarative patterns: every example is a test', () => {
  for (const [family, patterns] of Object.entries({ VAGUE_IMPACT, GOAL, UNDERSTANDING, PROBLEM, RESPONSIBILITY, BACK_REFERENCE, CITED, HYPOTHETICAL })) {
    for (const p of patterns) {
      for (const ex of p.examples.match) it(`${family}/${p.id} matches "${ex}"`, () => assert.ok(matchPattern(p, analyse(ex).tokens), ex));
      for (const ex of p.examples.noMatch) it(`${family}/${p.id} does not match "${ex}"`, () => assert.equal(matchPattern(p, analyse(ex).tokens), undefined, ex));
    }
  }
});

describe('sentence categories (first version, measured by npm run eval:sentences)', () => {
  it('tells a vague impact claim from a concrete action', () => {
    assert.ok(sentenceCategories('Our findings could inform the design of more honest assistants.').has('vague-impact'));
    assert.ok(!sentenceCategories('Our findings could inform the design of more honest assistants.').has('proposed-action'));
    assert.ok(sentenceCategories('This work paved the way for safer models.').has('vague-impact'));
    assert.ok(sentenceCategories('The results shed some light on routing.').has('vague-impact'));
    // A run-in heading names a topic and claims nothing; the sentence after it may.
    assert.ok(!sentenceCategories('Practical implications.').has('vague-impact'));
    assert.ok(!sentenceCategories('Broader impact:').has('vague-impact'));
    assert.ok(sentenceCategories('These results have broader implications.').has('vague-impact'));
  });
  it('reads goals, including questions, and understanding-only aims', () => {
    assert.ok(sentenceCategories('We ask: can we obtain good outcomes by controlling the KL divergence?').has('goal'));
    assert.ok(sentenceCategories('Our goal is to give developers a precise tool for removing a concept from a trained model.').has('goal'));
    assert.ok(sentenceCategories('Our goal is to understand how models store facts.').has('understanding-only'));
  });
  it('counts actions only when a person or a system acts, never in a goal, a causal test or a problem', () => {
    const has = (s: string, c: string) => sentenceCategories(s).has(c as never);
    assert.ok(has('Developers should run the shortcut attribution on every new data source.', 'audience-acts'));
    assert.ok(has('We recommend that auditors block a request only when both filters agree.', 'proposed-action'));
    assert.ok(has('Radiologists shown concept explanations rejected 58% of incorrect suggestions, compared with 31% without.', 'audience-acts'));
    assert.ok(!has('Once a model is in production, its operators learn about failures from user complaints.', 'audience-acts'));
    assert.ok(!has('Users in the study were recruited on Prolific and paid 12 pounds per hour.', 'audience-acts'));
    assert.ok(has('The router saves 58% of the cost of always using the large model.', 'action-measured'));
    assert.ok(!has('Ablating the two copying heads cuts the share of copied doses from 91% to 22%, which indicates that these heads implement the copy.', 'action-measured'));
    assert.ok(!has('Our goal is to give developers a precise tool for removing a concept from a trained model.', 'proposed-action'));
    // An action named in passing, even as a verb the tagger misreads after "the".
    assert.ok(has('Toxic completions on the held-out prompts fall from 12% to 5% after the edit.', 'action-measured'));
    // An intervention on a component aimed at an objective is an action, not only a test of the component.
    assert.ok(has('Ablating these background features raises worst-group accuracy from 50% to 68%.', 'action-measured'));
    // What is adopted can be an action itself; a decision about a model is an action only for an audience that acts.
    assert.ok(has('We hope practitioners will adopt this kind of routing in settings where retrieval is expensive.', 'proposed-action'));
    assert.ok(has('Auditors can use such a probe as evidence when deciding whether a model is ready for release.', 'proposed-action'));
    assert.ok(!has('We decide which layer to probe by its accuracy on a held-out split.', 'proposed-action'));
    assert.ok(!has('Annotators decide whether each answer of the model is correct.', 'proposed-action'));
    // Whatever an audience is told to do with the result is proposed, not only the acts of the action lexicon.
    assert.ok(has('Hospital pharmacists should check every flagged dosage against the formulary before it reaches a patient.', 'proposed-action'));
    assert.ok(has('We advise site reliability engineers to page a human whenever the probe fires twice in an hour.', 'proposed-action'));
    assert.ok(!has('Researchers should interpret these attributions with care.', 'proposed-action'));
    assert.ok(!has('This leaves open the question of which summaries help moderators triage appeals faster.', 'proposed-action'));
  });
  it('tells a causal test and a responsibility claim from a method name, a modifier or a reading', () => {
    const has = (s: string, c: string) => sentenceCategories(s).has(c as never);
    assert.ok(has('Ablating the two copying heads cuts the share of copied doses from 91% to 22%.', 'causal-test'));
    assert.ok(has('We mean-ablate each attention head in turn and record the change in logit difference.', 'causal-test'));
    assert.ok(has('We perform activation patching on every head and record the logit difference.', 'causal-test'));
    assert.ok(has('The number direction is not used for agreement, where accuracy does not change when it is removed.', 'causal-test'));
    assert.ok(!has('Steering coefficients are chosen on a validation set of 100 prompts.', 'causal-test'));
    assert.ok(!has('Activation patching replaces an activation with its value on another input.', 'causal-test'));
    assert.ok(!has('The mean cosine similarity between steering vectors from different seeds is 0.83.', 'causal-test'));
    assert.ok(!has('Steering with the feature beat few-shot prompting on two of our five tasks.', 'causal-test'));
    assert.ok(has('These heads route information about the subject to the final token.', 'responsibility-claim'));
    assert.ok(has('We find 212 MLP neurons in GPT-J that drive the emission of memorised addresses.', 'responsibility-claim'));
    assert.ok(has('These results suggest that the country attribute is encoded at layer 16.', 'responsibility-claim'));
    assert.ok(has('The layer-9 MLP is necessary and sufficient for the attribute to be recalled.', 'responsibility-claim'));
    assert.ok(!has('The feature fires on Python code.', 'responsibility-claim'));
    assert.ok(!has('Head 5.1 attends to the previous token.', 'responsibility-claim'));
    assert.ok(!has('A linear probe on layer 12 detects disclosures with AUROC 0.88.', 'responsibility-claim'));
    assert.ok(!has('We propose to certify absence by locating the neurons that store a record.', 'responsibility-claim'));
    assert.ok(!has('Ablating a random direction of the same norm changes the abstention rate by less than one point.', 'responsibility-claim'));
    // A share of a size, a cost or a statistic is no role in a behaviour.
    assert.ok(!has('Attention heads account for a third of the parameters of the encoder.', 'responsibility-claim'));
    assert.ok(!has('The embedding layers account for most of the memory footprint at inference.', 'responsibility-claim'));
    assert.ok(!has('This direction is responsible for 40% of the variance in the activations.', 'responsibility-claim'));
    assert.ok(has('Head 3.1 accounts for most of the refusal behaviour.', 'responsibility-claim'));
  });
  it('reads hypotheticals: conditions, inversions, imagined cases and hedged consequences', () => {
    const has = (s: string) => sentenceCategories(s).has('hypothetical');
    assert.ok(has('Were the model updated by its provider, all concept vectors would have to be re-extracted.'));
    assert.ok(has('For an ImageNet model, where a concept is spread over thousands of channels, a single direction would not suffice.'));
    assert.ok(has('Without retraining, the probe would have missed about a third of the sessions.'));
    assert.ok(!has('We report results for the final checkpoint unless stated otherwise.'));
    assert.ok(!has('Our findings could inform the design of more honest assistants.'));
    assert.ok(!has('Participants said they would use the tool again.'));
  });
  it('credits a contrast with cited work to both, and a borrowed tool to this work alone', () => {
    const a = sentenceCategories('Like Belrose et al. (2023), we compare only against other erasure methods.');
    assert.ok(a.has('cited-background'));
    assert.ok(!sentenceCategories('We use the tuned lens of Belrose et al. (2023) with translators trained on 50M tokens.').has('cited-background'));
    assert.ok(sentenceCategories('Rudin (2019) argued that one should use inherently interpretable models.').has('cited-background'));
    assert.ok(!sentenceCategories('Our study focuses on English-language models.').has('cited-background'));
  });
  it('credits cited background to others', () => {
    const c = sentenceCategories('Interpretability tools can identify and fix model errors [cite:hernandez2022].');
    assert.ok(c.has('cited-background'));
    assert.ok(!c.has('proposed-action'));
  });
});
