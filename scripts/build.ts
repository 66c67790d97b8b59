import { rmSync } from 'node:fs';
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

/**
 * A Lambda function's code directory: `index.mjs` (handler `index.<export>`) plus the chunks of what it
 * imports on use only (`splitting`: the SDK's optional credential providers, the Security Hub, SSM and Secrets
 * Manager clients), which a cold start then does not parse. The SDK is bundled (the function does not depend on
 * the runtime's SDK version). Minified; `keepNames` keeps class names, which error types (`ConfigError`) are.
 * Target node20 so the same bundle runs in the tests on node 20 and in the nodejs22.x/24.x runtimes. The
 * directory is emptied first: chunk names carry content hashes, and a stale chunk would be deployed too.
 */
async function buildFunction(entry: string, outdir: string) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    ...shared,
    entryPoints: { index: entry },
    outdir,
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    keepNames: true,
  });
}

await buildFunction('handlers/audit.ts', 'dist/handler');
// The Step Functions fan-out's planning and roll-up tasks (`index.planHandler`, `index.rollupHandler`).
await buildFunction('handlers/fanout.ts', 'dist/fanout');
