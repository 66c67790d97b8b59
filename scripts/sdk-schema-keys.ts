import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * Lets esbuild tree-shake the AWS SDK's schemas. Each client's `schemas/schemas_0.js` writes its trait keys as
 * computed keys over string constants (`{ [_xN]: _m }`); esbuild must assume a computed key may run code, so
 * it keeps every schema of the service, used or not (aws/aws-sdk-js-v3#7607: the EC2 client alone brings
 * ~560 KB). Rewriting those keys to the string literals they stand for (`{ "xmlName": _m }`, the change
 * smithy-typescript#1889 makes in the generator) changes nothing at run time and lets the unused schemas go.
 *
 * The rewrite keeps every line where it was, and hands esbuild a line-for-line source map back to the file
 * on disk, so the bundle's own source map still lists the SDK file as it is in node_modules (the stale-bundle
 * check in infra/bundle.ts compares exactly that).
 */
const SCHEMA_FILE = /[\\/]@aws-sdk[\\/].+[\\/]schemas[\\/]schemas_\d+\.js$/;
const STRING_CONSTANT = /^const (_[A-Za-z0-9_$]+) = ("(?:[^"\\\n]|\\.)*");$/gm;
const COMPUTED_KEY = /\[(_[A-Za-z0-9_$]+)\]:/g;

/** The file's computed keys over its own string constants, written as those strings. */
export function literalSchemaKeys(source: string): string {
  const strings = new Map<string, string>();
  for (const [, name, literal] of source.matchAll(STRING_CONSTANT))
    if (name !== undefined && literal !== undefined) strings.set(name, literal);
  return source.replace(COMPUTED_KEY, (key, name: string) => {
    const literal = strings.get(name);
    return literal === undefined ? key : `${literal}:`;
  });
}

/** Maps each line of the rewritten file to the same line of the original. */
function lineForLineMap(path: string, original: string): string {
  const lines = original.split('\n').length;
  const map = {
    version: 3,
    sources: [basename(path)],
    sourcesContent: [original],
    names: [],
    mappings: `AAAA${';AACA'.repeat(lines - 1)}`,
  };
  return `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}`;
}

export const sdkSchemaKeys: Plugin = {
  name: 'sdk-schema-keys',
  setup(build) {
    build.onLoad({ filter: SCHEMA_FILE }, async (args) => {
      const original = await readFile(args.path, 'utf8');
      return {
        contents: `${literalSchemaKeys(original)}\n${lineForLineMap(args.path, original)}\n`,
        loader: 'js',
      };
    });
  },
};
