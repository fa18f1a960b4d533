import { analyse, type Token } from '../nlp/analyse';
import LEXICON from './lexicon.json';
import { dictionary } from '../dictionary';
import { byText } from '../text-cache';

// Claims: each clause of a sentence as who does what, in what status, on whose authority. Clauses
// come from punctuation, conjunctions and subordinators over the tagged tokens; the actor is the
// head of the clause's subject; the act is the lemma of its main verb, or of the action a light
// verb introduces ("we use the probe to route" → route; "enables developers to remove" → remove).

export type Actor = 'we' | 'audience' | 'system' | 'component' | 'model' | 'others' | 'unnamed';
export type Status = 'measured' | 'done' | 'proposed' | 'hypothetical' | 'future' | 'negated';
export type Source = 'own' | 'cited' | 'quoted' | 'definition';

export interface Claim {
  actor: Actor;
  /** For an audience: its role (developer, domain-expert…). */
  role?: string;
  act: string;
  /** The act's token index. */
  actAt: number;
  object: string;
  status: Status;
  source: Source;
  /** Token indexes of the clause [start, end). */
  start: number;
  end: number;
}

export interface SentenceClaims {
  tokens: Token[];
  claims: Claim[];
}

const set = (xs: readonly string[]) => new Set(xs);
const AUDIENCE = dictionary(LEXICON.audience as Record<string, string>);
const COMPONENT = set(LEXICON.component);
const MODEL = set(LEXICON.model);
const SYSTEM = set(LEXICON.system);
const OTHERS = set(LEXICON.others);
const LIGHT = set(['use', 'apply', 'enable', 'allow', 'let', 'help', 'propose', 'introduce', 'present', 'suggest', 'recommend', 'aim', 'seek', 'try', 'attempt', 'want', 'need', 'plan', 'intend', 'make', 'permit', 'empower', 'equip', 'give', 'provide', 'offer', 'show', 'demonstrate', 'begin', 'start', 'choose', 'decide', 'learn', 'able', 'advise', 'urge', 'encourage', 'hope', 'require', 'invite', 'tell']);
/** Light verbs whose object is who then acts: "lets developers run", "helps an auditor find", "advise practitioners to treat". */
const CAUSEE = set(['enable', 'allow', 'let', 'help', 'make', 'permit', 'empower', 'equip', 'give', 'tell', 'advise', 'ask', 'encourage', 'urge', 'require', 'invite', 'teach', 'train', 'guide', 'want', 'expect', 'hope', 'recommend', 'suggest']);
/** Nouns that pass the head of their phrase to what follows "of": "a set of tools", "most of the heads". */
const TRANSPARENT = set(['set', 'kind', 'type', 'number', 'group', 'pair', 'majority', 'most', 'half', 'part', 'fraction', 'share', 'subset', 'portion', 'lot', 'handful', 'couple', 'few', 'many', 'some', 'all', 'each', 'one', 'none', 'several', 'both', 'any', 'family', 'suite', 'list', 'range', 'variety', 'series', 'variant', 'version', 'copy', 'instance']);
const ENABLING = set(['enable', 'allow', 'let', 'help', 'permit', 'empower', 'equip', 'give', 'tell']);
const SUBORDINATORS = set(['if', 'when', 'whenever', 'while', 'whereas', 'because', 'although', 'though', 'since', 'unless', 'so', 'which', 'who', 'where', 'but', 'yet', 'whether']);
const CONDITIONAL = set(['if', 'unless', 'suppose', 'imagine', 'assume', 'hypothetically', 'whenever']);
const HEDGE_MODALS = set(['could', 'might', 'may', 'would']);
const PROPOSE_MODALS = set(['can', 'should', 'must', 'shall']);
// "leave" alone is no future: "while leaving accuracy unchanged"; "we leave X to future work" has "future".
const FUTURE = set(['will', 'plan', 'future', 'intend', 'next']);
const PROPOSE_VERBS = set(['propose', 'recommend', 'suggest', 'advocate', 'argue', 'introduce', 'present', 'design', 'offer', 'advise', 'urge', 'encourage', 'hope', 'envision', 'invite']);
const NOMINAL: Readonly<Record<string, string>> = dictionary({
  removal: 'remove', ablation: 'ablate', intervention: 'intervene', modification: 'modify', deletion: 'delete', erasure: 'erase',
  suppression: 'suppress', selection: 'select', curation: 'curate', deployment: 'deploy', detection: 'detect', correction: 'correct',
  reduction: 'reduce', comparison: 'compare', evaluation: 'evaluate', replacement: 'replace', addition: 'add', injection: 'inject',
  projection: 'project', manipulation: 'manipulate', insertion: 'insert', edit: 'edit', update: 'update', audit: 'audit', filtration: 'filter',
});

