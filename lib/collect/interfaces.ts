import {
  DescribeSecurityGroupsCommand,
  type EC2Client,
  paginateDescribeNetworkInterfaces,
} from '@aws-sdk/client-ec2';
import { TimeBudgetExceededError } from '../aws/time-budget.js';
import type { NetworkInterface } from '../model/snapshot.js';
import { EC2_FILTER_VALUES_PER_REQUEST, EC2_MAX_PAGE_SIZE } from './ec2-paging.js';
import { toNetworkInterface } from './ec2-records.js';
import { collectPages } from './paging.js';

/**
 * The network interfaces `can-delete` looks at, read live: every interface (Lambda's and any other service's)
 * that keeps a subnet, security group or VPC from being deleted, and later only those, again, to see which are
 * gone. Filtered reads (`subnet-id`, `group-id`, `vpc-id`, `network-interface-id`,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeNetworkInterfaces.html), paginated: an
 * interface deleted meanwhile is simply not listed, where `NetworkInterfaceIds` would fail the whole call.
 */

const API = 'ec2:DescribeNetworkInterfaces';

export interface InterfaceFilter {
  /** `subnet-id`, `group-id`, `vpc-id` or `network-interface-id`. */
  name: string;
  values: readonly string[];
}

/** Every interface the filter matches, managed ones included (Lambda's are requester-managed). */
export async function describeInterfaces(
  ec2: EC2Client,
  filter: InterfaceFilter,
): Promise<NetworkInterface[]> {
  const found: NetworkInterface[] = [];
  // Values per filter kept at EC2's limit, as the collector does for security groups.
  for (let start = 0; start < filter.values.length; start += EC2_FILTER_VALUES_PER_REQUEST) {
    const values = filter.values.slice(start, start + EC2_FILTER_VALUES_PER_REQUEST);
    const pages = paginateDescribeNetworkInterfaces(
      { client: ec2, pageSize: EC2_MAX_PAGE_SIZE, stopOnSameToken: true },
      { IncludeManagedResources: true, Filters: [{ Name: filter.name, Values: values }] },
    );
    const items = await collectPages(API, ['NetworkInterfaceId'], pages, (page) => page.NetworkInterfaces);
    found.push(...items.map(toNetworkInterface));
  }
  return found;
}

/**
 * Whether a security group exists: the collection reads only the groups its functions use. By the `group-id`
 * filter, which answers an unknown id with an empty list (`GroupIds` would fail with InvalidGroup.NotFound).
 */
export async function securityGroupExists(ec2: EC2Client, groupId: string): Promise<boolean> {
  const answer = await ec2.send(
    new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
  );
  return (answer.SecurityGroups ?? []).some((group) => group.GroupId === groupId);
}

/** How a wait ended: nothing left to wait for, time up, or a read that failed. */
export type PollEnd = { by: 'settled' } | { by: 'time' } | { by: 'error'; error: unknown };

export interface PollOptions {
  /** The interfaces still in the way when the wait starts. */
  initial: readonly NetworkInterface[];
  /** Whether these interfaces (as re-read) still leave something to wait for. */
  waiting: (present: readonly NetworkInterface[]) => boolean;
  /** Milliseconds since the epoch at which to stop. */
  deadline: number;
  intervalMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export interface PollResult {
  present: NetworkInterface[];
  rereads: number;
  end: PollEnd;
}

/**
 * Re-reads only the interfaces still in the way (one filtered call per round, `intervalMs` apart) until none
 * is left to wait for or `deadline` passes. The client is the caller's: rate-limited and bound to the deadline
 * (lib/aws/rate-plan.ts, lib/aws/time-budget.ts), so a call is never started after it.
 */
export async function pollInterfaces(ec2: EC2Client, options: PollOptions): Promise<PollResult> {
  let present = [...options.initial];
  let rereads = 0;
  while (options.waiting(present)) {
    const remaining = options.deadline - options.now();
    if (remaining <= 0) return { present, rereads, end: { by: 'time' } };
    await options.sleep(Math.min(options.intervalMs, remaining));
    if (options.now() >= options.deadline) return { present, rereads, end: { by: 'time' } };
    try {
      present = await describeInterfaces(ec2, {
        name: 'network-interface-id',
        values: present.map((eni) => eni.NetworkInterfaceId),
      });
      rereads += 1;
    } catch (error) {
      return {
        present,
        rereads,
        end: error instanceof TimeBudgetExceededError ? { by: 'time' } : { by: 'error', error },
      };
    }
  }
  return { present, rereads, end: { by: 'settled' } };
}
