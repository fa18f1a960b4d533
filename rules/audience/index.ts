import { appendToBlock, insertAfterBlock } from '../../server/src/core/rules/fixes';
import { ALL_KINDS, optionsSchema, phraseLists } from '../../server/src/core/rules/meta';
import { Lexicon, type LexiconMatch } from '../../server/src/core/rules/lexicon';
import type { Fix, Rule, Target } from '../../server/src/core/rules/types';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import { describesOthers, firstParagraphIn, isFutureOrHypothetical, negatedBefore } from '../shared';
import { isPostLike, lineOf, quote, searchedPlaces, type Role } from '../concrete-action/framing';

// Checklist step 2, §5 and Table 1: "an interpretability work will become more actionable if it is
// explicit about its intended audience and the decisions it aims to support". The rule looks in the
// paper's own framing for a stakeholder of Table 1 (AI developers, deployment engineers, domain
// experts, end users, policymakers and auditors) named as someone who acts on the result: "lets
// deployment engineers decide…", "for clinicians who…", "practitioners can use…". A bare mention
// ("researchers have long studied…") or one in Related Work does not count.

interface Options {
  /** More audiences by category, e.g. {"Domain experts and practitioners": ["genomicists"]}. */
  extraAudiences: Record<string, string[]>;
}

/** Actors the lexicon leaves out because they are ambiguous alone; here they still need an acting link. */
const EXTRA_ACTORS: Record<string, string[]> = {
  'End users': ['users', 'human users', 'decision makers', 'decision-makers'],
  'Domain experts and practitioners': ['human experts', 'medical experts', 'legal experts', 'subject-matter experts'],
};

/** What practitioners act on: a model or the system that serves it ("long-context models", "a vLLM deployment", "inference stacks"). */
const SYSTEM = String.raw`(?:(?!(?:experiments?|analys[ie]s|studies|probes?|SAEs?|sparse|interpretability|ablations?|on|with)\b)[\w.'’-]+\s+){0,4}?(?:models?|LLMs?|inference|deployments?|stacks?|services?|pipelines?|systems?|assistants?|chatbots?|agents?|servers?|clusters?|endpoints?|products?|applications?|apps?|APIs?|classifiers?|detectors?|caches?|checkpoints?|fleets?)\b`;
/** Verbs of running or building a model in practice. */
const PRACTICE_VERB = String.raw`(?:serv|deploy|run|operat|maintain|ship|host|build|train|fine-tun|finetun|monitor|manag|integrat|put|quanti[sz]|compress|distil|scal)\w*`;
/**
 * Practitioners described in everyday words, tied to what they do (§5, Table 1): "if you serve
 * long-context models", "people who run inference stacks", "teams that ship code assistants",
 * "anyone deploying LLMs". Naming what they run is what ties them to acting on the result.
 */
const PRACTITIONERS: Array<[RegExp, string]> = [
  [new RegExp(String.raw`\b(?:if|when|whenever|once)\s+you(?:'re|\s+are)?\s+(?:already\s+|currently\s+)?${PRACTICE_VERB}\s+${SYSTEM}`, 'i'), 'AI deployment engineers'],
  [new RegExp(String.raw`\b(?:people|teams?|organi[sz]ations?|companies|groups?|engineers|anyone|those|folks|providers?|vendors?|labs?|hospitals?|banks?|agencies)\s+(?:who|that|which)\s+(?:(?:already|currently|routinely|actually)\s+)?${PRACTICE_VERB}\s+${SYSTEM}`, 'i'), 'AI deployment engineers'],
  [new RegExp(String.raw`\b(?:anyone|everyone|teams?|people|those)\s+(?:currently\s+)?${PRACTICE_VERB}ing\s+${SYSTEM}`, 'i'), 'AI deployment engineers'],
];

