import { AuditorError } from '../errors.js';
import { auditedOutcome, auditTarget, type TargetAudit } from '../fanout/target-audit.js';
import { unauditedTarget } from '../fanout/target-error.js';
import type { ResolvedTarget } from '../fanout/targets.js';
import type { UnauditedTarget } from '../model/rollup.js';
import { sharedAuthorization } from '../publish/iam-share.js';
import type { PublishOutcome, StoreOutcome } from '../publish/publish.js';
import type { AuditTargetRequest } from './event.js';
import { fanOutRunOf, type HandlerDeps, type Invocation } from './invocation.js';
import { recordAudit, recordUnaudited } from './record.js';
import { type AuditResponse, auditedResponse, unauditedResponse } from './response.js';

/**
 * One target of the Step Functions fan-out (`{ "target": { accountId, region, roleArn? } }`): the member
 * role is assumed first, so a role that cannot be assumed is an answer (not-assumable, with AWS's code), not
 * a failed invocation to retry; the account's IAM read is shared with its other Regions through the run's S3
 * prefix; the report is stored but alerts nothing on its own; the answer carries the outcome the roll-up is
 * built from.
 */

const NOT_CONFIGURED = { status: 'not-configured' } as const;

/** The member role's credentials, or the target's roll-up line when it cannot be assumed. */
async function resolve(
  target: AuditTargetRequest,
  invocation: Invocation,
): Promise<{ resolved: ResolvedTarget } | { unaudited: UnauditedTarget }> {
  if (target.roleArn === undefined) return { resolved: target };
  try {
    return { resolved: { ...target, credentials: await invocation.discovery.assumeRole(target.roleArn) } };
  } catch (error) {
    return { unaudited: unauditedTarget(target, 'not-assumable', error) };
  }
}

/** A target's publishing as the answer and the metrics tell it: its report in S3; the rest is the roll-up's. */
function targetPublishing(stored: StoreOutcome | undefined): PublishOutcome {
  return {
    s3: stored ?? NOT_CONFIGURED,
    sns: NOT_CONFIGURED,
    slack: NOT_CONFIGURED,
    securityHub: NOT_CONFIGURED,
  };
}

export async function auditFanOutTarget(
  invocation: Invocation,
  target: AuditTargetRequest,
  deps: HandlerDeps,
): Promise<AuditResponse> {
  const { request, runId, started } = invocation;
  const unaudited = (outcome: UnauditedTarget) => {
    recordUnaudited(deps.powertools, outcome);
    return unauditedResponse(outcome);
  };
  const access = await resolve(target, invocation);
  if ('unaudited' in access) return unaudited(access.unaudited);
  const run = fanOutRunOf(invocation, deps);
  const store = deps.config.publish.store;
  // The other Regions of this account in this run read its IAM from the run's S3 prefix, not from IAM again.
  const shared =
    store === undefined
      ? run
      : {
          ...run,
          collection: {
            ...run.collection,
            authorization: sharedAuthorization(deps.publish.clients.s3, {
              store,
              runId,
              accountId: target.accountId,
              deadline: invocation.deadline,
            }),
          },
        };
  let audit: TargetAudit;
  try {
    audit = await auditTarget(access.resolved, shared, deps.audit);
  } catch (error) {
    // A target that cannot be collected at all is a failed line of the roll-up, not a failed invocation.
    if (!(error instanceof AuditorError)) throw error;
    return unaudited(unauditedTarget(target, 'failed', error));
  }
  const published = request.publish ? targetPublishing(audit.stored) : undefined;
  recordAudit(deps.powertools, audit.result.report, published, deps.now().getTime() - started.getTime());
  return {
    ...auditedResponse(request, runId, audit.result, published),
    outcome: auditedOutcome(access.resolved, audit),
  };
}
