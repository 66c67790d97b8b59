import type { EgressHop, EgressPath, StopReason, VerdictKind } from '../../analyze/egress/path.js';
import { callable, type EndpointSummary, type UsedSubnet } from '../../analyze/egress/subnets.js';
import type { AddressFamily } from '../../analyze/egress/targets.js';
import { mapDefined } from '../../analyze/lists.js';
import { type SnapshotIndex, sortedUnique } from '../../analyze/snapshot-index.js';
import { plural } from './digest.js';

/** The one-line summary of a set of subnets' egress: short, with the targets that matter; the paths hold the detail. */

/** Verdicts in the order a mixed summary lists them: working paths first. */
const KIND_ORDER: readonly VerdictKind[] = ['internet', 'beyond', 'isolated', 'no-internet', 'unknown'];

function distinct(values: readonly string[]): string {
  return sortedUnique(values).join(', ');
}

/** "NAT gateway nat-1 (eu-west-1a)": an in-VPC hop, with the zone of a NAT's subnet. */
function hopName(hop: EgressHop, index: SnapshotIndex): string {
  const route = hop.route;
  if (route === null) return hop.subnetId;
  const zone =
    route.nextSubnetId === null ? undefined : index.subnetById.get(route.nextSubnetId)?.AvailabilityZone;
  return `${route.targetName} ${route.targetId}${route.targetKind === 'nat-gateway' && zone ? ` (${zone})` : ''}`;
}

/** What a path that gets out goes through: its in-VPC hops, else the gateway it leaves by. */
function via(path: EgressPath, index: SnapshotIndex): string {
  const inside = path.hops.filter((hop) => hop.route?.nextSubnetId);
  if (inside.length > 0) return inside.map((hop) => hopName(hop, index)).join(' then ');
  const last = path.hops.at(-1)?.route;
  return last ? `${last.targetName} ${last.targetId}` : 'an unknown target';
}

/** Where a stopped path stops, in a few words: what stops it, after which in-VPC hop. */
function stopText(path: EgressPath): string {
  if (path.verdict.kind !== 'no-internet') return path.detail;
  const last = path.hops.at(-1);
  if (path.verdict.stop === 'no-public-ip' && path.hops.length === 1 && path.family === 'ipv4')
    return `public subnet${last?.viaMainTable ? ' through the main route table' : ''}, Lambda ENIs get no public IP`;
  const id = last?.route?.targetId ?? '';
  const words: Record<StopReason, string> = {
    'no-public-ip': `internet gateway ${id} drops private addresses`,
    blackhole: `blackhole at ${id}`,
    'no-route': 'no default route onward',
    peering: `peering connection ${id} reaches only the peer VPC`,
    'nat-instance': `NAT instance ${id} not forwarding`,
    'transit-gateway-zone': `no attachment to ${id} in the zone`,
    'network-acl': `network ACL ${last?.networkAcl?.networkAclId ?? ''} denies HTTPS or its replies`,
    loop: 'routing loop',
  };
  const previous = path.hops.at(-2)?.route;
  return `${previous ? `after ${previous.targetName} ${previous.targetId}, ` : ''}${words[path.verdict.stop]}`;
}

function endpointsText(endpoints: readonly EndpointSummary[] | null): string {
  if (endpoints === null) return 'VPC endpoints not collected';
  const usable = endpoints.filter(callable);
  return usable.length === 0 ? 'no VPC endpoints' : `endpoints: ${distinct(usable.map((e) => e.service))}`;
}

function kindText(kind: VerdictKind, paths: readonly EgressPath[], index: SnapshotIndex): string {
  switch (kind) {
    case 'internet':
      return `internet via ${distinct(paths.map((p) => via(p, index)))}`;
    case 'beyond':
      return distinct(paths.map((p) => p.detail));
    case 'isolated': {
      const vpcId = index.subnetById.get(paths[0]?.subnetId ?? '')?.VpcId;
      return `no route out of the VPC (${endpointsText(vpcId ? index.egress.endpoints(vpcId) : null)})`;
    }
    case 'no-internet':
      return `no internet: ${distinct(paths.map(stopText))}`;
    case 'unknown':
      return `egress unknown (${distinct(paths.map((p) => p.detail))})`;
  }
}

/** One family's paths across the subnets: one verdict, or MIXED with a count per verdict. */
function familyText(paths: readonly EgressPath[], index: SnapshotIndex): string {
  const groups = KIND_ORDER.map((kind) => ({
    kind,
    members: paths.filter((p) => p.verdict.kind === kind),
  })).filter((g) => g.members.length > 0);
  const [only] = groups;
  if (groups.length === 1 && only) return kindText(only.kind, only.members, index);
  return `MIXED: ${groups.map((g) => `${g.members.length} ${kindText(g.kind, g.members, index)}`).join('; ')}`;
}

const FAMILY_NAME: Record<AddressFamily, string> = { ipv4: 'IPv4', ipv6: 'IPv6' };

/** "3 subnets in 3 AZs, internet via NAT gateway nat-… (eu-west-1a), ..." for one configuration. */
export function summarizeSubnets(
  used: readonly UsedSubnet[],
  deleted: readonly string[],
  index: SnapshotIndex,
): string {
  const total = used.length + deleted.length;
  const zones = sortedUnique(mapDefined(used, (s) => s.subnet.availabilityZone ?? undefined));
  const where =
    `${plural(total, 'subnet')} in ${plural(zones.length, 'AZ')}` +
    (deleted.length > 0 ? ` (${deleted.length} not found)` : '');
  if (used.length === 0) return `${where}, no egress to judge`;
  const families = (['ipv4', 'ipv6'] as const).filter((family) =>
    used.some((s) => s.paths.some((p) => p.family === family)),
  );
  const parts = families.map((family) => {
    const text = familyText(
      used.flatMap((s) => s.paths.filter((p) => p.family === family)),
      index,
    );
    return families.length > 1 ? `${FAMILY_NAME[family]} ${text}` : text;
  });
  return `${where}, ${parts.join('; ')}`;
}

/** "$LATEST, 1-126": versions as a person reads them, consecutive numbers as ranges. */
export function versionList(versions: readonly string[]): string {
  const numbers = versions.filter((v) => /^\d+$/.test(v)).map(Number);
  const named = versions.filter((v) => !/^\d+$/.test(v));
  const runs: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === (numbers[j] ?? 0) + 1) j += 1;
    const [from, to] = [numbers[i], numbers[j]];
    runs.push(j - i >= 2 ? `${from}-${to}` : numbers.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return [...named, ...runs].join(', ');
}
