import { sentenceClaims, sentenceCategories, type Claim } from '../../server/src/core/claims';
import { goalFrame, problemFrame } from '../../server/src/core/claims/categories/framing';
import { INTERP } from '../../server/src/core/claims/categories/shared';
import { appendToBlock, insertAfterBlock } from '../../server/src/core/rules/fixes';
import { Lexicon } from '../../server/src/core/rules/lexicon';
import { ALL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import type { Token } from '../../server/src/core/nlp/analyse';
import type { Fix, Rule } from '../../server/src/core/rules/types';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import BUILTIN_CUES from '../lexicons/goalCues.json';
import { firstParagraphIn, listNames } from '../shared';
import { openingSections, openingSentences, quote, searchedPlaces } from '../concrete-action/framing';

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
  kind: 'goal' | 'problem' | 'understanding' | 'question';
  sentence: SentenceRef;
  claim?: Claim;
  /** The claim's clause, quoted from the sentence. */
  clause: string;
}

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

    const weak = readings.filter((r) => r.kind === 'understanding' || r.kind === 'question');
    const where = withSections(searchedPlaces(view, ['abstract', 'introduction', 'front']), openingSections(view).map((sec) => sec.title).filter(Boolean));
    const instead = weak.length === 0 ? '' : weak[0].kind === 'understanding' ? `; the goal it states is only to understand ("${quote(weak[0].clause)}")` : `; the question it asks names no task, failure or decision ("${quote(weak[0].clause)}")`;
    ctx.report({
      message: `no sentence in ${where} states a specific problem this work aims to solve (looked for a goal such as "our goal is…" or "we ask whether…" aimed at a task, failure mode, decision or measurable quantity, or a problem statement such as "X fail silently on…")${instead}; name the problem and who has it`,
      at: view.anchor(['introduction', 'abstract']),
      related: weak.slice(0, 2).map((r) => ({ at: at(r.sentence), message: r.kind === 'understanding' ? 'a goal of understanding only: what problem would this understanding solve?' : 'a research question: what task, failure or decision would its answer serve?' })),
      fix: goalFix(view),
    });
  },
};

/**
 * The decision, over the sentence's categories and claims: this paper's own sentence (not cited
 * background, a quotation or a hypothetical) with the category goal or problem-statement meets the
 * step; one with understanding-only, or a research question, is what the finding points to instead.
 */
function read(s: SentenceRef, cues: Lexicon | undefined): Reading | undefined {
  const categories = sentenceCategories(s.text);
  const { tokens, claims } = sentenceClaims(s.text);
  if (categories.has('hypothetical') || claims.some((c) => c.source === 'quoted')) return undefined;
  const own = !categories.has('cited-background') || claims.some((c) => c.actor === 'we' && c.source === 'own');
  if (!own) return undefined;
  const reading = (kind: Reading['kind'], from: number, to?: number): Reading => {
    // The claim the frame rests on: for a goal, the clause after its frame (what is asked or aimed at), else the frame's own.
    const claim = (to !== undefined ? claims.find((c) => c.start >= to && c.source === 'own') : undefined) ?? claims.find((c) => c.start <= from && from < c.end);
    const span = claim ? [tokens[claim.start], tokens[claim.end - 1]] : [tokens[from], tokens[Math.max(from, (to ?? from + 1) - 1)]];
    return { kind, sentence: s, claim, clause: s.text.slice(span[0].start, span[1].end) };
  };
  const goal = goalFrame(tokens, claims);
  const outside = (r: Reading, subject: number) => !aboutInterpretability(tokens, r.claim, subject);
  if (categories.has('goal') && goal) {
    const r = reading('goal', goal.match.start, goal.match.end);
    if (outside(r, -1)) return r;
  }
  const cue = categories.has('understanding-only') ? undefined : cues?.find(s.text)[0];
  if (cue) return reading('goal', tokens.findIndex((t) => t.end > cue.start), tokens.findIndex((t) => t.start >= cue.end));
  const problem = problemFrame(tokens, claims);
  if (categories.has('problem-statement') && problem) {
    const r = reading('problem', problem.start);
    if (outside(r, problem.end)) return r;
  }
  if (categories.has('understanding-only')) return reading('understanding', 0);
  if (goal && !goal.aimed) return reading('question', goal.match.start, goal.match.end);
  return undefined;
}

/**
 * A goal or problem of interpretability itself (§2.1 asks for an objective outside it): the act's object
 * names an interpretability method ("to improve sparse autoencoder training"), or, for a problem, the
 * subject before the frame does ("sparse autoencoders are expensive to train"), and no audience acts.
 */
function aboutInterpretability(tokens: readonly Token[], claim: Claim | undefined, subjectEnd: number): boolean {
  if (!claim || claim.actor === 'audience') return false;
  const interp = (from: number, to: number) => tokens.slice(from, to).some((t) => INTERP.has(t.lemma) || INTERP.has(t.lower) || INTERP.has(t.lower.replace(/s$/, '')));
  const object = claim.actAt + 1 + claim.object.split(' ').filter(Boolean).length;
  return interp(claim.actAt + 1, Math.min(object, claim.end)) || (subjectEnd > claim.start && interp(claim.start, subjectEnd));
}

/** The claim a reading rests on, for the user to check: the clause, and who does what in what status. */
function describe(r: Reading): string {
  const c = r.claim;
  return c ? `"${quote(r.clause)}" (${c.actor === 'audience' && c.role ? c.role : c.actor} · ${c.act} · ${c.status})` : `"${quote(r.clause)}"`;
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
