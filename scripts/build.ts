import { type BuildOptions, build } from 'esbuild';
import { sdkSchemaKeys } from './sdk-schema-keys.js';

/**
 * Bundles the CLI and the Lambda handler. The SDK resolves to its ESM build (`module` first); the banner
 * defines `require` because the Powertools Tracer pulls in CommonJS code that calls it; `sdkSchemaKeys` lets
 * esbuild drop the SDK schemas nothing uses (the handler bundle: 1.9 MB without it).
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
  plugins: [sdkSchemaKeys],
};

await build({
  ...shared,
  entryPoints: { cli: 'cli/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
});

// The Lambda function: handler `index.handler`, the SDK bundled (the function does not depend on the SDK
// version of the runtime). Minified; `keepNames` keeps class names, which error types (`ConfigError`) are.
// Target node20 so the same bundle runs in the tests on node 20 and in the nodejs22.x/24.x runtimes.
await build({
  ...shared,
  entryPoints: { index: 'handlers/audit.ts' },
  outdir: 'dist/handler',
  outExtension: { '.js': '.mjs' },
  minify: true,
  keepNames: true,
});

// The Step Functions fan-out's planning and roll-up tasks (`index.planHandler`, `index.rollupHandler`).
await build({
  ...shared,
  entryPoints: { index: 'handlers/fanout.ts' },
  outdir: 'dist/fanout',
  outExtension: { '.js': '.mjs' },
  minify: true,
  keepNames: true,
});
