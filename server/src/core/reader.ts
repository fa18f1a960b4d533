import type { Block } from './model';

// What a format reader extracts from one chunk of a file. Offsets are relative to the chunk;
// blocks carry base 0 and section -1 until the assembler places them.

export type ExtractItem =
  | { type: 'title'; block: Block }
  | { type: 'heading'; level: number; title: string; start: number; block: Block }
  /** An environment or front-matter field that opens a pseudo-section, e.g. `\begin{abstract}`. */
  | { type: 'open-section'; title: string; role: 'abstract'; start: number }
  | { type: 'close-section'; end: number }
  | { type: 'block'; block: Block }
  | { type: 'appendix'; start: number }
  /** LaTeX `\documentclass` and `\begin{document}`: what lies between is the preamble, never prose. */
  | { type: 'documentclass'; start: number }
  | { type: 'begin-document'; start: number }
  /** `\end{document}`: TeX reads nothing after it. */
  | { type: 'end-document'; start: number }
  | { type: 'input'; command: string; target: string; start: number; end: number }
  | { type: 'problem'; severity: 'error' | 'warning'; message: string; start: number; end: number };

export interface ChunkResult {
  items: ExtractItem[];
  /** Text macros defined in this chunk (`\newcommand{\method}{ProbeRoute}`, acronyms), name → text. */
  macros?: Record<string, string>;
}

/** Macros known when a chunk is read; they change what the chunk means, so they key its cache. */
export type MacroTable = ReadonlyMap<string, string>;

export interface ChunkSpan {
  start: number;
  end: number;
}

export interface FormatReader {
  /** Splits a file into contiguous chunks at boundaries where reading can restart safely. */
  split(text: string): ChunkSpan[];
  /** Reads one chunk. Must not throw for any input; problems become `problem` items. */
  read(chunk: string, macros: MacroTable): ChunkResult;
}
