import { strict as assert } from 'node:assert';
import { sentenceCategories } from '../../server/src/core/claims/categories/index';
import { audienceActs, NAMED_AUDIENCE } from '../../server/src/core/claims/categories/audience';
import { sentenceClaims } from '../../server/src/core/claims/claims';
import { analyse } from '../../server/src/core/nlp/analyse';
import { matchPattern } from '../../server/src/core/nlp/patterns';
import { VAGUE_READERSHIP } from '../../rules/audience/index';
import { EXPLANATION_PHRASES } from '../../rules/audience-usefulness/index';

// The audience layer: who acts with this work's result (§5, Table 1), read from claims.

const actors = (text: string) => sentenceClaims(text).claims.map((c) => `${c.actor}:${c.act}:${c.status}`);
const ways = (text: string) => {
  const { tokens, claims } = sentenceClaims(text);
  return audienceActs(tokens, claims, sentenceCategories(text).has('hypothetical')).map((a) => `${a.how}:${a.who}:${a.claim.act}`);
};
const acts = (text: string) => sentenceCategories(text).has('audience-acts');

describe('audience in claims', () => {
  it('reads who acts after an opening clause, a fronted phrase, "for X to", and a comma before "who"', () => {
    assert.ok(actors('If you run a small model in front of a big one, you can drop this in as the routing rule.').includes('audience:drop:proposed'));
    assert.ok(actors('Until these limits are addressed, we advise practitioners to treat an edit as a patch.').includes('audience:treat:proposed'));
    assert.ok(actors('Our aim is for content moderators to be able to switch off the behaviour.').includes('audience:switch:proposed'));
    assert.ok(actors('Our explanations are designed for nurses, who decide whether to follow the priority.').includes('audience:decide:done'));
    assert.ok(actors('The probe lets deployment engineers decide which tickets to hand over.').includes('audience:decide:proposed'));
  });
  it('names no audience when its word only modifies the head', () => {
    assert.ok(!actors('Our user study shows that the tool saves time.').some((a) => a.startsWith('audience')));
    assert.ok(!actors("A second hospital's staff must review the summaries by hand.").some((a) => a.startsWith('audience')));
  });
  it('counts an audience that is told, enabled, offered or measured acting', () => {
    assert.ok(acts('Auditors can use such a probe as one piece of evidence before release.'));
    assert.ok(acts('We ask whether SAE features help an auditor find a hidden objective.'));
    assert.ok(acts('For developers who need to change a persona, we recommend starting from a steering vector.'));
    assert.ok(acts('With the concept explanations, the two astronomers discarded 17 of the 20 flawed predictions.'));
    // Advice for a case the audience is in, and what a user study measured of them.
    assert.ok(acts('When a deployment team needs to retract many facts at once, we suggest splitting them into batches.'));
    assert.ok(acts('If you try this, budget time for tuning the alert thresholds.'));
    assert.ok(!acts('If a hospital switched this on tomorrow, the concept definitions would break first.'));
    assert.ok(acts("Radiologists' accuracy was 76.2% without explanations and 83.4% with them."));
    assert.ok(!acts("The model's accuracy was 76.2% without the edit."));
  });
  it('does not count participants, descriptions, states, problems, hypotheticals or quotes', () => {
    assert.ok(!acts('NLP graduate students annotate 2,000 generations for faithfulness.'));
    assert.ok(!acts('Participants rated the highlighted answers as no less helpful than the plain ones.'));
    assert.ok(!acts('Two players reported that one of the concepts contradicted an opening principle.'));
    assert.ok(!acts('Developers are increasingly interested in such probes.'));
    assert.ok(!acts('If the answer were yes, a developer could audit refusals by reading features.'));
    assert.ok(!acts('In one sample, the edited model writes "Marie Curie was a physician who founded a hospital in Lyon".'));
    assert.ok(!acts('Yet the engineers who deploy them cannot see why a completion was produced.'));
  });
  it('reads a draft\'s other ways of naming its audience, which the sentence set does not count', () => {
    assert.ok(ways('A content moderator reviews the turns that the probe flags and escalates confirmed cases.').some((w) => w.startsWith('workflow:content moderator')));
    assert.ok(ways('We propose a saliency-based trigger for radiologists.').some((w) => w.startsWith('intended:radiologists')));
    assert.ok(ways('Our audience is the developers who fine-tune and ship small assistants.').some((w) => w.startsWith('intended:developers')));
    assert.ok(ways('Teams that host speech-recognition models on phones cannot send every clip to a server.').some((w) => w.startsWith('practice:Teams')));
    assert.ok(ways('ML practitioners cannot tell in advance when retrieval will help a query.').some((w) => w.startsWith('problem:ML practitioners')));
    assert.deepEqual(ways('Clinicians and regulators are increasingly interested in how such models reach their outputs.'), []);
    assert.deepEqual(ways('This post is written for people who run experiments on language models.'), []);
    assert.ok(!acts('A content moderator reviews the turns that the probe flags and escalates confirmed cases.'));
  });
});

describe('audience patterns: every example is a test', () => {
  for (const [family, patterns] of Object.entries({ NAMED_AUDIENCE, VAGUE_READERSHIP, EXPLANATION_PHRASES })) {
    for (const p of patterns) {
      for (const ex of p.examples.match) it(`${family}/${p.id} matches "${ex}"`, () => assert.ok(matchPattern(p, analyse(ex).tokens), ex));
      for (const ex of p.examples.noMatch) it(`${family}/${p.id} does not match "${ex}"`, () => assert.equal(matchPattern(p, analyse(ex).tokens), undefined, ex));
    }
  }
});