/** Claims of one sentence (computed once per distinct text: several rules and category families ask). */
export const sentenceClaims: (text: string) => SentenceClaims = byText((text) => readClaims(text), undefined, 'claims');

function readClaims(text: string): SentenceClaims {
  const { tokens } = analyse(text);
  const claims: Claim[] = [];
  const cited = tokens.some((t) => t.placeholder === 'cite') || /\bet al\.?|\(\s*[A-Z][A-Za-z-]+(,| and| &)[^)]*\d{4}[a-z]?\s*\)|\[\d+(?:[,–-]\s*\d+)*\]/.test(text);
  // Quotations of some length (a prompt, a model's output): a clause whose act sits inside one is quoted.
  const quotes = [...text.matchAll(/["“][^"”]{12,}["”]/g)].map((m) => [m.index!, m.index! + m[0].length] as const);
  const ranges = clauses(tokens);
  for (let k = 0; k < ranges.length; k++) {
    const [start, end] = ranges[k];
    // "Participants who saw X accepted 18%": the relative clause sits inside the subject, and the
    // predicate after it belongs to the noun before it.
    let subject: [number, number] | undefined;
    const before = ranges[k - 1];
    if (k >= 2 && RELATIVE.has(tokens[before[0]].lower) && ranges[k - 2][1] === before[0] && !tokens.slice(...ranges[k - 2]).some((t) => t.pos === 'VERB' || t.pos === 'AUX') && tokens[before[1] - 1] && resumes(tokens, before[1])) subject = ranges[k - 2];
    const claim = clauseClaim(tokens, start, end, { cited, quotes, text, subject });
    if (!claim) continue;
    // A clause that a verb of proposing introduces is proposed ("we recommend that operators recalibrate…").
    const prev = claims[claims.length - 1];
    if (prev && prev.end === start && tokens[start].lower === 'that' && PROPOSE_VERBS.has(tokens[prev.actAt].lemma) && prev.status === 'proposed' && (claim.status === 'done' || claim.status === 'measured')) claim.status = 'proposed';
    // What a proposed method does is proposed, and the method is a system this work builds
    // ("We propose KeyGuard, which defers…", "We introduce a gate that suppresses…").
    const proposer = claims.find((c) => c.actor === 'we' && PROPOSE_VERBS.has(tokens[c.actAt].lemma) && c.status === 'proposed' && c.end <= start);
    if (proposer && RELATIVE.has(tokens[start].lower) && tokens[start].lower !== 'who' && claim.actor === 'unnamed' && !subject) {
      claim.actor = 'system';
      if (claim.status === 'done' || claim.status === 'measured') claim.status = 'proposed';
    }
    // A non-finite adverbial clause has the main clause's subject and status: in "Auditors can use
    // the probe when deciding whether…" the auditors decide, as a proposal. "without" negates instead.
    const main = claims[claims.length - 1];
    if (main && claim.actor === 'unnamed' && NON_FINITE_OPENERS.has(tokens[start].lower) && tokens[start + 1]?.pos === 'VERB' && tokens[start + 1].lower.endsWith('ing') && claim.actAt === start + 1 && main.status !== 'negated') {
      claim.actor = main.actor;
      if (main.role) claim.role = main.role;
      if (main.status === 'proposed' || main.status === 'hypothetical' || main.status === 'future') claim.status = main.status;
    }
    // "we used the language model of Baevski and Auli (2019), trained on WikiText-103 (Merity et al., 2017)":
    // a participle clause describing what this work used belongs to that report; its citations name sources.
    if (main && claim.source === 'cited' && claim.actor !== 'others' && main.actor === 'we' && main.source === 'own' && main.end === start && reducedRelative(tokens, start, claim.actAt)) claim.source = 'own';
    claims.push(claim);
  }
  return { tokens, claims };
}

/** Clause boundaries as token ranges. */
export function clauses(tokens: readonly Token[]): Array<[number, number]> {
  const cuts = [0];
  let opened = true;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = tokens[i - 1];
    if (t.pos === 'PUNCT' && /^[;:]$/.test(t.text)) cuts.push(i + 1);
    // The comma that closes an opening subordinate clause: "If you run a small model, you can drop this in".
    // So does a relative clause inside a fronted phrase: "For developers who need to change a persona, we recommend…".
    // Also when a complement cut came in between: "If a deployer must show that a capability is gone, our certificate gives…".
    else if (t.text === ',' && (OPENERS.has(tokens[cuts[cuts.length - 1]].lower) || (opened && OPENERS.has(tokens[0].lower)) ? hasSubjectVerbAfter(tokens, i + 1) : RELATIVE.has(tokens[cuts[cuts.length - 1]].lower) && /^(we|i|you|they)$/.test(tokens[i + 1]?.lower ?? '') && hasVerbAfter(tokens, i + 1))) {
      cuts.push(i + 1);
      opened = false;
    }
    else if ((t.pos === 'SCONJ' || t.pos === 'ADP' || t.pos === 'CCONJ' || t.pos === 'PRON' || t.pos === 'DET' || t.pos === 'ADV') && SUBORDINATORS.has(t.lower) && hasVerbAfter(tokens, i)) cuts.push(i);
    // "neurons that drive…" (relative) and "confirming that the feature mediates…" (complement).
    else if (t.lower === 'that' && (prev.pos === 'NOUN' || prev.pos === 'PROPN' || prev.pos === 'VERB' || prev.pos === 'NUM') && hasVerbAfter(tokens, i)) cuts.push(i);
    else if (i > cuts[cuts.length - 1] + 2 && RELATIVE.has(tokens[cuts[cuts.length - 1]]?.lower ?? '') && resumes(tokens, i) && !tokens.slice(cuts[cuts.length - 2] ?? 0, cuts[cuts.length - 1]).some((x) => x.pos === 'VERB' || x.pos === 'AUX') && tokens.slice(cuts[cuts.length - 1] + 1, i).some((x) => x.pos === 'VERB')) cuts.push(i);
    else if (t.pos === 'CCONJ' && (t.lower === 'and' || t.lower === 'or') && prev.pos === 'PUNCT' && prev.text === ',' && hasSubjectVerbAfter(tokens, i + 1)) cuts.push(i);
    // The main clause after a leading subordinate one: "To test whether X, we subtract…", "When two layers agree, emit it".
    else if ((SUBORDINATORS.has(tokens[cuts[cuts.length - 1]]?.lower ?? '') || OPENERS.has(tokens[cuts[cuts.length - 1]]?.lower ?? '')) && ((t.pos === 'PRON' && /^(we|i|you|they)$/.test(t.lower) && hasVerbAfter(tokens, i) && (prev.text === ',' || tokens.slice(cuts[cuts.length - 1], i).some((x) => isPredicate(x) || (x.pos === 'NOUN' && x.lower.endsWith('ing'))))) || (prev.text === ',' && t.pos === 'VERB' && t.lower === t.lemma && !t.lower.endsWith('ing')))) cuts.push(i);
    else if (t.pos === 'CCONJ' && t.lower === 'and' && hasSubjectVerbAfter(tokens, i + 1) && tokens.slice(cuts[cuts.length - 1], i).some(isPredicate)) cuts.push(i);
  }
  cuts.push(tokens.length);
  const out: Array<[number, number]> = [];
  for (let k = 0; k + 1 < cuts.length; k++) if (cuts[k + 1] > cuts[k]) out.push([cuts[k], cuts[k + 1]]);
  return out;
}

const RELATIVE = set(['who', 'that', 'which']);
/** Words that open a non-finite adverbial clause whose subject is the main clause's: "when deciding", "before adding it". */
const NON_FINITE_OPENERS = set(['when', 'while', 'before', 'after', 'by', 'in', 'on', 'through', 'upon']);
/** Words that open a subordinate clause before the main one. */
const OPENERS = set(['if', 'when', 'whenever', 'once', 'after', 'before', 'until', 'while', 'since', 'because', 'although', 'though', 'unless']);

/** A finite verb (or its auxiliary) right after a noun phrase ends: where a sentence's predicate resumes after a relative clause. */
function resumes(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i];
  const prev = tokens[i - 1];
  if (!t || !prev) return false;
  if (!(t.pos === 'AUX' || (t.pos === 'VERB' && !t.lower.endsWith('ing')))) return false;
  if (prev.lower === 'to' || prev.pos === 'AUX' || prev.pos === 'VERB' || prev.pos === 'ADP' || prev.pos === 'PART') return false;
  if (prev.pos === 'ADV') return ['NOUN', 'PROPN', 'PRON', 'NUM'].includes(tokens[i - 2]?.pos ?? '');
  // After a subject pronoun a new clause begins ("…, we recommend"); after an object pronoun the predicate resumes.
  if (prev.pos === 'PRON') return /^(them|it|us|him|her|me|this|these)$/.test(prev.lower);
  return ['NOUN', 'PROPN', 'NUM', 'SYM'].includes(prev.pos);
}

