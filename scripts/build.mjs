// Bundles the TypeScript entry points to CommonJS with esbuild. unified 11 and remark are ESM-only,
// while VS Code and `node bin/actionable.js` load CommonJS, so everything ships as bundles.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';

// What keys the on-disk cache besides the text (core/cache): this build's own code, lexicons and
// locked dependency versions. Any change to them makes a new build id, and the old entries unused.
function buildId() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(ts|json)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) hash.update(file).update('\0').update(fs.readFileSync(file));
    }
  };
  for (const dir of ['server/src', 'rules']) walk(dir);
  for (const file of ['package.json', 'package-lock.json']) if (fs.existsSync(file)) hash.update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

const entries = {
  cli: 'server/src/cli.ts',
  bench: 'bench/bench.ts',
  eval: 'scripts/eval.ts',
  'eval-real': 'scripts/eval-real.ts',
  'eval-sentences': 'scripts/eval-sentences.ts',
  // pdf.js (3 MB), loaded only when a PDF is read (core/pdf/read-pdf.ts).
  pdf: 'server/src/core/pdf/pdfjs.ts',
};
// Every other bundle requires pdf.js from dist/pdf.js at run time instead of holding a copy.
const pdfjsApart = {
  name: 'pdfjs-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/pdfjs$/ }, (args) => (args.importer.endsWith('read-pdf.ts') ? { path: './pdfjs', external: true } : undefined));
  },
};
// What the extension ships: minified, since VS Code loads them at every start.
const extension = {
  client: 'client/src/extension.ts',
  server: 'server/src/server.ts',
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode'],
  // Prefer ES module builds: jsonc-parser's UMD build requires files by computed paths that a
  // bundle cannot follow.
  mainFields: ['module', 'main'],
  // ES modules that require through `createRequire(import.meta.url)` (fdir, under tinyglobby) get
  // the bundle's own URL: CommonJS has no import.meta.
  define: { 'import.meta.url': 'importMetaUrl', ACTIONABLE_BUILD_ID: JSON.stringify(buildId()) },
  banner: { js: 'var importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

await Promise.all([
  // The CLI runs where its dependencies are installed: the linguistic model (4 MB) stays out of its
  // bundle and loads on first use. The extension ships no node_modules, so its server bundles it.
  build({ ...common, entryPoints: entries, external: [...common.external, 'wink-nlp', 'wink-eng-lite-web-model'], plugins: [pdfjsApart] }),
  build({ ...common, entryPoints: extension, minify: true, plugins: [pdfjsApart] }),
]);
