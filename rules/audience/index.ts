import { appendToBlock, insertAfterBlock } from '../../server/src/core/rules/fixes';
import { ALL_KINDS, optionsSchema, phraseLists } from '../../server/src/core/rules/meta';
import type { Fix, Rule } from '../../server/src/core/rules/types';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import type { Block, PaperDocument, Section, SectionRole } from '../../server/src/core/model';
import { sentenceCategories, sentenceClaims } from '../../server/src/core/claims';
import type { Claim } from '../../server/src/core/claims/claims';
import { audienceActs, audienceWords, type AudienceAct } from '../../server/src/core/claims/categories/audience';
import { analyse, type Token } from '../../server/src/core/nlp/analyse';
import { firstMatch, type Pattern } from '../../server/src/core/nlp/patterns';
import { firstParagraphIn, quote } from '../shared';

// Checklist step 2, §5 and Table 1: "an interpretability work will become more actionable if it is
// explicit about its intended audience and the decisions it aims to support". The rule reads the
// claims of the paper's own framing for a stakeholder of Table 1 (developers, deployment engineers,
// domain experts, end users, policymakers, auditors) who acts on the result: told or enabled to act,
// measured acting, offered the work, or named as whom it is meant for. A claim that is cited, quoted,
// hypothetical, negated or future work, or a person who only takes part in a study, does not count.

interface Options {
  /** More audiences by category, e.g. {"Domain experts and practitioners": ["genomicists"]}. */
  extraAudiences: Record<string, string[]>;
}

type Role = SectionRole | 'front';
/** Where the paper speaks for itself (and a post's free-form sections). */
const OWN_ROLES: readonly Role[] = ['abstract', 'introduction', 'discussion', 'conclusion', 'front', 'method'];

/** A stated readership that names no one who acts: "written for anyone curious about…". */
export const VAGUE_READERSHIP: readonly Pattern[] = [
  {
    id: 'written-for-anyone',
    tokens: [{ lemma: ['write', 'intend', 'mean', 'aim', 'design', 'target'] }, { lemma: ['for', 'at'] }, { lemma: ['anyone', 'everyone', 'everybody', 'reader', 'public', 'community', 'audience', 'readership', 'researcher'], gap: 3 }],
    examples: {
      match: ['This post is written for anyone curious about what happens inside a network.', 'The tutorial is aimed at a general audience.', 'This paper is intended for the interpretability community.'],
      noMatch: ['This post is written for people who run experiments on language models.', 'The probe is designed for deployment engineers who route queries.'],
    },
  },
  {
    id: 'written-for-the-curious',
    tokens: [{ lemma: ['write', 'intend', 'mean', 'aim', 'design', 'target'] }, { lemma: ['for', 'at'] }, { lemma: ['people', 'those', 'folk'] }, { lemma: ['who', 'that'], optional: true }, { lemma: ['be'], optional: true }, { lemma: ['curious', 'interested'] }],
    examples: { match: ['These notes are written for people curious about circuits.', 'It is meant for those interested in probing.'], noMatch: ['It is meant for people who deploy chat models.'] },
  },
  {
    id: 'audience-is-anyone',
    tokens: [{ lemma: ['audience', 'readership'] }, { lemma: ['be', 'include'], gap: 1 }, { lemma: ['anyone', 'everyone', 'researcher', 'reader', 'community'], gap: 3 }],
    examples: { match: ['Our intended audience is the broader research community.'], noMatch: ['Our intended audience is loan officers who review rejections.'] },
  },
];

/** An audience claim that does not count, and why. */
interface Passed {
  s: SentenceRef;
  claim: Claim;
  tokens: readonly Token[];
  reason: string;
}

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
    const roles: readonly Role[] = isPostLike(view) ? [...OWN_ROLES, 'other'] : OWN_ROLES;
    const extra = extraRoles(ctx.options.extraAudiences);
    const acting: Array<{ s: SentenceRef; act: AudienceAct; tokens: readonly Token[] }> = [];
    const passed: Passed[] = [];
    let vague: SentenceRef | undefined;
    for (const s of view.sentences) {
      const { tokens, claims: read } = sentenceClaims(s.text);
      const claims = withExtras(tokens, read, extra);
      const own = roles.includes(s.role);
      const categories = sentenceCategories(s.text);
      if (own && !vague && firstMatch(VAGUE_READERSHIP, tokens)) vague = s;
      // Future work ("clinicians will evaluate…") is no audience this paper serves yet.
      const act = own && !categories.has('cited-background') ? audienceActs(tokens, claims, categories.has('hypothetical')).find((a) => a.claim.status !== 'future') : undefined;
      if (act) {
        acting.push({ s, act, tokens });
        continue;
      }
      const mention = claims.find((c) => c.actor === 'audience' && c.role !== 'researcher');
      if (mention) passed.push({ s, claim: mention, tokens, reason: whyNot(s, mention, own, categories) });
    }
    for (const a of acting.slice(0, 5)) ctx.evidence(clauseAt(a.s, a.tokens, a.act.claim), `audience: ${a.act.who} · ${a.act.claim.act} · ${a.act.how}: "${quote(clauseText(a.s, a.tokens, a.act.claim))}"`);
    if (acting.length > 0) return;

    const shown = passed.slice(0, 3);
    const instead = vague
      ? `; the stated readership ("${quote(vague.text)}") names no one who acts`
      : shown.length > 0
        ? `; found only ${shown.map((p) => `"${name(p)}" (${p.reason}, line ${lineOf(ctx.doc, p.s.block, p.s.start + p.tokens[p.claim.start].start)})`).join(', ')}`
        : '';
    ctx.report({
      message: 'No audience that acts on the results: say who will use them, and for what',
      detail: `no audience is named as someone who acts on the results in ${searchedPlaces(view, roles)} (looked for developers, deployment engineers, domain experts such as clinicians, end users, or policymakers and auditors, tied to what they do, e.g. "lets deployment engineers decide…")${instead}; say who will use the result and for what`,
      at: vague ? { block: vague.block, start: vague.start, end: vague.end } : view.anchor(['introduction', 'abstract']),
      related: shown.map((p) => ({ at: clauseAt(p.s, p.tokens, p.claim), message: `"${name(p)}" does not count (${p.reason})` })),
      fix: audienceFix(view, vague),
    });
  },
};

