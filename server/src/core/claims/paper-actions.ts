import type { Lexicon } from '../rules/lexicon';
import type { DocumentView, SentenceRef } from '../rules/view';
import { actionReadings, CAUSAL_TEST, CITED, OUTCOME_VERBS, measuredOutcome, namesObjective, type ActionStatus } from './actions';
import type { Claim } from './claims';
import { append } from '../arrays';
import { sentenceClaims } from './claims';
import { sentenceCategories } from './categories/index';

// The paper's own actions (checklist steps 3 and 4, §2.1 and §5), one fact per document that
// concrete-action, understanding-only, empirical-validation and missing-baselines share, so their
// verdicts never disagree: every clause of the paper's framing, method or experiments in which we,
// an audience or a system this paper builds (or an impersonal "routing on the probe…") takes an
// action on a model, its data, inputs, outputs or deployment, proposed, done or measured. Clauses
// that name an action but do not count (cited, quoted, negated, hypothetical, mechanism, causal
// test) are kept with the reason, for messages.

/** Where a paper states its own contribution: its framing, method and experiments (not Related Work or Background). */
export const OWN_ACTION_ROLES: ReadonlyArray<SentenceRef['role']> = ['abstract', 'introduction', 'discussion', 'conclusion', 'front', 'method', 'experiments', 'results', 'other'];
/** Where a paper reports what it carried out. */
const REPORT_ROLES: ReadonlyArray<SentenceRef['role']> = ['method', 'experiments', 'results', 'other', 'appendix'];

export interface PaperAction {
  sentence: SentenceRef;
  claim: Claim;
  category: string;
  status: ActionStatus;
  /** Offsets of the act in the sentence text. */
  start: number;
  end: number;
  /** The clause as written, for messages. */
  clause: string;
  /** Carried out and measured: a measured outcome in its sentence, or done where the paper reports measured outcomes. */
  carried: boolean;
}

export interface DiscountedAction extends Omit<PaperAction, 'status' | 'carried'> {
  reason: string;
}

export interface PaperActions {
  /** The paper's own actions, in document order. */
  actions: PaperAction[];
  /** Actions of the work a survey reviews (cited, outside Related Work and Background): a survey's taxonomy of actions is its own contribution. */
  surveyed: PaperAction[];
  /** Those carried out and measured. */
  carried: PaperAction[];
  /** Action words that do not count, with the reason. */
  discounted: DiscountedAction[];
}

const cache = new WeakMap<DocumentView, { base?: PaperActions; byExtra: WeakMap<Lexicon, PaperActions> }>();

/**
 * The paper's own actions, computed once per document view (and per lexicon of extra phrases:
 * a phrase of `extra` that starts at an act gives that act its category).
 */
export function paperActions(view: DocumentView, extra?: Lexicon): PaperActions {
  let entry = cache.get(view);
  if (!entry) cache.set(view, (entry = { byExtra: new WeakMap() }));
  if (!extra) return (entry.base ??= compute(view));
  let hit = entry.byExtra.get(extra);
  if (!hit) entry.byExtra.set(extra, (hit = compute(view, extra)));
  return hit;
}

