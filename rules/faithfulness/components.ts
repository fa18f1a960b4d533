// Which model component a sentence names, so that a causal claim about "head 1.2" is matched with a
// causal test of head 1.2 and not with a test of some other head. Identifiers are normalised:
// "L1H2", "head 1.2" and "head 1:2" are head:1.2; "latent 4,211", "feature #4211" are unit:4211
// (neurons, features, latents and units share one key space); "layer 14", "MLP 14" and "the layer-14
// MLP" are layer:14.

export type ComponentKind = 'head' | 'unit' | 'layer' | 'direction' | 'circuit' | 'component';

export interface ComponentRef {
  start: number;
  end: number;
  /** As written ("Head 1.2", "latents 12 and 40"). */
  text: string;
  kind: ComponentKind;
  /** Normalised identifiers ("head:1.2", "unit:4211", "layer:14"); empty for "this direction", "the heads". */
  ids: string[];
  /** "this head" / "these heads" / "the head": may point back to a component named just before. */
  anaphor?: 'singular' | 'plural';
  /** The anaphor is a demonstrative ("this head", "these latents"), not just "the head". */
  demonstrative?: boolean;
  /** "each head", "all latents in layer 5", "any other layer-0 head": every component of the kind (in that layer). */
  every?: { layer?: string };
  /** Preceded by a preposition ("at layer 14", "in MLP 9"): a location, not the subject. */
  qualifier: boolean;
}

