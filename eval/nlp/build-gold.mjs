// Turns the hand-written gold.src.txt into gold.jsonl (one sentence a line). See the header of gold.src.txt.
import { readFileSync, writeFileSync } from 'node:fs';
const here = new URL('.', import.meta.url);
const src = readFileSync(new URL('gold.src.txt', here), 'utf8').split('\n');
const UPOS = new Set('ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X'.split(' '));
const NO_SPACE_BEFORE = new Set(['.', ',', ';', ':', ')', ']', '%', "'s", "n't", '?', '!']);
const NO_SPACE_AFTER = new Set(['(', '[']);
const KEEP_CASE = new Set(['PROPN', 'NUM', 'SYM', 'PUNCT', 'X']);
// Accepted lemma variants, applied to every token: a nominal gerund may be lemmatized to its verb (the claims
// layer wants the act whatever its form), US spelling and WordNet's datum are harmless for lexicon look-ups.
const GERUND_BASE = { steering: 'steer', 'fine-tuning': 'fine-tune', training: 'train', editing: 'edit', probing: 'probe',
  patching: 'patch', decoding: 'decode', tracing: 'trace', pruning: 'prune', learning: 'learn' };
const VARIANT = { behaviour: 'behavior', data: 'datum' };
let style = '';
const out = [];
for (const [ln, raw] of src.entries()) {
  let line = raw.trim();
  if (!line || line.startsWith('#')) continue;
  if (line.startsWith('@style ')) { style = line.slice(7).trim(); continue; }
  let negated = false;
  if (line.startsWith('! ')) { negated = true; line = line.slice(2); }
  const tokens = []; const clauseStarts = []; let text = ''; let glue = false;
  for (const item of line.split(/\s+/)) {
    if (item === '||') { clauseStarts.push(tokens.length); continue; }
    let it = item; let forceGlue = false;
    if (it.startsWith('~')) { forceGlue = true; it = it.slice(1); }
    const parts = it.split('/');
    // the token itself may contain '/' only if three or more parts... we avoid that in the source
    const [tok, tagSpec, lemmaSpec] = parts;
    if (!tagSpec) throw new Error(`line ${ln + 1}: no tag on "${item}"`);
    const main = tagSpec.includes('*');
    const upos = tagSpec.replace(/\*/g, '').split('|');
    for (const u of upos) if (!UPOS.has(u)) throw new Error(`line ${ln + 1}: bad UPOS ${u} on "${item}"`);
    const lemma = lemmaSpec ? lemmaSpec.split('|') : [KEEP_CASE.has(upos[0]) ? tok : tok.toLowerCase()];
    const lc = tok.toLowerCase();
    if (upos[0] === 'NOUN' && GERUND_BASE[lc] && !lemma.includes(GERUND_BASE[lc])) lemma.push(GERUND_BASE[lc]);
    for (const l of [...lemma]) if (VARIANT[l]) lemma.push(VARIANT[l]);
    const sep = text === '' || forceGlue || glue || NO_SPACE_BEFORE.has(tok) ? '' : ' ';
    text += sep;
    const start = text.length; text += tok;
    tokens.push({ text: tok, upos, lemma, start, end: text.length, ...(main ? { main: true } : {}) });
    glue = NO_SPACE_AFTER.has(tok);
  }
  const mainVerbs = tokens.filter((t) => t.main).map((t) => t.lemma[0]);
  if (!mainVerbs.length) throw new Error(`line ${ln + 1}: no main verb marked`);
  out.push({ id: `s${String(out.length + 1).padStart(3, '0')}`, style, text, negated, mainVerbs, clauseStarts, tokens });
}
writeFileSync(new URL('gold.jsonl', here), out.map((o) => JSON.stringify(o)).join('\n') + '\n');
const nTok = out.reduce((a, o) => a + o.tokens.length, 0);
console.log(`${out.length} sentences, ${nTok} tokens, ${out.filter((o) => o.negated).length} negated -> gold.jsonl`);
