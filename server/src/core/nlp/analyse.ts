import type winkNLP from 'wink-nlp';
import { dictionary } from '../dictionary';
import { timed } from '../timing';
import { byText } from '../text-cache';

// The linguistic layer: each sentence's tokens with lemma, part of speech (Universal POS tags) and
// negation, from wink-nlp and its English model (chosen by measurement: eval/nlp/README.md). A few
// corrections for our domain sit on top, each declared with examples in corrections below.
// Analyses are cached by sentence text, so an edit re-analyses only the sentences it touched.

export type Pos =
  | 'ADJ' | 'ADP' | 'ADV' | 'AUX' | 'CCONJ' | 'DET' | 'INTJ' | 'NOUN' | 'NUM' | 'PART' | 'PRON' | 'PROPN' | 'PUNCT'
  | 'SCONJ' | 'SYM' | 'VERB' | 'X' | 'SPACE';

export interface Token {
  /** The token as written. */
  text: string;
  /** Lower-case form. */
  lower: string;
  lemma: string;
  pos: Pos;
  /** Offsets in the sentence text. */
  start: number;
  end: number;
  /** Inside the scope of a negation (wink's negation flag). */
  negated: boolean;
  /** A citation, cross-reference or math placeholder of the model (`[cite:…]`, `[ref:…]`, `[math]`). */
  placeholder?: 'cite' | 'ref' | 'math';
}

export interface Analysis {
  text: string;
  tokens: Token[];
}

// The model loads on first use (about 120 ms): a lint that never asks who acts does not pay for it.
// Required, not imported: the CLI bundle leaves the 4 MB model out and loads it from node_modules
// only when a rule asks (scripts/build.mjs).
let nlp: ReturnType<typeof winkNLP> | undefined;
/** The part of wink's core model that its cache of words lives in. */
interface WinkCore {
  features: { lexeme: { hash: Record<string, number>; list: string[] } };
}
let core: WinkCore | undefined;
const PLACEHOLDER = /\[(cite|ref):[^\]]*\]|\[math\]/g;

/** The analysis of one sentence (cached by its text, and in the on-disk cache when there is one). */
export const analyse: (text: string) => Analysis = byText((text) => ({ text, tokens: timed('analyse', () => tokenize(text)) }), 20_000, 'analyse');

function tokenize(text: string): Token[] {
  // Placeholders become one word each (same length, so offsets hold), and a capitalised first word is
  // lower-cased so that "Steering the model" is not read as a name; "Meng et al." keeps its capital.
  const places: Array<{ start: number; end: number; kind: Token['placeholder'] }> = [];
  let masked = text.replace(PLACEHOLDER, (m, kind: string | undefined, at: number) => {
    places.push({ start: at, end: at + m.length, kind: (kind ?? 'math') as Token['placeholder'] });
    return 'x'.repeat(m.length);
  });
  const first = /^(\W*)([A-Z][a-z]+)\b(?!\s+et\s+al)/.exec(masked);
  if (first) masked = first[1] + first[2].toLowerCase() + masked.slice(first[0].length);

  if (!nlp) {
    // wink builds its core model (where its cache of words lives) from the package's `core()`; keep it.
    const raw = require('wink-eng-lite-web-model') as { core: () => WinkCore };
    nlp = (require('wink-nlp') as typeof winkNLP)({ ...raw, core: () => (core = raw.core()) } as never);
  }
  const its = nlp.its;
  const lexemes = core!.features.lexeme;
  const known = lexemes.list.length;
  const doc = nlp.readDoc(masked);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const pos = doc.tokens().out(its.pos) as Pos[];
  // wink types its.lemma as needing the model addons; at run time it reads them from the document.
  const lemmas = doc.tokens().out(its.lemma as unknown as typeof its.value) as string[];
  const negation = doc.tokens().out(its.negationFlag) as boolean[];
  // wink adds each new word to its lexicon, and its tokenizer then keeps a word it has seen whole
  // ("lens's" after "lens's." once, instead of "lens" + "'s"): an analysis would depend on what was read
  // before it. Forget the words this sentence added (their entries stay, so indices stay valid).
  for (let i = known; i < lexemes.list.length; i++) delete lexemes.hash[lexemes.list[i]];
  const tokens: Token[] = [];
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    at += spaces[i].length;
    // wink gives each token's value and the spaces before it; resynchronise if it ever normalised one.
    const start = masked.startsWith(values[i], at) ? at : Math.max(at, masked.indexOf(values[i], at));
    const end = start + values[i].length;
    at = end;
    const place = places.find((p) => start >= p.start && start < p.end);
    if (place && tokens.length > 0 && tokens[tokens.length - 1].placeholder && tokens[tokens.length - 1].end > start) continue;
    const surface = text.slice(start, place ? place.end : end);
    tokens.push({
      text: surface,
      lower: surface.toLowerCase(),
      // wink gives no lemma for some split forms ("cannot." at the end of a sentence): the word is its own lemma.
      lemma: place ? `[${place.kind}]` : (lemmas[i] ?? values[i]).toLowerCase(),
      pos: place ? (place.kind === 'math' ? 'SYM' : 'PROPN') : pos[i],
      start,
      end: place ? place.end : end,
      negated: negation[i],
      ...(place ? { placeholder: place.kind } : {}),
    });
    if (place) at = place.end;
  }
  return correct(joinHyphens(tokens, text));
}

