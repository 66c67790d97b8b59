import {
  DeleteNetworkInterfaceCommand,
  DescribeNetworkInterfacesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { SnapshotIndex } from '../analyze/snapshot-index.js';
import { createRateLimiter } from '../aws/concurrency.js';
import { errorCodeOf, gapMessageOf, isAccessDeniedCode } from '../aws/error-codes.js';
import { lambdaOperatedKindOf, toNetworkInterface } from '../collect/ec2-records.js';
import { errorMessage } from '../errors.js';
import type { CleanupAction, CleanupMode, CleanupOutcome, CleanupReport } from '../model/cleanup.js';
import type { LambdaOperatedKind, NetworkInterface } from '../model/snapshot.js';
import { compareText } from '../model/text-order.js';
import { actionBase, type CleanupPlan } from './plan.js';
import { reasonNotToDelete } from './recheck.js';

/**
 * The only write the auditor ever makes, and only with cleanup enabled: the deploy stack grants it separately.
 * (The re-describe uses ec2:DescribeNetworkInterfaces, which the collectors already need.)
 */
export const CLEANUP_ACTIONS = ['ec2:DeleteNetworkInterface'] as const;

/**
 * DeleteNetworkInterface's throttling bucket refills 5 tokens a second per account and region, and Lambda's
 * own ENI deletions draw on it too: stay well under.
 */
export const DEFAULT_DELETES_PER_SECOND = 2;

const NOT_FOUND = 'InvalidNetworkInterfaceID.NotFound';

export interface CleanupRun {
  mode: CleanupMode;
  /** The audited account: an ENI another account owns is never deleted. */
  accountId: string;
  minOrphanAgeHours: number;
  now: () => Date;
  /** DeleteNetworkInterface calls (DryRun included) per second. */
  deletesPerSecond?: number;
}

type Described =
  | { eni: NetworkInterface | undefined; operatedFor: LambdaOperatedKind | null }
  | { error: unknown };

async function redescribe(ec2: EC2Client, id: string): Promise<Described> {
  try {
    const response = await ec2.send(
      new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id], IncludeManagedResources: true }),
    );
    const found = response.NetworkInterfaces?.find((eni) => eni.NetworkInterfaceId === id);
    return found === undefined
      ? { eni: undefined, operatedFor: null }
      : { eni: toNetworkInterface(found), operatedFor: lambdaOperatedKindOf(found) };
  } catch (error) {
    return errorCodeOf(error) === NOT_FOUND ? { eni: undefined, operatedFor: null } : { error };
  }
}

/** EC2 answers a DryRun request with an error either way: `DryRunOperation` (allowed) or `UnauthorizedOperation`. */
type DeleteAnswer = { code: null } | { code: string; message: string };

async function deleteEni(ec2: EC2Client, id: string, dryRun: boolean): Promise<DeleteAnswer> {
  try {
    await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id, DryRun: dryRun }));
    return { code: null };
  } catch (error) {
    const code = errorCodeOf(error);
    return { code, message: gapMessageOf(error, code) };
  }
}

const RECHECKED = 'Re-described just before: still a detached Lambda ENI that no function or version uses.';

function countOf(actions: readonly CleanupAction[], outcome: CleanupOutcome): number {
  return actions.filter((action) => action.outcome === outcome).length;
}

/**
 * Deletes (or, in a dry run, asks EC2 whether it could delete) the planned ENIs, one at a time at a bounded
 * rate. Each one is re-described and re-checked immediately before; every outcome is recorded. Never throws:
 * one failed ENI does not stop the others, and nothing here stops the audit.
 */
