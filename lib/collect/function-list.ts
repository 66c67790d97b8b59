import type { FunctionRecord, SnapshotPart } from '../model/snapshot.js';
import type { CollectorContext } from './context.js';

/**
 * A part that depends on the function list cannot be collected when the list failed. It is still
 * null with a gap of its own, so every null part in a snapshot says why.
 */
export function recordNotAttempted(context: CollectorContext, part: SnapshotPart, api: string): null {
  context.recorder.record({
    part,
    api,
    errorCode: 'DependencyNotCollected',
    message: 'Not attempted: it needs the function list, and lambda:ListFunctions failed.',
  });
  return null;
}

/** A part read from the function list once it is known; not attempted when the list could not be read. */
export async function fromFunctionList<T>(
  functions: Promise<FunctionRecord[] | null>,
  context: CollectorContext,
  part: SnapshotPart,
  api: string,
  collect: (records: FunctionRecord[]) => Promise<T | null>,
): Promise<T | null> {
  const records = await functions;
  return records === null ? recordNotAttempted(context, part, api) : collect(records);
}

/** Work started on the records as they arrived stands only if the whole function list was read. */
export async function keptIfListed<T>(
  functions: Promise<FunctionRecord[] | null>,
  work: Promise<T>,
  context: CollectorContext,
  part: SnapshotPart,
  api: string,
): Promise<T | null> {
  const [records, result] = await Promise.all([functions, work]);
  return records === null ? recordNotAttempted(context, part, api) : result;
}