function isPredicate(t: Token): boolean {
  return t.pos === 'VERB';
}

function hasVerbAfter(tokens: readonly Token[], i: number): boolean {
  for (let j = i + 1; j < Math.min(tokens.length, i + 12); j++) {
    if (tokens[j].pos === 'PUNCT' && /[.;:]/.test(tokens[j].text)) return false;
    if (tokens[j].pos === 'VERB' || tokens[j].pos === 'AUX') return true;
  }
  return false;
}

function hasSubjectVerbAfter(tokens: readonly Token[], i: number): boolean {
  const first = tokens[i];
  if (!first || !['PRON', 'DET', 'NOUN', 'PROPN', 'ADJ', 'NUM'].includes(first.pos)) return false;
  if (!hasVerbAfter(tokens, i)) return false;
  // "Leave the embedding layer and the final two layers in fp16 and quantize the rest": the noun
  // phrase after "and" is a second object, and the verb after the next "and" is coordinated with the first.
  const verb = tokens.findIndex((t, j) => j > i && (t.pos === 'VERB' || t.pos === 'AUX'));
  return !(verb > 0 && tokens[verb - 1].pos === 'CCONJ');
}

/**
 * The clause is a reduced relative: its act is a past participle with no auxiliary, relative pronoun
 * or other verb before it in the clause ("…(2019) (247M parameters) trained on…", not "which was trained").
 */
