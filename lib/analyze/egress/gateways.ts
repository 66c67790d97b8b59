import {
  ends,
  type HopInput,
  type Judgement,
  missingTarget,
  notCollected,
  stops,
  unknownOutcome,
} from './hop.js';
import { type RouteTargetKind, targetLabel } from './targets.js';
import type { EgressWorld } from './world.js';

/** The targets where a path leaves the VPC: internet gateways, peering, transit gateways and the other gateways. */

/** DescribeInternetGateways reports `available` for an attached gateway; the API enum says `attached`. */
const ATTACHED_STATES = new Set(['available', 'attached']);
/** The other documented attachment states; any state outside both sets is one the auditor cannot judge. */
const NOT_ATTACHED_STATES = new Set(['attaching', 'detaching', 'detached']);

export type Attachment = 'attached' | 'detached' | 'missing' | 'unknown';

export function internetGatewayAttachment(world: EgressWorld, igwId: string, vpcId: string): Attachment {
  const igw = world.internetGatewayById.get(igwId);
  if (!igw) return 'missing';
  const states = igw.Attachments.filter((a) => a.VpcId === vpcId).map((a) => a.State ?? '');
  if (states.some((state) => ATTACHED_STATES.has(state))) return 'attached';
  return states.every((state) => NOT_ATTACHED_STATES.has(state)) ? 'detached' : 'unknown';
}

/** Whether an internet gateway is attached to the VPC; null when that cannot be told. */
export function vpcHasInternetGateway(world: EgressWorld, vpcId: string): boolean | null {
  if (world.snapshot.internetGateways === null) return null;
  const states = [...world.internetGatewayById.keys()].map((id) =>
    internetGatewayAttachment(world, id, vpcId),
  );
  if (states.includes('attached')) return true;
  return states.includes('unknown') ? null : false;
}

/**
 * An internet gateway translates only addresses that have a public IPv4 address; IPv6 addresses are public already
 * (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html). A private NAT gateway's traffic is
 * dropped there (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html).
 */
export function judgeInternetGateway({ world, family, subnet, target, source }: HopInput): Judgement {
  if (world.snapshot.internetGateways === null) return notCollected('Internet gateways');
  const attachment = internetGatewayAttachment(world, target.id, subnet.VpcId);
  if (attachment === 'missing') return missingTarget(`internet gateway ${target.id}`);
  if (attachment === 'unknown')
    return {
      targetState: 'unknown',
      rule: 'The internet gateway is attached in a state no documentation lists.',
      outcome: unknownOutcome(
        `internet gateway ${target.id} is attached in a state the auditor does not know`,
      ),
    };
  if (attachment === 'detached')
    return {
      targetState: 'detached',
      rule: 'The internet gateway is not attached to the VPC: the route goes nowhere.',
      outcome: stops('blackhole', `internet gateway ${target.id} is not attached to ${subnet.VpcId}`),
    };
  if (family === 'ipv6')
    return {
      targetState: 'attached',
      rule: 'An internet gateway passes IPv6 traffic: IPv6 addresses are public.',
      outcome: ends(
        { kind: 'internet' },
        `reaches the internet (IPv6) through internet gateway ${target.id}`,
      ),
    };
  if (source.publicIpv4)
    return {
      targetState: 'attached',
      rule: `An internet gateway translates a public IPv4 address: the traffic comes from ${source.origin}.`,
      outcome: ends({ kind: 'internet' }, `reaches the internet through internet gateway ${target.id}`),
    };
  return {
    targetState: 'attached',
    rule:
      'An internet gateway passes IPv4 only for addresses that have a public IPv4 address; ' +
      `this traffic comes from ${source.origin}.`,
    outcome: stops(
      'no-public-ip',
      `internet gateway ${target.id} drops it: it comes from ${source.origin}, and only public IPv4 addresses pass`,
    ),
  };
}

/** An egress-only internet gateway passes outbound IPv6 only (https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html). */
export function judgeEgressOnlyGateway({ family, target }: HopInput): Judgement {
  if (family === 'ipv4')
    return {
      targetState: null,
      rule: 'An egress-only internet gateway carries IPv6 only.',
      outcome: unknownOutcome(
        `an IPv4 route to egress-only internet gateway ${target.id} is not one AWS creates`,
      ),
    };
  return {
    targetState: null,
    rule: 'An egress-only internet gateway passes outbound IPv6 traffic to the internet.',
    outcome: ends(
      { kind: 'internet' },
      `reaches the internet (IPv6) through egress-only internet gateway ${target.id}`,
    ),
  };
}

/** Peering statuses in which the connection is gone for good. */
const DEAD_PEERING = new Set(['deleted', 'deleting', 'rejected', 'expired', 'failed']);

