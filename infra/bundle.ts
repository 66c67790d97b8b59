import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditorError } from '../lib/errors.js';

/**
 * The Lambda bundle `npm run build` writes (scripts/build.ts), and the check that it was built from the
 * sources as they are now. The check reads the bundle's source map: esbuild records every input file and its
 * content (`sources`, `sourcesContent`), so a source edited, deleted or upgraded (node_modules) since the
 * build shows up, whatever the file times say. Deploying a stale bundle would run code nobody reviewed. The
 * bundle is `index.mjs` and the chunks it imports on use (scripts/build.ts): every one of their maps is read.
 */

export const HANDLER_BUNDLE_DIR = fileURLToPath(new URL('../dist/handler/', import.meta.url));
export const HANDLER_FILE = 'index.mjs';
/** `index.mjs` exports `handler`. */
export const HANDLER = 'index.handler';

export class BundleError extends AuditorError {}

export interface StaleSource {
  /** Relative to the current directory. */
  path: string;
  change: 'changed' | 'deleted';
}

interface SourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
  sourceRoot?: string;
}

/** Every JavaScript file of the bundle (`index.mjs` and its chunks), relative to the bundle directory. */
export function bundleFiles(bundleDir: string = HANDLER_BUNDLE_DIR): string[] {
  return readdirSync(bundleDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.mjs'))
    .sort();
}

/** The deployed code's size: the entry and every chunk. */
export function bundleBytes(bundleDir: string = HANDLER_BUNDLE_DIR): number {
  return bundleFiles(bundleDir).reduce((bytes, file) => bytes + statSync(resolve(bundleDir, file)).size, 0);
}

function readSourceMap(map: string): SourceMap {
  if (!existsSync(map)) {
    throw new BundleError(
      `${relative(process.cwd(), map)} is missing: rebuild the bundle with \`npm run build\`.`,
    );
  }
  const parsed = JSON.parse(readFileSync(map, 'utf8')) as SourceMap;
  if (!Array.isArray(parsed.sources) || parsed.sourcesContent?.length !== parsed.sources.length) {
    throw new BundleError(
      `${relative(process.cwd(), map)} lists no source contents, so the bundle cannot be checked against the sources: rebuild it with \`npm run build\`.`,
    );
  }
  return parsed;
}

/** The bundle's input files whose content differs from what it was built from, each named once. */
export function staleSources(bundleDir: string = HANDLER_BUNDLE_DIR): StaleSource[] {
  const entry = resolve(bundleDir, HANDLER_FILE);
  if (!existsSync(entry)) {
    throw new BundleError(
      `The Lambda bundle ${relative(process.cwd(), entry)} is missing: run \`npm run build\` first.`,
    );
  }
  const stale = new Map<string, StaleSource>();
  for (const file of bundleFiles(bundleDir)) {
    const mapFile = resolve(bundleDir, `${file}.map`);
    const map = readSourceMap(mapFile);
    const root = resolve(dirname(mapFile), map.sourceRoot ?? '');
    map.sources.forEach((source, i) => {
      const path = relative(process.cwd(), resolve(root, source));
      if (stale.has(path)) return;
      if (!existsSync(path)) stale.set(path, { path, change: 'deleted' });
      else if (readFileSync(path, 'utf8') !== map.sourcesContent?.[i])
        stale.set(path, { path, change: 'changed' });
    });
  }
  return [...stale.values()];
}

/** Throws when the bundle is missing or was built from other sources than those on disk. */
export function assertFreshBundle(bundleDir: string = HANDLER_BUNDLE_DIR): void {
  const stale = staleSources(bundleDir);
  if (stale.length === 0) return;
  const shown = stale.slice(0, 10).map((s) => `  ${s.path} (${s.change})`);
  const more = stale.length > shown.length ? [`  ... and ${stale.length - shown.length} more`] : [];
  throw new BundleError(
    `The Lambda bundle in ${relative(process.cwd(), bundleDir) || '.'} is stale: ${stale.length} of its sources changed since it was built:\n` +
      `${[...shown, ...more].join('\n')}\nRun \`npm run build\` before synthesizing or deploying.`,
  );
}