function reducedRelative(tokens: readonly Token[], start: number, actAt: number): boolean {
  const act = tokens[actAt];
  if (!act || act.pos !== 'VERB' || !/(ed|wn|ne|en)$/.test(act.lower)) return false;
  return !tokens.slice(start, actAt).some((t) => t.pos === 'VERB' || t.pos === 'AUX' || RELATIVE.has(t.lower));
}

function clauseClaim(tokens: readonly Token[], start: number, end: number, ctx: { cited: boolean; quotes: ReadonlyArray<readonly [number, number]>; text: string; subject?: [number, number] }): Claim | undefined {
  let verb = -1;
  for (let i = start; i < end; i++) {
    if (tokens[i].pos === 'VERB') {
      verb = i;
      break;
    }
  }
  // A verbless clause may still name an act as a noun ("Removal of the direction…").
  if (verb < 0) {
    for (let i = start; i < end; i++) {
      if (tokens[i].pos === 'NOUN' && (NOMINAL[tokens[i].lemma] || /ing$/.test(tokens[i].lower))) {
        verb = i;
        break;
      }
    }
    if (verb < 0) return undefined;
  }
  // A participle right after the subject's noun modifies it, and the clause's verb comes later
  // ("Radiologists shown concept explanations rejected…", "Auditors assessing a claim should run…").
  const participleAt = verb;
  verb = finiteVerb(tokens, start, end, verb);
  const subjectEnd = verb !== participleAt ? participleAt : verb;
  // A relative clause's subject is the noun it follows ("212 neurons that drive…"), unless it has its
  // own ("a procedure that moderators can run").
  // "…for nurses, who decide…": a non-restrictive relative follows a comma.
  const head = start > 1 && tokens[start - 1].text === ',' && /^(which|who)$/.test(tokens[start].lower) ? start - 1 : start;
  const relative = head > 0 && /^(that|which|who)$/.test(tokens[start].lower) && (tokens[head - 1].pos === 'NOUN' || tokens[head - 1].pos === 'PROPN') && !hasSubjectBetween(tokens, start + 1, verb, tokens[start].lower !== 'who');
  let { actor, role } = ctx.subject ? actorOf(tokens, ctx.subject[0], ctx.subject[1]) : relative ? actorOf(tokens, antecedentStart(tokens, head - 1), head) : actorOf(tokens, start, subjectEnd);
  // A passive's subject is what is acted on; who acts is unnamed ("the features are suppressed").
  const passive = isPassive(tokens, start, verb);
  let subjectText = '';
  const subject = actor;
  if (passive) {
    subjectText = tokens.slice(relative ? antecedentStart(tokens, head - 1) : start, relative ? head : verb).filter((t) => t.pos !== 'AUX' && t.pos !== 'ADV' && t.pos !== 'PART').map((t) => t.text).join(' ');
    actor = 'unnamed';
    role = undefined;
  }
  // A gerund opening the clause is its act, and the verb after it says what came of it ("Ablating X raises…").
  const gerund = !passive && tokens[start]?.lower.endsWith('ing') && (tokens[start].pos === 'VERB' || tokens[start].pos === 'NOUN') && verb > start ? start : -1;
  if (gerund >= 0 && tokens[start].pos === 'VERB' && verb === start) {
    for (let i = start + 1; i < end; i++) if (tokens[i].pos === 'VERB') {
      verb = i;
      break;
    }
  }
  // Who does an act named by a gerund subject with an object is the writer ("Ablating these heads
  // lowers accuracy…"); a bare gerund names a method ("Prompting remains the strongest"). The
  // source is still cited when the sentence cites.
  const opening = tokens[start];
  const gerundSubject = !passive && opening?.lower.endsWith('ing') && (opening.pos === 'VERB' || opening.pos === 'NOUN') && /^(DET|NUM|ADJ|PRON)$/.test(tokens[start + 1]?.pos ?? '') && tokens.slice(start + 2, end).some((t) => t.pos === 'VERB');
  if (gerundSubject && actor === 'unnamed') actor = 'we';
  let actAt = gerund >= 0 ? gerund : verb;
  // Light verbs hand the act to what they introduce: "use X to route", "enable Y to remove", "propose removing".
  // When the light verb's object is who then acts, that object is the actor ("lets developers run").
  for (let hops = 0; hops < 2 && LIGHT.has(tokens[actAt].lemma); hops++) {
    const next = nextAct(tokens, actAt + 1, end);
    if (next < 0) break;
    if (CAUSEE.has(tokens[actAt].lemma) && next > actAt + 1) {
      const causee = actorOf(tokens, actAt + 1, next, true);
      if (causee.actor !== 'unnamed') ({ actor, role } = causee);
    }
    actAt = next;
  }
  // "a way for moderators to dial down gore", "our aim is for clinicians to be able to correct…": who does an
  // infinitive after "for" is the noun phrase between them, and the act is aimed at, not carried out.
  const aimed = infinitiveSubject(tokens, start, actAt);
  if (aimed) ({ actor, role } = actorOf(tokens, aimed[0], aimed[1]));
  const act = actLemma(tokens[actAt]);
  const objectTokens: Token[] = [];
  for (let i = actAt + 1; i < end && objectTokens.length < 6; i++) {
    const t = tokens[i];
    if (t.pos === 'PUNCT' || t.pos === 'ADP' || t.pos === 'SCONJ' || t.pos === 'VERB') break;
    objectTokens.push(t);
  }
  return {
    actor,
    ...(role ? { role } : {}),
    act,
    actAt,
    object: objectTokens.length > 0 ? objectTokens.map((t) => t.text).join(' ') : subjectText,
    status: aimed && statusOf(tokens, start, end, verb, actAt) === 'done' ? 'proposed' : statusOf(tokens, start, end, verb, actAt),
    source: ctx.quotes.some(([a, b]) => tokens[actAt].start > a && tokens[actAt].end < b) ? 'quoted' : subject === 'others' || (ctx.cited && subject !== 'we' && subject !== 'audience') ? 'cited' : isDefinition(tokens, start, end) ? 'definition' : 'own',
    start,
    end,
  };
}