/** "fine - tuned" → one token "fine-tuned" (lemma fine-tune), as the field writes its terms. */
function joinHyphens(tokens: Token[], text: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = out[out.length - 1];
    const next = tokens[i + 1];
    if (t.text === '-' && prev && next && prev.end === t.start && t.end === next.start && /\w$/.test(prev.text) && /^\w/.test(next.text) && !prev.placeholder) {
      const lemma = `${prev.lower}-${LEMMA_FIXES[next.lemma] ?? next.lemma}`;
      out[out.length - 1] = { ...next, text: text.slice(prev.start, next.end), lower: text.slice(prev.start, next.end).toLowerCase(), lemma: LEMMA_FIXES[lemma] ?? lemma, start: prev.start, negated: prev.negated || next.negated };
      i++;
      continue;
    }
    out.push(LEMMA_FIXES[t.lemma] ? { ...t, lemma: LEMMA_FIXES[t.lemma] } : t);
  }
  return out;
}

/** Lemmas the model gets wrong in our field. */
const LEMMA_FIXES: Readonly<Record<string, string>> = dictionary({
  'tun': 'tune', 'fine-tun': 'fine-tune', 'finetun': 'finetune', 'paved': 'pave', 'shed': 'shed', 'datum': 'data',
  'behaviour': 'behavior', 'lora': 'lora',
});

/**
 * Verbs of our field that the tagger reads as nouns after a noun subject ("these heads route
 * information", "the feature fires on code", "Figure 3 plots"). One lemma per entry.
 */
export const FIELD_VERBS: ReadonlySet<string> = new Set(
  'use route steer patch probe localize localise ablate edit fire plot train predict encode store detect flag filter mediate implement carry copy write move attend suppress boost drive cause control compute track represent cut drop reduce improve outperform match recover restore show fail generalize generalise transfer remove erase unlearn identify explain inform pave shed help enable allow let guide reveal suggest indicate increase decrease rise fall hold activate respond tend correlate depend contain review inspect override escalate monitor verify triage audit host serve ship deploy operate fine-tune finetune retrain curate relabel clamp subtract quantize defer abstain report collect record measure compare select label annotate fit rank estimate repeat apply update halve double triple lower raise block beat gain keep catch reach preserve'
    .split(' '),
);

const AFTER_VERB = new Set(['on', 'in', 'at', 'from', 'with', 'across', 'through', 'into', 'onto', 'after', 'before', 'during', 'when', 'only']);

/**
 * A noun tagged between a subject and what it acts on is the verb of the clause when it is one of
 * our field's verbs and agrees with its subject: "heads route information" (plural + base form),
 * "the feature fires on" (singular + -s), "we probe layer 5" (a pronoun subject).
 */
