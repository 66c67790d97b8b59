import { loadSnapshot, type SnapshotSource } from '../lib/audit.js';
import type { CollectProgress } from '../lib/collect/collect.js';
import { ConfigError } from '../lib/errors.js';
import type { Snapshot } from '../lib/model/snapshot.js';
import { parseOrThrow } from '../lib/model/validation.js';
import { LookbackDaysSchema, RegionSchema } from '../lib/settings/collection.js';
import type { CliIo, CommandContext } from './io.js';
import { deadlineFor, incompleteNote, timeLimitFrom } from './time-limit.js';

/**
 * `--region`, `--profile`, `--snapshot`, `--lookback-days`, `--time-limit`: where `audit`, `snapshot` and `eni`
 * read an account from, and how its collection shows progress.
 */

export interface SourceFlags {
  region?: string;
  profile?: string;
  snapshot?: string;
  lookbackDays?: string;
  timeLimit?: string;
}

/** `AWS_ENDPOINT_URL`: the SDK calls it instead of AWS (an emulator), and each snapshot records it. */
export function endpointOf(env: CliIo['env']): { endpoint?: string } {
  const endpoint = env.AWS_ENDPOINT_URL;
  return endpoint === undefined || endpoint === '' ? {} : { endpoint };
}

/** The source the flags name; `now` starts the `--time-limit` clock. */
export function sourceFrom(flags: SourceFlags, env: CliIo['env'], now: Date): SnapshotSource {
  const timeLimit = timeLimitFrom(flags);
  if (flags.snapshot !== undefined) {
    if (flags.region !== undefined || flags.profile !== undefined) {
      throw new ConfigError(
        '--snapshot audits a saved snapshot: it cannot be combined with --region or --profile.',
      );
    }
    if (flags.lookbackDays !== undefined) {
      throw new ConfigError(
        '--lookback-days applies to a live collection: it cannot be combined with --snapshot.',
      );
    }
    return { kind: 'file', path: flags.snapshot };
  }
  const region = flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (region === undefined) {
    throw new ConfigError(
      'No AWS region: pass --region (e.g. --region eu-west-1) or set AWS_REGION; or audit a saved snapshot with --snapshot FILE.',
    );
  }
  return {
    kind: 'aws',
    region: parseOrThrow(RegionSchema, region, '--region'),
    ...(flags.profile !== undefined ? { profile: flags.profile } : {}),
    ...(flags.lookbackDays !== undefined
      ? { lookbackDays: parseOrThrow(LookbackDaysSchema, flags.lookbackDays, '--lookback-days') }
      : {}),
    ...deadlineFor(now, timeLimit),
    ...endpointOf(env),
  };
}

/** One self-overwriting line on a terminal's stderr; nothing at all when stderr is not a terminal. */
export function progressReporter(io: CliIo): {
  onProgress?: (p: CollectProgress) => void;
  done: () => void;
} {
  if (!io.stderrIsTty) return { done: () => {} };
  let shown = false;
  return {
    onProgress: (p) => {
      shown = true;
      io.stderr(`\r\x1b[Kcollecting ${p.api}: page ${p.pages}, ${p.items} item${p.items === 1 ? '' : 's'}`);
    },
    done: () => {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}

/**
 * The snapshot the flags name, for the commands that answer one question from it (`eni`, `can-delete`, `plan`):
 * read from its file or collected live with progress on a terminal; a collection cut short says so on stderr.
 */
export async function loadFromFlags(
  flags: SourceFlags,
  { io, deps }: Pick<CommandContext, 'io' | 'deps'>,
): Promise<{ source: SnapshotSource; snapshot: Snapshot }> {
  const now = io.now();
  const source = sourceFrom(flags, io.env, now);
  const progress = progressReporter(io);
  const snapshot = await loadSnapshot(source, now, deps, progress.onProgress).finally(progress.done);
  const note = incompleteNote(snapshot.meta);
  if (note) io.stderr(note);
  return { source, snapshot };
}
