import type { PaperKind } from '../model';

// Shared pieces of rule metadata, so that rules state what differs and not the same schema again.

export const ALL_KINDS: readonly PaperKind[] = ['empirical', 'method', 'analysis', 'benchmark', 'position', 'survey'];
/** Papers that report experiments of their own: not position papers or surveys. */
export const EXPERIMENTAL_KINDS: readonly PaperKind[] = ['empirical', 'method', 'analysis', 'benchmark'];
/** Papers whose experiments are expected to compare methods (an analysis need not). */
export const COMPARATIVE_KINDS: readonly PaperKind[] = ['empirical', 'method', 'benchmark'];

/** The JSON Schema of a rule's options: an object with exactly these properties. */
export function optionsSchema(properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', properties, additionalProperties: false };
}

/** An option that is a list of phrases (plain, or `/regex/`). */
export function phraseList(description: string): Record<string, unknown> {
  return { type: 'array', items: { type: 'string' }, description };
}

/** An option that adds phrases to lexicon categories, e.g. {"fine-tuning": ["ReFT"]}. */
export function phraseLists(description: string): Record<string, unknown> {
  return { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } }, description };
}
