import type { Command } from 'commander';
import { loadSnapshot } from '../lib/audit.js';
import { checkOutputFile, writeTextFile } from '../lib/publish/file.js';
import { LOOKBACK_DAYS_HELP } from '../lib/settings/collection.js';
import type { CommandContext } from './io.js';
import { progressReporter, type SourceFlags, sourceFrom } from './source-flags.js';
import { incompleteNote, timeLimitOption } from './time-limit.js';

/** `lambda-vpc-audit snapshot --out F`: collects an account into a snapshot file, to audit later with `--snapshot`. */
export function registerSnapshotCommand(program: Command, { io, deps }: CommandContext): void {
  program
    .command('snapshot')
    .description('collect an account into a snapshot file, to audit later with --snapshot')
    .option('--region <region>', 'AWS region to collect (default: AWS_REGION)')
    .option('--profile <name>', 'AWS shared-config profile to use')
    .requiredOption('--out <file>', 'where to write the snapshot JSON (required)')
    .option('--lookback-days <days>', LOOKBACK_DAYS_HELP)
    .addOption(timeLimitOption())
    .action(async (flags: SourceFlags & { out: string }) => {
      await checkOutputFile(flags.out, '--out');
      const now = io.now();
      const source = sourceFrom(
        {
          region: flags.region,
          profile: flags.profile,
          lookbackDays: flags.lookbackDays,
          timeLimit: flags.timeLimit,
        },
        io.env,
        now,
      );
      const progress = progressReporter(io);
      const snapshot = await loadSnapshot(source, now, deps, progress.onProgress).finally(progress.done);
      await writeTextFile(flags.out, `${JSON.stringify(snapshot, null, 2)}\n`);
      const gaps = snapshot.coverage.length;
      io.stderr(
        `Snapshot of ${snapshot.meta.accountId} ${snapshot.meta.region} written to ${flags.out}` +
          (gaps > 0 ? ` with ${gaps} coverage gap${gaps === 1 ? '' : 's'} (see its "coverage").\n` : '.\n') +
          incompleteNote(snapshot.meta),
      );
    });
}
