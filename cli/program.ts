import { Command, CommanderError, Option } from 'commander';
import {
  type AuditDeps,
  defaultAuditDeps,
  loadSnapshot,
  runAudit,
  type SnapshotSource,
} from '../lib/audit.js';
import type { CollectProgress } from '../lib/collect/collect.js';
import { AuditorError, ConfigError, errorMessage } from '../lib/errors.js';
import { atOrAbove, type Severity } from '../lib/model/finding.js';
import type { Report } from '../lib/model/report.js';
import { parseOrThrow } from '../lib/model/validation.js';
import { readOnlyPolicy } from '../lib/permissions.js';
import { writeTextFile } from '../lib/publish/file.js';
import { publishReport } from '../lib/publish/publish.js';
import { readBaseline } from '../lib/publish/s3.js';
import { renderReport } from '../lib/report/render/render.js';
import { renderRuleCatalogue } from '../lib/report/render/rules.js';
import { newRunId } from '../lib/run-id.js';
import {
  AnalysisSettingsInputSchema,
  analysisSettingHelp,
  analysisSettings,
} from '../lib/settings/analysis.js';
import { MIN_ORPHAN_AGE_HELP } from '../lib/settings/cleanup.js';
import { LOOKBACK_DAYS_HELP, LookbackDaysSchema, RegionSchema } from '../lib/settings/collection.js';
import { DEFAULT_FORMAT, FormatSchema, SeveritySchema } from '../lib/settings/report.js';
import { TOOL } from '../lib/version.js';
import { cleanupFromFlags } from './cleanup-flags.js';
import { registerEniCommand } from './eni-command.js';
import { runFanOutAudit } from './fanout-command.js';
import { addFanOutOptions, fanOutFromFlags } from './fanout-flags.js';
import {
  addPublishOptions,
  defaultPublishClients,
  describePublishOutcome,
  lazyPublishClients,
  type PublishClientFactory,
  publishFailed,
  publishFromFlags,
  webhookReaderFor,
} from './publish-flags.js';
import { deadlineFor, incompleteNote, timeLimitFrom, timeLimitOption } from './time-limit.js';

/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, findings: 1, error: 2, unverified: 3 } as const;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTty: boolean;
  stderrIsTty: boolean;
  /** The terminal's width, when stdout is one. */
  columns?: number;
  env: Record<string, string | undefined>;
  now: () => Date;
}