/** The noun phrase [from, to) between "for" and the "to" of the infinitive at `act`, when it names an actor. */
function infinitiveSubject(tokens: readonly Token[], start: number, act: number): [number, number] | undefined {
  let i = act - 1;
  if (tokens[i]?.lower !== 'to') return undefined;
  if (tokens[i - 1]?.lower === 'able' && tokens[i - 2]?.lemma === 'be' && tokens[i - 3]?.lower === 'to') i -= 3;
  let j = i - 1;
  while (j >= start && ['NOUN', 'PROPN', 'ADJ', 'DET', 'NUM'].includes(tokens[j].pos)) j--;
  if (j < start || j === i - 1 || tokens[j].lower !== 'for') return undefined;
  return actorOf(tokens, j + 1, i).actor === 'unnamed' ? undefined : [j + 1, i];
}

function hasSubjectBetween(tokens: readonly Token[], from: number, to: number, nouns = true): boolean {
  for (let i = from; i < to; i++) if (tokens[i].pos === 'PRON' || tokens[i].pos === 'DET' || (nouns && (tokens[i].pos === 'NOUN' || tokens[i].pos === 'PROPN'))) return true;
  return false;
}

const IRREGULAR_PARTICIPLES = set(['given', 'shown', 'seen', 'known', 'taken', 'built', 'found', 'held', 'made', 'told', 'left', 'kept', 'run', 'set', 'put', 'chosen', 'written', 'drawn', 'done', 'led', 'sent', 'brought', 'caught', 'taught', 'thought', 'bought', 'meant', 'spent', 'understood']);

