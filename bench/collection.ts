import { createClients } from '../lib/aws/clients.js';
import { collectSnapshot } from '../lib/collect/collect.js';
import type { Snapshot } from '../lib/model/snapshot.js';
import { REGION } from './account.js';
import type { SyntheticAccount } from './account-types.js';
import { type ApiCount, SimulatedAws } from './sim/simulated-aws.js';

export type CollectionRun = {
  snapshot: Snapshot;
  wallSeconds: number;
  /** CPU time of this process during the collection (the collectors, the SDK and the simulation). */
  cpuSeconds: number;
  counts: Map<string, ApiCount>;
};

/** The capture time of every benchmark run: the metrics window, and so the answers, stay the same. */
export const BENCH_NOW = new Date('2026-11-24T12:00:00.000Z');

/**
 * The real collection (`collectSnapshot` over clients from `createClients`, SDK retries included) against the
 * simulated AWS. The clients are the production ones; only their request handler answers in process.
 */
export async function collectSimulated(
  account: SyntheticAccount,
  options: { latencyMs: number },
): Promise<CollectionRun> {
  const aws = new SimulatedAws(account, options);
  const clients = createClients({ region: REGION, overrides: { requestHandler: aws.handler } });
  aws.start();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const snapshot = await collectSnapshot(clients, { region: REGION, now: BENCH_NOW });
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  for (const client of Object.values(clients)) client.destroy();
  return { snapshot, wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, counts: aws.counts() };
}

/** Differences between what was generated and what was collected: a simulation or collector bug. */
export function completenessIssues(account: SyntheticAccount, snapshot: Snapshot): string[] {
  const lambdaEnis = account.networkInterfaces.filter((eni) => eni.interfaceType === 'lambda').length;
  // The egress parts are read for the VPCs functions use only.
  const vpcsInUse = new Set(account.functions.flatMap((fn) => (fn.subnetIds.length > 0 ? [fn.vpcId] : [])));
  const inUse = (items: readonly { vpcId: string }[]) =>
    items.filter((item) => vpcsInUse.has(item.vpcId)).length;
  const expected: [string, number | undefined, number][] = [
    ['functions', snapshot.functions?.length, account.functions.length],
    ['subnets', snapshot.subnets?.length, account.subnets.length],
    ['routeTables', snapshot.routeTables?.length, account.routeTables.length],
    ['networkInterfaces (Lambda)', snapshot.networkInterfaces?.length, lambdaEnis],
    [
      'networkInterfaceCounts.total',
      snapshot.networkInterfaceCounts?.total,
      account.networkInterfaces.length,
    ],
    ['roles', snapshot.roles?.length, account.roles.length],
    ['capacityProviders', snapshot.capacityProviders?.length, account.capacityProviders.length],
    [
      'capacityProviderVersions',
      Object.values(snapshot.capacityProviderVersions ?? {}).flat().length,
      account.capacityProviders.reduce((sum, p) => sum + p.versions.length, 0),
    ],
    [
      'rolePolicies.roles (execution and operator roles)',
      Object.keys(snapshot.rolePolicies?.roles ?? {}).length,
      new Set([
        ...account.functions.filter((fn) => fn.subnetIds.length > 0).map((fn) => fn.role),
        ...account.capacityProviders.map((p) => p.operatorRole),
      ]).size,
    ],
    ['networkAcls', snapshot.networkAcls?.length, inUse(account.networkAcls)],
    [
      'transitGatewayAttachments',
      snapshot.transitGatewayAttachments?.length,
      inUse(account.transitGatewayAttachments),
    ],
    ['routeTargetInstances', snapshot.routeTargetInstances?.length, inUse(account.natInstances)],
    ['vpcPeeringConnections', snapshot.vpcPeeringConnections?.length, inUse(account.peerings)],
  ];
  return [
    ...snapshot.coverage.map((gap) => `gap: ${gap.api} ${gap.errorCode}: ${gap.message}`),
    ...expected
      .filter(([, got, want]) => got !== want)
      .map(([part, got, want]) => `${part}: collected ${got ?? 'null'}, generated ${want}`),
  ];
}
