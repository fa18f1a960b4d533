import type { RoleSource, SectionRole } from './model';

// A section's role, read from the whole heading tree: its own title, its parent's role, its number,
// and where it sits (after the reference list, inside the appendix, before the body).

// Heading words → role. When a title names several roles, the one named first wins ("Results and
// Discussion" is results), except that the roles in STRONG_ROLES win wherever they are named and
// method only when no other role is named ("Proposed evaluation protocol" is experiments).
const ROLE_PATTERNS: Array<[SectionRole, RegExp]> = [
  ['references', /^(references?|bibliography|works cited|literature cited|citations)$/],
  ['back-matter', /\backnowledge?ments?\b|\bimpact statements?\b|\bbroader impacts?\b|\bethics statements?\b|\bethical considerations?\b|^ethics$|\bsocietal impacts?\b|\bfunding\b|\bdeclarations?\b|\bcompeting interests?\b|\bconflicts? of interests?\b|\bauthor contributions?\b|\bcontributions of the authors\b|\bpaper checklist\b|^checklist$|\bconsent to participate\b/],
  ['appendix', /^appendi(x|ces)\b|^supplementa(ry|l)\b|^additional (results|experiments|details)\b/],
  ['related-work', /\brelated (works?|literature|research)\b|\bprior (works?|art|literature|research)\b|\bprevious (works?|research)\b|\bliterature review\b|\bconnections to\b/],
  ['limitations', /\blimitations?\b|\bthreats to validity\b|\bfailure (modes|cases)\b/],
  ['abstract', /^abstract$|^summary$|^tl;?dr$|^executive summary$/],
  ['introduction', /^introduction\b|^intro$|^motivation$|^overview$/],
  ['background', /\bbackground\b|\bpreliminar(y|ies)\b|\bnotation\b|\bproblem (setup|setting|formulation|statement)\b|\bdefinitions?\b/],
  ['conclusion', /\bconclu(sion|sions|ding)\b|\bsummary and\b|\bfuture (work|directions)\b|\boutlook\b|\bclosing\b/],
  ['discussion', /\bdiscussions?\b|\bimplications\b|\brecommendations\b|\bcall to action\b|\btakeaways?\b|\blessons\b/],
  ['results', /\bresults?\b|\bfindings\b|\banalys[ie]s\b|\bablations?( stud(y|ies))?\b|\bcase stud(y|ies)\b/],
  ['experiments', /\bexperiment(s|al)?\b|\bevaluations?\b|\bevaluating\b|\bsetup\b|\bset-up\b|\bbenchmark(s|ing)?\b|\bempirical\b|\bvalidation\b|\bbaselines\b|\bdatasets?\b|\bimplementation details\b/],
  ['method', /\bmethods?\b|\bmethodology\b|\bapproach(es)?\b|\bframework\b|\bmodel\b|\barchitecture\b|\bproposed\b|\balgorithms?\b|\btechniques?\b|\bour\b/],
];

const ROLE_WORDS: RegExp[] = ROLE_PATTERNS.map(([, pattern]) => new RegExp(pattern.source, 'g'));

/** Roles a heading gives its section wherever it sits, even below a parent with another role. */
const STRONG_ROLES: ReadonlySet<SectionRole> = new Set<SectionRole>(['references', 'back-matter', 'appendix', 'limitations']);
/** Parts of a paper whose subsections may take roles of their own. */
const HOLDS_SUBSECTION_ROLES: ReadonlySet<SectionRole> = new Set<SectionRole>(['method', 'experiments', 'results', 'discussion', 'introduction']);
/** Words that do not make a title more than its role's name ("Main Results", "Our Method"). */
const FILLER = new Set(['and', 'the', 'of', 'a', 'an', 'our', 'main', 'further', 'more', 'additional', 'details', 'detailed', 'overall', 'experimental', 'empirical', 'general', 'key', 'proposed', 'on', 'in', 'for', 'with', 'to', 'we', 'this', 'work', 'study', 'paper']);

