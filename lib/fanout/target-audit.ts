import {
  type AuditDeps,
  type AuditOptions,
  type AuditResult,
  runAudit,
  type SnapshotSource,
} from '../audit.js';
import type { IamShare } from '../aws/shared-iam.js';
import { AuditorError } from '../errors.js';
import type { TargetOutcome } from '../model/rollup.js';
import type { AnalysisSettings } from '../model/settings.js';
import { targetOutcomeOf } from '../report/assemble/rollup.js';
import { type KeptReport, keepReport, type ReportSink } from './sinks.js';
import { accountRefOf, type ResolvedTarget } from './targets.js';

/**
 * One target of a multi-target run, audited like any single run (collect, analyze, report, compared with its
 * previous report) and handed to the run's sinks. The same for the CLI's pool, the Lambda function's regions
 * and a Step Functions Map item.
 */

type AwsSource = Extract<SnapshotSource, { kind: 'aws' }>;

/** What every target of one run shares. */
export interface FanOutRun {
  runId: string;
  /** The run's start: every target's report time. */
  now: Date;
  settings: AnalysisSettings;
  /**
   * Every target's collection: the CLI's profile, the lookback, the run's ONE deadline, the endpoint; and, for
   * a Step Functions target, where its account's GetAccountAuthorizationDetails is shared.
   */
  collection: Pick<AwsSource, 'profile' | 'lookbackDays' | 'deadline' | 'endpoint' | 'authorization'>;
  /** Limits each report to these function names or ARN patterns (an invoke's `functions`). */
  functions?: readonly string[];
  /** Where each target's previous report is read from. */
  baseline?: AuditOptions['baseline'];
  sinks: readonly ReportSink[];
}

export interface TargetAudit extends KeptReport {
  result: AuditResult;
}

/** An assumed role's credentials, else the run's profile (or, without one, the default credential chain). */
function credentialsOf(target: ResolvedTarget, profile: string | undefined): Partial<AwsSource> {
  if (target.credentials) return { credentials: target.credentials };
  return profile === undefined ? {} : { profile };
}

/** `sharedIam`: the account's IAM client when the run audits several of its regions (lib/aws/shared-iam.ts). */
export async function auditTarget(
  target: ResolvedTarget,
  run: FanOutRun,
  deps: AuditDeps,
  sharedIam?: IamShare,
): Promise<TargetAudit> {
  const { profile, ...collection } = run.collection;
  const result = await runAudit(
    {
      source: {
        kind: 'aws',
        region: target.region,
        ...credentialsOf(target, profile),
        ...collection,
        ...(sharedIam ? { sharedIam } : {}),
      },
      settings: run.settings,
      runId: run.runId,
      now: run.now,
      ...(run.functions ? { functions: run.functions } : {}),
      ...(run.baseline ? { baseline: run.baseline } : {}),
    },
    deps,
  );
  // Before any copy is kept: a report filed under another account's name would mislead its readers.
  if (result.report.accountId !== target.accountId) {
    throw new AuditorError(
      `The credentials audited account ${result.report.accountId}, not ${target.accountId}.`,
    );
  }
  return { result, ...(await keepReport(result.report, run.sinks)) };
}

/** The target's line of the roll-up: its counts, worst failed checks, report location and reasons to alert. */
export function auditedOutcome(target: ResolvedTarget, audit: TargetAudit): TargetOutcome {
  return targetOutcomeOf(audit.result.report, accountRefOf(target), {
    ...(audit.location === undefined ? {} : { location: audit.location }),
    ...(audit.alertReasons === undefined ? {} : { alertReasons: audit.alertReasons }),
  });
}