function compute(view: DocumentView, extra?: Lexicon): PaperActions {
  const actions: PaperAction[] = [];
  const discounted: DiscountedAction[] = [];
  const surveyed: PaperAction[] = [];
  const tests: PaperAction[] = [];
  const measuredSections = new Set<number>();
  // Cells of a table with numbers: an action named in a row is carried out and measured ("Abstain on feature signal | 0.78 | 0.74").
  const numericCells = new Set(view.tables.filter((t) => t.cells.some((c) => /\d/.test(c.text))).flatMap((t) => t.cells));
  // Top-level sections that report a measured outcome beyond interpretability ("unsafe completions fall from 18% to 7%").
  const objectiveSections = new Set<number>();
  const comparators = comparatorNames(view);
  for (const s of view.sentences) {
    if (!OWN_ACTION_ROLES.includes(s.role) && s.role !== 'appendix') continue;
    const sc = sentenceClaims(s.text);
    const outcome = measuredOutcome(sc.tokens);
    if (outcome || (s.block.kind === 'table-cell' && /\d/.test(s.text))) measuredSections.add(topSection(view, s.block.section));
    if (outcome && namesObjective(sc.tokens, false)) objectiveSections.add(topSection(view, s.block.section));
    if (!OWN_ACTION_ROLES.includes(s.role)) continue;
    const first = sc.claims.some((c) => c.actor === 'we' || c.actor === 'system');
    const framing = s.role === 'abstract' || s.role === 'introduction' || s.role === 'discussion' || s.role === 'conclusion' || s.role === 'front';
    const phrases = extra?.find(s.text) ?? [];
    const byPhrase = (at: number) => phrases.find((m) => m.start === sc.tokens[at].start)?.category;
    for (const r of actionReadings(sc, extra ? byPhrase : undefined)) {
      const t = sc.tokens[r.at];
      const clause = s.text.slice(sc.tokens[r.claim.start].start, sc.tokens[r.claim.end - 1].end);
      const item = { sentence: s, claim: r.claim, category: r.category, start: t.start, end: t.end, clause };
      // Carried out: done with a measured outcome; an audience only in a measured study of it ("overrides rose from 22% to 47%").
      const cell = numericCells.has(s.block);
      const status = cell ? 'measured' : r.status;
      const action = status ? { ...item, status, carried: cell || (status !== 'proposed' && outcome && (r.claim.actor !== 'audience' || status === 'measured')) } : undefined;
      // In the framing, an act named as a noun with no actor, reported as done, is a topic ("Historically, unlearning came from…").
      const topic = framing && !first && r.claim.actor === 'unnamed' && r.status === 'done' && (t.pos === 'NOUN' || t.lower.endsWith('ing'));
      // "HISP ranks the heads … and prunes all but the top k": the method this paper compares with acts, not this work.
      const comparator = !r.reason && subjectNames(sc.tokens, r.claim).some((n) => comparators.has(n));
      const reason = r.reason ?? (!r.status ? 'not an action' : topic ? 'no actor: a topic, not stated as this work\'s' : comparator ? COMPARATOR : undefined);
      // A sentence that itself claims a component's role ("so the cluster causally drives the swap") stays a test.
      if (action && reason === CAUSAL_TEST && !['causal-test', 'responsibility-claim'].some((k) => sentenceCategories(s.text).has(k as never))) tests.push(action);
      if (action && reason === CITED && r.claim.status !== 'negated' && r.claim.status !== 'hypothetical') surveyed.push(action);
      if (reason || !action) discounted.push({ ...item, reason: reason ?? 'not an action' });
      else actions.push(action);
    }
  }
  // An intervention on a component is an action, not only a causal test of it, when its section or
  // the next reports what it does to an objective beyond interpretability (§6.1 against §5).
  const tops = view.doc.sections.map((_, i) => i).filter((i) => view.doc.sections[i].parent < 0);
  const rescued = tests.filter((t) => {
    const top = topSection(view, t.sentence.block.section);
    return objectiveSections.has(top) || objectiveSections.has(tops[tops.indexOf(top) + 1] ?? -2);
  });
  if (rescued.length > 0) {
    for (const t of rescued) discounted.splice(discounted.findIndex((d) => d.sentence === t.sentence && d.start === t.start), 1);
    append(actions, rescued);
    actions.sort((a, b) => view.sentences.indexOf(a.sentence) - view.sentences.indexOf(b.sentence) || a.start - b.start);
  }
  // A system this paper builds and names ("We propose ScreenErase", "LatentSieve: filtering…") carries out
  // its action where the paper reports a measured outcome with the name as subject ("ScreenErase lowers the gap…").
  const names = systemNames(view);
  if (names.size > 0 && actions.length > 0) {
    for (const s of view.sentences) {
      if (!REPORT_ROLES.includes(s.role) && s.role !== 'abstract') continue;
      const { tokens, claims } = sentenceClaims(s.text);
      if (!measuredOutcome(tokens)) continue;
      // The name, then within a few words a verb of changing an outcome ("ScreenErase raises the ratio…"), or an objective named.
      const i = tokens.findIndex((t) => names.has(t.text));
      const j = i < 0 ? -1 : tokens.findIndex((t, k) => k > i && k <= i + 3 && t.pos === 'VERB');
      if (j < 0 || !(OUTCOME_VERBS.has(tokens[j].lemma) || namesObjective(tokens, false))) continue;
      const proposal = actions.find((a) => a.sentence.text.includes(tokens[i].text)) ?? actions[0];
      const base = claims.find((c) => c.start <= i && c.end > j) ?? claims[0];
      const claim: Claim = { ...(base ?? { object: '', source: 'own' }), actor: 'system', act: tokens[j].lemma, actAt: j, status: 'measured', start: i, end: tokens.length } as Claim;
      actions.push({ sentence: s, claim, category: proposal.category, status: 'measured', start: tokens[i].start, end: tokens[i].end, clause: s.text.slice(tokens[i].start), carried: true });
    }
  }
  // Done in a section that reports measured outcomes: "We steer the model along…" in the setup, the figures after it.
  for (const a of actions) {
    if (!a.carried && a.status !== 'proposed' && a.claim.actor !== 'audience' && REPORT_ROLES.includes(a.sentence.role) && measuredSections.has(topSection(view, a.sentence.block.section))) a.carried = true;
  }
  return { actions, surveyed, carried: actions.filter((a) => a.carried), discounted };
}

