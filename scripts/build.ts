import { type BuildOptions, build } from 'esbuild';

/**
 * Bundles the CLI (and, with the Lambda work, the handler). The SDK resolves to its ESM build (`module`
 * first); the banner defines `require` because the Powertools Tracer pulls in CommonJS code that calls it.
 */
const shared: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  sourcemap: true,
  legalComments: 'none',
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
};

await build({
  ...shared,
  entryPoints: { cli: 'cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
});