export async function runCleanup(
  ec2: EC2Client,
  plan: CleanupPlan,
  index: SnapshotIndex,
  run: CleanupRun,
): Promise<CleanupReport> {
  const limiter = createRateLimiter(run.deletesPerSecond ?? DEFAULT_DELETES_PER_SECOND);
  const actions: CleanupAction[] = [...plan.skipped];
  let permission: CleanupReport['permission'] = {
    status: 'not-checked',
    detail: 'Nothing was due for deletion.',
  };
  let stopped: string | null = null;

  for (const candidate of plan.candidates) {
    const id = candidate.eni.NetworkInterfaceId;
    const base = actionBase(candidate.eni, candidate.firstSeen);
    const record = (outcome: CleanupOutcome, reason: string, errorCode?: string) =>
      actions.push({
        ...base,
        outcome,
        reason,
        ...(errorCode === undefined ? {} : { errorCode }),
        at: run.now().toISOString(),
      });
    if (stopped !== null) {
      actions.push({ ...base, outcome: 'skipped', reason: stopped });
      continue;
    }
    try {
      const described = await redescribe(ec2, id);
      if ('error' in described) {
        const code = errorCodeOf(described.error);
        record(
          'failed',
          `Could not re-describe it before deleting: ${gapMessageOf(described.error, code)}`,
          code,
        );
        continue;
      }
      // Lambda operates it for a network connector or a managed instance now: never ours to delete.
      const reason =
        described.operatedFor === null
          ? reasonNotToDelete(described.eni, index, run.accountId)
          : `Lambda operates it for a ${described.operatedFor === 'network-connector' ? 'network connector' : 'managed instance'}.`;
      if (reason !== null) {
        record('skipped', reason);
        continue;
      }
      // A DryRun for every ENI in a dry run (a policy may allow some ENIs and not others); once before the
      // first real deletion otherwise.
      if (run.mode === 'dry-run' || permission.status !== 'allowed') {
        await limiter.acquire();
        const dry = await deleteEni(ec2, id, true);
        if (dry.code === 'DryRunOperation') {
          if (permission.status !== 'denied')
            permission = { status: 'allowed', detail: 'EC2 DryRun: ec2:DeleteNetworkInterface is allowed.' };
          if (run.mode === 'dry-run') {
            record('would-delete', `${RECHECKED} EC2 DryRun: allowed.`);
            continue;
          }
        } else if (dry.code === null) {
          // An endpoint that ignores DryRun has just deleted it: say so, and send nothing more.
          permission = { status: 'unknown', detail: 'The endpoint ignored DryRun.' };
          stopped = 'Cleanup stopped: the endpoint ignored a DryRun request and deleted an ENI.';
          record('deleted', 'EC2 took the DryRun request as a real one and deleted it.');
          continue;
        } else if (dry.code === NOT_FOUND) {
          record('skipped', 'It no longer exists (deleted since the collection).');
          continue;
        } else if (isAccessDeniedCode(dry.code)) {
          permission = {
            status: 'denied',
            detail: `EC2 DryRun: ${dry.code}. Grant the auditor ec2:DeleteNetworkInterface (cleanup only).`,
          };
          if (run.mode === 'apply')
            stopped = `Not attempted: ec2:DeleteNetworkInterface is not allowed (${dry.code}).`;
          record('failed', `Not permitted: ${dry.message}`, dry.code);
          continue;
        } else {
          record('failed', `The DryRun request failed: ${dry.message}`, dry.code);
          continue;
        }
      }
      await limiter.acquire();
      const answer = await deleteEni(ec2, id, false);
      if (answer.code === null) record('deleted', RECHECKED);
      else if (answer.code === NOT_FOUND) record('skipped', 'It no longer exists (deleted meanwhile).');
      else record('failed', answer.message, answer.code);
    } catch (error) {
      record('failed', `Unexpected error: ${errorMessage(error)}`);
    }
  }

  actions.sort((a, b) => compareText(a.networkInterfaceId, b.networkInterfaceId));
  const notes = [
    ...plan.notes,
    ...(run.mode === 'dry-run'
      ? [
          'Dry run: nothing was deleted. Apply (--cleanup --apply, or ENI_CLEANUP=apply) to delete the ENIs ' +
            'marked would-delete.',
        ]
      : []),
    'Functions were not listed again before each deletion: each ENI was re-described and had to be detached ' +
      '(available) with no function or version of this collection using its subnet and security groups; a function ' +
      'configured for it since the collection would have made Lambda attach it.',
  ];
  return {
    mode: run.mode,
    minOrphanAgeHours: run.minOrphanAgeHours,
    permission,
    summary: {
      candidates: plan.candidates.length,
      deleted: countOf(actions, 'deleted'),
      wouldDelete: countOf(actions, 'would-delete'),
      skipped: countOf(actions, 'skipped'),
      failed: countOf(actions, 'failed'),
    },
    actions,
    notes,
  };
}
