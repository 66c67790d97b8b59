import type { ProposedFunction } from '../../model/plan.js';
import type { ConcurrencyMetrics, FunctionDetail, FunctionRecord, Snapshot } from '../../model/snapshot.js';

/**
 * The account as it would be after the change: the snapshot with the proposed functions' `$LATEST` records
 * replaced or added, so the audit's own index and demand model (snapshot-index.ts, demand.ts) judge it. Published
 * versions are immutable: a changed function's versions keep their configuration (and their ENIs).
 */

/** Lambda's default memory for a function that does not set one. */
export const DEFAULT_MEMORY_MB = 128;

/** A proposal the overlay can apply: its VPC configuration is known (none of it unresolved). */
export function isPlannable(proposal: ProposedFunction): boolean {
  return proposal.unresolved.length === 0;
}

function latestRecord(
  proposal: ProposedFunction,
  snapshot: Snapshot,
  current: FunctionRecord | undefined,
): FunctionRecord {
  const { accountId, region } = snapshot.meta;
  const base: FunctionRecord = current ?? {
    FunctionName: proposal.name,
    FunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${proposal.name}:$LATEST`,
    Version: '$LATEST',
    MemorySize: DEFAULT_MEMORY_MB,
    Role: `arn:aws:iam::${accountId}:role/planned-${proposal.name}`,
  };
  const vpc = base.VpcConfig;
  if (proposal.capacityProviderArn !== null)
    return {
      ...base,
      MemorySize: proposal.memoryMb ?? base.MemorySize,
      // As Lambda reports a version on a provider: no VPC of its own, the provider's network instead.
      VpcConfig: { SubnetIds: [], SecurityGroupIds: [] },
      CapacityProviderConfig: {
        LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: proposal.capacityProviderArn },
      },
    };
  return {
    ...base,
    MemorySize: proposal.memoryMb ?? base.MemorySize,
    VpcConfig: {
      SubnetIds: proposal.subnetIds ?? vpc?.SubnetIds ?? [],
      SecurityGroupIds: proposal.securityGroupIds ?? vpc?.SecurityGroupIds ?? [],
      Ipv6AllowedForDualStack: proposal.dualStack ?? vpc?.Ipv6AllowedForDualStack ?? false,
    },
  };
}

function withFunction(snapshot: Snapshot, proposal: ProposedFunction): Snapshot {
  const functions = snapshot.functions ?? [];
  const current = functions.find((r) => r.FunctionName === proposal.name && r.Version === '$LATEST');
  const record = latestRecord(proposal, snapshot, current);
  const others = functions.filter((r) => !(r.FunctionName === proposal.name && r.Version === '$LATEST'));
  const known: FunctionDetail = snapshot.functionDetails?.[proposal.name] ?? {
    FunctionName: proposal.name,
    State: 'Active',
    Tags: {},
  };
  const detail: FunctionDetail =
    proposal.reservedConcurrency === null
      ? known
      : { ...known, ReservedConcurrentExecutions: proposal.reservedConcurrency };
  const peak = proposal.concurrency ?? (current === undefined ? proposal.reservedConcurrency : null);
  const metrics: ConcurrencyMetrics | null =
    peak === null
      ? snapshot.metrics
      : {
          // Without metrics the others stay "not collected": only the proposal's own peak is known.
          ...(snapshot.metrics ?? {
            lookbackDays: 0,
            periodSeconds: 86400,
            startTime: snapshot.meta.capturedAt,
            endTime: snapshot.meta.capturedAt,
            account: null,
            functions: {},
          }),
          functions: {
            ...snapshot.metrics?.functions,
            [proposal.name]: { peak, daily: [] },
          },
        };
  return {
    ...snapshot,
    functions: [...others, record],
    functionDetails:
      snapshot.functionDetails === null ? null : { ...snapshot.functionDetails, [proposal.name]: detail },
    metrics,
  };
}

/** The snapshot with every plannable proposal applied, together (they may share subnets). */
export function proposedSnapshot(snapshot: Snapshot, proposals: readonly ProposedFunction[]): Snapshot {
  return proposals.filter(isPlannable).reduce(withFunction, snapshot);
}