/** A past or present participle, as the tagger gives no verb form. */
function participle(t: Token): boolean {
  return t.pos === 'VERB' && (t.lower.endsWith('ing') || t.lower.endsWith('ed') || IRREGULAR_PARTICIPLES.has(t.lower));
}

/**
 * The clause's verb, past a participle that modifies the subject: a noun, then a participle, then
 * later a verb that is finite (after an auxiliary, or after a noun, not after "to").
 */
function finiteVerb(tokens: readonly Token[], start: number, end: number, verb: number): number {
  const t = tokens[verb];
  if (verb <= start || !participle(t) || !['NOUN', 'PROPN'].includes(tokens[verb - 1].pos)) return verb;
  if (tokens[verb - 1].lower === 'who' || tokens.slice(start, verb).some((x) => x.pos === 'AUX' || x.pos === 'PRON' && !/^(our|their|its|your|my|his|her)$/.test(x.lower))) return verb;
  for (let i = verb + 1; i < end; i++) {
    const x = tokens[i];
    if (x.pos === 'PUNCT' && x.text !== ',') break;
    if (SUBORDINATORS.has(x.lower) || x.lower === 'that') break;
    if (x.pos === 'AUX' && !/^(to)$/.test(tokens[i - 1].lower)) {
      for (let j = i + 1; j < end && j < i + 4; j++) if (tokens[j].pos === 'VERB') return j;
      return verb;
    }
    if (x.pos === 'PUNCT') break;
    if (x.pos === 'VERB' && tokens[i - 1].lower !== 'to' && !x.lower.endsWith('ing') && ['NOUN', 'PROPN', 'ADV', 'NUM', 'SYM'].includes(tokens[i - 1].pos)) return i;
  }
  return verb;
}

/** "are retrained", "was not observed", "can be used": a form of be or get, then a past participle. */
function isPassive(tokens: readonly Token[], start: number, verb: number): boolean {
  const t = tokens[verb];
  if (!t || t.pos !== 'VERB' || t.lower.endsWith('ing')) return false;
  if (!(t.lower.endsWith('ed') || t.lower.endsWith('en') || t.lower.endsWith('wn') || IRREGULAR_PARTICIPLES.has(t.lower) || t.lower !== t.lemma)) return false;
  for (let i = verb - 1; i >= start && i >= verb - 4; i--) {
    const x = tokens[i];
    if (x.pos === 'AUX' && (x.lemma === 'be' || x.lemma === 'get')) return x.lower !== 'being' || i > start;
    if (x.pos !== 'ADV' && x.pos !== 'PART' && x.pos !== 'AUX') return false;
  }
  return false;
}

/** Start of the noun phrase that ends at `end` (inclusive). */
function antecedentStart(tokens: readonly Token[], end: number): number {
  let i = end;
  while (i > 0 && ['NOUN', 'PROPN', 'ADJ', 'NUM', 'DET'].includes(tokens[i - 1].pos)) i--;
  return i;
}

function nextAct(tokens: readonly Token[], from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const t = tokens[i];
    // A "verb" right after a determiner is a noun the tagger misread ("use this map to route").
    if (t.pos === 'VERB' && tokens[i - 1]?.pos !== 'DET' && !/^(this|these|that|those|the|a|an|its|their|our)$/.test(tokens[i - 1]?.lower ?? '')) return i;
    // A nominal that names people's job is no act: "lets deployment engineers decide" acts by deciding.
    if (t.pos === 'NOUN' && (NOMINAL[t.lemma] || (/ing$/.test(t.lower) && t.lower.length > 5)) && !(tokens[i + 1]?.pos === 'NOUN' && AUDIENCE[tokens[i + 1].lemma.replace(/s$/, '')])) return i;
    if (t.pos === 'PUNCT') return -1;
  }
  return -1;
}

/** The act's lemma whatever its form: "removing", "removal", "removed" → remove. */
export function actLemma(t: Token): string {
  if (NOMINAL[t.lemma]) return NOMINAL[t.lemma];
  if (t.pos === 'NOUN' && /ing$/.test(t.lower)) return deGerund(t.lower);
  return t.lemma;
}

