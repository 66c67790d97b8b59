import { join } from 'node:path';
import { type AuditDeps, runAudit } from '../lib/audit.js';
import { iamSharedPerAccount } from '../lib/aws/shared-iam.js';
import { createDiscoveryDeps } from '../lib/collect/discovery.js';
import { errorMessage } from '../lib/errors.js';
import { planTargets } from '../lib/fanout/plan.js';
import { auditTargets, type TargetAuditResult, type TargetRun } from '../lib/fanout/run.js';
import type { ResolvedTarget } from '../lib/fanout/targets.js';
import type { Severity } from '../lib/model/finding.js';
import type { Report } from '../lib/model/report.js';
import type { Rollup, TargetOutcome } from '../lib/model/rollup.js';
import type { AnalysisSettings } from '../lib/model/settings.js';
import { decideAlert } from '../lib/publish/alert-policy.js';
import { writeTextFile } from '../lib/publish/file.js';
import { publishRollup, type RollupPublishOutcome } from '../lib/publish/rollup.js';
import { targetAlertPolicy } from '../lib/publish/rollup-alert-policy.js';
import { readBaseline, storeReport } from '../lib/publish/s3.js';
import { buildRollup } from '../lib/report/assemble/rollup.js';
import { renderReport } from '../lib/report/render/render.js';
import { type RollupFormat, renderRollup } from '../lib/report/render/rollup.js';
import { newRunId } from '../lib/run-id.js';
import type { FanOutRequest } from './fanout-flags.js';
import { type CliIo, endpointOf } from './program.js';
import type { PublishClientFactory } from './publish-flags.js';
import { lazyPublishClients } from './publish-flags.js';
import { deadlineFor } from './time-limit.js';

/**
 * `audit --regions ...` / `audit --org ...`: plans the targets, audits them in a small pool, prints the
 * roll-up, writes each target's report (`--output-dir`) and publishes (`--publish`: the per-target reports and
 * the roll-up to S3, then ONE alert). Exit codes as for one target, across all of them.
 */

export interface FanOutContext {
  io: CliIo;
  deps: AuditDeps;
  settings: AnalysisSettings;
  failOn: Severity | undefined;
  publishClients: PublishClientFactory;
  exit: { ok: number; findings: number; unverified: number; error: number };
  exitCodeFor: (report: Report, failOn: Severity | undefined) => number;
}

const FILE_EXTENSIONS: Record<RollupFormat, string> = { text: 'txt', json: 'json', md: 'md' };

/** `1` when any target has a failed check at or above `--fail-on`; `3` when none does but any could not be verified. */
function fanOutExitCode(runs: readonly TargetRun[], outcomes: readonly TargetOutcome[], c: FanOutContext) {
  if (c.failOn === undefined) return c.exit.ok;
  const codes = runs.flatMap((run) => (run.result ? [c.exitCodeFor(run.result.report, c.failOn)] : []));
  if (codes.includes(c.exit.findings)) return c.exit.findings;
  if (codes.includes(c.exit.unverified) || outcomes.some((outcome) => outcome.status !== 'audited')) {
    return c.exit.unverified;
  }
  return c.exit.ok;
}

function progress(io: CliIo) {
  if (!io.stderrIsTty) return { onDone: undefined, done: () => {} };
  let shown = false;
  return {
    onDone: (run: TargetRun, done: number, total: number) => {
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

export async function runFanOutAudit(request: FanOutRequest, c: FanOutContext): Promise<number> {
  const { io } = c;
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
  const clientsFor = request.publish
    ? lazyPublishClients(request.publish, request.profile, c.publishClients)
    : undefined;
  const s3 = clientsFor?.(request.homeRegion).s3;
  const store = request.publish?.store;
  // IAM is global: the targets of one account (its Regions) read it once, through one client, in this run.
  const sharedIamOf = iamSharedPerAccount();
  // A report that could not be written is said on stderr and fails the run (exit 2), not its target.
  let writeFailed = false;
  const keep = async (what: string, write: () => Promise<string>): Promise<string | undefined> => {
    try {
      return await write();
    } catch (error) {
      writeFailed = true;
      io.stderr(`${what} NOT written: ${errorMessage(error)}\n`);
      return undefined;
    }
  };

  const auditOne = async (target: ResolvedTarget): Promise<TargetAuditResult> => {
    const result = await runAudit(
      {
        source: {
          kind: 'aws',
          region: target.region,
          ...(target.credentials ? { credentials: target.credentials } : {}),
          ...(target.credentials === undefined && request.profile !== undefined
            ? { profile: request.profile }
            : {}),
          ...(request.lookbackDays === undefined ? {} : { lookbackDays: request.lookbackDays }),
          ...limit,
          ...endpointOf(io.env),
          sharedIam: sharedIamOf(target.accountId),
        },
        settings: c.settings,
        runId,
        now,
        ...(store && s3
          ? { baseline: (meta) => readBaseline(s3, store, meta.accountId, meta.region, runId) }
          : {}),
      },
      c.deps,
    );
    const { report } = result;
    const what = `Report of ${report.accountId} ${report.region}`;
    const outputDir = request.outputDir;
    let location: string | undefined;
    if (outputDir !== undefined) {
      location = await keep(what, async () => {
        const path = join(outputDir, report.accountId, `${report.region}.${FILE_EXTENSIONS[request.format]}`);
        await writeTextFile(path, renderReport(report, request.format, { color: false }));
        return path;
      });
    }
    if (store && s3) location = await keep(what, async () => (await storeReport(s3, store, report)).uri);
    const decision = request.publish
      ? decideAlert(report, targetAlertPolicy(request.publish.alert), false)
      : undefined;
    return {
      result,
      ...(location ? { location } : {}),
      ...(decision?.send ? { alertReasons: decision.reasons } : {}),
    };
  };

  const shown = progress(io);
  const runs = await auditTargets(
    plan.targets,
    auditOne,
    shown.onDone ? { onDone: shown.onDone } : {},
  ).finally(shown.done);
  const outcomes: TargetOutcome[] = [...runs.map((run) => run.outcome), ...plan.unreachable];
  const rollup: Rollup = buildRollup({ runId, generatedAt: now, outcomes });

  const color = request.output === undefined && !request.noColor && io.stdoutIsTty && !io.env.NO_COLOR;
  const rendered = renderRollup(rollup, request.format, {
    color,
    ...(io.columns ? { width: io.columns } : {}),
  });
  if (request.outputDir !== undefined) {
    await writeTextFile(
      join(request.outputDir, `rollup.${FILE_EXTENSIONS[request.format]}`),
      renderRollup(rollup, request.format, { color: false }),
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
  let exitCode = writeFailed ? c.exit.error : fanOutExitCode(runs, outcomes, c);
  if (request.publish && clientsFor) {
    const clients = clientsFor(request.homeRegion);
    const published = await publishRollup(rollup, outcomes, request.publish, { clients }, request.homeRegion);
    io.stderr(describeRollupPublish(published));
    if (published.s3.status === 'failed' || published.sns.status === 'failed') exitCode = c.exit.error;
  }
  return exitCode;
}
