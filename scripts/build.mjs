// Bundles the TypeScript entry points to CommonJS with esbuild. unified 11 and remark are ESM-only,
// while VS Code and `node bin/actionable.js` load CommonJS, so everything ships as bundles.
import { build } from 'esbuild';

const entries = {
  cli: 'server/src/cli.ts',
  bench: 'bench/bench.ts',
  eval: 'scripts/eval.ts',
  'eval-real': 'scripts/eval-real.ts',
  'eval-sentences': 'scripts/eval-sentences.ts',
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
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: 'var importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

await Promise.all([
  // The CLI runs where its dependencies are installed: the linguistic model (4 MB) stays out of its
  // bundle and loads on first use. The extension ships no node_modules, so its server bundles it.
  build({ ...common, entryPoints: entries, external: [...common.external, 'wink-nlp', 'wink-eng-lite-web-model'] }),
  build({ ...common, entryPoints: extension, minify: true }),
]);
