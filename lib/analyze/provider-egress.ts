import type { RuleResult } from '../model/finding.js';
import type { Snapshot } from '../model/snapshot.js';
import type { ProviderNetwork } from './capacity-providers.js';
import type { Source } from './egress/hop.js';
import type { EgressPath, PathVerdict } from './egress/path.js';
import type { UsedSubnet } from './egress/subnets.js';
import { walkFrom } from './egress/walker.js';
import type { EgressWorld } from './egress/world.js';
import { type EgressSubject, functionSubject, judgeEachFunction } from './function-egress.js';
import { type FunctionVerdict, functionResult } from './function-result.js';
import { eachProvider, providerLabel, providerResult } from './provider-result.js';
import type { SnapshotIndex } from './snapshot-index.js';

/**
 * A capacity provider's egress: the paths of its instances' traffic from each of its subnets, as the egress rules
 * judge them. Lambda launches EC2 instances in the provider's subnets
 * (https://docs.aws.amazon.com/lambda/latest/api/API_CapacityProviderVpcConfig.html); unlike a Lambda ENI, an
 * instance gets a public IPv4 address where its subnet assigns one on launch (MapPublicIpOnLaunch,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Subnet.html), and whether Lambda keeps that for its
 * managed instances is not documented. Every hop past the instance's own address (NAT, firewall, peering, transit
 * gateway, network ACLs) treats the traffic as it treats a Lambda ENI's. IPv4 only: whether the instances send IPv6
 * is not documented either.
 */

const PRIVATE_INSTANCE: Source = {
  publicIpv4: false,
  origin: "a managed instance's private address",
};
const PUBLIC_INSTANCE: Source = {
  publicIpv4: true,
  origin: "a managed instance's public IPv4 address (assigned on launch)",
};

function sameVerdict(a: PathVerdict, b: PathVerdict): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The IPv4 path from a provider subnet. Where the subnet assigns public addresses and that address would change
 * the outcome (it meets an internet gateway untranslated), the verdict is unknown; the routes themselves are known,
 * so the route verdict stays the private address's (a blackhole or a missing default route is judged as usual).
 */
function instancePath(world: EgressWorld, subnetId: string): EgressPath {
  const privatePath = walkFrom(world, subnetId, 'ipv4', PRIVATE_INSTANCE, true);
  if (world.subnetById.get(subnetId)?.MapPublicIpOnLaunch !== true) return privatePath;
  const publicPath = walkFrom(world, subnetId, 'ipv4', PUBLIC_INSTANCE, true);
  if (sameVerdict(privatePath.verdict, publicPath.verdict)) return privatePath;
  return {
    ...privatePath,
    verdict: { kind: 'unknown' },
    detail:
      `${privatePath.detail}; ${subnetId} assigns public IPv4 addresses on launch, and whether Lambda keeps one ` +
      'for its managed instances is not documented (with one, the internet gateway would let the traffic out)',
  };
}

/** Per egress world (one per index), the used subnet of each provider subnet, walked once however many ask. */
const pathsByWorld = new WeakMap<EgressWorld, Map<string, UsedSubnet>>();

/** The provider's subnets that exist (or whose existence is unknown), each with its instances' IPv4 path. */
export function providerSubnets(index: SnapshotIndex, network: ProviderNetwork): UsedSubnet[] {
  const world = index.egress.world;
  let known = pathsByWorld.get(world);
  if (known === undefined) {
    known = new Map();
    pathsByWorld.set(world, known);
  }
  const cache = known;
  return index.egress.subnets(network.subnetIds, false).used.map((used) => {
    const id = used.subnet.subnetId;
    let entry = cache.get(id);
    if (entry === undefined) {
      entry = { subnet: used.subnet, paths: [instancePath(world, id)] };
      cache.set(id, entry);
    }
    return entry;
  });
}

/** A provider as the subject of an egress verdict: its label; every function on it shares its subnets. */
export function providerSubject(network: ProviderNetwork): EgressSubject {
  const who = providerLabel(network);
  return { name: who, using: () => ({ who, evidence: {} }) };
}

/**
 * One result per capacity provider, judged from its subnets' paths; a provider none of whose subnets exists has no
 * egress to judge (unknown; the network-resources rule fails it).
 */
export function judgeEachProvider(
  snapshot: Snapshot,
  index: SnapshotIndex,
  judge: (network: ProviderNetwork, subnets: UsedSubnet[]) => FunctionVerdict,
): RuleResult[] {
  return eachProvider(snapshot, index, (network) => {
    const subnets = providerSubnets(index, network);
    if (subnets.length > 0) return providerResult(network, judge(network, subnets));
    return providerResult(network, {
      status: 'unknown',
      message: `None of ${providerLabel(network)}'s subnets exists (${network.subnetIds.join(', ')}), so it has no egress to judge.`,
      evidence: { deletedSubnets: network.subnetIds },
    });
  });
}

/** Every VPC function and every capacity provider, each judged once by the same verdict over its subnets. */
export function judgeFunctionsAndProviders(
  snapshot: Snapshot,
  index: SnapshotIndex,
  verdict: (subject: EgressSubject, subnets: UsedSubnet[]) => FunctionVerdict,
): RuleResult[] {
  return [
    ...judgeEachFunction(index, (fn, configurations, subnets) =>
      functionResult(fn, verdict(functionSubject(fn, configurations), subnets)),
    ),
    ...judgeEachProvider(snapshot, index, (network, subnets) => verdict(providerSubject(network), subnets)),
  ];
}
