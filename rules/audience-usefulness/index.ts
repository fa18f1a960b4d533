import type { Rule } from '../../server/src/core/rules/types';
import { EXPERIMENTAL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import type { Block, SectionRole } from '../../server/src/core/model';
import { insertAfterBlock } from '../../server/src/core/rules/fixes';
import { phraseToPattern, regexFlags } from '../../server/src/core/rules/lexicon';
import type { Lexicons } from '../../server/src/core/rules/lexicon';
import type { SentenceRef } from '../../server/src/core/rules/view';
import { EXPERIMENT_ROLES, describesOthers, firstParagraphIn, hasExperiments, isFutureOrHypothetical, lastBodyParagraph, listNames, negatedBefore, ownTableBlocks } from '../shared';

// §6.2 and checklist step 6 ("yields explanations that are useful for the target audience"): when a
// paper produces explanations meant for people (clinicians, end users, auditors, engineers), their
// usefulness is a separate question from their accuracy and has to be measured: task enhancement
// (do people decide better with them?), understandability, and reliability (are they stable?).
// The rule applies only when the paper's own explanations are meant for people.

interface Options {
  /** More words for the people explanations are meant for, e.g. ["underwriters"]. */
  extraAudiences: string[];
}

/** What the paper hands to people. */
const EXPLANATION = /(?<![\w-])(?:(?:natural[\s-]language|textual|counterfactual|concept[\s-]based|visual|local|post[\s-]hoc|feature[\s-]level|token[\s-]level|per[\s-](?:query|decision|prediction))\s+)?(?:explanations?|rationales?|(?:saliency|salience|attribution|relevance|attention)\s+maps?|heat[\s-]?maps?|(?:feature|latent|neuron|concept)(?:'s)?\s+(?:descriptions?|labels?|explanations?|cards?)|descriptions?\s+of\s+(?:(?:the|each|every|its|their|all|our|sae|top|selected|active)\s+){0,2}(?:features?|latents?|neurons?|concepts?)|(?:token|word|feature|pixel|input|concept)[\s-](?:level\s+)?attributions?|highlighted\s+(?:tokens|words|regions|evidence))(?![\w-])/gi;
/**
 * Explanations handed to people in other words (§6.2: explanations meant to guide a person's decision,
 * whatever they are called): highlighted evidence ("the report highlights the tokens with the highest
 * attribution", "these highlights let auditors…", "token highlights"), attributions of latents, neurons
 * or gradients, saliency overlays and visualisations, and reasons or evidence shown, displayed or
 * presented to someone. A score, a flag or a label alone is not an explanation.
 */
const EXPLANATION_IN_OTHER_WORDS = new RegExp([
  // "highlights the tokens", "highlighting the suspicious spans", "highlighted the triggering words"
  String.raw`(?<![\w-])highlight(?:s|ed|ing)?\s+(?:(?:the|each|every|which|any|relevant|suspicious|suspected|key|important|individual|specific|top|most|offending|responsible|influential)\s+){0,3}(?:[\w-]+\s+)?(?:tokens?|words?|spans?|phrases?|regions?|lines?|pixels?|patches|sentences?|passages?|clauses?|evidence|parts? of)(?![\w-])`,
  // "token highlights", "span-level highlights"
  String.raw`(?<![\w-])(?:token|word|span|phrase|line|evidence|trigger|input|saliency|attribution|colou?r)(?:[\s-]level)?[\s-]highlights?(?![\w-])`,
  // "these highlights let auditors…", "the highlights point to…"
  String.raw`(?<![\w-])(?:these|those|the|such|our|its|their)\s+highlights(?=\s+(?:let|lets|help|helps|show|shows|allow|allows|make|makes|are|were|can|point|points|mark|marks|indicate|indicates|of|for|on|to|in|with))`,
  // "latent attributions", "SAE-latent attribution", "gradient attributions", "attribution scores"
  String.raw`(?<![\w-])(?:latent|neuron|head|SAE|gradient|integrated[\s-]gradients?|SHAP|LIME)[\s-](?:level\s+)?attributions?(?![\w-])|(?<![\w-])(?:saliency|salience|attribution)\s+(?:scores?|overlays?|visuali[sz]ations?|highlights?)(?![\w-])`,
  // "reasons shown to the loan officer", "visualisations displayed to moderators", "reason codes"
  String.raw`(?<![\w-])(?:visuali[sz]ations?|overlays?|annotations?|evidence|reasons?|justifications?)\s+(?:are\s+|is\s+)?(?:shown|displayed|presented|surfaced|delivered|given|sent|attached)\s+to(?![\w-])|(?<![\w-])reason\s+codes?(?![\w-])`,
].join('|'), 'gi');
/** People who would act on explanations, beyond the audience lexicon's categories. */
const GENERIC_PEOPLE = /(?<![\w-])(?:end|lay|human|expert|non-expert|clinical|medical|domain|everyday|downstream)[\s-]users?(?![\w-])|(?<![\w-])(?:decision[\s-]makers?|stakeholders?|non-experts?|laypeople|lay\s+people|(?:deployment\s+)?engineers?|human\s+(?:experts?|reviewers?|overseers?|operators?)|(?:case|loan|credit|compliance|review|safety|enforcement|program(?:me)?)\s+officers?|case\s*workers?|inspectors?|examiners?|underwriters?|adjusters?|caseworkers?|(?:content|code|security|claims?|case|document|trust[\s-]and[\s-]safety|human|expert)\s+reviewers?)(?![\w-])/gi;
/**
 * A summary, report, card or dashboard handed to people ("a one-page summary for the case officer",
 * "a report to the regulator"): the form in which an audit or analysis explains the model to them.
 * Only with a determiner or adjective before it (not "we report…") and a recipient after "for"/"to".
 */
const HANDOUT = /(?<![\w-])(?:a|an|the|each|every|our|this|that|one-page|short|brief|written|plain-language)\s+(?:[\w-]+\s+){0,2}?(?:summar(?:y|ies)|reports?|dashboards?|cards?|briefs?|write-?ups?|memos?)\s+(?:for|to|addressed\s+to|meant\s+for|aimed\s+at)\s+(?:the\s+|each\s+|every\s+|a\s+|an\s+|their\s+)?/gi;
/** Audience lexicon categories whose members act on explanations (developers and researchers are left out). */
const PEOPLE_CATEGORIES = /domain|end user|polic|auditor|deploy/i;
/** Plain "users" counts only when they decide, trust or act ("help users decide when to trust"), not "users of our library". */
const PLAIN_USERS = /(?<![\w-])users?(?![\w-])(?!\s+(?:of|can\s+(?:compute|run|install|call|load)))/gi;
const USER_ACTS = /\b(?:trust\w*|distrust\w*|decid\w*|decisions?|act|acts|acting|rely|reli\w+|understand\w*|verify|override|overrule|contest|appeal|debug|audit\w*|calibrat\w*|judge|assess)\b/i;
const OWN = /\b(?:we|our|ours|this (?:work|paper|method|tool|system|approach))\b/i;
const PRODUCES = /\b(?:provid|produc|generat|output|show|present|display|return|surfac|deliver|offer|giv|attach|accompan|come|comes|yield|explain)\w*\b/i;
const OWN_BODY: ReadonlyArray<SectionRole | 'front'> = ['method', 'experiments', 'results', 'other'];
const SUMMARY_ROLES: ReadonlyArray<SectionRole | 'front'> = ['abstract', 'conclusion', 'front'];
const APPLIES_ROLES: ReadonlyArray<SectionRole | 'front'> = ['abstract', 'introduction', 'method', 'experiments', 'results', 'other', 'discussion', 'conclusion', 'front'];
const EVIDENCE_EXCLUDED: ReadonlyArray<SectionRole | 'front'> = ['related-work', 'background', 'limitations'];
const MODAL = /\b(?:could|may|might|would|should|need(?:s|ed)? to|remains?)\b/i;
/** Task-enhancement words need people in the sentence; reliability words need explanations. */
const HUMAN_CONTEXT = /\b(?:users?|participants?|humans?|people|clinicians?|physicians?|radiologists?|experts?|engineers?|annotators?|raters?|auditors?|analysts?|subjects?)\b|with and without/i;
const EXPLANATION_CONTEXT = /\b(?:explanations?|rationales?|saliency|salience|attributions?|heat[\s-]?maps?|maps?|labels?|descriptions?)\b/i;

const MAX_RELATED = 3;

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
    const people = peoplePattern(lexicons, ctx.options.extraAudiences);

    // 1. Does the paper produce explanations meant for people?
    const intents: Array<{ s: SentenceRef; start: number; end: number; audience: string }> = [];
    for (const s of view.sentences) {
      if (!APPLIES_ROLES.includes(s.role) || s.block.kind === 'table-cell') continue;
      if (describesOthers(s) || isFutureOrHypothetical(s.text)) continue;
      const handout = firstMatch(HANDOUT, s.text, (m) => !negatedBefore(s.text, m.index) && !!recipient(people, s.text.slice(m.index + m[0].length)));
      const explanation = firstMatch(EXPLANATION, s.text, (m) => !negatedBefore(s.text, m.index))
        ?? firstMatch(EXPLANATION_IN_OTHER_WORDS, s.text, (m) => !negatedBefore(s.text, m.index)) ?? handout;
      if (!explanation) continue;
      const handedTo = explanation === handout && handout ? recipient(people, s.text.slice(handout.index + handout[0].length)) : undefined;
      const audience = handedTo ?? firstMatch(people, s.text, () => true) ?? firstMatch(GENERIC_PEOPLE, s.text, () => true)
        ?? (USER_ACTS.test(s.text) ? firstMatch(PLAIN_USERS, s.text, () => true) : undefined);
      if (!audience) continue;
      const own = OWN.test(s.text) || OWN_BODY.includes(s.role) || (PRODUCES.test(s.text) && SUMMARY_ROLES.includes(s.role));
      if (!own) continue;
      intents.push({ s, start: explanation.index, end: explanation.index + explanation[0].length, audience: audience[0] });
    }
    if (intents.length === 0) {
      ctx.notApplicable('the draft produces no explanations meant for people (users, clinicians, auditors, engineers)');
      return;
    }

    // 2. Is their usefulness evaluated with those people, or their reliability measured?
    let evaluated = false;
    const consider = (block: Block, text: string, offset: number) => {
      for (const m of lexicons.userEvaluation.find(text)) {
        if (negatedBefore(text, m.start)) continue;
        if (block.refs.some((r) => r.start <= offset + m.start && r.end >= offset + m.end)) continue;
        if (m.category === 'task enhancement' && !HUMAN_CONTEXT.test(text)) continue;
        if (m.category === 'reliability' && !EXPLANATION_CONTEXT.test(text)) continue;
        evaluated = true;
        ctx.evidence({ block, start: offset + m.start, end: offset + m.end }, `${m.category}: ${m.text}`);
        return;
      }
    };
    for (const s of view.sentences) {
      if (EVIDENCE_EXCLUDED.includes(s.role) || s.block.kind === 'table-cell') continue;
      if (describesOthers(s) || isFutureOrHypothetical(s.text) || MODAL.test(s.text)) continue;
      consider(s.block, s.text, s.start);
    }
    for (const block of ownTableBlocks(view)) if (view.roleOf(block) !== 'limitations') consider(block, block.text, 0);
    for (const section of ctx.doc.sections) {
      if (section.heading && !EVIDENCE_EXCLUDED.includes(section.role)) consider(section.heading, section.heading.text, 0);
    }
    if (evaluated) return;

    const audiences = listNames(intents.map((i) => firstWord(i.audience.replace(/\s+/g, ' '))), 3);
    const where = hasExperiments(view) ? `${view.describeSearch(EXPERIMENT_ROLES)} or elsewhere in the draft` : 'the draft, which reports no experiments';
    const target = firstParagraphIn(view, ['experiments', 'results']) ?? lastParagraphOf(view, 'introduction') ?? lastBodyParagraph(view);
    ctx.report({
      message: `the draft's explanations are meant for ${audiences}, but no user study, task-performance, understandability or reliability evaluation of them was found in ${where}; measure whether they help ${audiences} decide better`,
      at: view.anchor(['experiments', 'results', 'introduction']),
      related: intents.slice(0, MAX_RELATED).map((i) => ({ at: { block: i.s.block, start: i.s.start + i.start, end: i.s.start + i.end }, message: `explanations meant for ${i.audience}` })),
      fix: target && {
        title: 'Insert a user-study paragraph (task performance, understandability, stability)',
        edits: [insertAfterBlock(ctx.doc, target, `We evaluate the explanations with [N] [audience, e.g. ${firstWord(intents[0].audience)}] in a user study, measuring decision accuracy with and without explanations, understandability ratings, and stability across random seeds.`)],
        hasPlaceholders: true,
      },
    });
  },
};

function firstMatch(re: RegExp, text: string, ok: (m: RegExpExecArray) => boolean): RegExpExecArray | undefined {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) if (ok(m)) return m;
  return undefined;
}

