import type { Block, PaperDocument, SectionRole } from './model';

// A top-level section named by its topic ("Values Represent Distributions", "Discovering the
// Circuit") names no role, yet a reader gives it one from what it says: a section that reports
// measured outcomes holds results; one that defines and describes procedures is method. Only
// sections with no role from any heading are judged, and only on clear evidence.

/** A measured quantity: a percentage, a decimal score, a multiple ("3x"). */
const QUANTITY = /\d\s?%|\b\d*\.\d+\b|\b\d+(\.\d+)?x\b|\b\d+\s?(of|out of)\s?\d+\b/;
const OUTCOME = /\b(we (find|found|observe[sd]?|see|show(ed)?)|results? (show|suggest|indicate)|outperform\w*|accura\w+|drops?|dropped|falls?|fell|increas\w+|decreas\w+|improv\w+|reduc\w+|recover\w*|restor\w+|achiev\w+|perform\w*|score[sd]?)\b|\[ref:(fig|tab)/i;
/** A sentence that reports what was found, numbers or not ("Figure 5 shows that…", "We find that…"). */
const REPORT = /\b((figure|fig\.|table|tab\.)\s*\d+\s+(shows|show|presents|reports|illustrates|plots)|we (find|found|observe[d]?) (that|a|an|the)|our results (show|suggest|indicate))\b/i;
const PROCEDURE = /\b(we (propose|introduce|define|describe|present|formulate|denote)|is defined as|defined by|let \S+ (be|denote)|algorithm)\b/i;
/** How many sentences of clear evidence a role needs. */
const ENOUGH = 3;
/** …and what share of the section's sentences. */
const SHARE = 0.15;

export function rolesFromContent(doc: PaperDocument): void {
  const { sections } = doc;
  const judged = sections.map((s) => s.role === 'other' && s.roleSource === 'default' && s.parent < 0);
  if (!judged.some(Boolean)) return;
  const top = sections.map((_, i) => topAncestor(doc, i));
  const counts = new Map<number, { outcome: number; procedure: number; sentences: number }>();
  for (const block of doc.blocks) {
    if (block.section < 0 || block.kind === 'heading') continue;
    const owner = top[block.section];
    if (!judged[owner] || !inheritsOther(doc, block.section)) continue;
    const c = counts.get(owner) ?? { outcome: 0, procedure: 0, sentences: 0 };
    if (block.kind === 'table-cell') {
      // A table of numbers is a report of results; count each table once, at its first cell.
      if (block.cell?.row === 0 && block.cell.column === 0) c.outcome++;
    } else {
      for (const text of sentenceTexts(block)) {
        c.sentences++;
        if ((QUANTITY.test(text) && OUTCOME.test(text)) || REPORT.test(text)) c.outcome++;
        else if (PROCEDURE.test(text)) c.procedure++;
      }
    }
    counts.set(owner, c);
  }
  for (const [index, c] of counts) {
    // Clear evidence: enough sentences, and a fair share of the section (a long catalogue with a
    // few findings in it is not a results section).
    const share = Math.max(ENOUGH, Math.ceil(SHARE * c.sentences));
    const role: SectionRole | undefined = c.outcome >= share && c.outcome >= c.procedure ? 'results' : c.procedure >= share ? 'method' : undefined;
    if (!role) continue;
    const inheriting = sections.map((_, i) => i !== index && top[i] === index && inheritsOther(doc, i));
    sections[index].role = role;
    sections[index].roleSource = 'content';
    inheriting.forEach((yes, i) => {
      if (yes) sections[i].role = role;
    });
  }
}

function topAncestor(doc: PaperDocument, index: number): number {
  let i = index;
  while (doc.sections[i].parent >= 0) i = doc.sections[i].parent;
  return i;
}

/** The section and every ancestor up to the top took 'other' only by default or from a parent. */
function inheritsOther(doc: PaperDocument, index: number): boolean {
  for (let i = index; i >= 0; i = doc.sections[i].parent) {
    const s = doc.sections[i];
    if (s.role !== 'other' || (s.roleSource !== 'default' && s.roleSource !== 'parent')) return false;
  }
  return true;
}

function sentenceTexts(block: Block): string[] {
  return block.sentences.map((s) => block.text.slice(s.start, s.end));
}
