import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TARGETS } from '../../bench/results.js';
import { defineAuditorApp } from '../../infra/auditor-app.js';
import {
  assertFreshBundle,
  BundleError,
  bundleBytes,
  HANDLER_BUNDLE_DIR,
  HANDLER_FILE,
  staleSources,
} from '../../infra/bundle.js';
import { functionEnvironment } from '../../infra/environment.js';
import { parseDeployParameters } from '../../infra/parameters.js';
import { newApp } from './synth.js';

/** The deployed code is dist/handler (npm test builds it first); its budget is the benchmark's target. */
const BUNDLE_SIZE_BUDGET_BYTES = TARGETS.bundleBytes;

const scratch = mkdtempSync(join(tmpdir(), 'lambda-vpc-auditor-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A bundle directory whose map says it was built from `built` while `onDisk` is what the source holds now. */
function fakeBundle(name: string, built: string, onDisk: string | undefined): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  if (onDisk !== undefined) writeFileSync(join(dir, 'src', 'audit.ts'), onDisk);
  writeFileSync(join(dir, HANDLER_FILE), 'export const handler = async () => ({});\n');
  writeFileSync(
    join(dir, `${HANDLER_FILE}.map`),
    JSON.stringify({ version: 3, sources: ['src/audit.ts'], sourcesContent: [built], mappings: '' }),
  );
  return dir;
}

describe('the Lambda bundle the stack deploys', () => {
  it('was built from the sources as they are now', () => {
    expect(staleSources(HANDLER_BUNDLE_DIR)).toEqual([]);
  });

  it(`stays within ${BUNDLE_SIZE_BUDGET_BYTES} bytes`, () => {
    expect(bundleBytes(HANDLER_BUNDLE_DIR)).toBeLessThanOrEqual(BUNDLE_SIZE_BUDGET_BYTES);
  });

  it('loads in a fresh Node process with the environment the stack gives it', () => {
    const environment = functionEnvironment(parseDeployParameters({}), {
      bucketName: 'audit-reports',
      topicArn: 'arn:aws:sns:eu-west-1:123456789012:audit-alerts',
    });
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        'const m = await import(process.env.BUNDLE); process.stdout.write(typeof m.handler);',
      ],
      {
        encoding: 'utf8',
        timeout: 30_000,
        env: {
          PATH: process.env.PATH ?? '',
          ...environment,
          BUNDLE: resolve(HANDLER_BUNDLE_DIR, HANDLER_FILE),
          AWS_REGION: 'eu-west-1',
          AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST',
          AWS_SECRET_ACCESS_KEY: 'test-secret-key',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_LAMBDA_FUNCTION_NAME: 'lambda-vpc-auditor',
          // Silenced for the test run (test/setup.ts); this child has its own env.
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
    );
    expect(child.stderr).not.toMatch(/Error/);
    expect(child.status).toBe(0);
    expect(child.stdout).toBe('function');
  });
});

describe('the stale-bundle check', () => {
  it('names a source changed since the build', () => {
    const dir = fakeBundle('changed', 'export const a = 1;\n', 'export const a = 2;\n');
    expect(staleSources(dir)).toEqual([
      { path: expect.stringMatching(/changed\/src\/audit\.ts$/), change: 'changed' },
    ]);
    expect(() => assertFreshBundle(dir)).toThrow(
      /is stale: 1 of its sources changed[\s\S]*Run `npm run build`/,
    );
  });

  it('names a source deleted since the build', () => {
    const dir = fakeBundle('deleted', 'export const a = 1;\n', undefined);
    expect(staleSources(dir)).toEqual([
      { path: expect.stringMatching(/deleted\/src\/audit\.ts$/), change: 'deleted' },
    ]);
  });

  it('reads the maps of the chunks too (code the handler imports on use)', () => {
    const dir = fakeBundle('chunked', 'export const a = 1;\n', 'export const a = 1;\n');
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(join(dir, 'src', 'hub.ts'), 'export const hub = 2;\n');
    writeFileSync(join(dir, 'chunks', 'hub-X1.mjs'), 'export const hub = 1;\n');
    writeFileSync(
      join(dir, 'chunks', 'hub-X1.mjs.map'),
      JSON.stringify({
        version: 3,
        sources: ['../src/hub.ts'],
        sourcesContent: ['export const hub = 1;\n'],
        mappings: '',
      }),
    );
    expect(staleSources(dir)).toEqual([
      { path: expect.stringMatching(/chunked\/src\/hub\.ts$/), change: 'changed' },
    ]);
    expect(bundleBytes(dir)).toBe(
      'export const handler = async () => ({});\n'.length + 'export const hub = 1;\n'.length,
    );
  });

  it('passes a bundle built from the sources on disk', () => {
    expect(() =>
      assertFreshBundle(fakeBundle('fresh', 'export const a = 1;\n', 'export const a = 1;\n')),
    ).not.toThrow();
  });

  it('says to build when there is no bundle', () => {
    expect(() => assertFreshBundle(join(scratch, 'nothing'))).toThrow(
      /is missing: run `npm run build` first/,
    );
  });

  it('stops the app before any stack is defined', () => {
    const { app, outdir } = newApp();
    try {
      expect(() => defineAuditorApp(app, fakeBundle('app', 'old\n', 'new\n'))).toThrow(BundleError);
      expect(app.node.children).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
