import type { Credentials } from '../aws/clients.js';
import type { AccountAccess } from '../collect/account-access.js';
import { targetErrorOf } from '../fanout/target-error.js';
import type { Report } from '../model/report.js';
import type { TargetOutcome, UnauditedTarget } from '../model/rollup.js';
import { decideAlert } from '../publish/alert-policy.js';
import type { PublishConfig } from '../publish/config.js';
import type { PublishOutcome } from '../publish/publish.js';
import { targetAlertPolicy } from '../publish/rollup-alert-policy.js';
import { targetOutcomeOf } from '../report/assemble/rollup.js';
import type { AuditTargetRequest } from './event.js';

/**
 * One target of the Step Functions fan-out (`{ "target": { accountId, region, roleArn? } }`): the member
 * role is assumed first, so a role that cannot be assumed is an answer (not-assumable, with AWS's code), not
 * a failed invocation to retry; the report is stored but alerts nothing on its own; the answer carries the
 * outcome the roll-up is built from.
 */

function refOf(target: AuditTargetRequest) {
  return {
    accountId: target.accountId,
    ...(target.accountName === undefined ? {} : { accountName: target.accountName }),
  };
}

export type TargetAccess = { credentials?: Credentials } | { unaudited: UnauditedTarget };

export async function accessFor(target: AuditTargetRequest, discovery: AccountAccess): Promise<TargetAccess> {
  if (target.roleArn === undefined) return {};
  try {
    return { credentials: await discovery.assumeRole(target.roleArn) };
  } catch (error) {
    return {
      unaudited: {
        ...refOf(target),
        region: target.region,
        status: 'not-assumable',
        error: targetErrorOf(error),
      },
    };
  }
}

/** A target that could not be audited (the audit failed, or audited another account than asked). */
export function failedTarget(target: AuditTargetRequest, error: unknown): UnauditedTarget {
  return { ...refOf(target), region: target.region, status: 'failed', error: targetErrorOf(error) };
}

/** The report goes to S3 like any run's; the alert, Slack and Security Hub are the roll-up's business. */
export function targetPublishConfig(config: PublishConfig): PublishConfig {
  return {
    alert: config.alert,
    securityHub: false,
    ...(config.store === undefined ? {} : { store: config.store }),
  };
}

/** The roll-up's view of the target: its counts, worst failed checks, report location and reasons to alert. */
export function auditedOutcome(
  target: AuditTargetRequest,
  report: Report,
  config: PublishConfig,
  published: PublishOutcome | undefined,
): TargetOutcome {
  const stored = published?.s3.status === 'stored' ? published.s3 : undefined;
  const decision = decideAlert(report, targetAlertPolicy(config.alert), published?.s3.status === 'failed');
  return targetOutcomeOf(report, refOf(target), {
    ...(stored ? { location: stored.uri } : {}),
    ...(decision.send ? { alertReasons: decision.reasons } : {}),
  });
}
