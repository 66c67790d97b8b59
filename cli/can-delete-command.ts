import { type Command, Option } from 'commander';
import { judgeDeletion } from '../lib/analyze/can-delete.js';
import { parseDeleteTarget } from '../lib/analyze/can-delete-target.js';
import { buildIndex } from '../lib/analyze/snapshot-index.js';
import { ConfigError } from '../lib/errors.js';
import type { DeleteReadiness, DeleteTarget } from '../lib/model/can-delete.js';
import { parseOrThrow } from '../lib/model/validation.js';
import { renderDeleteReadiness } from '../lib/report/render/text/can-delete.js';
import {
  DEFAULT_INTERVAL_SECONDS,
  INTERVAL_HELP,
  IntervalSecondsSchema,
  WAIT_HELP,
  WaitMinutesSchema,
} from '../lib/settings/can-delete.js';
import { readTarget, waitUntilFree } from './can-delete-live.js';
import { EXIT } from './exit-codes.js';
import type { CommandContext } from './io.js';
import { loadFromFlags } from './source-flags.js';
import { timeLimitOption } from './time-limit.js';

interface CanDeleteFlags {
  securityGroup?: string;
  subnet?: string;
  vpc?: string;
  region?: string;
  profile?: string;
  snapshot?: string;
  timeLimit?: string;
  wait?: string;
  interval?: string;
  format: 'text' | 'json';
}

function targetOf(flags: CanDeleteFlags): DeleteTarget {
  const asked = [
    ...(flags.securityGroup === undefined ? [] : [parseDeleteTarget('security-group', flags.securityGroup)]),
    ...(flags.subnet === undefined ? [] : [parseDeleteTarget('subnet', flags.subnet)]),
    ...(flags.vpc === undefined ? [] : [parseDeleteTarget('vpc', flags.vpc)]),
  ];
  const [target] = asked;
  if (target === undefined || asked.length > 1)
    throw new ConfigError('Give one of: --security-group <sg-id>, --subnet <subnet-id> or --vpc <vpc-id>.');
  return target;
}

/** 0 free now; 1 blocked by something that will not go away by itself; 3 still waiting on Lambda, or cannot tell. */
export function canDeleteExitCode(answer: DeleteReadiness): number {
  if (answer.verdict === 'free') return EXIT.ok;
  return answer.verdict === 'blocked' ? EXIT.findings : EXIT.unverified;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `lambda-vpc-audit can-delete --security-group ID | --subnet ID | --vpc ID`: can it be deleted now, and if not,
 * which network interfaces are in the way and whether each goes away by itself; `--wait` waits for the ones
 * Lambda removes. A gate for pipelines (a Terraform destroy step, CI).
 */
export function registerCanDeleteCommand(program: Command, { io, deps, setExit }: CommandContext): void {
  program
    .command('can-delete')
    .description(
      'can this security group, subnet or VPC be deleted now? Which network interfaces are in the way, and will they go away by themselves?',
    )
    .option('--security-group <sg-id>', 'a security group')
    .option('--subnet <subnet-id>', 'a subnet')
    .option('--vpc <vpc-id>', 'a VPC (the network interfaces in it)')
    .option('--region <region>', 'AWS region (default: AWS_REGION)')
    .option('--profile <name>', 'AWS shared-config profile to use')
    .option(
      '--snapshot <file>',
      'answer from a saved snapshot (its Lambda ENIs only) instead of a live account',
    )
    .addOption(timeLimitOption())
    .option('--wait <minutes>', WAIT_HELP)
    .option('--interval <seconds>', INTERVAL_HELP)
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .action(async (flags: CanDeleteFlags) => {
      const target = targetOf(flags);
      const waitMinutes =
        flags.wait === undefined ? undefined : parseOrThrow(WaitMinutesSchema, flags.wait, '--wait');
      const intervalSeconds =
        flags.interval === undefined
          ? DEFAULT_INTERVAL_SECONDS
          : parseOrThrow(IntervalSecondsSchema, flags.interval, '--interval');
      if (flags.snapshot !== undefined && (waitMinutes !== undefined || flags.interval !== undefined))
        throw new ConfigError(
          '--wait and --interval re-read a live account: they cannot be combined with --snapshot.',
        );
      const { source, snapshot } = await loadFromFlags(
        {
          region: flags.region,
          profile: flags.profile,
          snapshot: flags.snapshot,
          timeLimit: flags.timeLimit,
        },
        { io, deps },
      );
      const index = buildIndex(snapshot);
      const read = await readTarget(source, snapshot, index, target, io.now);
      let answer = judgeDeletion(snapshot, index, target, read);
      if (source.kind === 'aws' && waitMinutes !== undefined && answer.verdict === 'waiting') {
        answer = await waitUntilFree(source, snapshot, index, answer, read, {
          minutes: waitMinutes,
          intervalMs: intervalSeconds * 1000,
          now: () => Date.now(),
          sleep,
        });
      }
      io.stdout(renderDeleteReadiness(answer, flags.format));
      setExit(canDeleteExitCode(answer));
    });
}
