import { type AuditDeps, runAudit } from '../audit.js';
import { iamSharedPerAccount } from '../aws/shared-iam.js';
import type { AccountAccess } from '../collect/account-access.js';
import type { LambdaConfig } from '../env-config.js';
import { auditTargets, type TargetAuditResult } from '../fanout/run.js';
import type { ResolvedTarget } from '../fanout/targets.js';
import { SEVERITIES, type Severity } from '../model/finding.js';
import type { ReportSummary } from '../model/report.js';
import type { RollupTarget, RollupTotals } from '../model/rollup.js';
import { decideAlert } from '../publish/alert-policy.js';
import { type PublishDeps, publishReport } from '../publish/publish.js';
import { publishRollup, type RollupPublishOutcome } from '../publish/rollup.js';
import { targetAlertPolicy } from '../publish/rollup-alert-policy.js';
import { readBaseline } from '../publish/s3.js';
import { buildRollup } from '../report/assemble/rollup.js';
import type { AuditRequest } from './event.js';
import type { AuditResponse } from './handler.js';
import { targetPublishConfig } from './target.js';

/**
 * A direct invoke naming several regions of the function's own account (`{ "regions": [...] }`): each region
 * is audited with the same deadline (a small pool; regions have their own rate buckets, except IAM: global, it
 * is read once for all of them through one shared client), stored as its own report, then rolled up, with the
 * roll-up stored and ONE alert sent. An organization-wide fan-out belongs to the Step Functions state machine
 * (infra/fanout-stack.ts), not to one invocation.
 */

export interface RegionsRollup {
  totals: RollupTotals;
  targets: RollupTarget[];
  /** The roll-up's own objects in S3 and its one alert. */
  publish?: RollupPublishOutcome;
}

/** The summaries of the audited regions added up; ENIs unknown when any region's are. */
function addSummaries(summaries: readonly ReportSummary[]): ReportSummary {
  const total: ReportSummary = {
    bySeverity: Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>,
    failed: 0,
    unknown: 0,
    functionsAudited: 0,
    vpcFunctions: 0,
    vpcFunctionVersions: 0,
    lambdaEnis: summaries.length === 0 ? null : 0,
    coverageGaps: 0,
    ruleErrors: 0,
  };
  for (const s of summaries) {
    for (const severity of SEVERITIES) total.bySeverity[severity] += s.bySeverity[severity];
    total.failed += s.failed;
    total.unknown += s.unknown;
    total.functionsAudited += s.functionsAudited;
    total.vpcFunctions += s.vpcFunctions;
    total.vpcFunctionVersions += s.vpcFunctionVersions;
    total.lambdaEnis =
      total.lambdaEnis === null || s.lambdaEnis === null ? null : total.lambdaEnis + s.lambdaEnis;
    total.coverageGaps += s.coverageGaps;
    total.ruleErrors += s.ruleErrors;
  }
  return total;
}

export interface RegionsRun {
  request: AuditRequest;
  regions: readonly string[];
  runId: string;
  started: Date;
  deadline: Date;
}

export async function auditRegions(
  run: RegionsRun,
  deps: { config: LambdaConfig; audit: AuditDeps; publish: PublishDeps; discovery: AccountAccess },
): Promise<Extract<AuditResponse, { ok: true }>> {
  const { request } = run;
  const { config } = deps;
  const accountId = await deps.discovery.callerAccount();
  const store = config.publish.store;
  const sharedIam = iamSharedPerAccount()(accountId);
  const auditOne = async (target: ResolvedTarget): Promise<TargetAuditResult> => {
    const result = await runAudit(
      {
        source: {
          kind: 'aws',
          region: target.region,
          deadline: run.deadline,
          sharedIam,
          ...(config.lookbackDays === undefined ? {} : { lookbackDays: config.lookbackDays }),
          ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
        },
        settings: config.settings,
        runId: run.runId,
        now: run.started,
        ...(request.functions ? { functions: request.functions } : {}),
        ...(store
          ? {
              baseline: (meta) =>
                readBaseline(deps.publish.clients.s3, store, meta.accountId, meta.region, run.runId),
            }
          : {}),
      },
      deps.audit,
    );
    const published = request.publish
      ? await publishReport(result.report, targetPublishConfig(config.publish), {
          clients: deps.publish.clients,
        })
      : undefined;
    const stored = published?.s3.status === 'stored' ? published.s3 : undefined;
    const decision = decideAlert(
      result.report,
      targetAlertPolicy(config.publish.alert),
      published?.s3.status === 'failed',
    );
    return {
      result,
      ...(stored ? { location: stored.uri } : {}),
      ...(decision.send ? { alertReasons: decision.reasons } : {}),
    };
  };
  const runs = await auditTargets(
    run.regions.map((region) => ({ accountId, region })),
    auditOne,
  );
  const outcomes = runs.map((target) => target.outcome);
  const rollup = buildRollup({ runId: run.runId, generatedAt: run.started, outcomes });
  const published = request.publish
    ? await publishRollup(rollup, outcomes, config.publish, { clients: deps.publish.clients }, config.region)
    : undefined;
  const audited = runs.flatMap((target) => (target.result ? [target.result.report.summary] : []));
  return {
    ok: true,
    runId: run.runId,
    trigger: request.trigger,
    accountId,
    region: config.region,
    summary: addSummaries(audited),
    rollup: {
      totals: rollup.totals,
      targets: rollup.targets,
      ...(published ? { publish: published } : {}),
    },
  };
}
