import * as path from 'node:path';
import { layoutPdf, type PdfLayout, type PdfPage, type PdfRun } from './layout';

// Reads a PDF's text layer with pdf.js (Mozilla's parser: plain JavaScript, no native binaries, no
// network) and lays it out as Markdown (layout.ts). Encrypted, damaged, scanned (no text layer) and
// oversized PDFs come back as a reason, never as an exception.

export interface PdfLimits {
  /** Most pages read (default 200). */
  maxPages?: number;
}

export const DEFAULT_MAX_PDF_PAGES = 200;

export type PdfResult = ({ ok: true; pages: number } & PdfLayout) | { ok: false; reason: string };

interface PdfJs {
  getDocument(src: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<PdfJsPage>;
  destroy(): Promise<void>;
}
interface PdfJsPage {
  getViewport(o: { scale: number }): { width: number; height: number };
  getTextContent(): Promise<{ items: Array<{ str?: string; transform: number[]; width: number; height: number; fontName: string; hasEOL: boolean }> }>;
  cleanup(): void;
}

let pdfjs: PdfJs | undefined;

/** pdf.js, loaded on first use: from its own bundle beside this one (dist/pdf.js), or from source under tsx. */
function loadPdfJs(): PdfJs {
  if (pdfjs) return pdfjs;
  // pdf.js looks for a native canvas when it loads and warns on the console that it found none; text needs none.
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (!/^Warning: Cannot (load|polyfill|access)/.test(String(args[0]))) log(...args);
  };
  try {
    const bundled = path.join(__dirname, 'pdf.js');
    let mod: PdfJs;
    try {
      mod = require(bundled) as PdfJs;
    } catch {
      mod = require('./pdfjs') as PdfJs;
    }
    void mod.getDocument; // esbuild's lazy module body runs on first access: keep its warnings inside the filter
    pdfjs = mod;
    return mod;
  } finally {
    console.log = log;
  }
}

export async function readPdf(data: Uint8Array, limits: PdfLimits = {}): Promise<PdfResult> {
  const maxPages = limits.maxPages ?? DEFAULT_MAX_PDF_PAGES;
  if (!isPdf(data)) return { ok: false, reason: 'is not a PDF (no %PDF header)' };
  const lib = loadPdfJs();
  const task = lib.getDocument({ data: new Uint8Array(data), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (error) {
    const e = error as { name?: string; message?: string };
    if (e.name === 'PasswordException') return { ok: false, reason: 'is encrypted (it needs a password); it was not read' };
    return { ok: false, reason: `could not be read as a PDF (${e.message ?? String(error)}); it was not read` };
  }
  try {
    if (doc.numPages > maxPages) return { ok: false, reason: `has ${doc.numPages} pages, over the ${maxPages}-page limit (--max-pdf-pages); it was not read` };
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: PdfRun[] = [];
      for (const item of content.items) {
        if (typeof item.str !== 'string') continue;
        const [a, b, c, d, x, y] = item.transform;
        // Rotated text (arXiv's margin stamp, rotated table headers) is not prose.
        if (Math.abs(b) > 0.01 || Math.abs(c) > 0.01 || a <= 0 || d <= 0) continue;
        runs.push({ text: item.str, x, y, width: item.width, size: item.height || Math.abs(d), font: item.fontName, eol: item.hasEOL });
      }
      pages.push({ width, height, runs });
      page.cleanup();
    }
    const characters = pages.reduce((n, p) => n + p.runs.reduce((m, r) => m + r.text.trim().length, 0), 0);
    if (characters < 100 * Math.max(1, Math.min(pages.length, 3))) {
      return { ok: false, reason: `has no text layer to read (${characters} characters on ${pages.length} page${pages.length === 1 ? '' : 's'}: scanned images?); run OCR on it first` };
    }
    return { ok: true, pages: pages.length, ...layoutPdf(pages) };
  } catch (error) {
    return { ok: false, reason: `could not be read as a PDF (${(error as Error).message}); it was not read` };
  } finally {
    await doc.destroy();
  }
}

export function isPdf(data: Uint8Array): boolean {
  // The header may follow some junk bytes (the PDF specification allows up to 1024).
  const head = Buffer.from(data.buffer, data.byteOffset, Math.min(data.length, 1024)).toString('latin1');
  return head.includes('%PDF-');
}