function deGerund(word: string): string {
  const stem = word.slice(0, -3);
  if (/(.)\1$/.test(stem) && !/(ll|ss|ff|zz)$/.test(stem)) return stem.slice(0, -1); // running → run
  if (/(at|iz|is|ur|ov|uc|at|in|ag|ut|as|os|ud|ir|ar|il|ip|ok|ib|id)$/.test(stem) && !/(ain|ean|ein|oin|ear|oar)$/.test(stem)) return `${stem}e`; // tuning → tune
  return stem;
}

function actorOf(tokens: readonly Token[], start: number, verb: number, object = false): { actor: Actor; role?: string } {
  let actor: Actor = 'unnamed';
  let role: string | undefined;
  // The subject's head is the last noun or pronoun before the verb, outside prepositional phrases;
  // "of" opens one too, unless the head before it is a quantity ("a set of tools", "developers of models").
  let inPP = false;
  let named = false;
  for (let i = start; i < verb; i++) {
    const t = tokens[i];
    if (t.pos === 'ADP' && (t.lower !== 'of' || (named && !TRANSPARENT.has(tokens[i - 1]?.lemma ?? '')))) inPP = true;
    if (object && named && (t.pos === 'DET' || t.pos === 'ADJ') && tokens[i - 1]?.pos === 'NOUN') break; // "give reviewers a way": the first object
    if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'PRON') named = true;
    if (t.pos === 'PUNCT' && t.text === ',') inPP = false;
    // A nominative pronoun is never a preposition's object: "In all experiments we used…" ends the phrase.
    if (t.pos === 'PRON' && /^(we|i)$/.test(t.lower)) inPP = false;
    if (inPP && t.pos !== 'ADP') continue;
    if (t.pos === 'PRON' && /^(we|our|us|i|my)$/.test(t.lower)) actor = 'we';
    else if (t.pos === 'PRON' && /^(you|your)$/.test(t.lower)) {
      actor = 'audience';
      role = 'developer';
    } else if (t.lower === 'this' && /^(paper|work|study|post|article)$/.test(tokens[i + 1]?.lemma ?? '')) actor = 'we';
    else if (t.pos === 'NOUN' || t.pos === 'PROPN') {
      const lemma = t.lemma.replace(/s$/, '');
      role = undefined;
      if (AUDIENCE[t.lemma] || AUDIENCE[lemma]) {
        actor = 'audience';
        role = AUDIENCE[t.lemma] ?? AUDIENCE[lemma];
      } else if (COMPONENT.has(t.lemma)) actor = 'component';
      else if (MODEL.has(t.lemma) || /^(gpt|llama|gemma|mistral|pythia|bert|claude|qwen|olmo|vit|resnet)/.test(t.lower)) actor = 'model';
      else if (SYSTEM.has(t.lemma)) actor = tokens.slice(start, i).some((x) => /^(our|this|the|proposed)$/.test(x.lower)) ? 'system' : 'unnamed';
      else if (OTHERS.has(t.lemma) || t.placeholder === 'cite') actor = 'others';
      else if (/^(work|paper|result|finding|analysis|experiment)s?$/.test(t.lower) && tokens.slice(start, i).some((x) => /^(our|this)$/.test(x.lower))) actor = 'we';
      // A class word that only modifies the head names no such actor: "a user study", "expert feedback", "circuit discovery".
      else if (actor === 'audience' || ((actor === 'component' || actor === 'model') && (tokens[i - 1]?.pos === 'NOUN' || tokens[i - 1]?.pos === 'PROPN'))) actor = 'unnamed';
    }
    if (t.pos === 'ADJ' && OTHERS.has(t.lemma) && /^(work|study|method|approach|literature)/.test(tokens[i + 1]?.lemma ?? '')) actor = 'others';
  }
  return { actor, role };
}

