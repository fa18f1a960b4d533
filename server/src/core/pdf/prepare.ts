import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { NodeFileHost, ReadResult } from '../host';
import type { SourceFile } from '../model';
import { readRegularFile } from '../project-boundary';
import { DEFAULT_MAX_PDF_PAGES, readPdf } from './read-pdf';

// The builder reads synchronously and pdf.js parses asynchronously: before a build, each PDF among
// the files is read and laid out once, and the host then answers reads of it with the Markdown (or
// with why it could not be read, which the build reports as an `input` finding).

/** Submissions are larger than drafts: a 40-page paper with figures is often 5–20 MB. */
export const DEFAULT_MAX_PDF_SIZE = 64 * 1024 * 1024;

export interface PdfOptions {
  maxBytes?: number;
  maxPages?: number;
  /** Layouts kept between runs (`--cache`), by the hash of the PDF's bytes and the page limit. */
  store?: { load(key: string): unknown; save(key: string, layout: unknown): void };
}

export async function readPdfsInto(host: NodeFileHost, files: readonly string[], options: PdfOptions = {}): Promise<void> {
  for (const file of files) {
    if (!/\.pdf$/i.test(file)) continue;
    const abs = path.resolve(file);
    let real = abs;
    if (host.boundary) {
      const checked = host.boundary.check(abs);
      if (!checked.ok) {
        host.setPdf(abs, { ok: false, reason: checked.reason });
        continue;
      }
      real = checked.real;
    }
    const read = readRegularFile(real, options.maxBytes ?? DEFAULT_MAX_PDF_SIZE);
    if (!read.ok) {
      host.setPdf(abs, { ok: false, reason: read.reason });
      continue;
    }
    const maxPages = options.maxPages ?? DEFAULT_MAX_PDF_PAGES;
    const key = options.store && createHash('sha1').update(read.data).update(`\0${maxPages}`).digest('hex');
    const stored = key ? (options.store!.load(key) as ReadResult | undefined) : undefined;
    if (stored && typeof stored === 'object' && 'ok' in stored) {
      host.setPdf(abs, stored);
      continue;
    }
    const pdf = await readPdf(new Uint8Array(read.data.buffer, read.data.byteOffset, read.data.length), { maxPages });
    const result: ReadResult = pdf.ok ? { ok: true, text: pdf.markdown, pageStarts: pdf.pageStarts } : { ok: false, reason: pdf.reason };
    if (key) options.store!.save(key, result);
    host.setPdf(abs, result);
  }
}

/** The 1-based page of an offset in a PDF's text, or undefined for other files. */
export function pageAt(source: SourceFile | undefined, offset: number): number | undefined {
  const starts = source?.pageStarts;
  if (!starts?.length) return undefined;
  let page = 1;
  for (let p = 0; p < starts.length; p++) if (starts[p] <= offset) page = p + 1;
  return page;
}
