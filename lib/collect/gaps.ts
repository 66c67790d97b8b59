import { errorCodeOf, gapMessageOf } from '../aws/error-codes.js';
import type { CoverageGap, SnapshotPart } from '../model/snapshot.js';

/** Where a failed call belongs in the snapshot: the part it fills, the API, and the one resource if only one is missing. */
export type GapLocation = {
  part: SnapshotPart;
  /** `service:Operation`, e.g. `ec2:DescribeSubnets`. */
  api: string;
  resource?: string | undefined;
};

export function toCoverageGap(error: unknown, where: GapLocation): CoverageGap {
  const errorCode = errorCodeOf(error);
  const gap: CoverageGap = {
    part: where.part,
    api: where.api,
    errorCode,
    message: gapMessageOf(error, errorCode),
  };
  if (where.resource !== undefined) gap.resource = where.resource;
  return gap;
}

/** Collects the coverage gaps of one collection run; collectors run in parallel and all record here. */
export class CoverageRecorder {
  readonly #gaps: CoverageGap[] = [];

  record(gap: CoverageGap): void {
    this.#gaps.push(gap);
  }

  recordError(where: GapLocation, error: unknown): void {
    this.record(toCoverageGap(error, where));
  }

  /** In a stable order (part, api, resource) so two runs over the same account give the same snapshot. */
  gaps(): CoverageGap[] {
    const key = (gap: CoverageGap) => `${gap.part}\u0000${gap.api}\u0000${gap.resource ?? ''}`;
    return [...this.#gaps].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
}

/**
 * Runs one read; any failure (access denied, throttled past the SDK's retries, an operation an
 * emulator does not implement, a 5xx, the network) becomes a gap and `null`, and collection goes on.
 * `null` is the point: a part that failed must never look like a part with no resources.
 */
export async function attempt<T>(
  recorder: CoverageRecorder,
  where: GapLocation,
  read: () => Promise<T>,
): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    recorder.recordError(where, error);
    return null;
  }
}

/**
 * The same failure for every resource of a fan-out (more than one) means a missing permission or an API the
 * endpoint lacks, not a problem with any one resource: one gap for all says that better than one per resource.
 */
export function failedAlikeForAll(failures: readonly { error: unknown }[], total: number): boolean {
  return (
    failures.length > 1 &&
    failures.length === total &&
    new Set(failures.map((f) => errorCodeOf(f.error))).size === 1
  );
}
