// natural: TreebankWordTokenizer + BrillPOSTagger (English lexicon and rules; Penn tags -> UPOS),
// lemmas from wink-lemmatizer by UPOS. natural's entry point loads dotenv and more at require time.
import natural from 'natural';
import { locate, pennToUpos } from './common.mjs';
import { lemmatize } from './lemma.mjs';
export function load() {
  const tokenizer = new natural.TreebankWordTokenizer();
  const tagger = new natural.BrillPOSTagger(new natural.Lexicon('EN', 'NN', 'NNP'), new natural.RuleSet('EN'));
  return (text) => {
    const words = tokenizer.tokenize(text);
    const tags = tagger.tag(words).taggedWords.map((w) => w.tag);
    const upos = pennToUpos(words, tags);
    return { tokens: locate(text, words).map((t, i) => ({ ...t, upos: upos[i], lemma: lemmatize(t.text, upos[i]) })) };
  };
}