/** The actions a rule counts for a paper of this kind: its own, and for a survey those of the work it reviews. */
export function enabledActions(view: DocumentView, kind: string, extra?: Lexicon): PaperAction[] {
  const { actions, surveyed } = paperActions(view, extra);
  return kind === 'survey' ? [...actions, ...surveyed] : actions;
}

/** Names of the systems this paper builds: the name a verb of proposing introduces, or that opens the title ("LatentSieve: …"). */
function systemNames(view: DocumentView): Set<string> {
  const out = new Set<string>();
  const title = view.doc.title?.text ?? '';
  const lead = /^\s*([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9-]*)\s*:/.exec(title);
  if (lead) out.add(lead[1]);
  for (const s of view.sentencesIn(['abstract', 'introduction', 'front', 'method'])) {
    const { tokens } = sentenceClaims(s.text);
    tokens.forEach((t, i) => {
      if (t.pos === 'PROPN' && /^[A-Z][a-z]+[A-Z]/.test(t.text) && /^(propose|introduce|present|call|build)$/.test(tokens[i - 1]?.lemma ?? '')) out.add(t.text);
    });
  }
  return out;
}

const COMPARATOR = 'a method this paper compares with acts, not this work';
/** A method's name: an acronym or a CamelCase word ("HISP", "SubnetProbe"). */
const METHOD_NAME = /^(?:[A-Z]{2,}[A-Za-z0-9-]*|[A-Z][a-z]+[A-Z][A-Za-z0-9-]*)$/;
const THAN = new Set(['than', 'versus', 'vs', 'vs.', 'against']);

/**
 * Names of the methods this paper compares its own with ("we compared ACDC with HISP", "better than
 * SP and HISP"), other than the systems it builds: what such a method does describes a baseline.
 */
export function comparatorNames(view: DocumentView): ReadonlySet<string> {
  let hit = comparatorCache.get(view);
  if (!hit) comparatorCache.set(view, (hit = readComparators(view)));
  return hit;
}

const comparatorCache = new WeakMap<DocumentView, Set<string>>();

function readComparators(view: DocumentView): Set<string> {
  const own = systemNames(view);
  const out = new Set<string>();
  for (const s of view.sentences) {
    const { tokens } = sentenceClaims(s.text);
    let after = false;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.pos === 'PUNCT' && /^[.;:]$/.test(t.text)) after = false;
      if (THAN.has(t.lower) || (t.lower === 'with' && tokens.slice(Math.max(0, i - 5), i).some((x) => x.lemma === 'compare'))) after = true;
      else if (after && METHOD_NAME.test(t.text) && !own.has(t.text) && !tokens.slice(0, i).some((x) => x.text === t.text)) out.add(t.text);
    }
  }
  // A name the paper also compares *with* others is its own ("ACDC performed better than SP"): the subject of a comparison.
  for (const s of view.sentences) {
    const { tokens } = sentenceClaims(s.text);
    const than = tokens.findIndex((t) => THAN.has(t.lower) || t.lemma === 'outperform');
    if (than > 0) for (const t of tokens.slice(0, than)) if (METHOD_NAME.test(t.text)) own.add(t.text);
  }
  for (const n of own) out.delete(n);
  return out;
}

/** The method names in a claim's subject. */
export function subjectNames(tokens: readonly { text: string; pos: string }[], c: Claim): string[] {
  return tokens.slice(c.start, c.actAt).filter((t) => (t.pos === 'PROPN' || t.pos === 'NOUN') && METHOD_NAME.test(t.text)).map((t) => t.text);
}

/** The top-level section a section belongs to (itself at level 1), -1 outside any section. */
function topSection(view: DocumentView, index: number): number {
  let i = index;
  while (i >= 0 && view.doc.sections[i].parent >= 0) i = view.doc.sections[i].parent;
  return i;
}

/** A claim as a note names it: "we · route · proposed: '…the router sends the query to…'". */
export function describeAction(a: { claim: Claim; sentence: SentenceRef; start: number; end: number; clause: string }, status?: string): string {
  const act = a.sentence.text.slice(a.start, a.end).toLowerCase();
  return `${a.claim.actor}${a.claim.role ? ` (${a.claim.role})` : ''} · ${act} · ${status ?? a.claim.status}: "${shorten(a.clause, a.start - (a.sentence.text.indexOf(a.clause)))}"`;
}

function shorten(text: string, at: number, max = 70): string {
  const t = text.replace(/\[math\]/g, '…').replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  let from = Math.max(0, Math.min(at - 20, t.length - max));
  if (from > 0) from = t.indexOf(' ', from) + 1 || from;
  const cut = t.slice(from, from + max);
  return `${from > 0 ? '…' : ''}${cut.slice(0, Math.max(20, cut.lastIndexOf(' ')))}…`;
}
