import type { SectionRole } from './model';

// Heading words → role. Order matters: the first pattern that matches wins, so the more specific
// phrases ("related work", "experimental setup") come before the general ones ("work", "setup").
const ROLE_PATTERNS: Array<[SectionRole, RegExp]> = [
  ['abstract', /^abstract$|^summary$|^tl;?dr$/],
  ['appendix', /^appendi(x|ces)\b|^supplementa(ry|l)\b|^additional (results|experiments|details)\b/],
  ['related-work', /\brelated (work|literature|research)\b|\bprior (work|art|literature)\b|\bprevious work\b|\bliterature review\b|\bconnections to\b/],
  ['limitations', /\blimitations?\b|\bthreats to validity\b|\bbroader impacts?\b|\bethic(s|al)\b|\bsocietal impact\b|\bfailure (modes|cases)\b/],
  ['introduction', /^introduction\b|^intro$|^motivation$|^overview$/],
  ['background', /\bbackground\b|\bpreliminar(y|ies)\b|\bnotation\b|\bproblem (setup|setting|formulation|statement)\b|\bdefinitions?\b/],
  ['conclusion', /\bconclu(sion|sions|ding)\b|\bsummary and\b|\bfuture work\b|\boutlook\b|\bclosing\b/],
  ['discussion', /\bdiscussion\b|\bimplications\b|\brecommendations\b|\bcall to action\b|\btakeaways?\b|\blessons\b/],
  ['results', /\bresults?\b|\bfindings\b|\banalysis\b|\bablations?\b|\bcase stud(y|ies)\b/],
  ['experiments', /\bexperiment(s|al)?\b|\bevaluation\b|\bevaluating\b|\bsetup\b|\bset-up\b|\bbenchmark(s|ing)?\b|\bempirical\b|\bvalidation\b|\bbaselines\b|\bdatasets?\b|\bimplementation details\b/],
  ['method', /\bmethods?\b|\bmethodology\b|\bapproach\b|\bframework\b|\bmodel\b|\barchitecture\b|\bproposed\b|\balgorithm\b|\btechnique\b|\bour\b/],
];

/** The role a heading names, or undefined when it names none (e.g. "Sparse Autoencoders"). */
export function roleFromHeading(title: string): SectionRole | undefined {
  const t = normalizeHeading(title);
  for (const [role, pattern] of ROLE_PATTERNS) if (pattern.test(t)) return role;
  return undefined;
}

/** Lower-case, without numbering ("3.1", "A.", "IV."), placeholders and punctuation at the ends. */
export function normalizeHeading(title: string): string {
  return title
    .toLowerCase()
    .replace(/\[(ref|cite):[^\]]*\]/g, ' ')
    .replace(/^\s*((\d+|[a-z]|[ivx]+)(\.\d+)*\.?\s+)/, '')
    .replace(/[.:;!?]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A section's role: what its own heading names, else its parent's role (a "Setup" subsection of
 * Experiments is experiments, an untitled-role subsection of the appendix is appendix), else other.
 */
export function resolveRole(title: string, parentRole: SectionRole | undefined, inAppendix: boolean): SectionRole {
  if (inAppendix) return 'appendix';
  const own = roleFromHeading(title);
  if (own) return own;
  return parentRole ?? 'other';
}
