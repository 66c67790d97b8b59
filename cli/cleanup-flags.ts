import type { Command } from 'commander';
import type { SnapshotSource } from '../lib/audit.js';
import { ConfigError } from '../lib/errors.js';
import type { CleanupOptions } from '../lib/remediate/options.js';
import { MIN_ORPHAN_AGE_HELP, minOrphanAgeHours } from '../lib/settings/cleanup.js';

/** Commander's parsed options: `cleanup`, `apply`, `minOrphanAgeHours` are the ones read here. */
export type CleanupFlags = Readonly<Record<string, string | boolean | undefined>>;

export function addCleanupOptions(command: Command): Command {
  return command
    .option('--cleanup', 'delete orphaned Lambda ENIs (live account only): a dry run unless --apply')
    .option('--apply', 'with --cleanup: really delete')
    .option('--min-orphan-age-hours <hours>', `with --cleanup: ${MIN_ORPHAN_AGE_HELP}`);
}

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
