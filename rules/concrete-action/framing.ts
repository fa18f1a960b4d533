import type { Block, PaperDocument, Section, SectionRole } from '../../server/src/core/model';
import { lineEnding } from '../../server/src/core/rules/fixes';
import type { TextEdit } from '../../server/src/core/rules/types';
import type { DocumentView, SentenceRef } from '../../server/src/core/rules/view';
import { normalizeHeading } from '../../server/src/core/roles';

// Helpers of the concreteness family (goal-statement, audience, concrete-action, understanding-only):
// where a paper frames its own work, and which actions it says its insight enables.

export type Role = SectionRole | 'front';

/** True when the draft reads as a post: no Introduction and free-form headings. */
export function isPostLike(view: DocumentView): boolean {
  return !view.hasRole('introduction') && topSections(view).length <= 12;
}

/**
 * A heading that announces motivation or the problem, whatever other word it holds: "Why look inside
 * the model", "Motivation and scope", "The problem", "What is at stake", "Goals".
 */
const MOTIVATION_HEADING = /^(?:why\b|motivat\w*|(?:the |our )?(?:\w+ )?problems?(?: we (?:address|solve|tackle))?$|(?:the |our )?(?:problem|challenge|need|stakes|gap|goal|aim|objective|use case)s?\b(?! (?:setup|setting|formulation|definition))|what(?:'s| is) (?:at stake|the problem|wrong|missing)|who (?:is|this is) (?:it )?for|context\b)/i;
/**
 * Top-level sections, besides abstract, introduction and front matter, that belong to the opening
 * (§9 step 1, "identify a specific problem"): reading from the top, sections whose heading announces
 * motivation or the problem ("Why this matters", "Problem", "Why look inside the model", even when a
 * word in it gave the section another role) and, in a draft without an Introduction heading, the
 * first section with no role of its own (a post's or note's de facto introduction). The opening ends
 * at the first other section; Related Work and Background in between are passed over.
 */
export function openingSections(view: DocumentView): Section[] {
  const out: Section[] = [];
  const noIntro = !view.hasRole('introduction');
  let tookFirst = false;
  for (const s of topSections(view)) {
    if (s.role === 'abstract' || s.role === 'introduction') continue;
    if (MOTIVATION_HEADING.test(normalizeHeading(s.title)) && s.role !== 'related-work' && s.role !== 'appendix') out.push(s);
    else if (s.role === 'related-work' || s.role === 'background') continue;
    else if (noIntro && !tookFirst && s.role === 'other') out.push(s);
    else break;
    tookFirst = true;
  }
  if (noIntro) {
    const firstOther = topSections(view).find((s) => s.role === 'other');
    if (firstOther && !out.includes(firstOther)) out.push(firstOther);
  }
  return out;
}

/** The opening of the draft, where a goal belongs: abstract, introduction, front matter and {@link openingSections}. */
export function openingSentences(view: DocumentView): SentenceRef[] {
  const out = view.sentencesIn(['abstract', 'introduction', 'front']);
  const indices = openingSections(view).map((s) => view.doc.sections.indexOf(s));
  if (indices.length === 0) return out;
  const inOpening = (b: Block) => indices.some((i) => b.section === i || isInside(view.doc.sections, b.section, i));
  return [...out, ...view.sentences.filter((s) => !out.includes(s) && inOpening(s.block))];
}

function isInside(sections: Section[], index: number, ancestor: number): boolean {
  for (let i = index; i >= 0; i = sections[i].parent) if (i === ancestor) return true;
  return false;
}

/**
 * The draft's top-level sections. A Markdown draft with a YAML title and a lone `# Title` heading
 * over its `##` sections keeps that heading as a section; it is the title, so its children are the
 * top level (the engine makes a lone H1 the title only when there is no other title).
 */
export function topSections(view: DocumentView): Section[] {
  const sections = view.doc.sections;
  const tops = sections.filter((s) => s.level <= 1);
  const title = norm(view.doc.title?.text ?? '');
  const wrappers = new Set(
    tops
      .filter((s) => s.role === 'other' && (tops.length === 1 || (title !== '' && norm(s.title) === title)))
      .map((s) => sections.indexOf(s))
      .filter((i) => sections.some((c) => c.parent === i)),
  );
  if (wrappers.size === 0) return tops;
  return sections.filter((s, i) => (s.level <= 1 && !wrappers.has(i)) || wrappers.has(s.parent));
}

function norm(text: string): string {
  return text.replace(/[\s*_`"'“”]+/g, ' ').trim().toLowerCase();
}

/** Section titles (top level) with one of these roles, for messages: "Abstract, Introduction and Conclusion". */
export function searchedPlaces(view: DocumentView, roles: readonly Role[]): string {
  const names = [...new Set(topSections(view).filter((s) => roles.includes(s.role)).map((s) => s.title || s.role))];
  if (roles.includes('front') && view.doc.blocks.some((b) => b.section === -1 && b.kind === 'paragraph')) names.unshift('the front matter');
  if (names.length === 0) return 'the opening of the draft (it has no Abstract or Introduction heading)';
  if (names.length === 1) return names[0];
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The line number (1-based) of a block offset, for messages. */
export function lineOf(doc: PaperDocument, block: Block, index: number): number {
  const file = doc.sources.get(block.file);
  if (!file) return 1;
  const offset = block.base + (block.starts[Math.min(index, block.starts.length - 1)] ?? 0);
  let lo = 0;
  let hi = file.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (file.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Inserts a paragraph at the end of a section (before the next heading), so that a closing
 * scaffold lands after the section's lists and subsections rather than inside an environment.
 */
export function insertAtSectionEnd(doc: PaperDocument, section: Section, paragraph: string): TextEdit {
  const { file, offset } = section.end;
  const text = doc.sources.get(file)?.text ?? '';
  const eol = lineEnding(text);
  const before = text.slice(0, offset);
  const atLineStart = offset === 0 || /(\r?\n|\r)$/.test(before);
  const blankBefore = /(\r?\n|\r)[ \t]*(\r?\n|\r)$/.test(before);
  const lead = !atLineStart ? `${eol}${eol}` : blankBefore ? '' : eol;
  const trail = offset >= text.length ? eol : `${eol}${eol}`;
  return { file, start: offset, end: offset, text: `${lead}${paragraph.replace(/\n/g, eol)}${trail}` };
}
