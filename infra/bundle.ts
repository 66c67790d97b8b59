import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditorError } from '../lib/errors.js';

/**
 * The Lambda bundle `npm run build` writes (scripts/build.ts), and the check that it was built from the
 * sources as they are now. The check reads the bundle's source map: esbuild records every input file and its
 * content (`sources`, `sourcesContent`), so a source edited, deleted or upgraded (node_modules) since the
 * build shows up, whatever the file times say. Deploying a stale bundle would run code nobody reviewed.
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

function readSourceMap(bundleDir: string): SourceMap {
  const bundle = resolve(bundleDir, HANDLER_FILE);
  const map = `${bundle}.map`;
  if (!existsSync(bundle) || !existsSync(map)) {
    throw new BundleError(
      `The Lambda bundle ${relative(process.cwd(), bundle)} (with its .map) is missing: run \`npm run build\` first.`,
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

/** The bundle's input files whose content differs from what it was built from. */
export function staleSources(bundleDir: string = HANDLER_BUNDLE_DIR): StaleSource[] {
  const map = readSourceMap(bundleDir);
  const root = resolve(bundleDir, map.sourceRoot ?? '');
  const stale: StaleSource[] = [];
  map.sources.forEach((source, i) => {
    const file = resolve(root, source);
    const path = relative(process.cwd(), file);
    if (!existsSync(file)) stale.push({ path, change: 'deleted' });
    else if (readFileSync(file, 'utf8') !== map.sourcesContent?.[i]) stale.push({ path, change: 'changed' });
  });
  return stale;
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