export interface HeadingRole {
  role: SectionRole;
  /** The title is little more than the role's name ("Related Work", "Experimental Setup"). */
  exact: boolean;
  /** The role's words open the title ("Evaluating ROME", not "Select a dataset"). */
  leading: boolean;
}

/** The role a heading names, or undefined when it names none (e.g. "Sparse Autoencoders"). */
export function roleFromHeading(title: string): SectionRole | undefined {
  return readHeading(title)?.role;
}

export function readHeading(title: string): HeadingRole | undefined {
  const t = normalizeHeading(title);
  let best: { role: SectionRole; index: number } | undefined;
  ROLE_PATTERNS.forEach(([role], k) => {
    const m = [...t.matchAll(ROLE_WORDS[k])].find((x) => STRONG_ROLES.has(role) || isHead(t, x.index, x.index + x[0].length));
    if (!m) return;
    // A role word that only modifies the title's head names no role: "Validation Methods" is
    // methods, "Empirical illustration" names none. Strong roles count wherever they are named.
    // "Limitations of Probing" in a survey is about others' work, not this paper's limitations.
    if (role === 'limitations' && m.index === 0 && /^limitations? (of|in) (?!(our|this|the proposed|the present)\b)/.test(t)) return;
    const better = !best || rank(role) > rank(best.role) || (rank(role) === rank(best.role) && m.index < best.index);
    if (better) best = { role, index: m.index };
  });
  if (!best) return undefined;
  // Exact: nothing is left once every role's words and the filler are taken out.
  let rest = t;
  for (const pattern of ROLE_WORDS) rest = rest.replace(pattern, ' ');
  return { role: best.role, exact: rest.split(/[^a-z0-9;]+/).every((w) => !w || FILLER.has(w)), leading: best.index === 0 };
}

/** Words after which a role word is still the title's head ("Ablation details", "Evaluation protocol"). */
const TRANSPARENT_HEADS = new Set([...FILLER, 'studies', 'protocol', 'protocols', 'metrics', 'settings', 'setting', 'procedure', 'procedures', 'design', 'overview', 'summary', 'statement', 'section']);
/** Words that end a title's head: prepositions, conjunctions, punctuation ("Results on IOI", "Results and Discussion"). */
const HEAD_END = /^(of|on|in|for|with|across|from|to|and|or|vs|versus|under|at|over|beyond|via|by|as|using|beyond|without|:|–|—|-)$/;

/** Whether the words at [start, end) of a normalised title are its head, not a modifier. */
function isHead(t: string, start: number, end: number): boolean {
  if (start === 0 && /ing\b/.test(t.slice(start, end))) return true; // "Evaluating ROME"
  const after = t.slice(end).trim().split(/\s+|(?=:)/).filter(Boolean);
  for (const word of after) {
    if (HEAD_END.test(word) || word.startsWith(':') || word.startsWith('(')) return true;
    if (!TRANSPARENT_HEADS.has(word.replace(/[^a-z-]/g, ''))) return false;
  }
  return true;
}

/** Strong roles beat every other; method's words ("our", "proposed", "model") are mostly modifiers. */
function rank(role: SectionRole): number {
  return STRONG_ROLES.has(role) ? 2 : role === 'method' ? 0 : 1;
}

/** Whether a title is a section's own name ("References", "Limitations", "Related Work"), not a label. */
export function namesSectionRole(title: string): boolean {
  const own = readHeading(title);
  return own !== undefined && (own.exact || STRONG_ROLES.has(own.role));
}