const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)`;
const HEAD_ID = String.raw`(?:L?\d+[.:]\d+)`;
const LIST_SEP = String.raw`\s*(?:,\s*(?:and\s+|or\s+)?|\band\b|\bor\b|&)\s*`;

const PATTERNS: Array<{ re: RegExp; kind: ComponentKind; parse: (m: RegExpExecArray) => string[] }> = [
  // "layer 5 head 3", "layer-5 head 3"
  { re: new RegExp(String.raw`\blayer[\s-]?(\d+),?\s+(?:attention\s+)?head\s+(\d+)\b(?![.:]\d)`, 'gi'), kind: 'head', parse: (m) => [`head:${m[1]}.${m[2]}`] },
  // "head 3 in layer 5", "head 3 of layer 5"
  { re: new RegExp(String.raw`\b(?:attention\s+)?head\s+(\d+)\s+(?:in|of|at)\s+layer\s+(\d+)\b`, 'gi'), kind: 'head', parse: (m) => [`head:${m[2]}.${m[1]}`] },
  // "L5H1", "L5.H1", lists "L5H1 and L6H3"
  { re: /\bL(\d+)\.?H(\d+)\b(?:\s*(?:,\s*(?:and\s+|or\s+)?|\band\b|\bor\b|&)\s*L\d+\.?H\d+\b)*/g, kind: 'head', parse: (m) => [...m[0].matchAll(/L(\d+)\.?H(\d+)/g)].map((x) => `head:${x[1]}.${x[2]}`) },
  // "head 1.2", "heads 9.6 and 10.0", "heads 0.0, 0.2, 0.3 and 1.0", "head 7"
  {
    re: new RegExp(String.raw`\b(?:attention\s+)?heads?\s+(?:${HEAD_ID}(?:${LIST_SEP}${HEAD_ID}\b)*|\d+\b(?![.:]\d))`, 'gi'),
    kind: 'head',
    parse: (m) => [...m[0].replace(/^\D+/, '').matchAll(/L?(\d+)(?:[.:](\d+))?/g)].map((x) => (x[2] === undefined ? `head:${x[1]}` : `head:${x[1]}.${x[2]}`)),
  },
  // "latent 4,211", "feature #12", "neurons 3071 and 2017", "unit no. 5"
  {
    re: new RegExp(String.raw`\b(?:neuron|feature|latent|unit)s?\s+(?:#|no\.\s*)?${NUM}\b(?:${LIST_SEP}#?${NUM}\b)*`, 'gi'),
    kind: 'unit',
    parse: (m) => (m[0].replace(/^[a-z]+\s+(?:#|no\.\s*)?/i, '').match(/\d{1,3}(?:,\d{3})+|\d+/g) ?? []).map((n) => `unit:${n.replace(/,/g, '')}`),
  },
  // "the MLP in layer 9", "the attention block of layer 3": the sublayer of that layer is layer:9.
  { re: /\b(?:MLP|attention|attn|feed-?forward)\s*(?:sub-?layer|block|module)?\s+(?:in|of|at)\s+layer[\s-](\d+)\b/gi, kind: 'layer', parse: (m) => [`layer:${m[1]}`] },
  // "layer 14", "layers 7 to 9", "layer-14 MLP", "MLP layer 14", "MLP 9", "MLPs 8 and 9"
  {
    re: /\b(?:(?:MLP|attention|attn|residual)\s+)?layers?[\s-](\d+)(?:\s*(?:-|–|to|through)\s*(\d+))?(?:\s+(?:MLP|attention|block)s?\b)?|\bMLPs?[\s-](\d+)\b(?:\s*(?:,|and|&)\s*(\d+)\b)?/gi,
    kind: 'layer',
    parse: (m) => {
      const a = Number(m[1] ?? m[3]);
      const b = m[2] !== undefined ? Number(m[2]) : m[4] !== undefined ? Number(m[4]) : a;
      if (m[4] !== undefined) return [`layer:${a}`, `layer:${b}`];
      const out: string[] = [];
      for (let i = a; i <= Math.min(b, a + 64); i++) out.push(`layer:${i}`);
      return out;
    },
  },
];

const GENERIC: Array<{ re: RegExp; kind: ComponentKind }> = [
  { re: /\b(?:attention\s+)?heads?\b/gi, kind: 'head' },
  { re: /\b(?:neuron|feature|latent|unit)s?\b/gi, kind: 'unit' },
  { re: /\b(?:MLPs?|layers?)\b/gi, kind: 'layer' },
  { re: /\b(?:directions?|subspaces?|(?:(?:steering|concept|feature)\s+)?vectors?)\b/gi, kind: 'direction' },
  { re: /\b(?:(?:sub-?)?circuits?|sub-?networks?|pathways?)\b/gi, kind: 'circuit' },
  { re: /\bcomponents?\b/gi, kind: 'component' },
];

/** "each head", "all the latents", "any other MLP": every component of the kind, not "all 20 latents" or "all indentation features". */
const EVERY_BEFORE = /\b(?:each|every|all|any)(?:\s+(?:other|remaining|single|individual|of\s+the|the))*\s+(?:MLP\s+|attention\s+)?$/i;
const ANAPHOR_BEFORE = /\b(?:(this|that|the|its)|(these|those|both|the\s+(?:two|three|four|five|\d+)))\s+(?:(?:same|selected|identified|[\w-]+)\s+){0,2}$/i;
const PREPOSITION_BEFORE = /\b(?:in|at|of|from|on|across|within|after|before|inside)\s+(?:the\s+)?$/i;

/** Every component a text names, with identifiers where it gives them. Overlapping generic nouns are dropped. */
export function componentRefs(text: string): ComponentRef[] {
  const out: ComponentRef[] = [];
  const overlaps = (start: number, end: number) => out.some((r) => start < r.end && end > r.start);
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      const start = m.index;
      const end = m.index + m[0].length;
      if (overlaps(start, end)) continue;
      out.push(withContext(text, { start, end, text: m[0], kind: p.kind, ids: p.parse(m), qualifier: false }));
    }
  }
  for (const g of GENERIC) {
    g.re.lastIndex = 0;
    for (let m = g.re.exec(text); m; m = g.re.exec(text)) {
      const start = m.index;
      const end = m.index + m[0].length;
      if (overlaps(start, end)) continue;
      // "layer-0 head", "layer 14 heads", "layer-8 features": heads or units of one layer.
      const layer = g.kind === 'head' || g.kind === 'unit' ? /\blayer[\s-](\d+)\s+(?:attention\s+)?$/i.exec(text.slice(Math.max(0, start - 20), start)) : null;
      const ref = withContext(text, { start, end, text: m[0], kind: g.kind, ids: [], qualifier: false });
      if (layer) {
        // The layer number belongs to the heads or units, not to a separate layer mention.
        const i = out.findIndex((r) => r.kind === 'layer' && r.end <= start && start - r.end <= 12);
        if (i >= 0) {
          ref.start = out[i].start;
          ref.text = text.slice(ref.start, end);
          out.splice(i, 1);
        }
        const every = EVERY_BEFORE.test(text.slice(Math.max(0, ref.start - 40), ref.start));
        if (every) ref.every = { layer: layer[1] };
      }
      out.push(ref);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function withContext(text: string, ref: ComponentRef): ComponentRef {
  const before = text.slice(Math.max(0, ref.start - 40), ref.start);
  ref.qualifier = PREPOSITION_BEFORE.test(before);
  if (ref.ids.length === 0) {
    if (EVERY_BEFORE.test(before)) {
      const layer = /^\s+(?:in|of|at)\s+(?:the\s+)?layer\s+(\d+)\b/i.exec(text.slice(ref.end, ref.end + 25));
      ref.every = { layer: layer?.[1] };
    } else {
      const a = ANAPHOR_BEFORE.exec(before);
      if (a) {
        ref.anaphor = a[2] ? 'plural' : /s$/i.test(text.slice(ref.start, ref.end)) ? 'plural' : 'singular';
        ref.demonstrative = !/^(?:the|its)$/i.test(a[1] ?? '');
      }
    }
  }
  return ref;
}

/** The kind a component noun phrase belongs to ("Head 1.2" → head, "the refusal direction" → direction). */
export function kindOf(phrase: string): ComponentKind {
  const refs = componentRefs(phrase);
  return refs[refs.length - 1]?.kind ?? 'component';
}

/**
 * Whether a test of `ref` covers the identifier `id`: "each head in layer 0" covers head:0.3; "each
 * neuron in layer 9" covers neuron 3071 unless the claim places it in another layer (`layers`).
 */
export function everyCovers(ref: ComponentRef, id: string, layers: string[]): boolean {
  if (!ref.every) return false;
  const [kind, value] = id.split(':');
  if (kind !== ref.kind) return false;
  if (ref.every.layer === undefined) return true;
  if (kind === 'head') return value.startsWith(`${ref.every.layer}.`);
  return layers.length === 0 || layers.includes(`layer:${ref.every.layer}`);
}

/** "we ablate the top 500 neurons one at a time": a test of each of them, so of every component of that kind it names. */
export const ONE_AT_A_TIME = /\b(?:one at a time|one by one|individually|each of the|separately)\b/i;
