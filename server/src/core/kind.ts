import type { PaperDocument, PaperKind } from './model';
import type { Token } from './nlp/analyse';
import { actionCategory } from './claims/actions';
import { actLemma, type Claim, sentenceClaims } from './claims/claims';
import LEX from './claims/lexicon/kind.json';
import { COMPONENT } from './claims/categories/shared';

// The paper kind changes which rules apply (a position paper is not asked for baselines; an analysis
// that proposes no action is not asked for baselines either). It is read from what the title and the
// abstract say the authors contribute, over the claims of those sentences (the words are in
// claims/lexicon/kind.json). When several kinds are stated the first of position, survey, benchmark,
// method, analysis wins: "a position paper that surveys…" is a position paper, and a method paper
// that also analyses ("We analyze the storage of facts … using Rank-One Model Editing (ROME)") is a method paper.

const set = (xs: readonly string[]) => new Set(xs);
const INTRODUCE = set(LEX.introduce);
const BENCHMARK = set(LEX.benchmark);
const METHOD = set(LEX.method);
const ANALYSIS = set(LEX.analysis);
const ANALYSE = set(LEX.analyse);
const INQUIRE = set(LEX.inquire);
const SHOW = set(LEX.show);
const SURVEY = set(LEX.survey);
const INSTRUMENT = set(LEX.instrument);
/** Categories of an action on the model itself, the acts a named technique is applied in. */
const ON_MODEL = set(['editing', 'steering', 'unlearning', 'training', 'architecture']);
/** What a finding about the mechanism has as its subject: the model's parts ("our system cuts errors" is no such finding). */
const MECHANISM = COMPONENT;
const PRIORITY: readonly PaperKind[] = ['position', 'survey', 'benchmark', 'method', 'analysis'];

// Fixed idioms of the position track and of surveys, where no claim carries the kind ("Position: …", "a survey of").
const POSITION = /^position\s*:|\bposition paper\b|\bthis paper argues\b|\bwe take the position\b|\bin this position\b|\bwe argue that\b.*\b(community|field|researchers) should\b/im;
const SURVEY_NOUN = /\ba survey of\b|\bthis survey\b|\bsystematic review\b|\bthis (?:paper|article) (?:surveys|reviews)\b/i;

export interface KindGuess {
  kind: PaperKind;
  source: 'directive' | 'abstract' | 'default';
}

/** The kind a directive declares, else what the title and abstract (or the first paragraphs) say, else empirical. */
export function guessKind(doc: PaperDocument): KindGuess {
  if (doc.declaredKind) return { kind: doc.declaredKind, source: 'directive' };
  const abstractIndex = doc.sections.findIndex((s) => s.role === 'abstract');
  const opening = abstractIndex >= 0
    ? doc.blocks.filter((b) => b.section === abstractIndex && b.kind !== 'heading')
    : doc.blocks.filter((b) => b.kind === 'paragraph').slice(0, 2);
  const sentences = [doc.title?.text ?? '', ...opening.flatMap((b) => b.sentences.map((s) => b.text.slice(s.start, s.end)))].filter((s) => s.trim());
  const text = sentences.join('\n');
  const found = new Set<PaperKind>();
  if (POSITION.test(text)) found.add('position');
  if (SURVEY_NOUN.test(text)) found.add('survey');
  for (const s of sentences) for (const k of stated(s)) found.add(k);
  const kind = PRIORITY.find((k) => found.has(k));
  return kind ? { kind, source: 'abstract' } : { kind: 'empirical', source: 'default' };
}