function statusOf(tokens: readonly Token[], start: number, end: number, verb: number, actAt: number): Status {
  const before = tokens.slice(start, actAt + 1);
  if (before.some((t) => t.lower === 'not' || t.lower === "n't" || t.lower === 'never' || t.lower === 'no') || tokens[actAt].negated) return 'negated';
  if (before.some((t) => CONDITIONAL.has(t.lower))) return 'hypothetical';
  // An imperative, as a recipe or a recommendation gives it: "Leave the first layers in fp16", "If you serve long inputs, skip retrieval".
  if (imperative(tokens, start, verb)) return 'proposed';
  // "We hope practitioners will adopt", "we recommend that…": a proposal, even in the future tense.
  if (before.some((t, k) => PROPOSE_VERBS.has(t.lemma) && t.pos === 'VERB' && start + k < actAt && !t.lower.endsWith('ed'))) return 'proposed';
  if (before.some((t) => FUTURE.has(t.lemma) && (t.pos === 'AUX' || t.pos === 'VERB' || t.pos === 'ADJ'))) return 'future';
  if (before.some((t) => HEDGE_MODALS.has(t.lower))) return 'hypothetical';
  // A verb that enables someone else to act, not in the past: "lets developers remove", "to give reviewers a way to decide".
  const enables = before.some((t, k) => start + k < actAt && t.pos === 'VERB' && ENABLING.has(t.lemma) && (t.lower === t.lemma || t.lower === `${t.lemma}s` || t.lemma === 'let'));
  if (before.some((t) => PROPOSE_MODALS.has(t.lower)) || before.some((t) => PROPOSE_VERBS.has(t.lemma) && t.pos === 'VERB') || enables) return 'proposed';
  // A number that counts the subject ("six radiologists", "14 players") measures nothing; a share or a score does.
  let measured = false;
  for (let i = start; i < end && !measured; i++) {
    const t = tokens[i];
    // Digits inside a name ("GPT-4o", "Llama-3-8B") measure nothing either.
    if (!(t.pos === 'NUM' || t.text === '%' || (/^\d/.test(t.text) && t.pos !== 'PROPN'))) continue;
    const countsSubject = i < verb && t.pos === 'NUM' && tokens[i + 1]?.text !== '%' && !/[.%x]/.test(t.text);
    if (!countsSubject && !/^(19|20)\d\d$/.test(t.text)) measured = true;
  }
  return measured ? 'measured' : 'done';
}

/** A clause that opens with its verb in the base form, at the start of the sentence or after a comma or colon, with no subject. */
function imperative(tokens: readonly Token[], start: number, verb: number): boolean {
  let i = start;
  while (i < verb && (tokens[i].pos === 'ADV' || (tokens[i].pos === 'PUNCT' && tokens[i].text === ','))) i++;
  const t = tokens[i];
  // "Audit the screener…": a verb that is also a noun, read as one by the tagger, before a determiner.
  const verbAsNoun = t?.pos === 'NOUN' && NOMINAL[t.lemma] === t.lemma && tokens[i + 1]?.pos === 'DET';
  if (i !== verb || !t || (t.pos !== 'VERB' && !verbAsNoun) || t.lower !== t.lemma || t.lower.endsWith('ing')) return false;
  if (finiteVerbAfter(tokens, verb)) return false;
  return start === 0 || /^[,:;]$/.test(tokens[start - 1].text);
}

/** "Retain set accuracy stays at 71%": a finite verb later in the same stretch makes the first word part of its subject. */
function finiteVerbAfter(tokens: readonly Token[], verb: number): boolean {
  for (let i = verb + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.pos === 'PUNCT' || t.pos === 'CCONJ' || t.pos === 'SCONJ' || t.pos === 'PRON' || /^(that|which|who|where|when)$/.test(t.lower)) return false;
    // "with predicted error above 0.3": a participle before a noun, after a preposition, modifies it.
    if (t.lower.endsWith('ed') && tokens[i + 1]?.pos === 'NOUN' && /^(ADP|DET|ADJ)$/.test(tokens[i - 1].pos)) continue;
    if ((t.pos === 'VERB' || t.pos === 'AUX') && (/^(is|are|was|were|has|have)$/.test(t.lower) || (t.lower !== t.lemma && !t.lower.endsWith('ing')))) return true;
  }
  return false;
}

function isDefinition(tokens: readonly Token[], start: number, end: number): boolean {
  const words = tokens.slice(start, end).map((t) => t.lemma).join(' ');
  return /\b(refer to|be define as|we define|denote|we call|be call)\b/.test(words);
}

/**
 * Whether a citation sits in the conjunct around token `at` (between commas or semicolons outside
 * brackets, within [lo, hi)): "…, identify and fix model errors [cite], and steer…".
 */
export function citationInConjunct(tokens: readonly Token[], at: number, lo = 0, hi = tokens.length): boolean {
  let from = at;
  let depth = 0;
  while (from > lo) {
    const t = tokens[from - 1].text;
    if (t === ')' || t === ']') depth++;
    else if ((t === '(' || t === '[') && depth > 0) depth--;
    else if (depth === 0 && (t === ',' || t === ';')) break;
    from--;
  }
  for (let i = from; i < hi; i++) {
    if (tokens[i].placeholder === 'cite') return true;
    if (i > at && (tokens[i].text === ',' || tokens[i].text === ';')) break;
  }
  return false;
}
