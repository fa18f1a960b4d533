import { appendToBlock, insertAfterBlock } from '../../server/src/core/rules/fixes';
import { ALL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import type { LexiconMatch } from '../../server/src/core/rules/lexicon';
import type { Fix, Rule } from '../../server/src/core/rules/types';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import { describesOthers, firstParagraphIn, listNames, isFutureOrHypothetical, negatedBefore } from '../shared';
import { notAnAction, openingSections, openingSentences, quote, searchedPlaces } from '../concrete-action/framing';

// Checklist step 1 (§9) and §2: "identify a specific problem that your interpretability question aims
// to eventually solve". The opening of the paper (abstract, introduction, front matter of a post)
// should have a sentence that states the problem: a goal ("our goal is", "we ask whether") aimed at a
// task, failure mode, decision or measurable quantity, or a problem statement ("small models fail
// silently on…", "practitioners cannot tell when…"). A goal that is only to understand is not one.

interface Options {
  /** More goal cues, e.g. ["we are motivated by"]. */
  extraGoalCues: string[];
}

/** A failure mode or harm, for the problem statements below ("one of their drawbacks is generating false information"). */
const FAILURE = /\b(?:fail(?:s|ed|ing|ures?)?|errors?|erroneous|mistakes?|wrong|incorrect|hallucinat\w*|confabulat\w*|jailbr[eo]ak\w*|bias(?:es|ed)?|stereotyp\w*|unfair\w*|spurious|shortcuts?|backdoor\w*|trojans?|toxic\w*|unsafe|harm\w*|misclassif\w*|mispredict\w*|vulnerab\w*|attacks?|adversarial|leak\w*|privacy|memori[sz]\w*|sycophan\w*|decept\w*|deceiv\w*|refus\w*|overconfiden\w*|miscalibrat\w*|distribution shifts?|out[- ]of[- ]distribution|OOD|reward hacking|degrad\w*|robust\w*|collapse|regressions?|copyright\w*|misuse|misalign\w*|bugs?|faults?|defects?|unreliab\w*|brittle\w*|dangerous|misinformation|inaccura\w*|false(?:hoods?)?|fabricat\w*|outdated)\b/i;
/** A decision someone takes. */
const DECISION = /\b(?:decid\w*|decisions?|whether to|when to|which (?:inputs|queries|examples|model|data|checkpoint)s?|choos\w*|select\w*|prioriti[sz]\w*|trade[- ]offs?)\b/i;
/** A measurable quantity or a concrete task. */
const QUANTITY = /\b(?:costs?|latency|compute|FLOPs|throughput|memory footprint|energy|accuracy|efficien\w*|serving|budget|diagnos\w*|triage|clinical|medical|legal|financial|loans?|hiring|moderation|fact[- ]check\w*|retrieval|question answering|translation|code generation|summari[sz]ation|recommendation)\b/i;

/**
 * Verbs that act toward an objective outside interpretability (§2.1): a goal cue followed by one of them
 * ("our goal is to remove this stereotyped coreference behaviour") names a problem whatever its object.
 */
const ACTION_VERB = '(?:remov|reduc|lower|lessen|prevent|avoid|detect|predict|anticipat|forecast|rout|escalat|defer|correct|edit|fix|repair|improv|increas|rais|boost|decid|choos|select|audit|certif|mitigat|eliminat|suppress|block|filter|catch|flag|steer|control(?!\\s+for)|debias|detoxif|defend|protect|guard|harden|secur|stop|cut|sav|speed|accelerat|compress|prun|distil|unlearn|eras|monitor|verif|calibrat|diagnos|debug|triag|locali[sz]e (?:the )?(?:cause|fault|bug|error)|recover|restor|replac|curat|clean|deduplicat|reweigh|retrain|fine-tun|align|enforc|comply|trust|overrid|abstain|flag|alert|warn|check|accept|reject|review|inspect)';
/** Verbs that only seek understanding: "we set out to characterise feature drift". */
const UNDERSTANDING_VERB = '(?:understand|characteri[sz]|study|studie|analy[sz]|explor|investigat|examin|describ|map|explain|uncover|interpret|reverse[- ]engineer|elucidat|demystif|illuminat|shed\\w* (?:some |new )?light|gain\\w* (?:\\w+ )?insights?|provid\\w* (?:\\w+ ){0,3}?(?:insights?|overview|account|picture|survey|catalogue|description)|offer\\w* (?:\\w+ ){0,3}?(?:insights?|overview|account|picture)|learn (?:more )?about|know (?:more )?about|find out|see (?:how|what|whether)|document|catalog|survey|review|visuali[sz]|open (?:up )?the black box|look (?:at|for|into)|measur\\w* (?:how|what|whether)|track how|test how|ask how)';
/** The verb that opens a goal's tail: "is to (better) understand…", "to remove…", ": reducing…". */
const LEADING_VERB = /^\s*(?:(?:this |the )?(?:work|paper|post|study|survey|article|note|project)\s+)?(?:is|was|are|here is|,|:)?\s*(?:twofold\s*:\s*)?(?:simply |primarily |mainly |both |first,? )?(?:to\s+)?(?:(?:better|further|fully|deeply|more fully|systematically|carefully|precisely|jointly|reliably|automatically|cheaply|quickly)\s+)?(\w[\w-]*(?: (?:some|new|more|light|the black box|out|about|at|for|into|how|what|whether))?)/i;
const IS_ACTION = new RegExp(`^${ACTION_VERB}\\w*`, 'i');
const IS_UNDERSTANDING = new RegExp(`^${UNDERSTANDING_VERB}`, 'i');
/** An action verb in verb position later in the tail: "in order to catch…", "so that developers can route…". */
const LATER_ACTION = new RegExp(`\\b(?:(?:to|can|could|will|would|may|might|must|cannot|can't|need not|do not have to|don't have to|no longer have to)\\s+|lets? (?:\\w+ ){1,3}?|help(?:s|ing)? (?:\\w+ ){0,3}?|whether (?:\\w+ ){0,6}?)(?:(?:better|reliably|automatically|cheaply|quickly|safely|also)\\s+)?${ACTION_VERB}\\w*`, 'i');
/** What an action aims at when that is interpretability itself: "improve SAE reconstruction", "detect circuits". */
const INTERP_OBJECT = /^\W*(?:\w+\W+){0,3}?(?:interpretab\w*|explanations?|attributions?|circuits?|features?|latents?|SAEs?|sparse autoencoders?|dictionar\w*|transcoders?|crosscoders?|probes?|probing|reconstruction|saliency|mechanisms?|representations?|activations?|neurons? (?:that|which)|variance|noise|confound\w*|overfitting|dead latents)\b/i;
/** Verbs whose aim depends on their object: "identify inputs on which models hallucinate". */
const IS_NEUTRAL = /^(?:giv|offer|suppl|equip|inform|show|identif|find|locat|pinpoint|quantif|estimat|evaluat|assess|measur|compar|test|benchmark|develop|build|design|propos|creat|construct|devis|provid|deliver|enabl|mak|allow|help|tell|determin|distinguish|separat|recogni[sz]|spot|surfac|expos|discover|learn|train)\w*$/i;
/** A better model or system: "make chat models safer", "cheaper serving". */
const BETTER = /\b(?:safer|cheaper|faster|fairer|more (?:reliable|robust|accurate|efficient|trustworthy|honest|truthful|controllable)|less (?:biased|toxic|harmful|costly|expensive))\b/i;
/** Cues that state a problem by themselves: "the problem we address is that…". */
const PROBLEM_CUE = /\bproblem\b/i;
/** Cues that pose a question: its clause is searched for an action ("we ask whether a probe can decide when to…"). */
const QUESTION_CUE = /\b(?:ask|whether|question|wonder|know|interested)\b/i;
const OWN_GOAL_CUE = /^(?:our goal|the goal|we aim|this (?:work|paper|post) aims|our aim|we seek|we set out|we want|the aim|the purpose|our objective|we study whether|we investigate whether|we ask|this (?:paper|post) asks|the question|the (?:\w+ )?problem)/i;

/** A problem stated without a goal cue. */
const PROBLEM: RegExp[] = [
  /\b(?:cannot|can't|can ?not|are unable to|is unable to|have no (?:reliable |principled |cheap |good |easy )?way to|has no (?:reliable |principled |cheap |good |easy )?way to|there is no (?:reliable |principled |cheap |good |standard |easy )?way to|struggle to|lacks? (?:a |any )?(?:reliable |principled |cheap |scalable )?(?:way|means|method|mechanism|tool)s? to|it is (?:hard|difficult|costly|expensive|impossible|unclear how) to)\s+(?:[\w-]+\s+){0,2}?(?:tell|know|detect|predict|decide|identify|verify|determine|check|anticipate|audit|trust|locate|fix|correct|prevent|remove|control|find|catch|diagnose|debug|estimate)\b/i,
  /\b(?:fail|fails|failing)\s+(?:silently|to generali[sz]e|on|when|under|in|at|for)\b|\bsilent(?:ly)? fail\w*|\b(?:are|is|remain|remains) (?:vulnerable|susceptible|prone) to\b/i,
  /\b(?:is|are|remains?|becomes?) (?:too |often |still |notoriously |prohibitively )?(?:costly|expensive|prohibitive|unreliable|brittle|poorly calibrated|miscalibrated|error[- ]prone|unsafe|biased|opaque to (?:the )?(?:\w+ )?(?:users|clinicians|practitioners|engineers|auditors|regulators))\b/i,
  // A plain, everyday problem statement (§2.1, a problem outside interpretability): "the quantized model kept breaking",
  // "accuracy degrades when prompts get long", "summaries degenerated into loops", "it works until it suddenly doesn't".
  /\b(?:kept|keeps|keep on) (?:breaking|failing|crashing|looping|hallucinating|degrading|diverging|timing out|going wrong|getting worse)\b|\b(?:breaks?|broke|breaking|degrad(?:e|es|ed|ing)|collaps(?:e|es|ed|ing)|crash(?:es|ed)?|diverg(?:e|es|ed)|blows? up|blew up|falls? apart|fell apart|goes wrong|went wrong|stops? working|stopped working|falls? over|fell over)\s+(?:down\s+)?(?:(?:badly|sharply|silently|quickly|completely|catastrophically|noticeably)\s+)?(?:when|whenever|on|under|for|at|above|beyond|past|after|once|with|as)\b|\bdegenerat(?:e|es|ed|ing) into\b|\b(?:starts?|started|begins?|began)\s+(?:to\s+)?(?:repeat\w*|loop\w*|hallucinat\w*|rambl\w*|produc\w* (?:garbage|gibberish|nonsense))|\bproduc(?:e|es|ed|ing) (?:garbage|gibberish|nonsense|repetitive \w+|degenerate \w+)|\brepeat(?:s|ed|ing)? itself\b|\bgets? stuck in (?:a |an )?(?:\w+ )?loops?\b|\buntil (?:it|they) (?:suddenly |abruptly |quietly )?(?:doesn't|don't|does not|do not|stops?|breaks?|fails?)\b/i,
  /\b(?:what is missing|is missing|are missing|missing ingredient|lack(?:s|ing)? (?:of )?(?:practical|real[- ]world|clear|reliable|measurable)|(?:has|have) not translated into|little (?:practical|real[- ]world) (?:impact|use|value)|limited (?:practical|real[- ]world) (?:impact|use|adoption|value))\b/i,
];
/** A failure caused by this work's own intervention: "when we ablate", "after zeroing the head". */
const OWN_INTERVENTION = /\b(?:when|if|after|once|as)\s+(?:we\s+|you\s+)?(?:\w+\s+){0,2}?(?:ablat|patch|knock\w* out|zero|mask|clamp|steer|prun|remov|eras|intervene)\w*/i;
/** An interpretability tool as the subject of a problem statement. */
const TOOL_SUBJECT = /\b(?:interpretab\w*|SAEs?|sparse autoencoders?|dictionar\w*|transcoders?|crosscoders?|probes?|circuit discovery|attribution (?:methods?|graphs?)|explanations?|saliency (?:maps?|methods?))\b/i;
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

    const where = withSections(searchedPlaces(view, ['abstract', 'introduction', 'front']), openingSections(view).map((sec) => sec.title).filter(Boolean));
    const instead = understandingOnly.length > 0 ? `; the goal it states is only to understand ("${quote(understandingOnly[0].text)}")` : '';
    ctx.report({
      message: `no sentence in ${where} states a specific problem this work aims to solve (looked for a goal such as "our goal is…" or "we ask whether…" aimed at a task, failure mode, decision or measurable quantity, or a problem statement such as "X fail silently on…")${instead}; name the problem and who has it`,
      at: view.anchor(['introduction', 'abstract']),
      related: understandingOnly.slice(0, 2).map((s) => ({ at: { block: s.block, start: s.start, end: s.end }, message: 'a goal of understanding only: what problem would this understanding solve?' })),
      fix: goalFix(view),
    });
  },
};

