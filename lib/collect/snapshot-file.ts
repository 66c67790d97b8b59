import { readFile, stat } from 'node:fs/promises';
import * as z from 'zod/mini';
import { describeIssues } from '../config.js';
import { errorMessage, SnapshotError } from '../errors.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot, SnapshotSchema } from '../model/snapshot.js';

/** Far above a 10,000-function account's snapshot (~30 MB); a bigger file is not a snapshot we wrote. */
export const MAX_SNAPSHOT_BYTES = 150 * 1024 * 1024;

/** Validates parsed JSON as a snapshot; `source` names where it came from in the error. */
export function parseSnapshot(data: unknown, source: string): Snapshot {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SnapshotError(`${source} is not a snapshot: expected a JSON object.`);
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SNAPSHOT_SCHEMA_VERSION) {
    throw new SnapshotError(
      version === undefined
        ? `${source} is not a snapshot: it has no schemaVersion.`
        : `${source} has snapshot schema version ${JSON.stringify(version)}; this auditor reads version ${SNAPSHOT_SCHEMA_VERSION}.`,
    );
  }
  const result = z.safeParse(SnapshotSchema, data);
  if (!result.success) {
    const issues = describeIssues(result.error, '  ').split('\n');
    const shown = issues.slice(0, 10).join('\n');
    const more = issues.length > 10 ? `\n  … and ${issues.length - 10} more` : '';
    throw new SnapshotError(`${source} is not a valid snapshot:\n${shown}${more}`);
  }
  return result.data;
}

/** Reads and validates a snapshot file. Every failure names the file and what is wrong with it. */
export async function readSnapshotFile(path: string): Promise<Snapshot> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : errorMessage(error);
    throw new SnapshotError(`Cannot read snapshot ${path}: ${why}.`, { cause: error });
  }
  if (size > MAX_SNAPSHOT_BYTES) {
    throw new SnapshotError(
      `Snapshot ${path} is ${Math.round(size / 1024 / 1024)} MB, above the ${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB limit.`,
    );
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SnapshotError(`Cannot read snapshot ${path}: ${errorMessage(error)}.`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(`Snapshot ${path} is not valid JSON: ${errorMessage(error)}.`, { cause: error });
  }
  return parseSnapshot(data, `Snapshot ${path}`);
}
