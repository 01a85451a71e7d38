// Bundles the extension host code (out/extension.js) and the response panel's webview script
// (extension/media/panel.js). `--production` minifies and drops source maps (for the .vsix).
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const production = process.argv.includes('--production');

const shared = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

await Promise.all([
  esbuild.build({
    ...shared,
    entryPoints: [path.join(here, 'src', 'extension.ts')],
    outfile: path.join(root, 'out', 'extension.js'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  }),
  esbuild.build({
    ...shared,
    entryPoints: [path.join(here, 'src', 'webview', 'main.ts')],
    outfile: path.join(here, 'media', 'panel.js'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  }),
]);
