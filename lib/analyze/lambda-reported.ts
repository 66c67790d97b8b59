import { LAMBDA_ENI_ACTIONS } from '../model/lambda-eni-actions.js';
import { OPERATOR_ROLE_ACTIONS } from '../model/role-checks.js';
import type { Snapshot } from '../model/snapshot.js';
import type { ProviderFunction } from './capacity-providers.js';
import { mapDefined } from './lists.js';
import { type SnapshotIndex, sortedUnique, type VpcFunction } from './snapshot-index.js';

/**
 * What Lambda itself reports about a function's versions (GetFunction's State / StateReasonCode and
 * LastUpdateStatus / LastUpdateStatusReasonCode; ListFunctionVersionsByCapacityProvider's State), and the
 * resources a failure's code points at. https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html
 */

/** Reason codes about the network or capacity Lambda needs: the function cannot run, or cannot be updated. */
export const NETWORK_REASON_CODES = [
  'SubnetOutOfIPAddresses',
  'EniLimitExceeded',
  'InsufficientRolePermissions',
  'InvalidSubnet',
  'InvalidSecurityGroup',
  'DisallowedByVpcEncryptionControl',
] as const;

/** Lambda Managed Instances' codes: the capacity provider cannot launch or scale its instances. */
export const CAPACITY_REASON_CODES = [
  'VcpuLimitExceeded',
  'CapacityProviderScalingLimitExceeded',
  'InsufficientCapacity',
  'EC2RequestLimitExceeded',
] as const;

const WATCHED_CODES: ReadonlySet<string> = new Set([...NETWORK_REASON_CODES, ...CAPACITY_REASON_CODES]);

/** One thing Lambda reports about one version. */
export interface Reported {
  version: string;
  field: 'State' | 'LastUpdateStatus';
  status: string;
  code: string | null;
  reason: string | null;
}

export type AnyFunction = VpcFunction | ProviderFunction;

/** The states Lambda documents for State (GetFunction and the version list) and for LastUpdateStatus. */
const KNOWN_STATUSES: Readonly<Record<Reported['field'], ReadonlySet<string>>> = {
  State: new Set([
    'Pending',
    'Active',
    'Inactive',
    'Failed',
    'Deactivating',
    'Deactivated',
    'ActiveNonInvocable',
    'Deleting',
  ]),
  LastUpdateStatus: new Set(['Successful', 'Failed', 'InProgress']),
};

/** A status no document lists: nothing can be concluded from it, least of all that all is well. */
export function isUnrecognised(report: Reported): boolean {
  return !KNOWN_STATUSES[report.field].has(report.status);
}

export function isWatchedFailure(report: Reported): boolean {
  return report.status === 'Failed' && report.code !== null && WATCHED_CODES.has(report.code);
}

function detailReports(fn: AnyFunction): Reported[] {
  const detail = fn.detail;
  if (detail === undefined) return [];
  const reports: Reported[] = [];
  if (detail.State !== undefined)
    reports.push({
      version: '$LATEST',
      field: 'State',
      status: detail.State,
      code: detail.StateReasonCode ?? null,
      reason: detail.StateReason ?? null,
    });
  if (detail.LastUpdateStatus !== undefined)
    reports.push({
      version: '$LATEST',
      field: 'LastUpdateStatus',
      status: detail.LastUpdateStatus,
      code: detail.LastUpdateStatusReasonCode ?? null,
      reason: detail.LastUpdateStatusReason ?? null,
    });
  return reports;
}

/** The published versions on a capacity provider, as ListFunctionVersionsByCapacityProvider (and GetFunction) says. */
function providerVersionReports(fn: AnyFunction, snapshot: Snapshot): Reported[] {
  if (!('capacityProviderArns' in fn)) return [];
  const byArn = new Map(
    fn.capacityProviderArns
      .flatMap((arn) => snapshot.capacityProviderVersions?.[arn] ?? [])
      .map((v) => [v.FunctionArn, v]),
  );
  return fn.records.flatMap((record): Reported[] => {
    const listed = byArn.get(record.FunctionArn);
    if (listed === undefined || record.Version === '$LATEST') return [];
    const reports: Reported[] = [
      {
        version: record.Version,
        field: 'State',
        status: listed.State,
        code: listed.StateReasonCode ?? null,
        reason: listed.StateReason ?? null,
      },
    ];
    if (listed.LastUpdateStatus !== undefined)
      reports.push({
        version: record.Version,
        field: 'LastUpdateStatus',
        status: listed.LastUpdateStatus,
        code: listed.LastUpdateStatusReasonCode ?? null,
        reason: listed.LastUpdateStatusReason ?? null,
      });
    return reports;
  });
}

