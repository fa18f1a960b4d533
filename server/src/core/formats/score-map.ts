import type { Quadrant } from '../rules/score';

// The concreteness × validation map of the paper's §2.1 and Figure 3, as inline SVG: a unit square
// split at 0.5 on each axis into four labelled quadrants, and the paper's point. Geometry lives in
// attributes and colours in REPORT_CSS (classes only), so a strict CSP allows it.

export const QUADRANTS: ReadonlyArray<{ id: Quadrant; name: string; axes: [string, string]; paper: string; col: 0 | 1; row: 0 | 1 }> = [
  {
    id: 'validated-unspecific',
    name: 'Validated, unspecific',
    axes: ['low concreteness', 'high validation'],
    paper: 'Rigorous experiments (realistic models, baselines, side effects) without a stated goal, audience or action.',
    col: 0,
    row: 0,
  },
  {
    id: 'actionable',
    name: 'Actionable',
    axes: ['high concreteness', 'high validation'],
    paper: 'Precise specifications with demonstrated utility (§2.1).',
    col: 1,
    row: 0,
  },
  {
    id: 'exploratory',
    name: 'Exploratory',
    axes: ['low concreteness', 'low validation'],
    paper: 'Recommends no specific action to validate; may still give others a starting point to build on (§2.1).',
    col: 0,
    row: 1,
  },
  {
    id: 'proposal',
    name: 'Proposal',
    axes: ['high concreteness', 'low validation'],
    paper: 'Concrete actions proposed but not empirically validated (§2.1).',
    col: 1,
    row: 1,
  },
];

export function quadrantInfo(id: string) {
  return QUADRANTS.find((q) => q.id === id);
}

const SIZE = 360; // side of the unit square
const LEFT = 64; // room for the validation axis
const TOP = 12;
const BOTTOM = 58; // room for the concreteness axis
const RIGHT = 14;
const x = (c: number) => LEFT + clamp(c) * SIZE;
const y = (v: number) => TOP + (1 - clamp(v)) * SIZE;

function clamp(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

export function renderScoreMap(
  score: { concreteness: number; validation: number; quadrant: string },
  ids: { point: string; title: string },
  esc: (s: string) => string,
): string {
  const half = SIZE / 2;
  const c = score.concreteness.toFixed(2);
  const v = score.validation.toFixed(2);
  const name = quadrantInfo(score.quadrant)?.name ?? score.quadrant;
  const out: string[] = [
    `<svg class="score-map" viewBox="0 0 ${LEFT + SIZE + RIGHT} ${TOP + SIZE + BOTTOM}" role="img" aria-labelledby="${esc(ids.title)}">`,
    `<title id="${esc(ids.title)}">Concreteness × validation map: concreteness ${c}, validation ${v}, quadrant ${esc(name)}</title>`,
  ];
  for (const q of QUADRANTS) {
    const qx = LEFT + q.col * half;
    const qy = TOP + q.row * half;
    const current = q.id === score.quadrant ? ' current' : '';
    out.push(
      `<g class="quadrant q-${q.id}${current}">`,
      `<rect data-quadrant="${q.id}" x="${qx}" y="${qy}" width="${half}" height="${half}"/>`,
      `<text class="q-name" x="${qx + half / 2}" y="${qy + half / 2 - 8}" text-anchor="middle">${esc(q.name)}</text>`,
      `<text class="q-axes" x="${qx + half / 2}" y="${qy + half / 2 + 10}" text-anchor="middle">${esc(q.axes[0])}</text>`,
      `<text class="q-axes" x="${qx + half / 2}" y="${qy + half / 2 + 24}" text-anchor="middle">${esc(q.axes[1])}</text>`,
      `</g>`,
    );
  }
  out.push(
    `<rect class="frame" x="${LEFT}" y="${TOP}" width="${SIZE}" height="${SIZE}"/>`,
    `<line class="threshold" x1="${x(0.5)}" y1="${TOP}" x2="${x(0.5)}" y2="${TOP + SIZE}"/>`,
    `<line class="threshold" x1="${LEFT}" y1="${y(0.5)}" x2="${LEFT + SIZE}" y2="${y(0.5)}"/>`,
  );
  for (const t of [0, 0.5, 1]) {
    out.push(
      `<text class="tick" x="${x(t)}" y="${TOP + SIZE + 24}" text-anchor="middle">${n(t)}</text>`,
      `<text class="tick" x="${LEFT - 16}" y="${y(t) + 4}" text-anchor="end">${n(t)}</text>`,
    );
  }
  out.push(
    `<text class="axis-label" x="${LEFT + half}" y="${TOP + SIZE + 46}" text-anchor="middle">Concreteness</text>`,
    `<text class="axis-label" x="${-(TOP + half)}" y="18" text-anchor="middle" transform="rotate(-90)">Validation</text>`,
  );
  const px = x(score.concreteness);
  const py = y(score.validation);
  out.push(
    `<line class="guide" x1="${px}" y1="${py}" x2="${px}" y2="${TOP + SIZE}"/>`,
    `<line class="guide" x1="${LEFT}" y1="${py}" x2="${px}" y2="${py}"/>`,
    `<circle class="point-halo" cx="${px}" cy="${py}" r="11"/>`,
    `<circle id="${esc(ids.point)}" class="paper-point" cx="${px}" cy="${py}" r="7" data-quadrant="${esc(score.quadrant)}" data-concreteness="${c}" data-validation="${v}"><title>This paper: concreteness ${c}, validation ${v}</title></circle>`,
    `</svg>`,
  );
  return out.join('\n');
}
