import * as assert from 'node:assert/strict';
import { Lexicon } from '../../server/src/core/rules/lexicon';

describe('lexicon matching', () => {
  it('matches phrases case-insensitively on word boundaries, with hyphen/space variants and plurals', () => {
    const lex = new Lexicon({ methods: ['fine-tuning', 'linear probe'] });
    assert.deepEqual(lex.find('Fine tuning and finetuning beat Linear Probes; refine-tuning does not.').map((m) => m.text), ['Fine tuning', 'finetuning', 'Linear Probes']);
  });

  it('matches non-ASCII phrases and letters without Unicode mode', () => {
    const lex = new Lexicon({ people: ['médecins', 'the model’s users'] });
    assert.deepEqual(lex.find('Les MÉDECINS and the model’s users.').map((m) => m.text), ['MÉDECINS', 'the model’s users']);
  });

  it('keeps Unicode mode for /regex/ phrases that need it (\\p{…})', () => {
    const lex = new Lexicon({ names: ['/\\p{Lu}{3,}-\\d+/'] });
    assert.deepEqual(lex.find('We test ÉLAN-7 and GPT-4.').map((m) => m.text), ['ÉLAN-7', 'GPT-4']);
  });
});
