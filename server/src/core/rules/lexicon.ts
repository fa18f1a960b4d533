// Lexicons are data (rules/lexicons/*.json), extendable from the config. Each maps a category
// (e.g. "deployment engineers") to phrases. A phrase is matched case-insensitively on word
// boundaries; a space or hyphen in it also matches the other or nothing ("fine-tuning" matches
// "finetuning" and "fine tuning"); a trailing plural is allowed. A phrase written `/…/` is a
// regular expression (case-insensitive) for what plain phrases cannot say.

export type LexiconData = Record<string, string[]>;

const MAX_CACHED_TEXTS = 20000;

export interface LexiconMatch {
  category: string;
  start: number;
  end: number;
  text: string;
}

export class Lexicon {
  private readonly patterns: Array<{ category: string; re: RegExp }> = [];
  readonly data: LexiconData;
  private readonly cache = new Map<string, readonly LexiconMatch[]>();

  constructor(data: LexiconData) {
    this.data = data;
    for (const [category, phrases] of Object.entries(data)) {
      if (phrases.length === 0) continue;
      this.patterns.push({ category, re: new RegExp(phrases.map(phraseToPattern).join('|'), regexFlags(phrases)) });
    }
  }

  /**
   * Every match in `text`, in order of position. Results are cached by text: several rules ask about
   * the same sentences, and between two keystrokes almost every sentence is unchanged. The returned
   * array is shared, so callers must not modify it.
   */
  find(text: string): readonly LexiconMatch[] {
    const cached = this.cache.get(text);
    if (cached) return cached;
    if (this.cache.size >= MAX_CACHED_TEXTS) this.cache.clear();
    const found = this.search(text);
    this.cache.set(text, found);
    return found;
  }

  private search(text: string): LexiconMatch[] {
    const out: LexiconMatch[] = [];
    for (const { category, re } of this.patterns) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        out.push({ category, start: m.index, end: m.index + m[0].length, text: m[0] });
      }
    }
    return out.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  test(text: string): boolean {
    return this.find(text).length > 0;
  }

  /** A new lexicon with extra phrases (from the config) added to existing or new categories. */
  extend(extra: LexiconData | undefined): Lexicon {
    if (!extra || Object.keys(extra).length === 0) return this;
    const merged: LexiconData = { ...this.data };
    for (const [category, phrases] of Object.entries(extra)) merged[category] = [...(merged[category] ?? []), ...phrases];
    return new Lexicon(merged);
  }
}

/**
 * Unicode mode only when a `/regex/` phrase needs it (`\p{…}`, `\u{…}`): it makes V8 compile these
 * large alternations several times slower, which a one-shot CLI run pays in full.
 */
export function regexFlags(phrases: readonly string[]): string {
  return phrases.some((p) => /^\/.*\\[pPu]\{/.test(p)) ? 'giu' : 'gi';
}

export function phraseToPattern(phrase: string): string {
  if (phrase.length > 2 && phrase.startsWith('/') && phrase.endsWith('/')) return `(?:${phrase.slice(1, -1)})`;
  const body = phrase
    .trim()
    .split(/[\s-]+/)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s-]?');
  const plural = /[a-z]$/i.test(phrase) ? '(?:s|es)?' : '';
  const start = /^\w/.test(phrase) ? '(?<![\\w-])' : '';
  const end = /\w$/.test(phrase) ? '(?![\\w])' : '';
  return `${start}${body}${plural}${end}`;
}

export const LEXICON_NAMES = [
  'audiences',
  'actions',
  'baselines',
  'interpretabilityMethods',
  'toySignals',
  'realisticSignals',
  'sideEffects',
  'causalTests',
  'variation',
  'userEvaluation',
  'hedges',
  'impactVerbs',
  'vagueObjects',
  'vagueIdioms',
  'goalCues',
] as const;

export type LexiconName = (typeof LEXICON_NAMES)[number];
export type Lexicons = Record<LexiconName, Lexicon>;