function correct(tokens: Token[]): Token[] {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    const before = tokens[i - 1];
    // "prior work", "our work", "this work": a noun, not a verb.
    if (t.lemma === 'work' && t.pos === 'VERB' && /^(prior|previous|earlier|recent|related|existing|past|this|our|their|such|much|future|the)$/.test(before.lower)) {
      tokens[i] = { ...t, pos: 'NOUN' };
      if (before.pos === 'ADV') tokens[i - 1] = { ...before, pos: 'ADJ' };
    }
    // A past form of our field's verbs after a noun subject, read as an adjective ("work patched activations").
    const stem = t.lower.replace(/ed$/, '');
    const verb = [stem, `${stem}e`, stem.replace(/(.)\1$/, '$1')].find((v) => FIELD_VERBS.has(v));
    if (t.pos === 'ADJ' && t.lower.endsWith('ed') && verb && (tokens[i - 1].pos === 'NOUN' || /^(we|they|i)$/.test(tokens[i - 1].lower)) && ['NOUN', 'DET', 'ADJ', 'PRON', 'NUM'].includes(tokens[i + 1]?.pos ?? '')) {
      tokens[i] = { ...t, pos: 'VERB', lemma: verb };
    }
  }
  // An imperative that opens a sentence or a step, read as a noun: "Train a probe on layer 12 and
  // report its accuracy", "Step 2: Collect 300 prompts". Only the base form, before a determiner or number.
  let imperative = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const opens = i === 0 || /^[:;]$/.test(tokens[i - 1].text) || (imperative && /^(and|then)$/.test(tokens[i - 1].lower));
    // Also an adjective or a plural noun ("Collect residual-stream activations"), not a singular noun ("Train loss falls").
    const next = tokens[i + 1];
    const object = next?.pos === 'DET' || next?.pos === 'NUM' || next?.pos === 'ADJ' || (next?.pos === 'NOUN' && next.lower !== next.lemma) || /^(its|their|your|each|every|all)$/.test(next?.lower ?? '');
    if (opens && t.pos === 'NOUN' && FIELD_VERBS.has(t.lemma) && t.lower === t.lemma && object) {
      tokens[i] = { ...t, pos: 'VERB' };
      imperative = true;
    }
  }
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.pos !== 'NOUN' || !FIELD_VERBS.has(t.lemma)) continue;
    const subject = tokens[i - 1];
    const next = tokens[i + 1];
    if (!next || !['DET', 'NOUN', 'PROPN', 'PRON', 'ADJ', 'ADP', 'NUM', 'ADV'].includes(next.pos)) continue;
    // "edits to the weights", "routing of tokens": a noun followed by of/to/for stays a noun.
    if (next.pos === 'ADP' && !AFTER_VERB.has(next.lower)) continue;
    const pronoun = (subject.pos === 'PRON' || subject.pos === 'DET' || subject.pos === 'SCONJ') && /^(we|they|i|you|it|that|which|who)$/.test(subject.lower);
    const pluralBase = (subject.pos === 'NOUN' || subject.pos === 'PROPN') && /s$/.test(subject.lower) && subject.lemma !== subject.lower && t.lower === t.lemma;
    const singularS = (subject.pos === 'NOUN' || subject.pos === 'PROPN' || subject.pos === 'NUM') && subject.lemma === subject.lower && !/s$/.test(subject.lower) && t.lower === `${t.lemma}s`;
    // The subject's phrase opens with a determiner or the sentence: "the heads route", "Loan officers review", "A content moderator reviews".
    let k = i - 1;
    while (k > 0 && ['NOUN', 'ADJ', 'PROPN'].includes(tokens[k - 1].pos)) k--;
    // "let dataset maintainers filter the data": after a verb that lets someone act, the bare form is the verb.
    const afterCausee = t.lower === t.lemma && tokens.slice(Math.max(0, i - 4), i - 1).some((x) => x.pos === 'VERB' && /^(let|lets|help|helps|helped|make|makes)$/.test(x.lower));
    const afterDeterminer = tokens[i - 2]?.pos === 'DET' || subject.pos === 'NUM' || subject.pos === 'PRON' || k === 0 || tokens[k - 1].pos === 'DET' || afterCausee;
    if (pronoun || ((pluralBase || singularS) && afterDeterminer)) tokens[i] = { ...t, pos: 'VERB' };
  }
  verbOfVerblessClause(tokens);
  return tokens;
}

/**
 * A clause needs a finite verb: in one that has none, a plural-looking noun right after the subject's
 * head is the verb in -s ("On TimeShift, our editor updates 94% of facts", "KeyGuard halves the loss",
 * "Zeroing these neurons cuts extraction"). A gerund that opens the clause is its subject, not its verb.
 */
function verbOfVerblessClause(tokens: Token[]): void {
  let from = 0;
  for (let end = 0; end <= tokens.length; end++) {
    if (end < tokens.length && !(tokens[end].pos === 'PUNCT' && /^[,;:—()]$/.test(tokens[end].text))) continue;
    for (let i = from + 1; i < end; i++) {
      const subject = tokens[i - 1];
      if (subject.pos === 'AUX' || (subject.pos === 'VERB' && !(i - 1 === from && subject.lower.endsWith('ing')) && !subject.lower.endsWith('ed'))) break;
      const w = tokens[i];
      const next = tokens[i + 1];
      if (w.pos !== 'NOUN' || !w.lower.endsWith('s') || (subject.pos !== 'NOUN' && subject.pos !== 'PROPN')) continue;
      if (!next || !['DET', 'NUM', 'ADJ', 'NOUN', 'PRON', 'ADV'].includes(next.pos)) continue;
      const verb = [w.lower.slice(0, -1), w.lower.slice(0, -2)].find((v) => FIELD_VERBS.has(v));
      if (!verb) continue;
      tokens[i] = { ...w, pos: 'VERB', lemma: verb };
      break;
    }
    from = end + 1;
  }
}
