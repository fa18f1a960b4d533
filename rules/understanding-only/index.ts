import type { Lexicons } from '../../server/src/core/rules/lexicon';
import { ALL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import type { Rule } from '../../server/src/core/rules/types';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import { describesOthers, FRAMING_ROLES, negatedBefore, quoted } from '../shared';
import { isPostLike } from '../concrete-action/framing';
import { enabledActions } from '../../server/src/core/claims/paper-actions';

// §1 and §2: a work is actionable when its insights "inform or guide actions toward
// non-interpretability objectives"; the field should track "not only what we understand, but what
// that understanding enables us to do". This rule flags a contribution framed only as insight or
// understanding ("our contribution is a better understanding of…", "we provide insight into how…")
// in a paper that names no consequence anywhere in its own framing: with any concrete action in the
// draft it stays quiet. Phrases vague-action already reports ("sheds light on") are left to it.

interface Options {
  /** Most findings per document. */
  maxFindings: number;
  /** More phrases that frame a contribution as understanding only (regular expressions allowed as `/…/`). */
  extraPhrases: string[];
}

/** Where a paper frames its own contribution (not Limitations, not Related Work). */
const FRAMING: ReadonlyArray<string> = FRAMING_ROLES;

const QUALIFIERS = '(?:(?:new|novel|deeper|fresh|valuable|important|further|additional|some|several|key|useful|rich|better|clearer|fuller|improved|mechanistic|a|an|the)\\s+)*';

/**
 * Adjectives that make a description the product: "a detailed picture", "a fine-grained account".
 * Not "consistent" or "coherent" ("ablations and attention maps give a consistent picture" says two
 * kinds of evidence agree) nor "high-level" ("we first give a high-level picture of the method").
 */
const DESCRIPTIVE = '(?:detailed|clear|clearer|complete|fuller|full|fine-grained|comprehensive|rich|richer|nuanced|mechanistic|layer-wise|layer-by-layer|precise|holistic|better|thorough|systematic)';
/** What is described is not the paper's own apparatus: "a detailed account of the training setup". */
const NOT_APPARATUS = '(?!\\s+(?:the |our |this |each )?(?:data\\b|datasets?|setup|experimental|experiments?|methods?|methodology|implementation|training (?:setup|details|procedure)|hyperparameters|appendix|procedure|protocol|pipeline|notation|annotation|prompts?|code|benchmark))';
/** "a detailed picture of", "a clearer, more complete account of". */
const PORTRAIT = `${DESCRIPTIVE}(?:(?:\\s+and|,)\\s+(?:more\\s+)?[\\w-]+)?\\s+(?:picture|account|map|portrait|characteri[sz]ation)\\s+of\\b${NOT_APPARATUS}`;

/** Contribution framed as insight or understanding. Group 0 is the phrase reported. */
const UNDERSTANDING: RegExp[] = [
  // The understanding is the contribution itself, not a modifier ("an argument for understanding-driven research").
  /\b(?:our|the|this (?:paper|work|post)'s) (?:main |primary |key |central |principal )?contributions? (?:is|are|lies|consists?)\b(?:(?!\b(?:for|about|against)\b)[^.;]){0,40}?\b(?:(?:a |an )?(?:better |deeper |improved |clearer |fuller |more complete |mechanistic |new |novel |conceptual )*understanding|insights?)\b(?!-)/i,
  // The value of the work placed in understanding: "the value of interpretability lies first and foremost in the understanding it provides".
  /\b(?:the|its|our|their) (?:(?:main|primary|real|chief|principal|true|central|ultimate)\s+)?(?:value|worth|point|payoff|pay-off|benefit|merit|significance|purpose) of (?:(?:this|our|these|such|the)\s+)?(?:[\w-]+\s+){0,2}?(?:work|paper|post|study|studies|analys[ie]s|results|findings|research|interpretability|probing|circuits?|features)\b(?:(?!\b(?:for|to)\b)[^.;:]){0,40}?\b(?:lies|lie|is|are|rests?|consists?)\s+(?:(?:first and foremost|above all|primarily|mainly|chiefly|mostly|largely|ultimately|simply|entirely|only)\s+)?(?:in\s+)?(?:the\s+|a\s+|an\s+)?(?:(?:better|deeper|improved|clearer|fuller|scientific|mechanistic|new|conceptual)\s+)*(?:understanding|insights?)\b(?!-)/i,
  // "we provide new insight into", "These findings offer new insight into", "our results provide insights into".
  new RegExp(`\\b(?:provid|offer|giv|gain|present|deliver|contribut|develop|obtain|yield|bring)\\w*\\s+${QUALIFIERS}(?:insights?|understanding)\\b(?:\\s+(?:into|of|on|about|in)\\b)?`, 'i'),
  // "deepens our understanding", "advance the field's understanding".
  /\b(?:advanc|improv|enhanc|further|broaden|expand|enrich|deepen|refin|inform)(?:e|es|ed|ing|s)?\s+(?:our|the field's|the community's|the|a|current)\s+(?:(?:scientific|mechanistic|current|collective|theoretical)\s+)?understanding\b/i,
  // "contributes to a better understanding", "toward a deeper understanding".
  /\b(?:contribut\w* to|towards?|toward|step to(?:wards?)?|lead\w* to|allow\w* for|enabl\w*) (?:a |an |the )?(?:better|deeper|fuller|more complete|mechanistic|clearer|principled|broader|greater|improved|new) understanding\b/i,
  // "helps the community better understand", "help researchers understand".
  /\bhelp(?:s|ed|ing)? (?:(?!(?:to|and|or|the model)\b)[\w-]+ ){0,3}?(?:to )?(?:better |further |more fully )?understand\b/i,
  // "Our goal is to understand how…", "we aim to understand", "the aim of this work is to understand".
  /\b(?:we (?:hope|aim|seek|want|set out|try|attempt) to|(?:our|the) (?:main |primary |central |overall )?(?:goal|aim|objective|purpose)(?: of this (?:work|paper|post|study))? (?:is|was) to|this (?:work|paper|post|study) (?:aims|seeks) to) (?:better |further |more fully |fully )?understand\b/i,
  // A description as the product: "these results give a detailed picture of how…", "we offer a fine-grained account of".
  new RegExp(`\\b(?:giv|provid|offer|paint|present|deliver|yield|draw|build|obtain|form|reach|arriv\\w* at)\\w*\\s+(?:us\\s+|readers\\s+|the (?:field|community)\\s+)?(?:a|an)\\s+(?:(?:more|much|far|new)\\s+)?${PORTRAIT}`, 'i'),
  // "Our contribution is a detailed picture of the internal organization of…".
  new RegExp(`\\b(?:our|the|this (?:paper|work|post)'s) (?:main |primary |key |central |principal )?contributions? (?:is|are|lies in|consists? (?:in|of))\\s+(?:(?:a|an|the)\\s+)?(?:(?:more|much|far|first|new)\\s+)?(?:${DESCRIPTIVE}\\s+)?(?:(?:and|,)\\s*[\\w-]+\\s+)?(?:picture|account|map|portrait|characteri[sz]ation)\\s+of\\b${NOT_APPARATUS}`, 'i'),
  // "We view these results as a contribution to the basic science of…".
  /\bcontribut\w* to (?:the |our )?(?:basic|fundamental|foundational|pure) (?:science|research|understanding|knowledge)\b/i,
];

const rule: Rule<Options> = {
  meta: {
    id: 'understanding-only',
    description: 'The contribution is framed only as insight or understanding, and the paper names no consequence',
    checklistStep: 3,
    topic: 'concrete action',
    paperSection: '§2',
    defaultSeverity: 'info',
    kinds: ALL_KINDS,
    scope: 'sentence',
    fixable: true,
    optionsSchema: optionsSchema({
      maxFindings: { type: 'integer', minimum: 1, description: 'Most findings per document (default 4, at most one per section).' },
      extraPhrases: phraseList('More phrases that frame a contribution as understanding only.'),
    }),
  },
  defaultOptions: { maxFindings: 4, extraPhrases: [] },
  check(ctx) {
    const { view, lexicons } = ctx;
    // The same fact as concrete-action's, so that the two never disagree.
    if (enabledActions(view, ctx.kind).length > 0) {
      ctx.notApplicable('the draft names an action its insight enables');
      return;
    }
    const patterns = [...UNDERSTANDING, ...ctx.options.extraPhrases.map(toPattern)];
    // A position paper's body is its own argument, so its free-form sections ("The case for holism")
    // frame the contribution too; a survey's body reports others' work and stays out.
    const roles = isPostLike(view) || ctx.kind === 'position' ? [...FRAMING, 'other'] : FRAMING;
    let reported = 0;
    // One finding per section: the contribution is typically framed once in each of the abstract,
    // introduction, discussion and conclusion, and one sentence per place is enough to point at.
    const sections = new Set<number>();
    for (const s of view.sentences) {
      if (reported >= ctx.options.maxFindings) break;
      if (!roles.includes(s.role) || describesOthers(s) || sections.has(s.block.section) || inOthersViews(view, s)) continue;
      const hit = firstHit(s, patterns);
      if (!hit || quoted(s, hit.start, hit.end) || negatedBefore(s.text, hit.start)) continue;
      if (reportedByVagueAction(s, lexicons)) continue;
      sections.add(s.block.section);
      reported++;
      const phrase = s.text.slice(hit.start, hit.end);
      ctx.report({
        message: `"${phrase}" frames the contribution as understanding only, and the draft names no decision or intervention it enables; say who can do what with this understanding`,
        at: { block: s.block, start: s.start + hit.start, end: s.start + hit.end },
        fix: {
          title: 'Name the consequence: "…, so that [who] can [do what]"',
          edits: [appendBeforeFinalStop(s)],
          hasPlaceholders: true,
        },
      });
    }
  },
};

/** A section that voices views other than the paper's own: "Alternative views", "Objections", "Counterarguments". */
const OTHERS_VIEWS_HEADING = /\b(?:alternative (?:views?|viewpoints?|perspectives?|positions?)|objections?|counter-?arguments?|criticisms?|opposing views?|rebuttals?)\b/i;

function inOthersViews(view: DocumentView, s: SentenceRef): boolean {
  for (let i = s.block.section; i >= 0; i = view.doc.sections[i].parent) {
    if (OTHERS_VIEWS_HEADING.test(view.doc.sections[i].title)) return true;
  }
  return false;
}

function toPattern(phrase: string): RegExp {
  if (phrase.length > 2 && phrase.startsWith('/') && phrase.endsWith('/')) return new RegExp(phrase.slice(1, -1), 'i');
  return new RegExp(`\\b${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}\\b`, 'i');
}

function firstHit(s: SentenceRef, patterns: RegExp[]): { start: number; end: number } | undefined {
  let best: { start: number; end: number } | undefined;
  for (const re of patterns) {
    const m = re.exec(s.text);
    if (m && (!best || m.index < best.start)) best = { start: m.index, end: m.index + m[0].length };
  }
  return best;
}

/**
 * Sentences vague-action flags are its business, so that no sentence gets two findings: an idiom
 * ("sheds light on", "has implications for"; "a step towards" only toward a vague goal), or a hedge
 * with an impact verb and a vague object ("could inform safety research"). Vague-action leaves
 * understanding and insight to this rule ("helps the community better understand"), so a hedged
 * claim whose verb leads to understanding is not skipped.
 */
function reportedByVagueAction(s: SentenceRef, lexicons: Lexicons): boolean {
  const text = s.text;
  const objects = lexicons.vagueObjects.find(text);
  for (const idiom of lexicons.vagueIdioms.find(text)) {
    if (idiom.category !== 'direction' || objects.some((o) => o.start >= idiom.end && o.start - idiom.end <= 60)) return true;
  }
  const hedge = lexicons.hedges.find(text)[0];
  if (!hedge) return false;
  const verb = lexicons.impactVerbs.find(text).find((v) => v.start >= hedge.end && v.start - hedge.end <= 30);
  if (!verb || !objects.some((o) => o.start >= verb.end && o.start - verb.end <= 60)) return false;
  return !/\bunderstand|\binsights?\b/i.test(text.slice(verb.start));
}

const CONSEQUENCE = ', so that [who, e.g. deployment engineers] can route [which inputs the model will get wrong] to [where]';

/** Inserts the consequence clause before the sentence's final full stop (or at its end). */
function appendBeforeFinalStop(s: SentenceRef) {
  const trimmed = s.text.replace(/\s+$/, '');
  const last = trimmed.length - 1;
  const block = s.block;
  if (last >= 0 && /[.!?]/.test(trimmed[last])) {
    const offset = block.base + block.starts[s.start + last];
    return { file: block.file, start: offset, end: offset, text: CONSEQUENCE };
  }
  const offset = block.base + block.ends[s.start + Math.max(0, last)];
  return { file: block.file, start: offset, end: offset, text: `${CONSEQUENCE}.` };
}

export default rule;
