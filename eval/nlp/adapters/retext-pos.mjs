// retext-english (parse-english) tokens + retext-pos (the `pos` fasttag Brill-style tagger, Penn tags -> UPOS);
// retext has no lemmatizer, so lemmas come from wink-lemmatizer by UPOS.
import { unified } from 'unified';
import retextEnglish from 'retext-english';
import retextPos from 'retext-pos';
import { toString } from 'nlcst-to-string';
import { pennToUpos } from './common.mjs';
import { lemmatize } from './lemma.mjs';
export function collect(tree) {
  const out = [];
  (function walk(n) {
    if (n.type === 'WordNode' || n.type === 'PunctuationNode' || n.type === 'SymbolNode') {
      out.push({ text: toString(n), start: n.position.start.offset, end: n.position.end.offset, tag: n.data?.partOfSpeech ?? '', node: n.type });
      return;
    }
    for (const c of n.children || []) walk(c);
  })(tree);
  return out;
}
export function load() {
  const proc = unified().use(retextEnglish).use(retextPos).freeze();
  return (text) => {
    const toks = collect(proc.runSync(proc.parse(text)));
    const upos = pennToUpos(toks.map((t) => t.text), toks.map((t) => t.tag));
    return { tokens: toks.map((t, i) => ({ text: t.text, start: t.start, end: t.end, upos: upos[i], lemma: lemmatize(t.text, upos[i]) })) };
  };
}
