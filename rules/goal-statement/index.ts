import { appendToBlock, insertAfterBlock } from '../../server/src/core/rules/fixes';
import type { LexiconMatch } from '../../server/src/core/rules/lexicon';
import type { Fix, Rule } from '../../server/src/core/rules/types';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import { describesOthers, firstParagraphIn, isFutureOrHypothetical, negatedBefore } from '../shared';
import { notAnAction, openingSentences, quote, searchedPlaces } from '../concrete-action/framing';

// Checklist step 1 (§9) and §2: "identify a specific problem that your interpretability question aims
// to eventually solve". The opening of the paper (abstract, introduction, front matter of a post)
// should have a sentence that states the problem: a goal ("our goal is", "we ask whether") aimed at a
// task, failure mode, decision or measurable quantity, or a problem statement ("small models fail
// silently on…", "practitioners cannot tell when…"). A goal that is only to understand is not one.

interface Options {
  /** More goal cues, e.g. ["we are motivated by"]. */
  extraGoalCues: string[];
}

/** A failure mode or harm: the commonest specific problem in interpretability papers. */
const FAILURE = /\b(?:fail(?:s|ed|ing|ures?)?|errors?|erroneous|mistakes?|wrong|incorrect|hallucinat\w*|confabulat\w*|jailbr[eo]ak\w*|bias(?:es|ed)?|unfair\w*|spurious|shortcuts?|backdoor\w*|trojans?|toxic\w*|unsafe|harm\w*|misclassif\w*|mispredict\w*|vulnerab\w*|attacks?|adversarial|leak\w*|privacy|memori[sz]\w*|sycophan\w*|decept\w*|deceiv\w*|refus\w*|overconfiden\w*|miscalibrat\w*|calibrat\w*|drift|distribution shifts?|out[- ]of[- ]distribution|OOD|reward hacking|degrad\w*|robust\w*|misuse|misalign\w*|bugs?|faults?|defects?|unreliab\w*|brittle\w*|collapse|regressions?|dangerous|misinformation|copyright\w*|inaccura\w*|false(?:hoods?)?|fabricat\w*|outdated)\b/i;
/** A decision someone takes. */
const DECISION = /\b(?:decid\w*|decisions?|whether to|when to|which (?:inputs|queries|examples|model|data|checkpoint)s?|choos\w*|select\w*|prioriti[sz]\w*|trade[- ]offs?)\b/i;
/** A measurable quantity or a concrete task. */
const QUANTITY = /\b(?:costs?|latency|compute|FLOPs|throughput|memory footprint|energy|accuracy|efficien\w*|sample efficiency|serving|budget|speed\w*|reduc(?:e|es|ing) (?:the )?\w+|diagnos\w*|triage|clinical|medical|legal|financial|loans?|hiring|moderation|fact[- ]check\w*|retrieval|question answering|translation|code generation|summari[sz]ation|recommendation)\b/i;
/** A goal that only wants understanding: "to better understand how attention works". */
const UNDERSTANDING_FRAME = /^(?:\s*(?:is|was|are|here is)?\s*(?:to\s+)?)?(?:(?:better|further|fully|deeply|more fully)\s+)?(?:understand\w*|explain\w*|shed\w* (?:some |new )?light|gain\w* (?:\w+ )?insights?|provid\w* (?:\w+ )?insights?|interpret\w*|characteri[sz]\w*|describe|uncover\w*|reverse[- ]engineer\w*|investigate how|study how|explor\w*|analy[sz]\w*|elucidat\w*|demystif\w*|open (?:up )?the black box|illuminat\w*|examine how|learn (?:more )?about|know (?:more )?about|find out how|see (?:how|what|whether))\b/i;
/** A problem stated without a goal cue. */
const PROBLEM: RegExp[] = [
  /\b(?:cannot|can't|can ?not|are unable to|is unable to|have no (?:reliable |principled |cheap |good |easy )?way to|has no (?:reliable |principled |cheap |good |easy )?way to|there is no (?:reliable |principled |cheap |good |standard |easy )?way to|struggle to|lacks? (?:a |any )?(?:reliable |principled |cheap |scalable )?(?:way|means|method|mechanism|tool)s? to|it is (?:hard|difficult|costly|expensive|impossible|unclear how) to)\s+(?:[\w-]+\s+){0,2}?(?:tell|know|detect|predict|decide|identify|verify|determine|check|anticipate|audit|trust|locate|fix|correct|prevent|remove|control|find|catch|diagnose|debug|estimate)\b/i,
  /\b(?:fail|fails|failing)\s+(?:silently|to generali[sz]e|on|when|under|in|at|for)\b|\bsilent(?:ly)? fail\w*|\b(?:are|is|remain|remains) (?:vulnerable|susceptible|prone) to\b/i,
  /\b(?:is|are|remains?|becomes?) (?:too |often |still |notoriously |prohibitively )?(?:costly|expensive|prohibitive|unreliable|brittle|poorly calibrated|miscalibrated|error[- ]prone|unsafe|biased|opaque to (?:the )?(?:\w+ )?(?:users|clinicians|practitioners|engineers|auditors|regulators))\b/i,
  /\b(?:what is missing|is missing|are missing|missing ingredient|lack(?:s|ing)? (?:of )?(?:practical|real[- ]world|clear|reliable|measurable)|(?:has|have) not translated into|little (?:practical|real[- ]world) (?:impact|use|value)|limited (?:practical|real[- ]world) (?:impact|use|adoption|value))\b/i,
];
/** A model failing, stated as a fact: "LLMs often hallucinate citations", "classifiers rely on spurious cues". */
const MODEL_FAILS = /\b(?:models?|LLMs?|classifiers?|networks?|systems?|agents?|detectors?|assistants?|chatbots?|transformers?|predictors?|routers?|pipelines?)\b(?:(?![.;:]|\b(?:could|may|might|would)\b)[^]){0,60}?\b(?:hallucinat\w+|confabulat\w+|fail(?:s|ed|ing)?|misclassif\w+|mispredict\w*|leak(?:s|ed|ing)?|memori[sz](?:e|es|ed|ing)|produc\w* (?:\w+ ){0,2}?(?:incorrect|wrong|false|harmful|toxic|biased|unsafe|fabricated)|generat\w* (?:\w+ ){0,2}?(?:incorrect|wrong|false|harmful|toxic|biased|unsafe|fabricated)|mak(?:e|es|ing) (?:\w+ )?(?:errors|mistakes)|(?:are|is|remain|remains|become|becomes) (?:\w+ )?(?:biased|vulnerable|susceptible|brittle|unreliable|miscalibrated|overconfident|sycophantic|jailbreakable)|exhibit\w* (?:\w+ )?(?:bias|biases|sycophancy|shortcuts?|spurious)|rel(?:y|ies|ying) (?:\w+ )?on (?:spurious|shortcut|superficial)|can be (?:easily )?(?:jailbroken|fooled|attacked|manipulated))\b/i;
/** "one of their main drawbacks is generating false information": a named weakness with a failure in it. */
const WEAKNESS = /\b(?:drawbacks?|limitations?|weakness(?:es)?|shortcomings?|problems?|challenges?|concerns?|risks?|issues?|obstacles?|barriers?)\b/i;
/** A technical difficulty that is not about understanding itself: "training SAEs at scale is difficult". */
const DIFFICULT = /\b(?:is|are|remains?|becomes?|proves?)\s+(?:\w+\s+)?(?:difficult|hard|challenging|slow|unstable|intractable|infeasible|impractical|prohibitive)\b/i;
const ABOUT_UNDERSTANDING = /\b(?:understand\w*|interpret\w*|explain\w*|analy[sz]\w*|reverse[- ]engineer\w*)\b/i;
/** "would allow us to correct errors", "so that engineers can route…": what the work would make possible. */
const ENABLES = /\b(?:allow\w*|enabl\w*|lets?|letting|so that|in order to|makes? it possible to|would help|could help|can help)\b/i;
const PROBLEM_NOUN = /\bthe (?:problem|challenge|bottleneck|difficulty|question) (?:of|is|that|we)\b/i;

const rule: Rule<Options> = {
  meta: {
    id: 'goal-statement',
    description: 'No sentence in the abstract or introduction states the specific problem the work aims to solve',
    checklistStep: 1,
    paperSection: '§9',
    defaultSeverity: 'warning',
    kinds: ['empirical', 'method', 'analysis', 'benchmark', 'position', 'survey'],
    scope: 'document',
    fixable: true,
    optionsSchema: {
      type: 'object',
      properties: { extraGoalCues: { type: 'array', items: { type: 'string' }, description: 'More phrases that introduce a goal, e.g. "we are motivated by".' } },
      additionalProperties: false,
    },
  },
  defaultOptions: { extraGoalCues: [] },
  check(ctx) {
    const { view, lexicons } = ctx;
    const cues = ctx.options.extraGoalCues.length > 0 ? lexicons.goalCues.extend({ goal: ctx.options.extraGoalCues }) : lexicons.goalCues;
    const sentences = openingSentences(view);
    const understandingOnly: SentenceRef[] = [];
    let found = false;
    for (const s of sentences) {
      if (isFutureOrHypothetical(s.text)) continue;
      const verdict = judge(s, cues.find(s.text), (t) => lexicons.actions.find(t).some((m) => !notAnAction(t, m)));
      if (verdict === 'goal') {
        found = true;
        ctx.evidence({ block: s.block, start: s.start, end: s.end }, 'states the problem the work addresses');
      } else if (verdict === 'understanding') understandingOnly.push(s);
    }
    if (found) return;

    const where = searchedPlaces(view, ['abstract', 'introduction', 'front']);
    const instead = understandingOnly.length > 0 ? `; the goal it states is only to understand ("${quote(understandingOnly[0].text)}")` : '';
    ctx.report({
      message: `no sentence in ${where} states a specific problem this work aims to solve (looked for a goal such as "our goal is…" or "we ask whether…" aimed at a task, failure mode, decision or measurable quantity, or a problem statement such as "X fail silently on…")${instead}; name the problem and who has it`,
      at: view.anchor(['introduction', 'abstract']),
      related: understandingOnly.slice(0, 2).map((s) => ({ at: { block: s.block, start: s.start, end: s.end }, message: 'a goal of understanding only: what problem would this understanding solve?' })),
      fix: goalFix(view),
    });
  },
};

type Verdict = 'goal' | 'understanding' | 'none';

function judge(s: SentenceRef, cues: readonly LexiconMatch[], hasAction: (t: string) => boolean): Verdict {
  const text = s.text;
  let sawUnderstanding = false;
  if (!describesOthers(s)) {
    for (const cue of cues) {
      if (negatedBefore(text, cue.start)) continue;
      let tail = text.slice(cue.end);
      // "Our goal is not to X but to Y": the goal is Y.
      if (/^\s*not\b/i.test(tail)) {
        const but = tail.search(/\bbut\b/i);
        if (but < 0) continue;
        tail = tail.slice(but + 3);
      }
      const understanding = UNDERSTANDING_FRAME.test(tail);
      const strong = FAILURE.test(tail) || DECISION.test(tail) || hasAction(tail);
      if (strong || (!understanding && QUANTITY.test(tail))) return 'goal';
      if (understanding && /^(?:our goal|the goal|we aim|this (?:work|paper|post) aims|our aim|we seek|we set out|we want|the aim|the purpose|our objective)/i.test(cue.text)) sawUnderstanding = true;
    }
  }
  for (const re of PROBLEM) {
    const m = re.exec(text);
    if (m && !negatedBefore(text, m.index) && !/\bnot\s*$/i.test(text.slice(0, m.index))) return 'goal';
  }
  const weakness = WEAKNESS.exec(text);
  if (weakness && FAILURE.test(text.slice(weakness.index)) && !negatedBefore(text, weakness.index)) return 'goal';
  const difficult = DIFFICULT.exec(text);
  if (difficult && !ABOUT_UNDERSTANDING.test(text) && !negatedBefore(text, difficult.index + difficult[0].length - 1)) return 'goal';
  const enables = ENABLES.exec(text);
  if (enables && !describesOthers(s)) {
    const tail = text.slice(enables.index + enables[0].length);
    if (!negatedBefore(text, enables.index) && (hasAction(tail) || /\b(?:correct|fix|reduc|prevent|detect|mitigat|remov|avoid|catch|flag)\w*\s+(?:\w+\s+){0,2}?/i.test(tail) && FAILURE.test(tail))) return 'goal';
  }
  const fails = MODEL_FAILS.exec(text);
  if (fails && !/\b(?:not|never|no longer|rarely|seldom|without|cannot)\b|n't\b/i.test(fails[0]) && !negatedBefore(text, fails.index)) return 'goal';
  const noun = PROBLEM_NOUN.exec(text);
  if (noun) {
    const tail = text.slice(noun.index);
    if (FAILURE.test(tail) || DECISION.test(tail) || QUANTITY.test(tail) || hasAction(tail)) return 'goal';
  }
  return sawUnderstanding ? 'understanding' : 'none';
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
