import { type Command, Option } from 'commander';
import { runAudit } from '../lib/audit.js';
import { parseOrThrow } from '../lib/model/validation.js';
import { writeTextFile } from '../lib/publish/file.js';
import { publishReport } from '../lib/publish/publish.js';
import { baselineFrom } from '../lib/publish/s3.js';
import { renderReport } from '../lib/report/render/render.js';
import { newRunId } from '../lib/run-id.js';
import { LOOKBACK_DAYS_HELP } from '../lib/settings/collection.js';
import { DEFAULT_FORMAT, FormatSchema, SeveritySchema } from '../lib/settings/report.js';
import { addAnalysisOptions, analysisFromFlags } from './analysis-flags.js';
import { addCleanupOptions, cleanupFromFlags } from './cleanup-flags.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
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

export function registerAuditCommand(program: Command, context: CommandContext): void {
  const { io, deps, setExit } = context;
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
    .option('--details', "text format: show each function's egress path hop by hop")
    .option(
      '--fail-on <severity>',
      'exit 1 when a finding at or above this severity exists (critical|high|medium|low|info)',
    );
  addAnalysisOptions(audit).option('--lookback-days <days>', LOOKBACK_DAYS_HELP).addOption(timeLimitOption());
  addCleanupOptions(audit).option('--no-color', 'never colour the terminal report');
  addPublishOptions(addFanOutOptions(audit)).action(async (flags: AuditFlags) => {
    const format = parseOrThrow(FormatSchema, flags.format, '--format');
    const failOn =
      flags.failOn === undefined ? undefined : parseOrThrow(SeveritySchema, flags.failOn, '--fail-on');
    const settings = analysisFromFlags(flags);
    const fanOut = fanOutFromFlags(flags, io.env, format);
    if (fanOut) {
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
    const rendered = renderReport(report, format, {
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
  });
}
