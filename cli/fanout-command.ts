import { join } from 'node:path';
import { createDiscoveryDeps } from '../lib/collect/discovery.js';
import { errorMessage } from '../lib/errors.js';
import { runFanOut } from '../lib/fanout/pipeline.js';
import { planTargets } from '../lib/fanout/plan.js';
import type { TargetDone, TargetRun } from '../lib/fanout/run.js';
import {
  alertSink,
  directorySink,
  FILE_EXTENSIONS,
  type KeepFailed,
  type ReportSink,
  storeSink,
} from '../lib/fanout/sinks.js';
import type { Severity } from '../lib/model/finding.js';
import type { TargetOutcome } from '../lib/model/rollup.js';
import type { AnalysisSettings } from '../lib/model/settings.js';
import { writeTextFile } from '../lib/publish/file.js';
import type { RollupPublishOutcome } from '../lib/publish/rollup.js';
import { baselineFrom } from '../lib/publish/s3.js';
import { renderRollup } from '../lib/report/render/rollup.js';
import { newRunId } from '../lib/run-id.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { FanOutRequest } from './fanout-flags.js';
import type { CliIo, CommandContext } from './io.js';
import { lazyPublishClients } from './publish-flags.js';
import { endpointOf } from './source-flags.js';
import { deadlineFor } from './time-limit.js';

/**
 * `audit --regions ...` / `audit --org ...`: plans the targets and runs the fan-out pipeline (lib/fanout) with
 * the sinks the flags ask for: each target's report to `--output-dir`, to S3 (`--publish`), and its reasons to
 * alert to the roll-up's ONE alert. Prints the roll-up. Exit codes as for one target, across all of them.
 */

/** `1` when any target has a failed check at or above `--fail-on`; `3` when none does but any could not be verified. */
function fanOutExitCode(
  runs: readonly TargetRun[],
  outcomes: readonly TargetOutcome[],
  failOn: Severity | undefined,
): number {
  if (failOn === undefined) return EXIT.ok;
  const codes = runs.flatMap((run) => (run.result ? [exitCodeFor(run.result.report, failOn)] : []));
  if (codes.includes(EXIT.findings)) return EXIT.findings;
  if (codes.includes(EXIT.unverified) || outcomes.some((outcome) => outcome.status !== 'audited')) {
    return EXIT.unverified;
  }
  return EXIT.ok;
}

function progress(io: CliIo): { onDone?: TargetDone; done: () => void } {
  if (!io.stderrIsTty) return { done: () => {} };
  let shown = false;
  return {
    onDone: (run, done, total) => {
      shown = true;
      const where = `${run.target.accountId} ${run.target.region}`;
      const what =
        run.outcome.status === 'audited' ? `${run.outcome.counts.failed} failed` : run.outcome.status;
      io.stderr(`\r\x1b[Kaudited ${done} of ${total} targets (last: ${where}, ${what})`);
    },
    done: () => {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}

function describeRollupPublish(outcome: RollupPublishOutcome): string {
  const lines: string[] = [];
  if (outcome.s3.status === 'stored')
    lines.push(`Roll-up stored: ${outcome.s3.uri} (${outcome.s3.consoleUrl})`);
  else if (outcome.s3.status === 'failed') lines.push(`Roll-up NOT stored: ${outcome.s3.error}`);
  const sns = outcome.sns;
  if (sns.status === 'sent') lines.push(`Alert sent (${sns.reasons.join('; ')}), message ${sns.messageId}.`);
  else if (sns.status === 'quiet') lines.push(`No alert: ${sns.reason}.`);
  else if (sns.status === 'failed') lines.push(`Alert NOT sent: ${sns.error}`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export async function runFanOutAudit(
  request: FanOutRequest,
  settings: AnalysisSettings,
  failOn: Severity | undefined,
  context: CommandContext,
): Promise<number> {
  const { io } = context;
  const now = io.now();
  const runId = newRunId(now);
  // One deadline for the whole run, from its start: a target started late has less time, not a fresh limit.
  const limit = deadlineFor(now, request.timeLimitMinutes);
  const discovery = createDiscoveryDeps({
    homeRegion: request.homeRegion,
    profile: request.profile,
    runId,
    ...limit,
  });
  const plan = await planTargets(request.accounts, request.regions, discovery);
  const { publish } = request;
  const clients = publish
    ? lazyPublishClients(publish, request.profile, context.publishClients)(request.homeRegion)
    : undefined;
  const store = publish?.store;

  // A report that could not be written is said on stderr and fails the run (exit 2), not its target.
  let writeFailed = false;
  const onFailed: KeepFailed = (report, error) => {
    writeFailed = true;
    io.stderr(`Report of ${report.accountId} ${report.region} NOT written: ${errorMessage(error)}\n`);
  };
  const sinks: ReportSink[] = [
    ...(request.outputDir === undefined ? [] : [directorySink(request.outputDir, request.format, onFailed)]),
    ...(store && clients ? [storeSink(clients.s3, store, onFailed)] : []),
    ...(publish ? [alertSink(publish.alert)] : []),
  ];

  const shown = progress(io);
  const { runs, outcomes, rollup, published } = await runFanOut(
    plan,
    {
      runId,
      now,
      settings,
      collection: {
        ...(request.profile === undefined ? {} : { profile: request.profile }),
        ...(request.lookbackDays === undefined ? {} : { lookbackDays: request.lookbackDays }),
        ...limit,
        ...endpointOf(io.env),
      },
      ...(store && clients ? { baseline: baselineFrom(clients.s3, store, runId) } : {}),
      sinks,
    },
    context.deps,
    {
      ...(shown.onDone ? { onDone: shown.onDone } : {}),
      ...(publish && clients ? { publish: { config: publish, clients, region: request.homeRegion } } : {}),
    },
  ).finally(shown.done);

  const color = request.output === undefined && !request.noColor && io.stdoutIsTty && !io.env.NO_COLOR;
  const rendered = renderRollup(rollup, request.format, {
    color,
    ...(io.columns ? { width: io.columns } : {}),
  });
  if (request.outputDir !== undefined) {
    await writeTextFile(
      join(request.outputDir, `rollup.${FILE_EXTENSIONS[request.format]}`),
      renderRollup(rollup, request.format, { color: false }),
      { createDirectories: true },
    );
  }
  if (request.output !== undefined) {
    await writeTextFile(request.output, rendered);
    io.stderr(
      `Roll-up written to ${request.output} (${rollup.totals.targets} targets, ${rollup.totals.failedChecks} failed checks).\n`,
    );
  } else {
    io.stdout(rendered);
  }
  if (published) io.stderr(describeRollupPublish(published));
  if (writeFailed) return EXIT.error;
  if (published?.s3.status === 'failed' || published?.sns.status === 'failed') return EXIT.error;
  return fanOutExitCode(runs, outcomes, failOn);
}
