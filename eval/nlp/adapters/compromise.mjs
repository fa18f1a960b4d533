// compromise: its own tags mapped to UPOS (see README), lemma = the term's root (compute('root')) or its normal form.
// Punctuation that compromise keeps in a term's pre/post becomes separate PUNCT/SYM tokens; a contraction
// (didn't + implicit not) and a possessive (model's) are split back into two tokens, as compromise knows both parts.
import nlp from 'compromise';
import { SUBORDINATORS } from './common.mjs';
const has = (tags, ...names) => names.some((n) => tags.includes(n));
const WH_PRON = new Set(['what', 'which', 'who', 'whom', 'whose']);
export function toUpos(tags, word) {
  const w = word.toLowerCase();
  if (has(tags, 'Pronoun')) return 'PRON';
  if (has(tags, 'Determiner')) return 'DET';
  if (has(tags, 'Negative')) return w === 'not' || w === "n't" ? 'PART' : 'ADV';
  if (has(tags, 'Modal', 'Auxiliary', 'Copula')) return 'AUX';
  if (has(tags, 'Preposition', 'Conjunction') && SUBORDINATORS.has(w)) return 'SCONJ';
  if (has(tags, 'Preposition')) return 'ADP';
  if (has(tags, 'Conjunction')) return 'CCONJ';
  if (has(tags, 'Particle')) return 'ADP';
  if (has(tags, 'QuestionWord')) return WH_PRON.has(w) ? 'PRON' : 'ADV';
  if (has(tags, 'Ordinal')) return 'ADJ';
  if (has(tags, 'Value', 'Cardinal', 'NumericValue', 'TextValue')) return 'NUM';
  if (has(tags, 'ProperNoun', 'Person', 'Organization', 'Place', 'Acronym')) return 'PROPN';
  if (has(tags, 'Verb')) return 'VERB';
  if (has(tags, 'Noun')) return 'NOUN';
  if (has(tags, 'Adjective')) return 'ADJ';
  if (has(tags, 'Adverb')) return 'ADV';
  if (has(tags, 'Expression')) return 'INTJ';
  return 'X';
}
function punctTokens(str, start) {
  const out = [];
  for (let k = 0; k < str.length; k++) {
    const ch = str[k];
    if (/\s/.test(ch)) continue;
    out.push({ text: ch, start: start + k, end: start + k + 1, upos: /[%$#+=<>]/.test(ch) ? 'SYM' : 'PUNCT', lemma: ch });
  }
  return out;
}
export function load() {
  return (text) => {
    const doc = nlp(text);
    doc.compute('root');
    const json = doc.json({ offset: true, terms: { offset: true } });
    const tokens = [];
    for (const s of json) {
      const terms = s.terms;
      for (let i = 0; i < terms.length; i++) {
        const tm = terms[i];
        const { start, length } = tm.offset;
        if (length === 0) continue; // implicit part of a contraction, handled with its host
        tokens.push(...punctTokens(tm.pre || '', start - (tm.pre || '').length));
        const upos = toUpos(tm.tags, tm.text);
        const lemma = tm.root || tm.implicit || tm.normal || tm.text.toLowerCase();
        const next = terms[i + 1];
        const nt = tm.text.toLowerCase();
        if (next && next.offset.length === 0 && nt.endsWith("n't")) {
          const cut = tm.text.length - 3;
          tokens.push({ text: tm.text.slice(0, cut), start, end: start + cut, upos, lemma: (tm.implicit || tm.text.slice(0, cut)).toLowerCase() });
          tokens.push({ text: tm.text.slice(cut), start: start + cut, end: start + length, upos: toUpos(next.tags, 'not'), lemma: 'not' });
        } else if (nt.endsWith("'s") && tm.tags.includes('Possessive') && !tm.tags.includes('Pronoun')) {
          const cut = tm.text.length - 2;
          tokens.push({ text: tm.text.slice(0, cut), start, end: start + cut, upos, lemma: (tm.root || tm.text.slice(0, cut)).toLowerCase() });
          tokens.push({ text: "'s", start: start + cut, end: start + length, upos: 'PART', lemma: "'s" });
        } else {
          tokens.push({ text: tm.text, start, end: start + length, upos, lemma: upos === 'PROPN' ? tm.text : lemma });
        }
        tokens.push(...punctTokens(tm.post || '', start + length));
      }
    }
    const clauseStarts = doc.clauses().json({ offset: true }).map((c) => c.offset?.start ?? c.terms?.[0]?.offset?.start);
    return { tokens, negated: doc.has('#Negative'), clauseStarts };
  };
}
