import {
  judgeBeyond,
  judgeEgressOnlyGateway,
  judgeInternetGateway,
  judgePeering,
  judgeTransitGateway,
} from './gateways.js';
import { FROM_LAMBDA, type HopInput, type Judgement, type Source, unknownOutcome } from './hop.js';
import { judgeLoadBalancerEndpoint, judgeNatGateway, judgeNatInstance } from './in-vpc.js';
import { checkNetworkAcl, describeDenials } from './network-acl.js';
import type { AclCheck, EgressHop, EgressPath, PathVerdict } from './path.js';
import {
  type AddressFamily,
  DEFAULT_DESTINATION,
  defaultRoute,
  type RouteTargetKind,
  routeTarget,
  targetLabel,
} from './targets.js';
import type { EgressWorld } from './world.js';

/**
 * The path walker: from a subnet, the default route of its route table (explicit association, else the VPC's main
 * table), then on from every target that sits inside the VPC through that target's own subnet's table, until the
 * path reaches the internet, leaves the VPC toward what this account cannot see, is dropped, or loops. Each subnet
 * on the way has its network ACL checked. Pure; the same world and subnet always give the same path.
 */

/** Subnets a path may cross: real designs use three (function, firewall, NAT); more is a loop in disguise. */
export const MAX_HOPS = 8;
/** A route's documented states (absent is taken as active, as before the field existed). */
const ROUTE_STATES = new Set(['active', 'blackhole']);

const JUDGES: Record<RouteTargetKind, (input: HopInput) => Judgement> = {
  'internet-gateway': judgeInternetGateway,
  'egress-only-internet-gateway': judgeEgressOnlyGateway,
  'nat-gateway': judgeNatGateway,
  'nat-instance': judgeNatInstance,
  'gateway-load-balancer-endpoint': judgeLoadBalancerEndpoint,
  'transit-gateway': judgeTransitGateway,
  'vpc-peering': judgePeering,
  'virtual-private-gateway': judgeBeyond,
  'carrier-gateway': judgeBeyond,
  'local-gateway': judgeBeyond,
  'core-network': judgeBeyond,
  'odb-network': judgeBeyond,
  unrecognised: ({ target }) => ({
    targetState: null,
    rule: 'The route names a target the auditor does not know.',
    outcome: unknownOutcome(`the default route's target ${target.id} is not one the auditor knows`),
  }),
};

/** The subnet's network ACL judged for the family, or why it cannot be. */
function aclOf(
  world: EgressWorld,
  subnetId: string,
  vpcId: string,
  family: AddressFamily,
): { check: AclCheck } | { unknown: string } {
  if (world.snapshot.networkAcls === null) return { unknown: 'network ACLs were not collected' };
  const found = world.aclForSubnet(subnetId, vpcId);
  if (!found) return { unknown: `no network ACL is recorded for ${subnetId}` };
  return { check: checkNetworkAcl(found.acl, found.viaDefault, family) };
}

const NO_DEFAULT_ROUTE_RULE = 'Without a default route, traffic reaches only the VPC and its endpoints.';
const ACL_RULE =
  'Network ACLs are stateless: HTTPS out needs TCP 443 allowed outbound and its replies (ports 1024-65535) allowed inbound.';

/** The path of traffic a Lambda ENI in the subnet sends to the internet. */
export function walkPath(world: EgressWorld, subnetId: string, family: AddressFamily): EgressPath {
  return walkFrom(world, subnetId, family, FROM_LAMBDA, true);
}

/**
 * The path from a subnet for traffic as `start` says it is. `origin`: the subnet is where the traffic starts (no
 * default route there means isolated); otherwise an in-VPC target sends it on from there (no route: a dead end).
 */