/** Why an audience's claim does not count. */
function whyNot(s: SentenceRef, c: Claim, own: boolean, categories: ReadonlySet<string>): string {
  if (!own) return s.role === 'related-work' || s.role === 'background' ? 'in Related Work or Background' : `in ${s.role}`;
  if (categories.has('cited-background') || c.source === 'cited') return "others' work";
  if (c.source === 'quoted') return 'quoted';
  if (c.status === 'hypothetical' || categories.has('hypothetical')) return 'hypothetical';
  if (c.status === 'negated') return 'negated';
  if (c.status === 'future') return 'future work';
  // Study participants (annotate, rate), descriptions (reported, saw), states (need, are interested).
  return 'not acting on the result';
}

/** A claim as a user can check it: who · act · status. */
function name(p: Passed): string {
  return `${audienceWords(p.tokens, p.claim)} · ${p.claim.act} · ${p.claim.status}`;
}

function clauseAt(s: SentenceRef, tokens: readonly Token[], c: Claim) {
  const first = tokens[c.start];
  const last = tokens[Math.max(c.start, c.end - 1)];
  return { block: s.block, start: s.start + (first?.start ?? 0), end: s.start + (last?.end ?? s.text.length) };
}

function clauseText(s: SentenceRef, tokens: readonly Token[], c: Claim): string {
  const at = clauseAt(s, tokens, c);
  return s.block.text.slice(at.start, at.end);
}

/** The configured extra audiences, by the lemma of their last word ("genomicists" → genomicist). */
function extraRoles(extra: Record<string, string[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [category, phrases] of Object.entries(extra)) {
    for (const phrase of phrases) {
      const last = analyse(phrase).tokens.pop();
      if (last) out.set(last.lemma, category);
    }
  }
  return out;
}

/** Claims whose subject is a configured extra audience become the audience's. */
function withExtras(tokens: readonly Token[], claims: readonly Claim[], extra: Map<string, string>): readonly Claim[] {
  if (extra.size === 0) return claims;
  return claims.map((c) => {
    if (c.actor === 'audience' || c.actor === 'we') return c;
    const head = tokens.slice(c.start, c.actAt).find((t) => extra.has(t.lemma) || extra.has(t.lower));
    return head ? { ...c, actor: 'audience', role: extra.get(head.lemma) ?? extra.get(head.lower) } : c;
  });
}

/** True when the draft reads as a post: no Introduction and few free-form headings. */
function isPostLike(view: DocumentView): boolean {
  return !view.hasRole('introduction') && topSections(view.doc).length <= 12;
}

/** Top-level sections; a lone `# Title` over `##` sections is the title, and its children are the top level. */
function topSections(doc: PaperDocument): Section[] {
  const tops = doc.sections.filter((s) => s.level <= 1);
  const only = tops.length === 1 ? doc.sections.indexOf(tops[0]) : -1;
  const children = doc.sections.filter((s) => only >= 0 && s.parent === only);
  return children.length > 0 ? children : tops;
}

/** The searched sections' titles, for the message: "Abstract, Introduction and Conclusion". */
function searchedPlaces(view: DocumentView, roles: readonly Role[]): string {
  const names = [...new Set(topSections(view.doc).filter((s) => roles.includes(s.role)).map((s) => s.title || s.role))];
  if (roles.includes('front') && view.doc.blocks.some((b) => b.section === -1 && b.kind === 'paragraph')) names.unshift('the front matter');
  if (names.length === 0) return 'the opening of the draft (it has no Abstract or Introduction heading)';
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}


/** The line number (1-based) of a block offset, for messages. */
function lineOf(doc: PaperDocument, block: Block, index: number): number {
  const file = doc.sources.get(block.file);
  if (!file) return 1;
  const offset = block.base + (block.starts[Math.min(index, block.starts.length - 1)] ?? 0);
  return file.lineStarts.filter((start) => start <= offset).length;
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
