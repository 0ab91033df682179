// Bundles the client, the server and the CLI with esbuild. Type checking is `tsc -b`'s job.
import { copyFileSync, mkdirSync } from 'node:fs';
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
// Bundles are minified, with source maps beside them but no comment pointing at them, so a
// package that leaves the maps out points at nothing. `--dev` (and --watch) keep them readable.
const dev = watch || process.argv.includes('--dev');

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/lsp/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' },
  {
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    // Some dependencies are ES modules that read import.meta.url; give the CommonJS bundle one.
    banner: { js: "#!/usr/bin/env node\nconst __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  },
  // The HTML report's renderer, with the layout engine: loaded by the CLI only for `report`.
  {
    entryPoints: ['server/src/cli/htmlReport.ts'],
    outfile: 'dist/htmlReport.js',
    banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  },
  // The preview webview: browser code, one file, loaded with the page's nonce.
  { entryPoints: ['media/src/preview.ts'], outfile: 'dist/media/preview.js', platform: 'browser', format: 'iife', target: 'es2022' },
].map((options) => ({
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: dev ? 'linked' : 'external',
  minify: !dev,
  logLevel: 'warning',
  ...options,
}));

// Static media the webview loads: its stylesheet, the icon font and ELK's worker script.
mkdirSync('dist/media', { recursive: true });
copyFileSync('media/preview.css', 'dist/media/preview.css');
copyFileSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/media/codicon.ttf');
copyFileSync('node_modules/elkjs/lib/elk-worker.min.js', 'dist/media/elk-worker.js');

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('esbuild: watching client, server and CLI');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
