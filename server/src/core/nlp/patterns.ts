import type { Pos, Token } from './analyse';

// Declarative token patterns in the manner of LanguageTool's: a sequence of token tests over lemmas
// and parts of speech, with optional tokens and bounded gaps. Every pattern carries examples that
// must match and examples that must not; the test suite runs them (test/core/patterns.test.ts).

export interface TokenTest {
  /** One of these lemmas (lower case). */
  lemma?: readonly string[];
  /** One of these parts of speech. */
  pos?: readonly Pos[];
  /** The token may be absent. */
  optional?: boolean;
  /** Up to this many other tokens may come before this one. */
  gap?: number;
  /** None of these lemmas (with `gap`: no skipped token may have them either). */
  notLemma?: readonly string[];
}

export interface Pattern {
  id: string;
  tokens: readonly TokenTest[];
  examples: { match: readonly string[]; noMatch: readonly string[] };
}

export interface PatternMatch {
  pattern: Pattern;
  /** Token indexes [start, end). */
  start: number;
  end: number;
}

function accepts(test: TokenTest, token: Token): boolean {
  // A third-person verb the tagger read as a plural noun keeps its -s in the lemma ("encodes/NOUN"): its stem counts too.
  if (test.lemma && !test.lemma.includes(token.lemma) && !test.lemma.includes(token.lower) && !(token.pos === 'NOUN' && token.lemma === token.lower && test.lemma.includes(token.lower.slice(0, -1)) && token.lower.endsWith('s'))) return false;
  if (test.pos && !test.pos.includes(token.pos)) return false;
  if (test.notLemma && (test.notLemma.includes(token.lemma) || test.notLemma.includes(token.lower))) return false;
  return true;
}

/** Where `pattern` first matches in `tokens` at or after `from`, or undefined. */
export function matchPattern(pattern: Pattern, tokens: readonly Token[], from = 0, to = tokens.length): PatternMatch | undefined {
  for (let s = from; s < to; s++) {
    const end = matchAt(pattern.tokens, 0, tokens, s, to);
    if (end !== undefined) return { pattern, start: s, end };
  }
  return undefined;
}

function matchAt(tests: readonly TokenTest[], k: number, tokens: readonly Token[], i: number, to: number): number | undefined {
  if (k === tests.length) return i;
  const test = tests[k];
  const maxGap = k === 0 ? 0 : test.gap ?? 0;
  for (let g = 0; g <= maxGap && i + g <= to; g++) {
    if (g > 0 && test.notLemma && !accepts({ notLemma: test.notLemma }, tokens[i + g - 1])) break;
    if (g > 0 && tokens[i + g - 1].pos === 'PUNCT' && /[.;:]/.test(tokens[i + g - 1].text)) break;
    const at = i + g;
    if (at < to && accepts(test, tokens[at])) {
      const end = matchAt(tests, k + 1, tokens, at + 1, to);
      if (end !== undefined) return end;
    }
    if (test.optional) {
      const end = matchAt(tests, k + 1, tokens, i + g, to);
      if (end !== undefined) return end;
    }
  }
  return undefined;
}

/** The first of several patterns that matches. */
export function firstMatch(patterns: readonly Pattern[], tokens: readonly Token[], from = 0, to = tokens.length): PatternMatch | undefined {
  let best: PatternMatch | undefined;
  for (const p of patterns) {
    const m = matchPattern(p, tokens, from, to);
    if (m && (!best || m.start < best.start)) best = m;
  }
  return best;
}