/** The kinds one sentence's own claims state. */
function stated(text: string): PaperKind[] {
  const { tokens, claims } = sentenceClaims(text);
  const out: PaperKind[] = [];
  const read = (i: number, end: number, next: Claim | undefined, main: boolean) => {
    const t = tokens[i];
    const lemma = actLemma(t);
    if (SURVEY.has(lemma) && main) out.push('survey');
    if (ANALYSE.has(lemma) || (INQUIRE.has(lemma) && tokens[i + 1]?.lower === 'how')) out.push('analysis');
    if (INTRODUCE.has(lemma)) for (const k of introduced(tokens, i, end)) out.push(k);
    // "We show that feed-forward layers … operate as key-value memories": a finding about the mechanism.
    if (SHOW.has(lemma) && main && (mechanism(next, tokens) || mechanismAfter(tokens, i))) out.push('analysis');
    if (ON_MODEL.has(actionCategory(t) ?? '') && namedTechnique(tokens, i, end)) out.push('method');
  };
  claims.forEach((c, k) => {
    if (c.actor !== 'we' || c.source !== 'own' || c.status === 'negated' || c.status === 'hypothetical') return;
    for (let i = c.start; i < c.end; i++) if (tokens[i].pos === 'VERB' || i === c.actAt) read(i, c.end, claims[k + 1], i === c.actAt);
  });
  // Where the tagger or the clause cut loses the authors: a verb read as a noun right after "we" ("We
  // reverse-engineer/NOUN the mechanism…"), and the means of a clause of ours ("we attempt to close that gap by presenting…").
  const ours = claims.find((c) => c.actor === 'we' && c.status !== 'negated');
  tokens.forEach((t, i) => {
    if (t.negated) return;
    if (tokens[i - 1]?.lower === 'we' && t.pos !== 'AUX') read(i, tokens.length, undefined, true);
    else if (ours && ours.start < i && tokens[i - 1]?.lower === 'by' && t.lower.endsWith('ing')) read(i, tokens.length, undefined, false);
  });
  return out;
}

/** What a verb of introducing puts forward, in its next few words: a benchmark, a method (or a named system), an analysis. */
function introduced(tokens: readonly Token[], at: number, end: number): PaperKind[] {
  const window = tokens.slice(at + 1, Math.min(end, at + 10));
  const out: PaperKind[] = [];
  if (window.some((t) => BENCHMARK.has(t.lemma))) out.push('benchmark');
  if (window.some((t) => METHOD.has(t.lemma) || METHOD.has(t.lower.replace(/s$/, '')))) out.push('method');
  if (window.some((t) => ANALYSIS.has(t.lemma))) out.push('analysis');
  return out;
}

/** A model component or the model as the subject of a complement clause ("that feed-forward layers operate…"). */
function mechanism(next: Claim | undefined, tokens: readonly Token[]): boolean {
  if (!next || tokens[next.start]?.lower !== 'that') return false;
  if (next.actor === 'component' || next.actor === 'model') return true;
  // The tagger may read the subject's head as the verb: "that feed-forward layers/VERB … operate".
  return tokens.slice(next.start + 1, Math.min(next.end, next.actAt + 1)).some((t) => MECHANISM.has(t.lower.replace(/s$/, '')));
}

/** "show that MLP layers store…" in one clause: the words after "that" name a part of the model. */
function mechanismAfter(tokens: readonly Token[], at: number): boolean {
  return tokens[at + 1]?.lower === 'that' && tokens.slice(at + 2, at + 6).some((t) => MECHANISM.has(t.lemma) || MECHANISM.has(t.lower.replace(/s$/, '')));
}

/** "… using Rank-One Model Editing (ROME)": a technique named with its abbreviation, as the instrument of an act on the model. */
function namedTechnique(tokens: readonly Token[], at: number, end: number): boolean {
  for (let i = at + 1; i < Math.min(end, at + 14); i++) {
    if (!INSTRUMENT.has(tokens[i].lower)) continue;
    for (let k = i + 1; k < Math.min(tokens.length, i + 8); k++) if (tokens[k].text === '(' && /^[A-Z][A-Za-z-]*[A-Z]/.test(tokens[k + 1]?.text ?? '') && tokens[k + 2]?.text === ')') return true;
  }
  return false;
}