/** Lower-case, without numbering ("3.1", "A.", "IV."), placeholders and punctuation at the ends. */
export function normalizeHeading(title: string): string {
  return title
    .toLowerCase()
    .replace(/\[(ref|cite):[^\]]*\]/g, ' ')
    .replace(/^\s*appendix\s+[a-z](\.\d+)*\s*[:.–—-]\s*/, 'appendix ')
    .replace(/^\s*((\d+|[a-z]|[ivx]+)(\.\d+)*\.?\s+)/, '')
    .replace(/[.:;!?]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A heading's number as written ("4", "4.2", "A.1", "IV"), or undefined. */
export function headingNumber(title: string): string | undefined {
  const m = /^\s*((?:\d{1,2}|[A-Z])(?:\.\d{1,2})*|[IVX]{1,5}(?=\.))\.?\s+(?=\S)/.exec(title);
  if (!m) return undefined;
  // "A Study of X" is a title, not appendix A: a single capital letter counts only before a capital.
  if (/^[A-Z]$/.test(m[1]) && !/^\s*[A-Z]\.?\s+[A-Z0-9]/.test(title)) return undefined;
  return m[1];
}

/** How deep a number sits: "4" → 1, "4.2" → 2, "A.1.3" → 3. */
export function numberDepth(number: string): number {
  return number.split('.').length;
}

/** Where a heading sits in the document when its role is decided. */
export interface RoleContext {
  parentRole?: SectionRole;
  /** After \appendix, or after a top-level appendix heading. */
  inAppendix: boolean;
  /** After a top-level reference list. */
  afterReferences: boolean;
  /** No section of the body (anything but the abstract) has been opened yet. */
  beforeBody: boolean;
  /** A letter-numbered top-level heading after digit-numbered ones ("A Proofs" after "5 Conclusion"). */
  letteredAfterDigits: boolean;
}

/**
 * A section's role and where it came from. A subsection inherits its parent's role unless its own
 * title names a strong role (Limitations inside Discussion) or is little more than a role's name
 * (Results inside Experiments, Related Work inside the Introduction); a word in a longer title does
 * not override ("Grounded in previous work" inside Experiments stays experiments). Nothing below
 * the top level is the abstract ("Summary" inside Related Work is related work).
 */
export function resolveRole(title: string, context: RoleContext): { role: SectionRole; source: RoleSource } {
  const own = readHeading(title);
  const { parentRole } = context;
  // Acknowledgements and checklists after the appendix or the references are still back matter.
  if (own?.role === 'back-matter') return { role: own.role, source: 'title' };
  if (parentRole === 'references' || parentRole === 'back-matter') return { role: parentRole, source: 'parent' };
  if (context.afterReferences && parentRole === undefined) {
    if (own?.role === 'appendix') return { role: 'appendix', source: 'title' };
    if (context.letteredAfterDigits) return { role: 'appendix', source: 'number' };
    return { role: 'references', source: 'references' };
  }
  if (context.inAppendix || parentRole === 'appendix') return { role: 'appendix', source: context.inAppendix && parentRole !== 'appendix' ? 'appendix' : 'parent' };
  if (context.letteredAfterDigits && parentRole === undefined) return { role: 'appendix', source: 'number' };
  if (!own) return parentRole ? { role: parentRole, source: 'parent' } : { role: 'other', source: 'default' };

  if (own.role === 'abstract') {
    if (parentRole && parentRole !== 'other') return { role: parentRole, source: 'parent' };
    // "Summary" closing a paper is its conclusion; only before the body is it the abstract.
    return context.beforeBody ? { role: 'abstract', source: 'title' } : { role: 'conclusion', source: 'title' };
  }
  if (!parentRole) return { role: own.role, source: 'title' };
  // Below the top level the introduction is never opened again ("Motivation." inside a case study).
  if (own.role === 'introduction') return { role: parentRole === 'other' ? 'other' : parentRole, source: parentRole === 'other' ? 'default' : 'parent' };
  // Below a section named by its topic, a subsection that opens with a role's words takes it
  // ("Results on IOI"); one that ends with them stays a topic ("Scalability of Techniques").
  if (parentRole === 'other') return own.exact || own.leading || STRONG_ROLES.has(own.role) ? { role: own.role, source: 'title' } : { role: 'other', source: 'parent' };
  // A subsection names its own role only with little more than the role's name, and only inside a
  // part of the paper that can hold it: "Limitations" inside Discussion, "Results" inside
  // Experiments; not "Limitation of the local estimate" inside Method, nor "Empirical Validation"
  // inside Future Directions.
  if (own.exact && (STRONG_ROLES.has(own.role) || HOLDS_SUBSECTION_ROLES.has(parentRole))) return { role: own.role, source: 'title' };
  return { role: parentRole, source: 'parent' };
}
