import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { bundleBytes, HANDLER_BUNDLE_DIR, HANDLER_FILE } from '../infra/bundle.js';

export const HANDLER_BUNDLE = resolve(HANDLER_BUNDLE_DIR, HANDLER_FILE);

export type BundleRun = { bytes: number; coldImportMs: number[]; coldImportMedianMs: number };

/** `npm run build` (scripts/build.ts), in a child process: esbuild's memory is not the audit's. */
export function buildBundles(): void {
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`The build failed (exit ${build.status}).`);
}

/** Imports the bundle in a fresh node and prints how long the import took (its init: env, clients, Powertools). */
const IMPORT = `
const started = performance.now();
await import(process.env.BUNDLE);
process.stdout.write('IMPORT_MS ' + (performance.now() - started) + '\\n');
`;

function coldImport(): number {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', IMPORT], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      BUNDLE: HANDLER_BUNDLE,
      // What Lambda sets, and dummy credentials: the import builds clients but calls nothing.
      AWS_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_NAME: 'vpc-auditor',
      AWS_ACCESS_KEY_ID: 'AKIABENCHBENCHBENCH0',
      AWS_SECRET_ACCESS_KEY: 'bench',
      POWERTOOLS_TRACE_ENABLED: 'false',
    },
  });
  const ms = /IMPORT_MS ([\d.]+)/.exec(run.stdout)?.[1];
  if (run.status !== 0 || ms === undefined)
    throw new Error(`Importing the bundle failed (exit ${run.status}): ${run.stderr.slice(0, 500)}`);
  return Number(ms);
}

/** The handler bundle's size (entry and chunks), and the median of `runs` cold imports, each in a new process. */
export function measureBundle(runs: number): BundleRun {
  const bytes = bundleBytes(HANDLER_BUNDLE_DIR);
  // One import first, not counted: it reads the file from disk after the build wrote it.
  coldImport();
  const coldImportMs = Array.from({ length: runs }, coldImport);
  const sorted = [...coldImportMs].sort((a, b) => a - b);
  const coldImportMedianMs = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return { bytes, coldImportMs, coldImportMedianMs };
}
