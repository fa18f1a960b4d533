// pdf.js, bundled on its own (dist/pdf.js) and loaded only when a PDF is read. Importing its worker
// module first sets `globalThis.pdfjsWorker`, so pdf.js parses in this thread (its "fake worker"):
// no worker file to find at run time, and nothing to download.
import './dom-stubs';
import 'pdfjs-dist/legacy/build/pdf.worker.mjs';

export { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