/**
 * The capacity providers whose version list was not read (not collected, or this provider's failed): what
 * Lambda reports about the function's versions there is unknown.
 */
export function unreadVersionLists(fn: AnyFunction, snapshot: Snapshot): string[] {
  if (!('capacityProviderArns' in fn)) return [];
  return fn.capacityProviderArns.filter((arn) => snapshot.capacityProviderVersions?.[arn] === undefined);
}

export function reportsOf(fn: AnyFunction, snapshot: Snapshot): Reported[] {
  return [...detailReports(fn), ...providerVersionReports(fn, snapshot)];
}

/** The subnets of the function's (or its providers') configuration, each with its free addresses. */
function subnetsWithFreeAddresses(fn: AnyFunction, index: SnapshotIndex) {
  return fn.subnetIds.map((subnetId) => ({
    subnetId,
    availableIpAddressCount: index.subnetById.get(subnetId)?.AvailableIpAddressCount ?? null,
  }));
}

/** Actions the role is not allowed, of those Lambda needs it for; null when not known. */
function deniedActions(snapshot: Snapshot, roleArn: string, actions: readonly string[]): string[] | null {
  const decisions = snapshot.rolePermissions?.[roleArn];
  if (decisions === undefined) return null;
  return actions.filter((action) => decisions[action] !== undefined && decisions[action] !== 'allowed');
}

/** The resources the failure's code points at, as evidence and a sentence. */
export function pointedAt(
  code: string,
  fn: AnyFunction,
  snapshot: Snapshot,
  index: SnapshotIndex,
): { evidence: Record<string, unknown>; text: string } {
  const providers = 'capacityProviderArns' in fn ? fn.capacityProviderArns : [];
  switch (code) {
    case 'SubnetOutOfIPAddresses': {
      const subnets = subnetsWithFreeAddresses(fn, index);
      const text = subnets.map((s) => `${s.subnetId} (${s.availableIpAddressCount ?? '?'} free)`).join(', ');
      return { evidence: { subnets }, text: `Subnets: ${text || 'none found'}.` };
    }
    case 'InvalidSubnet': {
      const missing = fn.subnetIds.filter((id) => !index.subnetById.has(id));
      return {
        evidence: { subnets: fn.subnetIds, missingSubnets: snapshot.subnets === null ? null : missing },
        text: missing.length > 0 && snapshot.subnets !== null ? `Not found: ${missing.join(', ')}.` : '',
      };
    }
    case 'InvalidSecurityGroup': {
      const missing =
        snapshot.securityGroups === null
          ? null
          : fn.securityGroupIds.filter((id) => !index.securityGroupById.has(id));
      return {
        evidence: { securityGroups: fn.securityGroupIds, missingSecurityGroups: missing },
        text:
          missing === null || missing.length === 0 ? '' : `Missing security group: ${missing.join(', ')}.`,
      };
    }
    case 'InsufficientRolePermissions': {
      const operators = sortedUnique(
        mapDefined(providers, (arn) => index.capacityProviderByArn.get(arn)?.operatorRoleArn),
      );
      const roles =
        providers.length > 0
          ? operators.map((role) => ({ role, denied: deniedActions(snapshot, role, OPERATOR_ROLE_ACTIONS) }))
          : [{ role: fn.role, denied: deniedActions(snapshot, fn.role, LAMBDA_ENI_ACTIONS) }];
      const text = roles
        .map(({ role, denied }) =>
          denied === null || denied.length === 0
            ? `Role ${role}.`
            : `Role ${role} may not ${denied.join(', ')}.`,
        )
        .join(' ');
      return { evidence: { roles }, text };
    }
    case 'EniLimitExceeded':
    case 'DisallowedByVpcEncryptionControl': {
      const vpcs = sortedUnique(mapDefined(fn.subnetIds, (id) => index.subnetById.get(id)?.VpcId));
      return { evidence: { vpcs }, text: vpcs.length === 0 ? '' : `VPC ${vpcs.join(', ')}.` };
    }
    default: {
      const described = providers.map((arn) => ({
        capacityProvider: arn,
        maxVCpuCount:
          index.capacityProviderByArn.get(arn)?.provider?.CapacityProviderScalingConfig?.MaxVCpuCount ?? null,
      }));
      return {
        evidence: { capacityProviders: described },
        text: described.length === 0 ? '' : `Capacity provider ${providers.join(', ')}.`,
      };
    }
  }
}
