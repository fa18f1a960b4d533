import type { Block, SectionRole } from '../server/src/core/model';
import type { SentenceRef, DocumentView } from '../server/src/core/rules/view';
import { stanceOf } from '../server/src/core/claims/stance';

// Helpers the rules share: where a paper reports its own experiments, and whether a sentence plans
// or reports someone else's work (read from its claims: claims/stance.ts, which also says whether a
// mention is negated or cited).

/** Sections where a paper reports what it did and measured. */
export const EXPERIMENT_ROLES: readonly SectionRole[] = ['experiments', 'results', 'appendix'];
/** Sections where a paper states its own claims and framing. */
export const FRAMING_ROLES: ReadonlyArray<SectionRole | 'front'> = ['abstract', 'introduction', 'discussion', 'conclusion', 'front'];

/** Sections that describe plans rather than work done: "Planned evaluation", "Proposed audit protocol", "Future work", "Next steps". "Proposed method" describes the paper's own method. */
export const PLAN_HEADING = /\b(?:planned|plans?|future|toward|towards|outlook|next steps|open questions|proposed(?!\s+(?:methods?|approach(?:es)?|frameworks?|models?|architectures?|algorithms?|techniques?|systems?|solutions?|losses?|objectives?)\b))\b/i;

/** Whether a block sits in a section (or a subsection of one) whose title announces plans. */
export function inPlanSection(view: DocumentView, block: Block): boolean {
  let bySection = planCache.get(view);
  if (!bySection) planCache.set(view, (bySection = new Map()));
  let plan = bySection.get(block.section);
  if (plan === undefined) bySection.set(block.section, (plan = planSection(view, block.section)));
  return plan;
}

const planCache = new WeakMap<DocumentView, Map<number, boolean>>();

function planSection(view: DocumentView, index: number): boolean {
  const title = view.doc.title?.text.trim().toLowerCase();
  for (let i = index; i >= 0; i = view.doc.sections[i].parent) {
    const section = view.doc.sections[i];
    // A Markdown `# Title` over every section is the draft's title, not a plan section ("…: a proposed audit").
    if (section.title.trim().toLowerCase() === title) continue;
    if (PLAN_HEADING.test(section.title)) return true;
  }
  return false;
}

/** Whether a sentence plans, proposes, recommends, hedges or conditions rather than reports what was done ("auditors would inspect…", "Train a probe…", "we will release…"). */
export function isPlan(sentence: string): boolean {
  const stance = stanceOf(sentence);
  return stance.plan || stance.hypothetical;
}

/** A sentence that cites others and says nothing in this paper's own voice describes prior work. */
export function describesOthers(s: SentenceRef): boolean {
  return stanceOf(s.text).others;
}

/** Whether a text range of a sentence sits inside quotation marks. */
export function quoted(s: SentenceRef, start: number, end: number): boolean {
  const before = s.text.slice(0, start);
  const open = (before.match(/“/g) ?? []).length - (before.match(/”/g) ?? []).length + ((before.match(/"/g) ?? []).length % 2);
  return open > 0 && /[”"]/.test(s.text.slice(start, Math.max(end, start) + 200));
}

/** Sentences of this paper's own experiments, or when it has no such section, of its body outside the framing. */
export function experimentSentences(view: DocumentView): SentenceRef[] {
  const hasExperimentSections = view.doc.sections.some((s) => s.role === 'experiments' || s.role === 'results');
  if (hasExperimentSections) return view.sentencesIn(EXPERIMENT_ROLES);
  return view.sentences.filter((s) => s.role === 'other' || s.role === 'method' || s.role === 'appendix' || s.role === 'discussion' || s.role === 'limitations');
}

/** Table cells and captions outside Related Work and Background: a baseline is often named only there. */
export function ownTableBlocks(view: DocumentView): Block[] {
  return view.doc.blocks.filter((b) => (b.kind === 'table-cell' || b.kind === 'caption') && view.roleOf(b) !== 'related-work' && view.roleOf(b) !== 'background');
}

/**
 * Whether the paper reports any experiment at all: an experiments/results section, a table, or (in a
 * draft without such sections) a pilot or preliminary check whose sentences report measured outcomes
 * of the authors' own runs ("we trained…", "the probe decodes the attribute with 81% accuracy").
 * Plans, protocols and hypotheticals are not experiments.
 */
export function hasExperiments(view: DocumentView): boolean {
  if (view.doc.sections.some((s) => s.role === 'experiments' || s.role === 'results') || view.tables.some((t) => t.role !== 'related-work' && t.role !== 'background')) return true;
  return reportedRuns(view).length > 0;
}

const BODY_ROLES: readonly SectionRole[] = ['other', 'method', 'appendix', 'discussion', 'limitations'];

/** Sentences of a draft without an Experiments/Results section in which this work reports a measured outcome of its own runs. */
function reportedRuns(view: DocumentView): SentenceRef[] {
  return view.sentences.filter((s) => BODY_ROLES.includes(s.role as SectionRole) && s.block.kind !== 'table-cell'
    && stanceOf(s.text).measuredRun && !describesOthers(s) && !isPlan(s.text) && !inPlanSection(view, s.block));
}

/** The first paragraph of the first section with one of these roles. */
export function firstParagraphIn(view: DocumentView, roles: readonly SectionRole[]): Block | undefined {
  for (const role of roles) {
    const block = view.doc.blocks.find((b) => b.kind === 'paragraph' && view.roleOf(b) === role);
    if (block) return block;
  }
  return undefined;
}

/** The last paragraph before the appendix (where a closing scaffold goes when nothing fits better). */
export function lastBodyParagraph(view: DocumentView): Block | undefined {
  const body = view.doc.blocks.filter((b) => b.kind === 'paragraph' && view.roleOf(b) !== 'appendix');
  return body[body.length - 1];
}

/** A sentence or clause shortened for a message: at most `max` characters, cut on a word. */
export function quote(text: string, max = 70): string {
  const t = text.replace(/\[math\]/g, '…').replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(Math.min(20, max), cut.lastIndexOf(' ')))}…`;
}

/** "prompting, fine-tuning and LoRA" from a list of names. */
export function listNames(names: string[], max = 4): string {
  const unique = [...new Set(names)];
  const shown = unique.slice(0, max);
  const rest = unique.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
