import type { Command } from 'commander';
import { ConfigError } from '../lib/errors.js';
import { parseOrThrow } from '../lib/model/validation.js';
import type { PublishConfig } from '../lib/publish/config.js';
import type { ReportFormat } from '../lib/report/render/render.js';
import { isRollupFormat, type RollupFormat } from '../lib/report/render/rollup.js';
import { LookbackDaysSchema, RegionSchema } from '../lib/settings/collection.js';
import {
  AccountListSchema,
  type AccountSelection,
  type RegionSelection,
  RegionSelectionSchema,
  RoleNameSchema,
} from '../lib/settings/fanout.js';
import { publishFromFlags } from './publish-flags.js';
import { timeLimitFrom } from './time-limit.js';

/**
 * `--regions all|a,b`, `--org <role-name>` with `--accounts a,b`, and `--output-dir <dir>`: one audit per
 * account and region, and a roll-up. Validated before anything is called.
 */

/** Commander's parsed options; the ones read here are named in `addFanOutOptions`. */
export type FanOutFlags = Readonly<Record<string, string | boolean | undefined>>;

export interface FanOutRequest {
  accounts: AccountSelection;
  regions: RegionSelection;
  /** Where STS, Organizations and DescribeRegions are called. */
  homeRegion: string;
  format: RollupFormat;
  /** The roll-up goes here instead of stdout. */
  output?: string;
  outputDir?: string;
  profile?: string;
  lookbackDays?: number;
  /** `--time-limit`: ONE deadline for the whole run, this many minutes after it starts, for every target. */
  timeLimitMinutes?: number;
  publish?: PublishConfig;
  /** `--no-color`. */
  noColor: boolean;
}

export function addFanOutOptions(command: Command): Command {
  return command
    .option(
      '--regions <regions>',
      'audit several regions: "all" (the enabled ones) or a comma-separated list; prints a roll-up',
    )
    .option(
      '--org <role-name>',
      'audit every active account of the organization by assuming this role in each; prints a roll-up',
    )
    .option('--accounts <ids>', 'with --org: only these account ids (comma-separated)')
    .option('--output-dir <dir>', "with --regions or --org: write each target's report and the roll-up here");
}

function text(flags: FanOutFlags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** The multi-target request the flags ask for; undefined for a single-target audit (after refusing strays). */
export function fanOutFromFlags(
  flags: FanOutFlags,
  env: Record<string, string | undefined>,
  format: ReportFormat,
): FanOutRequest | undefined {
  const regionsFlag = text(flags, 'regions');
  const org = text(flags, 'org');
  const accounts = text(flags, 'accounts');
  const outputDir = text(flags, 'outputDir');
  if (accounts !== undefined && org === undefined)
    throw new ConfigError('--accounts selects accounts of --org.');
  if (regionsFlag === undefined && org === undefined) {
    if (outputDir !== undefined) throw new ConfigError('--output-dir applies to --regions or --org.');
    return undefined;
  }
  const flag = regionsFlag === undefined ? '--org' : '--regions';
  if (flags.snapshot !== undefined) {
    throw new ConfigError(`${flag} audits live accounts: it cannot be combined with --snapshot.`);
  }
  if (regionsFlag !== undefined && flags.region !== undefined) {
    throw new ConfigError('--regions and --region cannot be combined: list every region in --regions.');
  }
  if (flags.cleanup !== undefined || flags.apply !== undefined || flags.minOrphanAgeHours !== undefined) {
    throw new ConfigError(`--cleanup deletes in one account and region: it cannot be combined with ${flag}.`);
  }
  if (flags.securityHub !== undefined || flags.slackWebhookParameter !== undefined) {
    throw new ConfigError(
      `${flag} publishes the per-target reports and the roll-up to S3 and one alert to SNS; ` +
        '--security-hub and --slack-webhook-parameter apply to single-target audits.',
    );
  }
  if (!isRollupFormat(format)) {
    throw new ConfigError(
      `The roll-up is rendered as text, json or md, not ${format}: audit one target at a time for ${format}.`,
    );
  }
  const output = text(flags, 'output');
  const profile = text(flags, 'profile');
  const lookbackDays = text(flags, 'lookbackDays');
  const timeLimitMinutes = timeLimitFrom(flags);
  const publish = publishFromFlags(flags);
  const envRegion = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const region = text(flags, 'region');
  const single = region ?? envRegion;
  if (regionsFlag === undefined && single === undefined) {
    throw new ConfigError(
      'No AWS region: pass --region or --regions (e.g. --regions all), or set AWS_REGION.',
    );
  }
  const regions: RegionSelection =
    regionsFlag !== undefined
      ? parseOrThrow(RegionSelectionSchema, regionsFlag, '--regions')
      : { kind: 'list', regions: [parseOrThrow(RegionSchema, single, '--region')] };
  const homeRegion = regions.kind === 'list' ? (region ?? regions.regions[0]) : envRegion;
  if (homeRegion === undefined) {
    throw new ConfigError(
      '--regions all asks each account which regions it has enabled, and needs a region to ask in: set AWS_REGION.',
    );
  }
  return {
    accounts:
      org === undefined
        ? { kind: 'caller' }
        : {
            kind: 'organization',
            roleName: parseOrThrow(RoleNameSchema, org, '--org'),
            ...(accounts === undefined
              ? {}
              : { only: parseOrThrow(AccountListSchema, accounts, '--accounts') }),
          },
    regions,
    homeRegion: parseOrThrow(RegionSchema, homeRegion, 'region'),
    format,
    ...(output === undefined ? {} : { output }),
    ...(outputDir === undefined ? {} : { outputDir }),
    ...(profile === undefined ? {} : { profile }),
    ...(lookbackDays === undefined
      ? {}
      : { lookbackDays: parseOrThrow(LookbackDaysSchema, lookbackDays, '--lookback-days') }),
    ...(timeLimitMinutes === undefined ? {} : { timeLimitMinutes }),
    ...(publish === undefined ? {} : { publish }),
    noColor: flags.color === false,
  };
}
