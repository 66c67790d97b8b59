import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { literalSchemaKeys, sdkSchemaKeys } from '../../scripts/sdk-schema-keys.js';

describe('literalSchemaKeys', () => {
  it('writes computed trait keys as the strings they stand for, line for line', () => {
    const source = [
      'const _xN = "xmlName";',
      'const _m = "member";',
      'export var A$ = [3, n0, _A, 0, [_B], [[0, { [_xN]: _m }]]];',
      'var B = { [other]: 1, [_xN]: `x` };',
    ].join('\n');

    const rewritten = literalSchemaKeys(source);

    expect(rewritten.split('\n')).toEqual([
      'const _xN = "xmlName";',
      'const _m = "member";',
      'export var A$ = [3, n0, _A, 0, [_B], [[0, { "xmlName": _m }]]];',
      // A key that is not one of the file's string constants stays as it was.
      'var B = { [other]: 1, "xmlName": `x` };',
    ]);
  });
});

describe('the sdkSchemaKeys esbuild plugin', () => {
  const entry =
    "import { EC2Client, DescribeSubnetsCommand } from '@aws-sdk/client-ec2'; export { EC2Client, DescribeSubnetsCommand };";

  async function ec2Bytes(plugins: Parameters<typeof build>[0]['plugins']) {
    const result = await build({
      stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      mainFields: ['module', 'main'],
      minify: true,
      sourcemap: 'external',
      outfile: 'out.mjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins,
    });
    const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined);
    const bytes = Object.entries(output?.inputs ?? {})
      .filter(([file]) => file.includes('@aws-sdk/client-ec2/'))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
    const map = result.outputFiles.find((file) => file.path.endsWith('.map'));
    return { bytes, map: JSON.parse(map?.text ?? '{}') as { sources: string[]; sourcesContent: string[] } };
  }

  it('lets esbuild drop the EC2 schemas a client does not use, and maps them to the file on disk', async () => {
    const without = await ec2Bytes([]);
    const withPlugin = await ec2Bytes([sdkSchemaKeys]);

    // Without it every EC2 schema stays (about 560 KB); with it, only those DescribeSubnets reaches.
    expect(without.bytes).toBeGreaterThan(400_000);
    expect(withPlugin.bytes).toBeLessThan(100_000);
    const index = withPlugin.map.sources.findIndex((source) =>
      source.endsWith('client-ec2/dist-es/schemas/schemas_0.js'),
    );
    const source = withPlugin.map.sources[index] ?? '';
    expect(withPlugin.map.sourcesContent[index]).toBe(readFileSync(resolve(source), 'utf8'));
  });
});
