// retext-english tokens tagged by en-pos (Penn tags -> UPOS), lemmas from wink-lemmatizer by UPOS.
import { unified } from 'unified';
import retextEnglish from 'retext-english';
import enPos from 'en-pos';
import { pennToUpos } from './common.mjs';
import { lemmatize } from './lemma.mjs';
import { collect } from './retext-pos.mjs';
export function load() {
  const proc = unified().use(retextEnglish).freeze();
  return (text) => {
    const tree = proc.runSync(proc.parse(text));
    const tokens = [];
    for (const para of tree.children) for (const sent of para.children || []) {
      if (sent.type !== 'SentenceNode') continue;
      const toks = collect(sent);
      const words = toks.map((t) => t.text);
      const tags = words.length ? new enPos.Tag(words).initial().smooth().tags : [];
      const upos = pennToUpos(words, tags);
      toks.forEach((t, i) => tokens.push({ text: t.text, start: t.start, end: t.end, upos: upos[i], lemma: lemmatize(t.text, upos[i]) }));
    }
    return { tokens };
  };
}
