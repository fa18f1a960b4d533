import type { PaperDocument } from '../../server/src/core/model';
import { ALL_KINDS, optionsSchema, phraseLists } from '../../server/src/core/rules/meta';
import { appendToBlock, insertAfterBlock } from '../../server/src/core/rules/fixes';
import type { Fix, Rule } from '../../server/src/core/rules/types';
import type { DocumentView } from '../../server/src/core/rules/view';
import { Lexicon } from '../../server/src/core/rules/lexicon';
import { describeAction, enabledActions, OWN_ACTION_ROLES, paperActions } from '../../server/src/core/claims/paper-actions';
import { listNames, quote } from '../shared';
import { insertAtSectionEnd, lineOf, searchedPlaces } from './framing';

// Checklist step 3 and §2.1/§5: "articulate what decisions or interventions your insights enable".
// Met iff the paper has an action of its own (server/src/core/claims/paper-actions.ts): a clause of
// its framing, method or experiments in which we, an audience or a system it builds acts on a model,
// its data, inputs, outputs or deployment, proposed, done or measured. Cited, quoted, negated,
// hypothetical or future clauses, and a component's mechanism, do not count; they are named in the
// finding. A survey's taxonomy of the actions others take counts as its own. One finding per
// document, at the Introduction.

interface Options {
  /** More action phrases by category, e.g. {"routing": ["gate retrieval"]}. */
  extraActions: Record<string, string[]>;
}

const rule: Rule<Options> = {
  meta: {
    id: 'concrete-action',
    description: 'No decision or intervention that the insight enables is articulated (editing, steering, routing, data curation, audits, ...)',
    checklistStep: 3,
    topic: 'concrete action',
    paperSection: '§5',
    defaultSeverity: 'warning',
    kinds: ALL_KINDS,
    scope: 'document',
    fixable: true,
    optionsSchema: optionsSchema({
      extraActions: phraseLists('More action phrases by category, e.g. {"routing": ["gate retrieval"]}.'),
    }),
  },
  defaultOptions: { extraActions: {} },
  check(ctx) {
    const { view } = ctx;
    const extra = Object.keys(ctx.options.extraActions).length > 0 ? new Lexicon(ctx.options.extraActions) : undefined;
    const actions = enabledActions(view, ctx.kind, extra);
    const { discounted } = paperActions(view, extra);
    for (const a of actions.slice(0, 5)) ctx.evidence({ block: a.sentence.block, start: a.sentence.start + a.start, end: a.sentence.start + a.end }, describeAction(a, a.status));
    if (actions.length > 0) return;

    const where = searchedPlaces(view, OWN_ACTION_ROLES.filter((r) => r !== 'other' || !view.hasRole('introduction')));
    const instead = discounted.length > 0
      ? `; found only ${listNames(discounted.slice(0, 3).map((d) => `"${d.sentence.text.slice(d.start, d.end)}" (${d.reason}, line ${lineOf(ctx.doc, d.sentence.block, d.sentence.start + d.start)})`), 3)}`
      : '';
    ctx.report({
      message: 'No decision or intervention this work enables: say who can do what with it, and how',
      detail: `no decision or intervention that this work enables is stated in ${where} (looked for data curation, input selection, training changes, editing, steering, unlearning, routing, trust or override, audits, architecture changes)${instead}; say who can do what with the insight, and how`,
      at: view.anchor(['introduction', 'abstract']),
      related: discounted.slice(0, 3).map((d) => ({
        at: { block: d.sentence.block, start: d.sentence.start + d.start, end: d.sentence.start + d.end },
        message: `"${quote(d.clause)}": does not count (${d.claim.actor} · ${d.sentence.text.slice(d.start, d.end).toLowerCase()} · ${d.reason})`,
      })),
      fix: actionsFix(ctx.doc, view),
    });
  },
};

const SENTENCE = '[Who, e.g. deployment engineers] can use this insight to route [which inputs] to [where], or to edit, steer or filter [what], by [procedure].';

function actionsFix(doc: PaperDocument, view: DocumentView): Fix | undefined {
  const intro = view.firstSection(['introduction']);
  const paragraph = doc.format === 'latex' ? `\\paragraph{Actions enabled.} ${SENTENCE}` : `**Actions enabled.** ${SENTENCE}`;
  const title = 'Insert an "Actions enabled" paragraph at the end of the introduction';
  if (intro && view.doc.blocks.some((b) => b.section >= 0 && view.roleOf(b) === 'introduction' && b.kind !== 'heading')) {
    return { title, edits: [insertAtSectionEnd(doc, intro, paragraph)], hasPlaceholders: true };
  }
  const abstract = view.blocksIn(['abstract']).filter((b) => b.kind === 'paragraph');
  if (abstract.length > 0) {
    return { title: 'Add an "actions enabled" sentence to the abstract', edits: [appendToBlock(abstract[abstract.length - 1], ` ${SENTENCE}`)], hasPlaceholders: true };
  }
  const first = view.doc.blocks.find((b) => b.kind === 'paragraph');
  if (first) return { title, edits: [insertAfterBlock(doc, first, paragraph)], hasPlaceholders: true };
  return undefined;
}

export default rule;