export function walkFrom(
  world: EgressWorld,
  subnetId: string,
  family: AddressFamily,
  start: Source,
  origin: boolean,
): EgressPath {
  const hops: EgressHop[] = [];
  const visited = new Set<string>();
  let aclUnknown: string | null = null;
  let source: Source = start;
  let current = subnetId;

  const finish = (verdict: PathVerdict, detail: string): EgressPath => {
    // A way out across a subnet whose network ACL is unknown is not known to be a way out; a dead end stays one.
    if ((verdict.kind === 'internet' || verdict.kind === 'beyond') && aclUnknown !== null)
      return {
        family,
        subnetId,
        hops,
        verdict: { kind: 'unknown' },
        routeVerdict: verdict,
        detail: `${detail}, but ${aclUnknown}`,
      };
    // Past the first subnet, say which hop the traffic came through: "after NAT gateway nat-1: ...".
    const previous = hops.at(-2)?.route;
    const told =
      verdict.kind === 'no-internet' && previous
        ? `after ${previous.targetName} ${previous.targetId}: ${detail}`
        : detail;
    return { family, subnetId, hops, verdict, routeVerdict: verdict, detail: told };
  };
  const unknown = (detail: string) => finish({ kind: 'unknown' }, detail);

  for (let depth = 0; ; depth += 1) {
    if (depth >= MAX_HOPS) return unknown(`the path is longer than ${MAX_HOPS} hops`);
    if (visited.has(current))
      return finish(
        { kind: 'no-internet', stop: 'loop' },
        `the path comes back to ${current}: a routing loop`,
      );
    visited.add(current);
    if (world.snapshot.subnets === null) return unknown('subnets were not collected');
    const subnet = world.subnetById.get(current);
    if (!subnet) return unknown(`subnet ${current} was not found`);
    if (world.snapshot.routeTables === null) return unknown('route tables were not collected');
    const routing = world.routingForSubnet(current);
    const hop: EgressHop = {
      subnetId: current,
      routeTableId: routing?.table.RouteTableId ?? null,
      viaMainTable: routing?.viaMainTable ?? null,
      networkAcl: null,
      route: null,
      rule: '',
    };
    hops.push(hop);

    const acl = aclOf(world, current, subnet.VpcId, family);
    if ('check' in acl) hop.networkAcl = acl.check;
    else aclUnknown ??= acl.unknown;
    // A dead end in the routes is the stop even where the ACL also blocks: opening the ACL would not help.
    const aclStop = (): EgressPath | null => {
      if (hop.networkAcl === null || hop.networkAcl.denials.length === 0) return null;
      hop.rule = ACL_RULE;
      return finish({ kind: 'no-internet', stop: 'network-acl' }, describeDenials(hop.networkAcl));
    };

    if (!routing) {
      hop.rule = 'A subnet uses its explicit route table, else its VPC main table; neither was found.';
      return (
        aclStop() ?? unknown(`no route table found for ${current}, nor a main table for ${subnet.VpcId}`)
      );
    }
    const route = defaultRoute(routing.table, family);
    if (!route) {
      hop.rule = NO_DEFAULT_ROUTE_RULE;
      if (depth === 0 && origin)
        return finish({ kind: 'isolated' }, 'no default route: only the VPC and its endpoints are reachable');
      const table = `${routing.viaMainTable ? 'main route table ' : ''}${routing.table.RouteTableId}`;
      return finish(
        { kind: 'no-internet', stop: 'no-route' },
        `its subnet ${current} has no ${DEFAULT_DESTINATION[family]} route (${table})`,
      );
    }
    const target = routeTarget(route);
    const label = `${DEFAULT_DESTINATION[family]} via ${targetLabel(target.kind)} ${target.id}`;
    hop.route = {
      destination: DEFAULT_DESTINATION[family],
      targetKind: target.kind,
      targetId: target.id,
      targetName: targetLabel(target.kind),
      routeState: route.State ?? null,
      targetState: null,
      nextSubnetId: null,
    };
    if (route.State === 'blackhole') {
      hop.rule =
        'A blackhole route drops the traffic: its target is gone, detached, or a terminated NAT instance.';
      return finish({ kind: 'no-internet', stop: 'blackhole' }, `the route ${label} is a blackhole`);
    }
    if (route.State !== undefined && !ROUTE_STATES.has(route.State)) {
      hop.rule = 'Routes are active or blackhole.';
      return (
        aclStop() ??
        unknown(`the route ${label} is in state "${route.State}", which the auditor does not know`)
      );
    }
    const judgement = JUDGES[target.kind]({ world, family, subnet, route, target, source });
    hop.route.targetState = judgement.targetState;
    if (judgement.label !== undefined) hop.route.targetName = judgement.label;
    hop.rule = judgement.rule;
    const { outcome } = judgement;
    if (outcome.kind === 'end' && outcome.verdict.kind === 'no-internet')
      return finish(outcome.verdict, outcome.detail);
    const blocked = aclStop();
    if (blocked !== null) return blocked;
    if (outcome.kind === 'end') return finish(outcome.verdict, outcome.detail);
    hop.route.nextSubnetId = outcome.subnetId;
    source = outcome.source ?? source;
    current = outcome.subnetId;
  }
}
