import type { SnapshotSource } from '../lib/audit.js';
import { ConfigError } from '../lib/errors.js';
import type { CleanupOptions } from '../lib/remediate/options.js';
import { minOrphanAgeHours } from '../lib/settings/cleanup.js';

/** Commander's parsed options: `cleanup`, `apply`, `minOrphanAgeHours` are the ones read here. */
export type CleanupFlags = Readonly<Record<string, string | boolean | undefined>>;

/**
 * `--cleanup` (a dry run), `--cleanup --apply` (deletes), `--min-orphan-age-hours N`. Off unless asked for;
 * `--apply` alone is refused rather than ignored, so nobody believes they deleted what they did not.
 */
export function cleanupFromFlags(flags: CleanupFlags, source: SnapshotSource): CleanupOptions | undefined {
  if (flags.cleanup !== true) {
    if (flags.apply === true) throw new ConfigError('--apply confirms a cleanup: use it with --cleanup.');
    if (flags.minOrphanAgeHours !== undefined)
      throw new ConfigError('--min-orphan-age-hours applies to --cleanup.');
    return undefined;
  }
  if (source.kind !== 'aws') {
    throw new ConfigError(
      '--cleanup deletes what a live collection finds orphaned: it cannot be combined with --snapshot.',
    );
  }
  const hours = typeof flags.minOrphanAgeHours === 'string' ? flags.minOrphanAgeHours : undefined;
  return {
    mode: flags.apply === true ? 'apply' : 'dry-run',
    minOrphanAgeHours: minOrphanAgeHours(hours, '--min-orphan-age-hours'),
  };
}