/** The people who would act on what they are handed, when the text starts with them. */
function recipient(people: RegExp, text: string): RegExpExecArray | undefined {
  const head = text.slice(0, 40);
  for (const re of [people, GENERIC_PEOPLE]) {
    re.lastIndex = 0;
    const m = re.exec(head);
    if (m && /^(?:[\w-]+\s+)?$/.test(head.slice(0, m.index))) return m;
  }
  return undefined;
}

function firstWord(audience: string): string {
  return audience.toLowerCase().endsWith('s') ? audience.toLowerCase() : `${audience.toLowerCase()}s`;
}

/** The audience lexicon's people who act on explanations, singular or plural, plus the configured extras. */
function peoplePattern(lexicons: Lexicons, extra: string[]): RegExp {
  const phrases = Object.entries(lexicons.audiences.data)
    .filter(([category]) => PEOPLE_CATEGORIES.test(category))
    .flatMap(([, list]) => list)
    .concat(extra)
    .filter((p) => !p.startsWith('/'))
    .map((p) => p.replace(/(?<=[a-z])s$/i, ''));
  if (phrases.length === 0) return /(?!)/g;
  return new RegExp(phrases.map(phraseToPattern).join('|'), regexFlags(phrases));
}

function lastParagraphOf(view: { doc: { blocks: Block[] }; roleOf(b: Block): SectionRole | 'front' }, role: SectionRole): Block | undefined {
  const blocks = view.doc.blocks.filter((b) => b.kind === 'paragraph' && view.roleOf(b) === role);
  return blocks[blocks.length - 1];
}

export default rule;
