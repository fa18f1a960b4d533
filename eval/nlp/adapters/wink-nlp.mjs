// wink-nlp with wink-eng-lite-web-model: tokens, UPOS, lemma and negation flags from the library itself.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { locate } from './common.mjs';
export function load() {
  const nlp = winkNLP(model);
  const its = nlp.its;
  return (text) => {
    const doc = nlp.readDoc(text);
    const ts = doc.tokens();
    const values = ts.out(its.value), pos = ts.out(its.pos), lemma = ts.out(its.lemma), neg = ts.out(its.negationFlag);
    const tokens = locate(text, values).map((t, i) => ({ ...t, upos: pos[i], lemma: lemma[i] }));
    return { tokens, negated: neg.some(Boolean) };
  };
}
