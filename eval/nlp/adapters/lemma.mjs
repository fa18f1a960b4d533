// Lemmas for taggers that give none (pos/retext-pos, en-pos, natural's Brill tagger): wink-lemmatizer by UPOS.
// A hyphenated word is lemmatized on its last part (fine-tuned -> fine-tune).
import lemmatizer from 'wink-lemmatizer';
export function lemmatize(word, upos) {
  const w = word.toLowerCase();
  if (upos === 'PROPN' || upos === 'NUM' || upos === 'PUNCT' || upos === 'SYM') return word;
  if (w === "n't") return 'not';
  const fn = upos === 'VERB' || upos === 'AUX' ? lemmatizer.verb : upos === 'NOUN' ? lemmatizer.noun : upos === 'ADJ' ? lemmatizer.adjective : null;
  if (!fn) return w;
  const k = w.lastIndexOf('-');
  if (k > 0 && k < w.length - 1) return w.slice(0, k + 1) + fn(w.slice(k + 1));
  return fn(w);
}
