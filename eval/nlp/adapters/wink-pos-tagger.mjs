// wink-pos-tagger (the older wink tagger, superseded by wink-nlp): its tokenizer, Penn tags -> UPOS, its lemmas.
import posTagger from 'wink-pos-tagger';
import { locate, pennToUpos } from './common.mjs';
export function load() {
  const tagger = posTagger();
  return (text) => {
    const toks = tagger.tagSentence(text).filter((t) => t.tag !== 'spacing');
    const words = toks.map((t) => t.value);
    const upos = pennToUpos(words, toks.map((t) => t.pos));
    return { tokens: locate(text, words).map((t, i) => ({ ...t, upos: upos[i], lemma: toks[i].lemma || toks[i].normal || t.text.toLowerCase() })) };
  };
}
