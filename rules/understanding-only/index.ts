import type { Rule } from '../../server/src/core/rules/types';
import type { SentenceRef } from '../../server/src/core/rules/view';
import { describesOthers, quoted } from '../shared';
import { findActions, isPostLike } from '../concrete-action/framing';

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

/** Contribution framed as insight or understanding. Group 0 is the phrase reported. */
const UNDERSTANDING: RegExp[] = [
  /\b(?:our|the|this (?:paper|work|post)'s) (?:main |primary |key |central |principal )?contributions? (?:is|are|lies|consists?)\b[^.;]{0,40}?\b(?:(?:a |an )?(?:better |deeper |improved |clearer |fuller |more complete |mechanistic |new |novel )*understanding|insights?)\b/i,
  /\bwe (?:provide|offer|give|gain|present|deliver|contribute|develop|obtain)\s+(?:(?:new|novel|deeper|fresh|valuable|important|further|additional|some|several|key|a better|a deeper|a clearer|a mechanistic|mechanistic|a|an)\s+)*(?:insights?|understanding)\b(?:\s+(?:into|of|on|about)\b)?/i,
  /\b(?:this|our|the) (?:work|paper|analysis|study|post|investigation|results?|findings?|framework) (?:provides?|offers?|yields?|gives?|delivers?|contributes?)\s+(?:(?:new|novel|deeper|fresh|valuable|important|further|additional|some|several|key|a better|a deeper|a clearer|a mechanistic|mechanistic|a|an)\s+)*(?:insights?|understanding)\b(?:\s+(?:into|of|on|about)\b)?/i,
  /\b(?:advanc|improv|enhanc|further|broaden|expand|enrich|deepen|refin)(?:e|es|ed|ing|s)?\s+(?:our|the field's|the community's|the|a)\s+(?:(?:scientific|mechanistic|current|collective|theoretical)\s+)?understanding\b/i,
  /\b(?:towards?|toward) (?:a |an )?(?:better|deeper|fuller|more complete|mechanistic|clearer|principled) understanding\b/i,
  /\bhelps? (?:us |researchers |the community )?(?:to )?(?:better )?understand\b/i,
  /\bwe (?:hope|aim|seek|want) to (?:better |further )?understand\b/i,
];

const rule: Rule<Options> = {
  meta: {
    id: 'understanding-only',
    description: 'The contribution is framed only as insight or understanding, and the paper names no consequence',
    checklistStep: 3,
    paperSection: '§2',
    defaultSeverity: 'info',
    kinds: ['empirical', 'method', 'analysis', 'benchmark'],
    scope: 'sentence',
    fixable: true,
    optionsSchema: {
      type: 'object',
      properties: {
        maxFindings: { type: 'integer', minimum: 1, description: 'Most findings per document (default 2).' },
        extraPhrases: { type: 'array', items: { type: 'string' }, description: 'More phrases that frame a contribution as understanding only.' },
      },
      additionalProperties: false,
    },
  },
  defaultOptions: { maxFindings: 2, extraPhrases: [] },
  check(ctx) {
    const { view, lexicons } = ctx;
    const { found } = findActions(view, lexicons.actions, ctx.kind);
    if (found.length > 0) {
      ctx.notApplicable('the draft names an action its insight enables');
      return;
    }
    const patterns = [...UNDERSTANDING, ...ctx.options.extraPhrases.map(toPattern)];
    const roles = isPostLike(view) ? ['abstract', 'introduction', 'conclusion', 'front', 'other'] : ['abstract', 'introduction', 'conclusion', 'front'];
    let reported = 0;
    for (const s of view.sentences) {
      if (reported >= ctx.options.maxFindings) break;
      if (!roles.includes(s.role) || describesOthers(s)) continue;
      const hit = firstHit(s, patterns);
      if (!hit || quoted(s, hit.start, hit.end)) continue;
      if (reportedByVagueAction(s, lexicons)) continue;
      reported++;
      const phrase = s.text.slice(hit.start, hit.end);
      ctx.report({
        message: `"${phrase}" frames the contribution as understanding only, and the draft names no decision or intervention it enables; say who can do what with this understanding`,
        at: { block: s.block, start: s.start + hit.start, end: s.start + hit.end },
        fix: {
          title: 'Name the consequence: "…, which lets [who] [do what]"',
          edits: [appendBeforeFinalStop(s)],
          hasPlaceholders: true,
        },
      });
    }
  },
};

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

/** Sentences vague-action flags (an idiom, or a hedge with an impact verb and a vague object) are its business. */
function reportedByVagueAction(s: SentenceRef, lexicons: { vagueIdioms: { test(t: string): boolean }; hedges: { test(t: string): boolean }; impactVerbs: { test(t: string): boolean }; vagueObjects: { test(t: string): boolean } }): boolean {
  if (lexicons.vagueIdioms.test(s.text)) return true;
  return lexicons.hedges.test(s.text) && lexicons.impactVerbs.test(s.text) && lexicons.vagueObjects.test(s.text);
}

const CONSEQUENCE = ', which lets [who, e.g. deployment engineers] [do what, e.g. route inputs the model will get wrong]';

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