/** "Abstract and Introduction" plus the other opening sections searched: "…, plus "Why this matters"". */
function withSections(places: string, titles: string[]): string {
  if (titles.length === 0) return places;
  const quoted = listNames(titles.map((t) => `"${t}"`), 4);
  return places.startsWith('the opening of the draft') ? quoted : `${places}, plus ${quoted}`;
}

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
      const verdict = judgeGoal(cue.text, tail, hasAction);
      if (verdict === 'goal') return 'goal';
      if (verdict === 'understanding' && OWN_GOAL_CUE.test(cue.text)) sawUnderstanding = true;
    }
  }
  for (const re of PROBLEM) {
    const m = re.exec(text);
    if (!m || negatedBefore(text, m.index) || /\bnot\s*$/i.test(text.slice(0, m.index))) continue;
    // "SAEs are expensive to train": a cost of the interpretability tool itself, not a problem outside it (§2.1).
    if (re === PROBLEM[2] && !/\bopaque\b/i.test(m[0]) && TOOL_SUBJECT.test(text.slice(0, m.index))) continue;
    // "SAE reconstruction degrades when…" is a weakness of the tool; "accuracy collapses when we ablate the head" is a causal finding.
    if (re === PROBLEM[3] && (TOOL_SUBJECT.test(text.slice(0, m.index)) || OWN_INTERVENTION.test(text))) continue;
    return 'goal';
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

/**
 * Judges what follows a goal cue by its verb (§2.1, §9 step 1): an action toward an objective outside
 * interpretability is a goal whatever its object ("to remove this stereotyped behaviour"); a verb that
 * only seeks understanding is not ("to characterise feature drift"), unless an action follows ("to
 * understand X in order to catch Y"). A problem cue ("the problem we address is that…") is a goal by itself.
 */
function judgeGoal(cue: string, rawTail: string, hasAction: (t: string) => boolean): 'goal' | 'understanding' | 'none' {
  const tail = rawTail.replace(/\s+/g, ' ');
  const lead = LEADING_VERB.exec(tail);
  const verb = lead?.[1] ?? '';
  const later = LATER_ACTION.exec(tail);
  const laterAction = later !== null && !INTERP_OBJECT.test(tail.slice(later.index + later[0].length));
  if (IS_UNDERSTANDING.test(verb) || /^(?:the question of |a (?:better |deeper )?understanding|insights? into)/i.test(tail.trim())) {
    return laterAction || (hasAction(tail) && LATER_ACTION.test(tail)) ? 'goal' : 'understanding';
  }
  if (PROBLEM_CUE.test(cue)) return 'goal';
  // The direct object, past a parenthetical: "to predict, from activations, which answers…".
  const object = (lead ? tail.slice(lead.index + lead[0].length) : tail).replace(/^\s*,[^,]{0,80},/, '');
  if (IS_ACTION.test(verb)) return INTERP_OBJECT.test(object) && !FAILURE.test(object) ? 'none' : 'goal';
  if (laterAction) return 'goal';
  // A neutral verb ("identify", "build", "make") takes its aim from its object: a failure, a decision, a better model.
  if (IS_NEUTRAL.test(verb) && (FAILURE.test(object) || DECISION.test(object) || BETTER.test(object))) return 'goal';
  // A question or a method aimed at an intervention the action lexicon names: "we ask whether steering…".
  if (QUESTION_CUE.test(cue) && hasAction(tail)) return 'goal';
  return 'none';
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