/** Everyday descriptions of practitioners in a sentence, as lexicon-like matches. */
function practitioners(text: string): LexiconMatch[] {
  const out: LexiconMatch[] = [];
  for (const [re, category] of PRACTITIONERS) {
    const m = re.exec(text);
    if (!m) continue;
    const builds = /\b(?:train|fine-?tun|build|distil)\w*\s/i.test(m[0]) && !/\b(?:serv|deploy|run|operat|maintain|ship|host)\w*\s/i.test(m[0]);
    out.push({ category: builds ? 'AI developers and researchers' : category, start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

/** Roles where the paper speaks for itself. */
const OWN_ROLES: readonly Role[] = ['abstract', 'introduction', 'discussion', 'conclusion', 'front', 'method'];

const ENABLING_BEFORE = /\b(?:lets?|letting|allow\w*|enabl\w*|help\w*|giv(?:e|es|ing)|provid\w*|offer\w*|equip\w*|support\w*|tell\w*|inform\w*|assist\w*|empower\w*|alert\w*|warn\w*|guid\w*|serv(?:e|es|ing)|teach\w*|notif\w*|useful (?:to|for)|valuable (?:to|for)|actionable (?:to|for)|accessible to)\b/i;
const EXPLICIT_BEFORE = /\b(?:intended|meant|designed|written|aimed|targeted|tailored|built|developed)\s+(?:primarily\s+|mainly\s+|specifically\s+)?(?:for|at)\b|\baudiences?\b|\bstakeholders?\b|\bwho (?:acts?|benefits?)\b|\b(?:tools?|library|toolkit|dashboards?|interfaces?|guidance|recommendations?|checklists?|workflows?|plugins?)\s+(?:[\w-]+\s+){0,2}(?:for|to)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?$/i;
const FOR_BEFORE = /\b(?:for|to)\s+(?:the\s+|a\s+|an\s+|our\s+|any\s+|these\s+|such\s+)?(?:[\w-]+\s+){0,2}$/i;
const ACTING_AFTER = /^\s*(?:,\s*)?(?:\([^)]*\)\s*)?(?:,\s*)?(?:who|that|which)?\s*(?:(?:can|could|may|might|should|would|will|must|need|needs|want|wants|have to|has to|are able to|is able to|cannot|can't|struggle|lack|use|uses|using|decide|decides|deciding|choose|chooses|deploy|deploys|deploying|operate|operates|operating|rely|relies|act|acts|audit|audits|auditing|route|routes|monitor|monitors|monitoring|inspect|inspects|review|reviews|verify|verifies|check|checks|override|overrides|trust|trusts|adopt|adopts|apply|applies|triage|debug|debugs|debugging|flag|flags|intervene|edit|edits|steer|steers|filter|filters|select|selects|curate|curates|detect|detects|diagnose|diagnoses|build|builds|building|train|trains|training|fine-tune|identify|identifies|catch|catches|fix|fixes|correct|corrects|consult|consults|accept|accepts|reject|rejects|validate|validates|maintain|maintains|run|runs|running|serve|serves|make|makes|take|takes|oversee|oversees|regulate|regulates)\b)/i;
const TO_VERB_AFTER = /^\s*(?:,\s*)?to\s+(?!the\b|a\b|an\b|be\b|this\b|their\b|its\b)[a-z]+/i;
/** A stated readership that names no one who acts: "written for anyone curious about…". */
const VAGUE_AUDIENCE = /\b(?:written|intended|meant|aimed|designed|targeted)\s+(?:primarily\s+|mainly\s+)?(?:for|at)\s+(?:anyone|everyone|everybody|all readers|readers|a (?:general|broad|wide|broader|wider) (?:audience|readership)|the (?:general|broad|broader|wider) (?:public|audience|community|readership)|those (?:curious|interested)|people (?:curious|interested|who are curious)|the (?:interpretability|ML|machine learning|research|AI) community|(?:interpretability |ML |AI )?researchers)\b|\b(?:our|the) (?:intended |target )?(?:audience|readership) (?:is|are|includes?) (?:anyone|everyone|researchers|readers|the (?:broader|wider|research|interpretability) community)\b/i;

interface Mention {
  sentence: SentenceRef;
  match: LexiconMatch;
}

/** Compiled once: rules run on every keystroke, and a Lexicon caches its matches. */
const EXTRA_ACTOR_LEXICON = new Lexicon(EXTRA_ACTORS);

const rule: Rule<Options> = {
  meta: {
    id: 'audience',
    description: 'No audience is named as someone who acts on the results (developers, deployment engineers, domain experts, end users, policymakers)',
    checklistStep: 2,
    topic: 'audience',
    paperSection: '§5',
    defaultSeverity: 'warning',
    kinds: ALL_KINDS,
    scope: 'document',
    fixable: true,
    optionsSchema: optionsSchema({
      extraAudiences: phraseLists('More audiences by category, e.g. {"Domain experts and practitioners": ["genomicists"]}.'),
    }),
  },
  defaultOptions: { extraAudiences: {} },
  check(ctx) {
    const { view } = ctx;
    const audiences = ctx.lexicons.audiences.extend(ctx.options.extraAudiences);
    const extra = EXTRA_ACTOR_LEXICON;
    const roles: readonly Role[] = isPostLike(view) ? [...OWN_ROLES, 'other'] : OWN_ROLES;

    const acting: Mention[] = [];
    const bare: Array<Mention & { reason: string }> = [];
    let vague: SentenceRef | undefined;
    for (const s of view.sentences) {
      const mentions = [...audiences.find(s.text), ...extra.find(s.text).filter((m) => !audiences.find(s.text).some((a) => a.start <= m.start && a.end >= m.end))];
      if (roles.includes(s.role) && !vague && VAGUE_AUDIENCE.test(s.text) && !describesOthers(s)) vague = s;
      for (const m of practitioners(s.text)) {
        if (!roles.includes(s.role) || describesOthers(s) || isFutureOrHypothetical(s.text) || negatedBefore(s.text, m.start)) continue;
        acting.push({ sentence: s, match: m });
      }
      for (const m of mentions) {
        const strictOnly = extra.find(m.text).length > 0 && audiences.find(m.text).length === 0;
        let reason: string | undefined;
        if (!roles.includes(s.role)) reason = s.role === 'related-work' || s.role === 'background' ? 'in Related Work or Background' : `in ${s.role}`;
        else if (describesOthers(s)) reason = "describes others' work";
        else if (isFutureOrHypothetical(s.text)) reason = 'framed as future work';
        else if (negatedBefore(s.text, m.start)) reason = 'negated';
        else if (!actsIn(s.text, m, strictOnly)) reason = 'not tied to an action';
        if (reason) bare.push({ sentence: s, match: m, reason });
        else acting.push({ sentence: s, match: m });
      }
    }
    for (const a of acting.slice(0, 5)) ctx.evidence(at(a), `audience: ${a.match.category} ("${a.match.text}")`);
    if (acting.length > 0) return;

    const where = searchedPlaces(view, roles);
    const shown = bare.slice(0, 3);
    const instead = vague
      ? `; the stated readership ("${quote(vague.text)}") names no one who acts`
      : shown.length > 0
        ? `; found only ${shown.map((b) => `"${b.match.text}" (${b.reason}, line ${lineOf(ctx.doc, b.sentence.block, b.sentence.start + b.match.start)})`).join(', ')}`
        : '';
    ctx.report({
      message: `no audience is named as someone who acts on the results in ${where} (looked for developers, deployment engineers, domain experts such as clinicians, end users, or policymakers and auditors, tied to what they do, e.g. "lets deployment engineers decide…")${instead}; say who will use the result and for what`,
      at: vague ? { block: vague.block, start: vague.start, end: vague.end } : view.anchor(['introduction', 'abstract']),
      related: shown.map((b) => ({ at: at(b), message: `"${b.match.text}" does not count (${b.reason})` })),
      fix: audienceFix(view, vague),
    });
  },
};

function at(m: Mention): Target {
  return { block: m.sentence.block, start: m.sentence.start + m.match.start, end: m.sentence.start + m.match.end };
}

/** Whether the audience at `m` is framed as acting: an enabling verb before it, or an action after it. */
function actsIn(text: string, m: LexiconMatch, strictOnly: boolean): boolean {
  const before = text.slice(Math.max(0, m.start - 60), m.start);
  // "linear operators", "student models": words that name people only in some contexts.
  if (/^operators?$/i.test(m.text) && !/\b(?:human|system|service|platform|deployment|network|site|model)\s+$/i.test(before)) return false;
  const after = text.slice(m.end, m.end + 80);
  const actsAfter = ACTING_AFTER.test(after);
  if (strictOnly) return actsAfter && !/^\s*(?:that|which)\b/i.test(after) && !/\b(?:of|by|from|with)\s+(?:the\s+)?$/i.test(before);
  if (actsAfter) return true;
  // "for clinicians who must…", "developers who receive a checkpoint need to…": a relative clause says what they do,
  // unless the audience is only the object of a preposition ("images of patients who have…").
  if (/^\s*,?\s*who\b/i.test(after) && !/\b(?:of|from|by|with|about|among|between)\s+(?:the\s+|these\s+|such\s+)?$/i.test(before)) return true;
  if (EXPLICIT_BEFORE.test(before)) return true;
  // "A deployment engineer collects … selects … subtracts…": the audience is the subject of a present-tense verb.
  if (actsAsSubject(text, m)) return true;
  // "For deployment engineers, Detox Latents offers a steering method…": the work is offered to them.
  if (offeredTo(text, m)) return true;
  if (ENABLING_BEFORE.test(before)) return true;
  if (FOR_BEFORE.test(before) && TO_VERB_AFTER.test(after)) return true;
  return false;
}

/** Words after a subject that are not a present-tense verb of it. */
const NOT_A_VERB = /^(?:is|are|was|were|has|have|had|been|be|and|or|of|in|at|on|for|with|from|to|by|as|than|that|which|who|whose|whom|the|a|an|this|these|their|its|such|often|also|alike|themselves|too|who|do|does|did|said|say|says|reported|found|noted|argued|showed|shown)$/i;

/**
 * The audience opens its clause and a present-tense verb follows: "A deployment engineer collects…",
 * "The auditor runs the probe…", "Clinicians review the flagged cases". Past tense ("clinicians
 * reported") and copulas ("developers are…") do not count; a plural needs a base-form verb.
 */
function actsAsSubject(text: string, m: LexiconMatch): boolean {
  const before = text.slice(0, m.start);
  if (!/(?:^|[;:]\s*|,\s*(?:and|then|so|while)\s+|\b(?:and|then)\s+)(?:(?:a|an|the|each|every|any|one|our|such|typical|individual)\s+)?(?:[\w-]+\s+)?$/i.test(before)) return false;
  if (/\b(?:of|by|from|with|for|to|about|among|between)\s+(?:(?:a|an|the|each|every|our|such)\s+)?(?:[\w-]+\s+)?$/i.test(before)) return false;
  const next = /^\s+(?:(?:first|then|simply|only|now|typically|usually|can|also)\s+)?([a-z]+)\b/i.exec(text.slice(m.end));
  if (!next) return false;
  const verb = next[1];
  if (NOT_A_VERB.test(verb) || /(?:ed|ing|ly)$/i.test(verb)) return false;
  const plural = /s$/i.test(m.text) && !/ss$/i.test(m.text);
  // A singular subject takes an -s verb ("collects"); a plural one a base form ("collect", not "collects").
  return plural ? !/[^s]s$/i.test(verb) : /[^s]s$/i.test(verb);
}

/** "For <audience>, <this work or its method> offers/provides/gives/is…". */
const OFFERED = /^[^,;.]{0,60},\s*(?:(?:our|this|these)\s+(?:[\w-]+\s+){0,2}[\w-]+|(?:the)\s+(?:[\w-]+\s+){0,2}?(?:method|approach|tool|procedure|edit|technique|probe|score|protocol|framework|results?|findings?|work|paper|analysis|benchmark|library|vector|intervention|pipeline|dashboard|system|model|checklist)s?|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}|it|they|we)\s+(?:\w+\s+)?(?:offers?|provides?|gives?|yields?|delivers?|brings?|supplies|is|are|means|makes?|enables?|lets?|serves?)\b/;

function offeredTo(text: string, m: LexiconMatch): boolean {
  if (!/^\W*for\s+(?:(?:the|a|an|any|our|such)\s+)?(?:[\w-]+\s+)?$/i.test(text.slice(0, m.start))) return false;
  return OFFERED.test(text.slice(m.start));
}

const AUDIENCE_SENTENCE = 'This work is meant for [audience, e.g. deployment engineers], who can use it to [action, e.g. decide which inputs to route to a larger model].';

function audienceFix(view: DocumentView, vague: SentenceRef | undefined): Fix | undefined {
  const title = 'Name the audience and what it can do with the result';
  if (vague) {
    const end = vague.start + vague.text.length;
    const span = vague.block.base + vague.block.ends[end - 1];
    return { title, edits: [{ file: vague.block.file, start: span, end: span, text: ` ${AUDIENCE_SENTENCE}` }], hasPlaceholders: true };
  }
  const intro = firstParagraphIn(view, ['introduction']) ?? firstParagraphIn(view, ['abstract']);
  if (intro) return { title, edits: [appendToBlock(intro, ` ${AUDIENCE_SENTENCE}`)], hasPlaceholders: true };
  const first = view.doc.blocks.find((b) => b.kind === 'paragraph');
  if (first) return { title, edits: [insertAfterBlock(view.doc, first, AUDIENCE_SENTENCE)], hasPlaceholders: true };
  return undefined;
}

export default rule;