interface SourceFlags {
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
function sourceFrom(flags: SourceFlags, env: CliIo['env'], now: Date): SnapshotSource {
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
function progressReporter(io: CliIo): { onProgress?: (p: CollectProgress) => void; done: () => void } {
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

/** Exit status for `--fail-on`: findings at or above it fail; checks at or above it that could not be made are "unverified". */
export function exitCodeFor(report: Report, failOn: Severity | undefined): number {
  if (failOn === undefined) return EXIT.ok;
  const relevant = report.findings.filter((f) => atOrAbove(f.severity, failOn));
  if (relevant.some((f) => f.status === 'fail')) return EXIT.findings;
  if (relevant.some((f) => f.status === 'unknown') || report.incomplete) return EXIT.unverified;
  return EXIT.ok;
}

function buildProgram(
  io: CliIo,
  deps: AuditDeps,
  setExit: (code: number) => void,
  publishClients: PublishClientFactory,
): Command {
  const program = new Command()
    .name('lambda-vpc-audit')
    .description('Audit VPC-enabled AWS Lambda functions: ENI demand, orphaned ENIs, misrouted subnets.')
    .version(TOOL.version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');

  const audit = program
    .command('audit', { isDefault: true })
    .description('audit an account (or a saved snapshot) and print the report')
    .option('--region <region>', 'AWS region to audit (default: AWS_REGION)')
    .option('--profile <name>', 'AWS shared-config profile to use')
    .option('--snapshot <file>', 'audit a saved snapshot file instead of a live account')
    .addOption(
      new Option('--format <format>', 'report format: text, json, md or html').default(DEFAULT_FORMAT),
    )
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding at or above this severity exists (critical|high|medium|low|info)',
    )
    .option('--min-azs <n>', analysisSettingHelp('minAvailabilityZones'))
    .option('--internet-tag <key>', analysisSettingHelp('internetTagKey'))
    .option('--headroom <fraction>', analysisSettingHelp('headroom'))
    .option('--divisor <gb>', analysisSettingHelp('legacyDivisorGb'))
    .option('--lookback-days <days>', LOOKBACK_DAYS_HELP)
    .addOption(timeLimitOption())
    .option('--cleanup', 'delete orphaned Lambda ENIs (live account only): a dry run unless --apply')
    .option('--apply', 'with --cleanup: really delete')
    .option('--min-orphan-age-hours <hours>', `with --cleanup: ${MIN_ORPHAN_AGE_HELP}`)
    .option('--no-color', 'never colour the terminal report');
  addPublishOptions(addFanOutOptions(audit)).action(
    async (flags: SourceFlags & Record<string, string | boolean | undefined>) => {
      const format = parseOrThrow(FormatSchema, flags.format, '--format');
      const failOn =
        flags.failOn === undefined ? undefined : parseOrThrow(SeveritySchema, flags.failOn, '--fail-on');
      const settings = analysisSettings(
        parseOrThrow(
          AnalysisSettingsInputSchema,
          {
            ...(flags.minAzs !== undefined ? { minAvailabilityZones: flags.minAzs } : {}),
            ...(flags.internetTag !== undefined ? { internetTagKey: flags.internetTag } : {}),
            ...(flags.headroom !== undefined ? { headroom: flags.headroom } : {}),
            ...(flags.divisor !== undefined ? { legacyDivisorGb: flags.divisor } : {}),
          },
          'settings',
        ),
      );
      const fanOut = fanOutFromFlags(flags, io.env, format);
      if (fanOut) {
        const context = { io, deps, settings, failOn, publishClients, exit: EXIT, exitCodeFor };
        setExit(await runFanOutAudit(fanOut, context));
        return;
      }
      const now = io.now();
      const source = sourceFrom(flags, io.env, now);
      const cleanup = cleanupFromFlags(flags, source);
      const publish = publishFromFlags(flags);
      const clientsFor = publish ? lazyPublishClients(publish, flags.profile, publishClients) : undefined;
      const store = publish?.store;
      const runId = newRunId(now);
      const progress = progressReporter(io);
      const { report } = await runAudit(
        {
          source,
          settings,
          runId,
          now,
          ...(cleanup ? { cleanup } : {}),
          ...(store && clientsFor
            ? {
                baseline: (meta) =>
                  readBaseline(clientsFor(meta.region).s3, store, meta.accountId, meta.region, runId),
              }
            : {}),
          ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
        },
        deps,
      ).finally(progress.done);
      const color = flags.output === undefined && flags.color !== false && io.stdoutIsTty && !io.env.NO_COLOR;
      const rendered = renderReport(report, format, { color, ...(io.columns ? { width: io.columns } : {}) });
      if (typeof flags.output === 'string') {
        await writeTextFile(flags.output, rendered);
        io.stderr(
          `Report written to ${flags.output} (${report.summary.failed} failed, ${report.summary.unknown} unknown).\n`,
        );
      } else {
        io.stdout(rendered);
      }
      setExit(exitCodeFor(report, failOn));
      if (publish && clientsFor) {
        const clients = clientsFor(report.region);
        const webhookUrl = webhookReaderFor(publish, clients);
        const outcome = await publishReport(report, publish, {
          clients,
          ...(webhookUrl ? { webhookUrl } : {}),
        });
        io.stderr(describePublishOutcome(report, outcome));
        if (publishFailed(outcome)) setExit(EXIT.error);
      }
    },
  );

  program
    .command('snapshot')
    .description('collect an account into a snapshot file, to audit later with --snapshot')
    .option('--region <region>', 'AWS region to collect (default: AWS_REGION)')
    .option('--profile <name>', 'AWS shared-config profile to use')
    .requiredOption('--out <file>', 'where to write the snapshot JSON')
    .option('--lookback-days <days>', LOOKBACK_DAYS_HELP)
    .addOption(timeLimitOption())
    .action(async (flags: SourceFlags & { out: string }) => {
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

  registerEniCommand(program, { io, deps, sourceFrom, progressReporter });

  program
    .command('rules')
    .description('list the rules the auditor runs')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .action((flags: { format: 'text' | 'json' }) => {
      io.stdout(renderRuleCatalogue(deps.rules, flags.format));
    });

  program
    .command('permissions')
    .description('print the IAM policy the audit needs (read-only)')
    .action(() => {
      io.stdout(`${JSON.stringify(readOnlyPolicy(), null, 2)}\n`);
    });

  return program;
}

/** Runs the CLI; returns the exit code. Every error becomes one clear line on stderr, never a stack trace. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  deps: AuditDeps = defaultAuditDeps,
  publishClients: PublishClientFactory = defaultPublishClients,
): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(
    io,
    deps,
    (code) => {
      exitCode = code;
    },
    publishClients,
  );
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has already printed its own message for usage errors.
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    const prefix = error instanceof AuditorError ? '' : 'unexpected error: ';
    io.stderr(`lambda-vpc-audit: ${prefix}${errorMessage(error)}\n`);
    return EXIT.error;
  }
}