/**
 * A peering connection reaches the peer VPC's CIDRs only: no edge-to-edge routing through the peer's internet
 * gateway, NAT device, VPN or Direct Connect (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html).
 */
export function judgePeering({ world, target }: HopInput): Judgement {
  if (world.snapshot.vpcPeeringConnections === null) return notCollected('VPC peering connections');
  const peering = world.peeringById.get(target.id);
  if (!peering) return missingTarget(`VPC peering connection ${target.id}`);
  const status = peering.Status?.Code ?? null;
  if (status !== null && DEAD_PEERING.has(status))
    return {
      targetState: status,
      rule: 'A peering connection that is not active carries nothing.',
      outcome: stops('blackhole', `VPC peering connection ${target.id} is ${status}`),
    };
  const peer = [peering.AccepterVpcInfo, peering.RequesterVpcInfo].map((info) => info?.VpcId).join(' / ');
  return {
    targetState: status,
    rule:
      "A VPC peering connection reaches the peer VPC's addresses only; AWS does not route on through the peer's " +
      'internet gateway or NAT.',
    outcome: stops(
      'peering',
      `VPC peering connection ${target.id} (${peer}) reaches only the peer VPC, not the internet`,
    ),
  };
}

/** Attachment states in which traffic flows. */
const FLOWING_ATTACHMENT = new Set(['available', 'modifying']);

/**
 * Traffic reaches a transit gateway only when this VPC's attachment exists, is available, and has a subnet in the
 * sending subnet's Availability Zone (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html). What
 * the transit gateway does with it is not visible from this account.
 */
export function judgeTransitGateway({ world, subnet, target }: HopInput): Judgement {
  if (world.snapshot.transitGatewayAttachments === null) return notCollected('Transit gateway attachments');
  const attachments = (world.attachmentsByVpc.get(subnet.VpcId) ?? []).filter(
    (a) => a.TransitGatewayId === target.id,
  );
  const attachment = attachments.find((a) => FLOWING_ATTACHMENT.has(a.State ?? '')) ?? attachments[0];
  if (!attachment)
    return {
      targetState: 'not attached',
      rule: 'A route to a transit gateway carries traffic only through an attachment of this VPC.',
      outcome: stops('blackhole', `${subnet.VpcId} has no attachment to transit gateway ${target.id}`),
    };
  const state = attachment.State ?? 'unknown';
  if (!FLOWING_ATTACHMENT.has(state))
    return {
      targetState: state,
      rule: 'A transit gateway attachment passes traffic only while it is available.',
      outcome: stops(
        'blackhole',
        `attachment ${attachment.TransitGatewayAttachmentId} to ${target.id} is ${state}`,
      ),
    };
  if (world.snapshot.subnets === null) return notCollected('Subnets');
  const zones = attachment.SubnetIds.map((id) => world.subnetById.get(id)?.AvailabilityZone);
  if (!zones.includes(subnet.AvailabilityZone)) {
    if (zones.includes(undefined))
      return {
        targetState: state,
        rule: 'Traffic reaches a transit gateway only in Availability Zones where the attachment has a subnet.',
        outcome: unknownOutcome(
          `a subnet of attachment ${attachment.TransitGatewayAttachmentId} was not found`,
        ),
      };
    return {
      targetState: state,
      rule: 'Traffic reaches a transit gateway only in Availability Zones where the attachment has a subnet.',
      outcome: stops(
        'transit-gateway-zone',
        `attachment ${attachment.TransitGatewayAttachmentId} to ${target.id} has no subnet in ${subnet.AvailabilityZone}`,
      ),
    };
  }
  return {
    targetState: state,
    rule: 'The attachment is available in this zone: traffic enters the transit gateway.',
    outcome: ends(
      { kind: 'beyond', via: 'transit-gateway', id: target.id },
      `leaves through transit gateway ${target.id}; internet beyond it not verifiable here`,
    ),
  };
}

const BEYOND_TOWARD: Partial<Record<RouteTargetKind, string>> = {
  'virtual-private-gateway': 'toward on-premises (VPN or Direct Connect)',
  'local-gateway': 'toward the Outposts network',
  'carrier-gateway': 'toward the carrier network (Wavelength)',
  'core-network': 'into the Cloud WAN core network (its attachment is not readable with EC2)',
  'odb-network': 'toward the Oracle Database@AWS network',
};

/** A gateway out of the VPC whose far side this account cannot see: informational, like a transit gateway. */
export function judgeBeyond({ target }: HopInput): Judgement {
  const toward = BEYOND_TOWARD[target.kind] ?? 'out of the VPC';
  return {
    targetState: null,
    rule: `Traffic leaves the VPC ${toward}.`,
    outcome: ends(
      { kind: 'beyond', via: target.kind, id: target.id },
      `leaves through ${targetLabel(target.kind)} ${target.id} ${toward}; internet beyond it not verifiable here`,
    ),
  };
}
