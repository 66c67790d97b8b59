import type { EC2Client } from '@aws-sdk/client-ec2';
import { type InterfacesRead, judgeDeletion } from '../lib/analyze/can-delete.js';
import {
  checkTargetKnown,
  interfaceFilterOf,
  snapshotInterfacesOf,
  uncheckedSecurityGroupNote,
  unknownSecurityGroup,
} from '../lib/analyze/can-delete-target.js';
import type { SnapshotIndex } from '../lib/analyze/snapshot-index.js';
import type { SnapshotSource } from '../lib/audit.js';
import { createClients } from '../lib/aws/clients.js';
import { errorCodeOf, gapMessageOf } from '../lib/aws/error-codes.js';
import { withRateLimits } from '../lib/aws/rate-limited.js';
import { RateLimiters } from '../lib/aws/rate-plan.js';
import { withTimeBudget } from '../lib/aws/time-budget.js';
import { describeInterfaces, pollInterfaces, securityGroupExists } from '../lib/collect/interfaces.js';
import type { DeleteReadiness, DeleteTarget } from '../lib/model/can-delete.js';
import type { NetworkInterface, Snapshot } from '../lib/model/snapshot.js';

/**
 * The live half of `can-delete`: read every interface in the way of the target, and with `--wait` re-read only
 * those Lambda removes by itself until the target is free or time is up. Every call is paced by the collectors'
 * rate plan and bound to a deadline (the collection's `--time-limit`, then the wait's end).
 */

type AwsSource = Extract<SnapshotSource, { kind: 'aws' }>;

/** The EC2 client of a live source, rate-limited, bound to `deadline` when there is one. */
export function pacedEc2(source: AwsSource, deadline: Date | undefined): EC2Client {
  const { ec2 } = withRateLimits(
    { ec2: createClients({ region: source.region, profile: source.profile }).ec2 },
    new RateLimiters(),
  );
  return deadline === undefined ? ec2 : withTimeBudget({ ec2 }, deadline).ec2;
}

function failureNote(what: string, error: unknown): string {
  const code = errorCodeOf(error);
  return `${what} failed (${code}): ${gapMessageOf(error, code)}`;
}

/** Every interface in the way, read now; on failure the snapshot's Lambda ENIs, with others marked unknown. */
export async function readLive(
  ec2: EC2Client,
  target: DeleteTarget,
  fallback: readonly NetworkInterface[],
  now: () => Date,
): Promise<InterfacesRead> {
  const filter = interfaceFilterOf(target);
  try {
    const interfaces = await describeInterfaces(ec2, { name: filter.name, values: [filter.value] });
    return { interfaces, source: 'live', checkedAt: now().toISOString(), othersKnown: true, notes: [] };
  } catch (error) {
    return {
      interfaces: fallback,
      source: 'live',
      checkedAt: now().toISOString(),
      othersKnown: false,
      notes: [
        `${failureNote(`ec2:DescribeNetworkInterfaces (${filter.name} = ${filter.value})`, error)}; the Lambda ENIs are those the collection found.`,
      ],
    };
  }
}

/**
 * What is in the way of the target: read live (every interface), or the snapshot's Lambda ENIs. Refuses a
 * target that does not exist; a security group the audit did not read is looked up in EC2 when live.
 */
export async function readTarget(
  source: SnapshotSource,
  snapshot: Snapshot,
  index: SnapshotIndex,
  target: DeleteTarget,
  now: () => Date,
): Promise<InterfacesRead> {
  const check = checkTargetKnown(snapshot, index, target);
  const lambdaEnis = snapshotInterfacesOf(snapshot, index, target);
  if (source.kind === 'file') {
    const unchecked = check.askEc2
      ? [uncheckedSecurityGroupNote(target.id, 'a snapshot holds only the security groups its functions use')]
      : [];
    return {
      interfaces: lambdaEnis,
      source: 'snapshot',
      checkedAt: snapshot.meta.capturedAt,
      othersKnown: false,
      notes: [...check.notes, ...unchecked],
    };
  }
  const ec2 = pacedEc2(source, source.deadline);
  const notes = [...check.notes];
  if (check.askEc2) {
    let exists: boolean | undefined;
    try {
      exists = await securityGroupExists(ec2, target.id);
    } catch (error) {
      notes.push(uncheckedSecurityGroupNote(target.id, failureNote('ec2:DescribeSecurityGroups', error)));
    }
    if (exists === false) throw unknownSecurityGroup(snapshot, target.id);
  }
  const read = await readLive(ec2, target, lambdaEnis, now);
  return { ...read, notes: [...notes, ...read.notes] };
}

export interface WaitPlan {
  minutes: number;
  intervalMs: number;
  /** The real clock (the wait is real time, like the deadline it is bound to). */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Waits while only interfaces Lambda removes by itself (or may) are in the way. When the last one is gone, one
 * more read of the target makes sure nothing new took its place.
 */
export async function waitUntilFree(
  source: AwsSource,
  snapshot: Snapshot,
  index: SnapshotIndex,
  first: DeleteReadiness,
  read: InterfacesRead,
  plan: WaitPlan,
): Promise<DeleteReadiness> {
  const deadline = plan.now() + plan.minutes * 60_000;
  const ec2 = pacedEc2(source, new Date(deadline));
  const judge = (interfaces: readonly NetworkInterface[], notes: readonly string[] = []) =>
    judgeDeletion(snapshot, index, first.target, {
      ...read,
      interfaces,
      notes: [...read.notes, ...notes],
      checkedAt: new Date(plan.now()).toISOString(),
    });
  const initial = read.interfaces.filter((eni) =>
    first.blockers.some((b) => b.networkInterfaceId === eni.NetworkInterfaceId),
  );
  let rereads = 0;
  let present: readonly NetworkInterface[] = initial;
  for (;;) {
    const polled = await pollInterfaces(ec2, {
      initial: present,
      waiting: (now) => now.length > 0 && judge(now).verdict === 'waiting',
      deadline,
      intervalMs: plan.intervalMs,
      now: plan.now,
      sleep: plan.sleep,
    });
    rereads += polled.rereads;
    present = polled.present;
    const cleared = initial
      .map((eni) => eni.NetworkInterfaceId)
      .filter((id) => !present.some((eni) => eni.NetworkInterfaceId === id));
    const wait = (endedBy: NonNullable<DeleteReadiness['wait']>['endedBy']) => ({
      minutes: plan.minutes,
      rereads,
      cleared,
      endedBy,
    });
    if (polled.end.by === 'error')
      return {
        ...judge(present, [failureNote('Re-reading the interfaces', polled.end.error)]),
        wait: wait('error'),
      };
    if (polled.end.by === 'time') return { ...judge(present), wait: wait('time') };
    if (present.length > 0) return { ...judge(present), wait: wait('blocked') };
    // All gone: confirm with one read of the target, then keep waiting if a new one Lambda removes appeared.
    const confirm = await readLive(ec2, first.target, [], () => new Date(plan.now()));
    rereads += 1;
    const judged = judgeDeletion(snapshot, index, first.target, confirm);
    if (judged.verdict === 'waiting' && plan.now() < deadline) {
      present = confirm.interfaces;
      continue;
    }
    const endedBy =
      judged.verdict === 'free' || judged.verdict === 'blocked'
        ? judged.verdict
        : judged.verdict === 'waiting'
          ? 'time'
          : 'error';
    return { ...judged, wait: wait(endedBy) };
  }
}
