import type { Rule } from '../../server/src/core/rules/types';
import { EXPERIMENTAL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import type { Block, SectionRole } from '../../server/src/core/model';
import { insertAfterBlock } from '../../server/src/core/rules/fixes';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import { sentenceCategories, sentenceClaims } from '../../server/src/core/claims';
import type { Claim } from '../../server/src/core/claims/claims';
import { audienceRole } from '../../server/src/core/claims/categories/audience';
import { analyse, type Token } from '../../server/src/core/nlp/analyse';
import { firstMatch, type Pattern } from '../../server/src/core/nlp/patterns';
import { EXPERIMENT_ROLES, firstParagraphIn, hasExperiments, lastBodyParagraph, listNames, ownTableBlocks, quote } from '../shared';
import WORDS from './words.json';
import { dictionary } from '../../server/src/core/dictionary';

// §6.2 and checklist step 6 ("yields explanations that are useful for the target audience"): when a
// paper produces explanations meant for people (clinicians, end users, auditors, engineers), their
// usefulness is a separate question from their accuracy and has to be measured: task enhancement
// (do people decide better with them?), understandability, and reliability (are they stable?).
// Both questions are read from claims: an explanation this work hands to people, in its own
// claims; and an evaluation it carried out, not one it proposes, hedges, negates or cites.

interface Options {
  /** More words for the people explanations are meant for, e.g. ["underwriters"]. */
  extraAudiences: string[];
}

const set = (xs: readonly string[]) => new Set(xs);
const EXPLANATIONS = set(WORDS.explanations);
const INPUT_PARTS = set(WORDS.inputParts);
const HANDOUTS = set(WORDS.handouts);
const PEOPLE = dictionary(WORDS.people as Record<string, string>);
const NOT_PEOPLE = set(WORDS.notPeople);
const HUMANS = set(WORDS.humans);
const PRODUCES = set(WORDS.produces);
const NEGATORS = set(WORDS.negators);
const MODALS = set(WORDS.modals);

/** Explanations named by two words: "feature cards", "reason codes", "highlights the suspicious tokens". */
export const EXPLANATION_PHRASES: readonly Pattern[] = [
  { id: 'feature-card', tokens: [{ lemma: ['feature', 'latent', 'neuron', 'concept'] }, { lemma: ['card', 'label'] }], examples: { match: ['Our feature cards present each description.'], noMatch: ['The model card lists the data.'] } },
  { id: 'reason-code', tokens: [{ lemma: ['reason'] }, { lemma: ['code'] }], examples: { match: ['Each rejection comes with reason codes.'], noMatch: ['The reason is unclear.'] } },
  { id: 'input-highlights', tokens: [{ lemma: ['token', 'word', 'span', 'phrase', 'line', 'evidence', 'input', 'saliency', 'attribution', 'colour', 'color'] }, { lemma: ['highlight', 'highlights'] }], examples: { match: ['Token highlights let auditors confirm a flag.'], noMatch: ['Table 2 highlights the gap.'] } },
  { id: 'highlight-input', tokens: [{ lemma: ['highlight'], pos: ['VERB'] }, { lemma: WORDS.inputParts, gap: 4 }], examples: { match: ['The tool highlights the lines whose latents contribute most.', 'It highlighted the suspicious spans.'], noMatch: ['Table 2 highlights the gap between the probe and a keyword filter.'] } },
];

const OWN_BODY: ReadonlyArray<SectionRole | 'front'> = ['method', 'experiments', 'results', 'other'];
const APPLIES_ROLES: ReadonlyArray<SectionRole | 'front'> = ['abstract', 'introduction', 'method', 'experiments', 'results', 'other', 'discussion', 'conclusion', 'front'];
const EVIDENCE_EXCLUDED: ReadonlyArray<SectionRole | 'front'> = ['related-work', 'background', 'limitations'];
const MAX_RELATED = 3;

/** An explanation handed to people: where it is named, and who receives it. */
interface Intent {
  s: SentenceRef;
  what: Token;
  who: string;
  /** The claim of this work that hands it over. */
  by?: Claim;
}

const rule: Rule<Options> = {
  meta: {
    id: 'audience-usefulness',
    description: 'Explanations meant for people (clinicians, users, auditors) with no user study, task-performance, understandability or reliability evaluation',
    checklistStep: 6,
    topic: 'usefulness to the audience',
    paperSection: '§6.2',
    defaultSeverity: 'warning',
    kinds: EXPERIMENTAL_KINDS,
    scope: 'document',
    fixable: true,
    optionsSchema: optionsSchema({ extraAudiences: phraseList('More words for the people the explanations are meant for.') }),
  },
  defaultOptions: { extraAudiences: [] },
  check(ctx) {
    const { view, lexicons } = ctx;
    const extra = new Set(ctx.options.extraAudiences.map((p) => analyse(p).tokens.pop()?.lemma ?? ''));

    // 1. Does the draft produce explanations meant for people? An explanation and the people it is for,
    //    in a sentence of this work's own (a claim by us or our system, or a sentence of the method or results).
    const intents: Intent[] = [];
    for (const s of view.sentences) {
      if (!APPLIES_ROLES.includes(s.role) || s.block.kind === 'table-cell') continue;
      const { tokens, claims } = sentenceClaims(s.text);
      const categories = sentenceCategories(s.text);
      if (categories.has('cited-background') || categories.has('hypothetical')) continue;
      const what = explanation(tokens, extra);
      const who = what && people(tokens, extra);
      const by = what && who ? produces(claims, tokens, s.role, what) : undefined;
      if (what && who && (by || OWN_BODY.includes(s.role))) intents.push({ s, what, who, by });
    }
    if (intents.length === 0) {
      ctx.notApplicable('the draft produces no explanations meant for people (users, clinicians, auditors, engineers)');
      return;
    }

    // 2. Is their usefulness evaluated with those people, or their reliability measured?
    const consider = (block: Block, text: string, offset: number, claims?: readonly Claim[]) => {
      const tokens = analyse(text).tokens;
      for (const m of lexicons.userEvaluation.find(text)) {
        if (block.refs.some((r) => r.start <= offset + m.start && r.end >= offset + m.end)) continue;
        const at = tokens.findIndex((t) => t.end > m.start);
        const by = claims?.find((c) => c.start <= at && at < c.end);
        if (claims && !carriedOut(tokens, by)) continue;
        if (tokens.slice(Math.max(0, at - 3), at).some((t) => NEGATORS.has(t.lower))) continue;
        if (m.category === 'task enhancement' && !tokens.some((t) => HUMANS.has(t.lemma) || !!role(t, extra))) continue;
        if (m.category === 'reliability' && !explanation(tokens, extra)) continue;
        ctx.evidence({ block, start: offset + m.start, end: offset + m.end }, `${m.category}: ${m.text}${named(by)}`);
        return true;
      }
      return false;
    };
    let evaluated = false;
    for (const s of view.sentences) {
      if (evaluated || EVIDENCE_EXCLUDED.includes(s.role) || s.block.kind === 'table-cell') continue;
      const categories = sentenceCategories(s.text);
      if (categories.has('cited-background') || categories.has('hypothetical')) continue;
      evaluated = consider(s.block, s.text, s.start, sentenceClaims(s.text).claims);
    }
    for (const block of ownTableBlocks(view)) if (!evaluated && view.roleOf(block) !== 'limitations') evaluated = consider(block, block.text, 0);
    for (const section of ctx.doc.sections) {
      if (!evaluated && section.heading && !EVIDENCE_EXCLUDED.includes(section.role)) evaluated = consider(section.heading, section.heading.text, 0);
    }
    if (evaluated) return;

    const audiences = listNames(intents.map((i) => plural(i.who)), 3);
    const where = hasExperiments(view) ? `${view.describeSearch(EXPERIMENT_ROLES)} or elsewhere in the draft` : 'the draft, which reports no experiments';
    const target = firstParagraphIn(view, ['experiments', 'results']) ?? lastParagraphOf(view, 'introduction') ?? lastBodyParagraph(view);
    ctx.report({
      message: `Explanations meant for ${quote(audiences, 40)} are not tested with them: run a user study`,
      detail: `the draft's explanations are meant for ${audiences}, but no user study, task-performance, understandability or reliability evaluation of them was found in ${where}; measure whether they help ${audiences} decide better`,
      at: view.anchor(['experiments', 'results', 'introduction']),
      related: intents.slice(0, MAX_RELATED).map((i) => ({ at: { block: i.s.block, start: i.s.start + i.what.start, end: i.s.start + i.what.end }, message: `explanations meant for ${i.who}${named(i.by)}` })),
      fix: target && {
        title: 'Insert a user-study paragraph (task performance, understandability, stability)',
        edits: [insertAfterBlock(ctx.doc, target, `We evaluate the explanations with [N] [audience, e.g. ${plural(intents[0].who)}] in a user study, measuring decision accuracy with and without explanations, understandability ratings, and stability across random seeds.`)],
        hasPlaceholders: true,
      },
    });
  },
};

/** The role of a person who acts on explanations (not developers or researchers, not study participants). */
function role(t: Token, extra: ReadonlySet<string>): string | undefined {
  if (t.pos !== 'NOUN' && t.pos !== 'PROPN') return undefined;
  if (extra.has(t.lemma)) return 'extra';
  if (NOT_PEOPLE.has(t.lemma)) return undefined;
  return PEOPLE[t.lemma] ?? audienceRole(t);
}

/** Not under a negation just before it: "not for its end users", "without any explanation". */
function affirmed(tokens: readonly Token[], i: number): boolean {
  return !tokens[i].negated && !tokens.slice(Math.max(0, i - 3), i).some((t) => NEGATORS.has(t.lower));
}

/** The first explanation named in a sentence: a word of the lexicon, a two-word name, or a handout for someone. */
function explanation(tokens: readonly Token[], extra: ReadonlySet<string>): Token | undefined {
  const phrase = firstMatch(EXPLANATION_PHRASES, tokens);
  if (phrase && affirmed(tokens, phrase.start)) return tokens[phrase.start];
  return tokens.find((t, i) => affirmed(tokens, i) && t.pos === 'NOUN' && (EXPLANATIONS.has(t.lemma) || EXPLANATIONS.has(t.lemma.replace(/s$/, '')) || (HANDOUTS.has(t.lemma) && handedTo(tokens, i + 1, extra))));
}

/** "a report for the insurance examiner", "a short summary for caseworkers": people right after for/to. */
function handedTo(tokens: readonly Token[], i: number, extra: ReadonlySet<string>): boolean {
  if (!/^(for|to)$/.test(tokens[i]?.lower ?? '')) return false;
  for (let k = i + 1; k < tokens.length && k <= i + 4 && tokens[k].pos !== 'PUNCT'; k++) if (role(tokens[k], extra)) return true;
  return false;
}

/** The people a sentence names, with the words of their phrase ("loan officers", "end users"); plain "users of X" are not. */
function people(tokens: readonly Token[], extra: ReadonlySet<string>): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!role(t, extra) || !affirmed(tokens, i)) continue;
    if (t.lemma === 'user' && tokens[i + 1]?.lower === 'of') continue;
    let j = i;
    while (j > 0 && ['NOUN', 'ADJ'].includes(tokens[j - 1].pos) && !EXPLANATIONS.has(tokens[j - 1].lemma)) j--;
    return tokens.slice(j, i + 1).map((x) => x.text).join(' ');
  }
  return undefined;
}

