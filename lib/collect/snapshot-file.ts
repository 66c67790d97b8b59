import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as z from 'zod/mini';
import { errorMessage, SnapshotError } from '../errors.js';
import { SNAPSHOT_SCHEMA_VERSION, type Snapshot, SnapshotSchema } from '../model/snapshot.js';
import { READABLE_SNAPSHOT_VERSIONS, upgradeSnapshotData } from '../model/snapshot-upgrade.js';
import { describeIssues } from '../model/validation.js';

/** Far above a 10,000-function account's snapshot (~30 MB); a bigger file is not a snapshot we wrote. */
export const MAX_SNAPSHOT_BYTES = 150 * 1024 * 1024;

/** Validates parsed JSON as a snapshot; `source` names where it came from in the error. */
export function parseSnapshot(data: unknown, source: string): Snapshot {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SnapshotError(`${source} is not a snapshot: expected a JSON object.`);
  }
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !READABLE_SNAPSHOT_VERSIONS.includes(version)) {
    throw new SnapshotError(
      version === undefined
        ? `${source} is not a snapshot: it has no schemaVersion.`
        : `${source} has snapshot schema version ${JSON.stringify(version)}; this auditor reads versions ${READABLE_SNAPSHOT_VERSIONS.join(' and ')} (writes ${SNAPSHOT_SCHEMA_VERSION}).`,
    );
  }
  const result = z.safeParse(SnapshotSchema, upgradeSnapshotData(data as Record<string, unknown>));
  if (!result.success) {
    const shown = describeIssues(result.error, '  ').split('\n').slice(0, 10).join('\n');
    const count = result.error.issues.length;
    const more = count > 10 ? `\n  … and ${count - 10} more` : '';
    throw new SnapshotError(`${source} is not a valid snapshot:\n${shown}${more}`);
  }
  return result.data;
}

/** What a path is, for a message refusing anything but a regular file. */
function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  if (stats.isSocket()) return 'socket';
  return 'special file';
}

const LIMIT_MB = MAX_SNAPSHOT_BYTES / 1024 / 1024;

/** At most `maxBytes + 1` bytes: enough to tell that a file grew past the limit after it was measured. */
async function readAtMost(path: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(path, { start: 0, end: maxBytes })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Reads and validates a snapshot file. Every failure names the file and what is wrong with it. Only a regular
 * file is read (a device such as /dev/zero reports size 0 and never ends; a named pipe blocks), and never
 * more of it than the size limit: a bigger file is refused by its size, before it is read into memory.
 */
export async function readSnapshotFile(path: string): Promise<Snapshot> {
  let stats: Stats;
  try {
    stats = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : errorMessage(error);
    throw new SnapshotError(`Cannot read snapshot ${path}: ${why}.`, { cause: error });
  }
  if (!stats.isFile()) throw new SnapshotError(`Snapshot ${path} is a ${kindOf(stats)}, not a file.`);
  if (stats.size > MAX_SNAPSHOT_BYTES) {
    const mb = Math.round(stats.size / 1024 / 1024);
    throw new SnapshotError(`Snapshot ${path} is ${mb} MB, above the ${LIMIT_MB} MB limit.`);
  }
  let bytes: Buffer;
  try {
    bytes = await readAtMost(path, MAX_SNAPSHOT_BYTES);
  } catch (error) {
    throw new SnapshotError(`Cannot read snapshot ${path}: ${errorMessage(error)}.`, { cause: error });
  }
  if (bytes.length > MAX_SNAPSHOT_BYTES)
    throw new SnapshotError(`Snapshot ${path} grew past the ${LIMIT_MB} MB limit while it was read.`);
  // A byte-order mark (some Windows editors add one) is not JSON, but it is not an error of the snapshot either.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(`Snapshot ${path} is not valid JSON: ${errorMessage(error)}.`, { cause: error });
  }
  return parseSnapshot(data, `Snapshot ${path}`);
}
