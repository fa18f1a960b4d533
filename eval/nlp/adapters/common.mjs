// Helpers shared by the adapters: character offsets for a library's tokens, and the Penn Treebank -> UPOS mapping.

/** Finds each piece of `pieces` in `text`, in order, and returns {text,start,end}; a piece not found gets start -1. */
export function locate(text, pieces) {
  let cursor = 0;
  return pieces.map((p) => {
    let i = p ? text.indexOf(p, cursor) : -1;
    if (i < 0 && p) i = text.toLowerCase().indexOf(p.toLowerCase(), cursor);
    if (i < 0 || i - cursor > 40) return { text: p, start: -1, end: -1 };
    cursor = i + p.length;
    return { text: p, start: i, end: i + p.length };
  });
}

const PUNCT_ONLY = /^[\p{P}]+$/u;
const SYMBOL_ONLY = /^[%$#+=<>~^|×·]+$/u;
export const SUBORDINATORS = new Set(['that', 'whether', 'if', 'because', 'although', 'though', 'while', 'whereas', 'unless', 'since', 'once', 'until']);
const BE = new Set(['be', 'am', 'is', 'are', 'was', 'were', 'been', 'being', "'s", "'re", "'m"]);
const HAVE_DO = new Set(['have', 'has', 'had', 'having', 'do', 'does', 'did', "'ve", "'d"]);

/**
 * Penn Treebank tags (Brill-style taggers: pos/retext-pos, en-pos, natural, wink-pos-tagger) -> UPOS.
 * The mapping follows the UD English conversion: be is AUX; have/do are AUX when a verb follows
 * within three tokens (skipping adverbs and not/n't); TO is PART before a verb, else ADP; IN is SCONJ
 * for subordinators, else ADP; WDT/WP/PRP/PRP$/EX are PRON; POS is PART; RP is ADP; not/n't are PART.
 * A token made only of punctuation is PUNCT (SYM for % $ # + = < >), whatever the tag.
 */
export function pennToUpos(words, tags) {
  return tags.map((tag, i) => {
    const w = (words[i] || '').toLowerCase();
    if (SYMBOL_ONLY.test(w)) return 'SYM';
    if (PUNCT_ONLY.test(w)) return 'PUNCT';
    if (w === 'not' || w === "n't") return 'PART';
    tag = tag || '';
    if (tag.startsWith('VB')) {
      if (BE.has(w)) return 'AUX';
      if (HAVE_DO.has(w)) {
        for (let j = i + 1; j < Math.min(tags.length, i + 5); j++) {
          const t = tags[j] || ''; const wj = (words[j] || '').toLowerCase();
          if (t.startsWith('RB') || wj === 'not' || wj === "n't") continue;
          if (t.startsWith('VB')) return 'AUX';
          break;
        }
      }
      return 'VERB';
    }
    if (tag === 'MD') return 'AUX';
    if (tag === 'NN' || tag === 'NNS' || tag === 'N') return 'NOUN';
    if (tag === 'NNP' || tag === 'NNPS') return 'PROPN';
    if (tag.startsWith('JJ')) return 'ADJ';
    if (tag.startsWith('RB') || tag === 'WRB') return 'ADV';
    if (tag === 'RP') return 'ADP';
    if (tag === 'IN') return SUBORDINATORS.has(w) ? 'SCONJ' : 'ADP';
    if (tag === 'TO') return (tags[i + 1] || '').startsWith('VB') ? 'PART' : 'ADP';
    if (tag === 'DT' || tag === 'PDT') return 'DET';
    if (tag === 'WDT' || tag === 'WP' || tag === 'WP$' || tag === 'PRP' || tag === 'PRP$' || tag === 'EX') return 'PRON';
    if (tag === 'CD') return 'NUM';
    if (tag === 'CC') return 'CCONJ';
    if (tag === 'POS') return 'PART';
    if (tag === 'UH') return 'INTJ';
    if (tag === 'SYM') return 'SYM';
    if (tag === 'FW' || tag === 'LS') return 'X';
    if (tag === 'URL') return 'X';
    return 'X';
  });
}