/** The sentence is about this work's own output: a claim by us or our system, one that produces something, or the method or results. */
function produces(claims: readonly Claim[], tokens: readonly Token[], where: SectionRole | 'front', what: Token): Claim | undefined {
  const at = tokens.indexOf(what);
  const mine = claims.filter((c) => (c.source === 'own' || c.source === 'definition') && c.status !== 'negated' && c.status !== 'hypothetical' && c.status !== 'future');
  // The clause that names the explanation first ("…and write a two-page report for the examiner"), then any other.
  mine.sort((a, b) => Number(b.start <= at && at < b.end) - Number(a.start <= at && at < a.end));
  return mine.find((c) => c.actor === 'we' || c.actor === 'system' || PRODUCES.has(c.act) || PRODUCES.has(tokens[c.actAt]?.lemma ?? '')) ?? (OWN_BODY.includes(where) ? mine[0] ?? claims[0] : undefined);
}

/** A claim as a user can check it: actor · act · status. */
function named(c: Claim | undefined): string {
  return c ? ` (${c.actor} · ${c.act} · ${c.status})` : '';
}

/** The clause reports what this work did: not negated, hedged, future or a recommendation ("should run a user study"). */
function carriedOut(tokens: readonly Token[], c: Claim | undefined): boolean {
  if (!c) return true;
  if (c.status === 'negated' || c.status === 'hypothetical' || c.status === 'future' || c.source === 'cited') return false;
  return !tokens.slice(c.start, c.end).some((t) => MODALS.has(t.lemma) && (t.pos === 'AUX' || t.pos === 'VERB'));
}

function plural(who: string): string {
  const w = who.replace(/\s+/g, ' ').toLowerCase();
  return w.endsWith('s') ? w : `${w}s`;
}

function lastParagraphOf(view: DocumentView, role: SectionRole): Block | undefined {
  const blocks = view.doc.blocks.filter((b) => b.kind === 'paragraph' && view.roleOf(b) === role);
  return blocks[blocks.length - 1];
}

export default rule;
