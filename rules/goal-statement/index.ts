import { sentenceClaims, sentenceCategories, type Claim } from '../../server/src/core/claims';
import { actLemma } from '../../server/src/core/claims/claims';
import { actsToward, goalFrame, problemFrame } from '../../server/src/core/claims/categories/framing';
import PROBLEM_WORDS from '../../server/src/core/claims/lexicon/problem.json';
import { INTERP } from '../../server/src/core/claims/categories/shared';
import { appendToBlock, insertAfterBlock } from '../../server/src/core/rules/fixes';
import { Lexicon } from '../../server/src/core/rules/lexicon';
import { ALL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import type { Token } from '../../server/src/core/nlp/analyse';
import type { Fix, Rule } from '../../server/src/core/rules/types';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import BUILTIN_CUES from '../lexicons/goalCues.json';
import { firstParagraphIn, listNames, quote } from '../shared';
import { openingSections, openingSentences, searchedPlaces } from '../concrete-action/framing';

// Checklist step 1 (§9) and §2: "identify a specific problem that your interpretability question aims
// to eventually solve". The opening of the paper should hold a sentence of the paper's own voice with
// the category goal (an aim or a question aimed at a task, a failure, a decision or a measurable
// quantity) or problem-statement (a problem someone has). Understanding only, a research question that
// names no task, cited work, quoted text and hypotheticals do not count.

interface Options {
  /** More goal cues, e.g. ["we are motivated by"]. */
  extraGoalCues: string[];
}

/** What a sentence of the opening says the work is for, and the claim that says it. */
interface Reading {
  kind: 'goal' | 'problem' | 'understanding' | 'question' | 'aim';
  sentence: SentenceRef;
  claim?: Claim;
  /** The act the reading rests on (the claim's own act for a problem). */
  act?: string;
  /** The claim's clause, quoted from the sentence. */
  clause: string;
}

/** What the finding says of the opening's nearest miss. */
const WEAK: Record<string, string> = {
  understanding: 'the goal it states is only to understand',
  question: 'the question it asks names no task, failure or decision',
  aim: 'the goal it states names no task, failure or decision',
};

const rule: Rule<Options> = {
  meta: {
    id: 'goal-statement',
    description: 'No sentence in the abstract or introduction states the specific problem the work aims to solve',
    checklistStep: 1,
    topic: 'goal',
    paperSection: '§9',
    defaultSeverity: 'warning',
    kinds: ALL_KINDS,
    scope: 'document',
    fixable: true,
    optionsSchema: optionsSchema({ extraGoalCues: phraseList('More phrases that introduce a goal, e.g. "we are motivated by".') }),
  },
  defaultOptions: { extraGoalCues: [] },
  check(ctx) {
    const { view } = ctx;
    // Cues added by the option or by a config extension of the goalCues lexicon; the built-in cues are the layer's goal frames.
    const builtin = new Set(BUILTIN_CUES.goal);
    const extra = [...ctx.options.extraGoalCues, ...(ctx.lexicons.goalCues.data.goal ?? []).filter((c) => !builtin.has(c))];
    const cues = extra.length > 0 ? new Lexicon({ goal: extra }) : undefined;
    const readings = openingSentences(view).flatMap((s) => read(s, cues) ?? []);
    const met = readings.filter((r) => r.kind === 'goal' || r.kind === 'problem');
    for (const r of met) ctx.evidence(at(r.sentence), `${r.kind === 'goal' ? 'states the goal' : 'states the problem'}: ${describe(r)}`);
    if (met.length > 0) return;

    const weak = readings.filter((r) => r.kind !== 'goal' && r.kind !== 'problem');
    const where = withSections(searchedPlaces(view, ['abstract', 'introduction', 'front']), openingSections(view).map((sec) => sec.title).filter(Boolean));
    const instead = weak.length === 0 ? '' : `; ${WEAK[weak[0].kind]} ("${quote(weak[0].clause)}")`;
    ctx.report({
      message: weak.length > 0 && weak[0].kind === 'understanding' ? 'The goal is only to understand: name the problem this work solves, and who has it' : 'No specific problem stated: name the problem this work solves, and who has it',
      detail: `no sentence in ${where} states a specific problem this work aims to solve (looked for a goal such as "our goal is…" or "we ask whether…" aimed at a task, failure mode, decision or measurable quantity, or a problem statement such as "X fail silently on…")${instead}; name the problem and who has it`,
      at: view.anchor(['introduction', 'abstract']),
      related: weak.slice(0, 2).map((r) => ({ at: at(r.sentence), message: r.kind === 'understanding' ? 'a goal of understanding only: what problem would this understanding solve?' : 'names no task, failure or decision: what would the answer serve?' })),
      fix: goalFix(view),
    });
  },
};

/** Goal frames that name a problem by themselves: "we address the problem of…", "the problem this post solves is…". */
/** Interpretability methods and the research around them, as the subject of a problem. */
const RESEARCH: ReadonlySet<string> = new Set([...INTERP, ...PROBLEM_WORDS.research]);

const PROBLEM_FRAMES = new Set(['address-problem-of', 'problem-this-solves', 'problem-name-solves']);
/** Goal frames that ask a question rather than state an aim. */
const QUESTIONS = new Set(['we-ask', 'question-is', 'yes-no-question', 'we-investigate-whether']);

/**
 * The decision, over the sentence's categories and claims. A goal (the category goal: a frame of this
 * work's own voice) counts when what follows it acts toward an objective outside interpretability, or
 * when the frame names a problem; a problem statement counts unless it is cited background. Neither
 * counts inside a hypothetical, a quotation, or when it is about interpretability itself. Understanding
 * only, and a research question that acts toward nothing, are what the finding points to instead.
 */
function read(s: SentenceRef, cues: Lexicon | undefined): Reading | undefined {
  const categories = sentenceCategories(s.text);
  const { tokens, claims } = sentenceClaims(s.text);
  if (claims.some((c) => c.source === 'quoted')) return undefined;
  /** The reading, resting on the claim whose clause holds token `at` (the act a goal aims at, or a problem's frame). */
  const reading = (kind: Reading['kind'], at: number, act?: string): Reading => {
    const claim = claims.find((c) => c.start <= at && at < c.end) ?? claims.find((c) => c.start >= at);
    const [first, last] = claim ? [tokens[claim.start], tokens[claim.end - 1]] : [tokens[0], tokens[tokens.length - 1]];
    return { kind, sentence: s, claim, act, clause: s.text.slice(first.start, last.end) };
  };
  // "If a developer wanted to…, our goal would be…": a hypothetical claim at or before the frame.
  const real = (frame: number) => !(categories.has('hypothetical') && claims.some((c) => c.start <= frame && c.status === 'hypothetical'));
  const counts = (r: Reading, frame: number, subjectEnd: number) => real(frame) && !aboutInterpretability(tokens, claims, r.claim, subjectEnd);

  const goal = categories.has('goal') ? goalFrame(tokens, claims) : undefined;
  const aim = goal ? actsToward(tokens, claims, goal.match.end) : -1;
  if (goal && (aim >= 0 || PROBLEM_FRAMES.has(goal.match.pattern.id))) {
    const r = aim >= 0 ? reading('goal', aim, actLemma(tokens[aim])) : reading('goal', goal.match.end);
    if (counts(r, goal.match.start, -1)) return r;
  }
  const cue = categories.has('understanding-only') ? undefined : cues?.find(s.text)[0];
  const afterCue = cue ? tokens.findIndex((t) => t.start >= cue.end) : -1;
  if (cue) return reading('goal', afterCue >= 0 ? afterCue : tokens.length - 1);
  const problem = categories.has('problem-statement') && !categories.has('cited-background') ? problemFrame(tokens, claims) : undefined;
  if (problem) {
    // The problem's own word when its clause's verb is a copula: "is hard", "remains costly".
    const r = reading('problem', problem.start, tokens[problem.end - 1].pos === 'ADJ' ? tokens[problem.end - 1].lemma : undefined);
    if (counts(r, problem.start, problem.end)) return r;
  }
  if (categories.has('understanding-only')) return reading('understanding', 0);
  const unaimed = goal ?? goalFrame(tokens, claims);
  if (unaimed && !categories.has('cited-background')) return reading(QUESTIONS.has(unaimed.match.pattern.id) ? 'question' : 'aim', unaimed.match.start);
  return undefined;
}

/**
 * A goal or problem of interpretability itself (§2.1 asks for an objective outside it): the act's object
 * names an interpretability method ("to improve sparse autoencoder training"), or, for a problem, the
 * subject before the frame names one or the research around it ("sparse autoencoders are expensive to
 * train", "methods and metrics are rarely compared"), and no audience acts.
 */
function aboutInterpretability(tokens: readonly Token[], claims: readonly Claim[], claim: Claim | undefined, subjectEnd: number): boolean {
  if (!claim || claim.actor === 'audience') return false;
  const names = (from: number, to: number, words: ReadonlySet<string>) => tokens.slice(from, to).some((t) => (t.pos === 'NOUN' || t.pos === 'PROPN') && (words.has(t.lemma) || words.has(t.lower) || words.has(t.lower.replace(/s$/, ''))));
  const object = claim.actAt + 1 + claim.object.split(' ').filter(Boolean).length;
  if (names(claim.actAt + 1, Math.min(object, claim.end), INTERP)) return true;
  if (subjectEnd < 0) return false;
  // The subject: the clause's words up to its first verb or preposition, from the clause it is coordinated with
  // ("methods, metrics and task suites are rarely compared"), not its modifiers ("audits based on interpretability tools").
  let from = claim.start;
  for (let k = claims.indexOf(claim); k > 0 && tokens[from].pos === 'CCONJ'; k--) from = claims[k - 1].start;
  let to = from;
  while (to < subjectEnd && (to === from || !['VERB', 'AUX', 'ADP'].includes(tokens[to].pos))) to++;
  return names(from, to, RESEARCH);
}

/** The claim a reading rests on, for the user to check: the clause, and who does what in what status. */
function describe(r: Reading): string {
  const c = r.claim;
  return c ? `"${quote(r.clause)}" (${c.actor === 'audience' && c.role ? c.role : c.actor} · ${r.act ?? c.act} · ${c.status})` : `"${quote(r.clause)}"`;
}

function at(s: SentenceRef) {
  return { block: s.block, start: s.start, end: s.end };
}

/** "Abstract and Introduction" plus the other opening sections searched: "…, plus "Why this matters"". */
function withSections(places: string, titles: string[]): string {
  if (titles.length === 0) return places;
  const quoted = listNames(titles.map((t) => `"${t}"`), 4);
  return places.startsWith('the opening of the draft') ? quoted : `${places}, plus ${quoted}`;
}

const GOAL_SENTENCE = 'Our goal is to [specific problem, e.g. detect when a deployed model will fail] so that [who] can [decide what].';

function goalFix(view: DocumentView): Fix | undefined {
  const intro = firstParagraphIn(view, ['introduction']);
  if (intro) return { title: 'Add a goal sentence to the introduction\'s first paragraph', edits: [appendToBlock(intro, ` ${GOAL_SENTENCE}`)], hasPlaceholders: true };
  const abstract = firstParagraphIn(view, ['abstract']);
  if (abstract) return { title: 'Add a goal sentence to the abstract', edits: [appendToBlock(abstract, ` ${GOAL_SENTENCE}`)], hasPlaceholders: true };
  const opening = openingSentences(view).find((s) => s.block.kind === 'paragraph');
  if (opening) return { title: 'Add a goal sentence to the opening paragraph', edits: [appendToBlock(opening.block, ` ${GOAL_SENTENCE}`)], hasPlaceholders: true };
  const first = view.doc.blocks.find((b) => b.kind === 'paragraph');
  if (first) return { title: 'Add a goal sentence after the first paragraph', edits: [insertAfterBlock(view.doc, first, GOAL_SENTENCE)], hasPlaceholders: true };
  return undefined;
}

export default rule;
