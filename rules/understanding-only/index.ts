import type { Lexicons } from '../../server/src/core/rules/lexicon';
import { ALL_KINDS, optionsSchema, phraseList } from '../../server/src/core/rules/meta';
import type { Rule } from '../../server/src/core/rules/types';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import { describesOthers, FRAMING_ROLES, quote, quoted } from '../shared';
import { negatedAt } from '../../server/src/core/claims/stance';
import { isPostLike } from '../concrete-action/framing';
import { enabledActions } from '../../server/src/core/claims/paper-actions';
import { understandingSpan } from '../../server/src/core/claims/categories/index';

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
    const extra = ctx.options.extraPhrases.map(toPattern);
    // A position paper's body is its own argument, so its free-form sections ("The case for holism")
    // frame the contribution too; a survey's body reports others' work and stays out.
    const roles = isPostLike(view) || ctx.kind === 'position' ? [...FRAMING, 'other'] : FRAMING;
    // One finding per section: the contribution is typically framed once in each of the abstract,
    // introduction, discussion and conclusion, and one sentence per place is enough to point at.
    const bySection = new Map<number, { s: SentenceRef; hit: { start: number; end: number } }>();
    for (const s of view.sentences) {
      if (!roles.includes(s.role) || bySection.has(s.block.section) || describesOthers(s) || inOthersViews(view, s)) continue;
      // The linguistic layer's reading of the sentence (server/src/core/claims/categories/framing.ts), then the user's phrases.
      const hit = understandingSpan(s.text) ?? firstHit(s, extra);
      if (!hit || quoted(s, hit.start, hit.end) || negatedAt(s.text, hit.start)) continue;
      if (reportedByVagueAction(s, lexicons) || (ctx.kind === 'survey' && reviewsLiterature(s.text.slice(hit.start, hit.end)))) continue;
      bySection.set(s.block.section, { s, hit });
    }
    const chosen = [...bySection.values()].slice(0, ctx.options.maxFindings);
    for (const { s, hit } of chosen) {
      const phrase = s.text.slice(hit.start, hit.end);
      ctx.report({
        message: `"${quote(phrase, 36)}" frames the work as understanding only: say who can act on it`,
        detail: `"${phrase}" frames the contribution as understanding only, and the draft names no decision or intervention it enables; say who can do what with this understanding`,
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

/** A survey's ordinary product: "a comprehensive overview of circuit discovery methods" describes the literature. */
const LITERATURE_PRODUCTS = new Set(['overview', 'survey', 'summary', 'taxonomy', 'catalogue', 'catalog', 'review']);

function reviewsLiterature(phrase: string): boolean {
  return phrase.toLowerCase().split(/\W+/).some((w) => LITERATURE_PRODUCTS.has(w));
}

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
