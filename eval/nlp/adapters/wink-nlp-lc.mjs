// wink-nlp as in wink-nlp.mjs, but a Capitalized word that starts a sentence is lower-cased before tagging
// (offsets are unchanged; tokens keep the original text). wink tags "Steering", "Patching" as PROPN and leaves
// "Models" unlemmatized at a sentence start; this is the cheap pre-processing the core could do.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { locate } from './common.mjs';
export function lowerSentenceStarts(text) {
  return text.replace(/(^|[.?!:]["”’)]?\s+|^["“])([A-Z][a-z]+)\b/g, (m, pre, w) => pre + w[0].toLowerCase() + w.slice(1));
}
export function load() {
  const nlp = winkNLP(model);
  const its = nlp.its;
  return (text) => {
    const lowered = lowerSentenceStarts(text);
    const ts = nlp.readDoc(lowered).tokens();
    const values = ts.out(its.value), pos = ts.out(its.pos), lemma = ts.out(its.lemma), neg = ts.out(its.negationFlag);
    const tokens = locate(lowered, values).map((t, i) => ({ ...t, text: t.start >= 0 ? text.slice(t.start, t.end) : t.text, upos: pos[i], lemma: lemma[i] }));
    return { tokens, negated: neg.some(Boolean) };
  };
}
