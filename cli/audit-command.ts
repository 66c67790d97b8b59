import { basename } from 'node:path';
import { type Command, Option } from 'commander';
import { runAudit } from '../lib/audit.js';
import { ConfigError } from '../lib/errors.js';
import { atOrAbove, SEVERITIES, type Severity } from '../lib/model/finding.js';
import { parseOrThrow } from '../lib/model/validation.js';
import { checkOutputFile, writeTextFile } from '../lib/publish/file.js';
import { publishReport } from '../lib/publish/publish.js';
import { baselineFrom } from '../lib/publish/s3.js';
import { limitToSeverities } from '../lib/report/assemble/filter.js';
import {
  formatOfFileName,
  REPORT_FORMATS,
  type ReportFormat,
  renderReport,
} from '../lib/report/render/render.js';
import { newRunId } from '../lib/run-id.js';
import { LOOKBACK_DAYS_HELP } from '../lib/settings/collection.js';
import { DEFAULT_FORMAT, FormatSchema, SeverityListSchema, SeveritySchema } from '../lib/settings/report.js';
import { addAnalysisOptions, analysisFromFlags } from './analysis-flags.js';
import { addCleanupOptions, cleanupFromFlags } from './cleanup-flags.js';
import { EXIT, exitCodeFor, explainExitCode } from './exit-codes.js';
import { runFanOutAudit } from './fanout-command.js';
import { addFanOutOptions, fanOutFromFlags } from './fanout-flags.js';
import type { CommandContext } from './io.js';
import {
  addPublishOptions,
  describePublishOutcome,
  lazyPublishClients,
  publishFailed,
  publishFromFlags,
  webhookReaderFor,
} from './publish-flags.js';
import { progressReporter, type SourceFlags, sourceFrom } from './source-flags.js';
import { timeLimitOption } from './time-limit.js';

/**
 * `lambda-vpc-audit [audit]`: audits one account and region (or a saved snapshot), prints or writes the report,
 * optionally cleans up and publishes; with `--regions` or `--org`, the fan-out (cli/fanout-command.ts).
 */

type AuditFlags = SourceFlags & Record<string, string | boolean | undefined>;

/** `--format`, else the format `--output`'s extension names, else text. */
function formatFromFlags(flags: AuditFlags): ReportFormat {
  if (typeof flags.format === 'string') return parseOrThrow(FormatSchema, flags.format, '--format');
  if (typeof flags.output !== 'string') return DEFAULT_FORMAT;
  const inferred = formatOfFileName(flags.output);
  if (inferred !== undefined) return inferred;
  if (!basename(flags.output).includes('.')) return DEFAULT_FORMAT;
  throw new ConfigError(
    `Cannot tell the report format from the name ${flags.output}: pass --format (${REPORT_FORMATS.join(', ')}), ` +
      'or end the name in .html, .json, .md, .csv, .sarif, .ocsf.json or .txt.',
  );
}

/** `--severity` or `--min-severity`: the severities the finding lists keep; undefined for all. */
function severitiesFromFlags(flags: AuditFlags): Severity[] | undefined {
  if (typeof flags.severity === 'string' && typeof flags.minSeverity === 'string') {
    throw new ConfigError('--severity and --min-severity cannot be combined: use one.');
  }
  if (typeof flags.severity === 'string')
    return parseOrThrow(SeverityListSchema, flags.severity, '--severity');
  if (typeof flags.minSeverity !== 'string') return undefined;
  const minimum = parseOrThrow(SeveritySchema, flags.minSeverity, '--min-severity');
  return SEVERITIES.filter((severity) => atOrAbove(severity, minimum));
}

export function registerAuditCommand(program: Command, context: CommandContext): void {
  const { io, deps, setExit } = context;
  const audit = program
    .command('audit', { isDefault: true })
    .description('audit an account (or a saved snapshot) and print the report')
    .option('--region <region>', 'AWS region to audit (default: AWS_REGION)')
    .option('--profile <name>', 'AWS shared-config profile to use')
    .option('--snapshot <file>', 'audit a saved snapshot file instead of a live account')
    .addOption(
      new Option(
        '--format <format>',
        `report format: ${REPORT_FORMATS.join(', ')} (default: from --output's extension, else ${DEFAULT_FORMAT})`,
      ),
    )
    .option(
      '--output <file>',
      'write the report to a file instead of stdout (.html, .json, .md, .csv, .sarif, .ocsf.json, .txt)',
    )
    .option(
      '--details',
      'text report: every message in full, execution roles, each egress path hop by hop, ENI demand, ENI holders, inventory',
    )
    .option('--severity <list>', 'list only findings of these severities, e.g. critical,high')
    .option('--min-severity <severity>', 'list only findings at or above this severity')
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding at or above this severity exists (critical|high|medium|low|info)',
    );
  addAnalysisOptions(audit).option('--lookback-days <days>', LOOKBACK_DAYS_HELP).addOption(timeLimitOption());
  addCleanupOptions(audit).option('--no-color', 'never colour the terminal report');
  addPublishOptions(addFanOutOptions(audit)).action(async (flags: AuditFlags) => {
    const format = formatFromFlags(flags);
    const failOn =
      flags.failOn === undefined ? undefined : parseOrThrow(SeveritySchema, flags.failOn, '--fail-on');
    const shown = severitiesFromFlags(flags);
    const settings = analysisFromFlags(flags);
    if (typeof flags.output === 'string') await checkOutputFile(flags.output, '--output');
    const fanOut = fanOutFromFlags(flags, io.env, format);
    if (fanOut) {
      if (shown !== undefined || flags.details === true) {
        throw new ConfigError(
          "--details, --severity and --min-severity shape one target's report: the roll-up of --regions or " +
            "--org has neither (each target's own report has them, e.g. with --output-dir).",
        );
      }
      setExit(await runFanOutAudit(fanOut, settings, failOn, context));
      return;
    }
    const now = io.now();
    const source = sourceFrom(flags, io.env, now);
    const cleanup = cleanupFromFlags(flags, source);
    const publish = publishFromFlags(flags);
    const clientsFor = publish
      ? lazyPublishClients(publish, flags.profile, context.publishClients)
      : undefined;
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
              // Read once the snapshot says which region it is: the clients are made in that region.
              baseline: (meta) => baselineFrom(clientsFor(meta.region).s3, store, runId)(meta),
            }
          : {}),
        ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
      },
      deps,
    ).finally(progress.done);
    const color = flags.output === undefined && flags.color !== false && io.stdoutIsTty && !io.env.NO_COLOR;
    const rendered = renderReport(shown === undefined ? report : limitToSeverities(report, shown), format, {
      color,
      details: flags.details === true,
      ...(io.columns ? { width: io.columns } : {}),
    });
    if (typeof flags.output === 'string') {
      await writeTextFile(flags.output, rendered);
      io.stderr(
        `Report written to ${flags.output} (${report.summary.failed} failed, ${report.summary.unknown} unknown).\n`,
      );
    } else {
      io.stdout(rendered);
    }
    const exitCode = exitCodeFor(report, failOn);
    setExit(exitCode);
    if (failOn !== undefined && exitCode !== EXIT.ok) io.stderr(explainExitCode(report, failOn, exitCode));
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
  });
}
