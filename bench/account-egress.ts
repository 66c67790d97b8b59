import type { SyntheticAccount, SyntheticEgress, SyntheticRouteTable } from './account-types.js';

/**
 * The synthetic account's egress topologies, added to the generated network: every VPC has its default network ACL;
 * every 4th VPC is a spoke whose private subnets go out through a transit gateway (attached in every zone); in
 * every 5th, one private table goes through a NAT instance; in every 7th (from the 6th), one private table was
 * pointed at a peering connection by mistake. Deterministic like the rest of the account; the quick account's 6
 * VPCs hold one of each.
 */
const TGW = 'tgw-0b0b0b0b0b0b0b0b0';
/** Ids of 17 digits (decimal digits are hex digits too). */
const id17 = (n: number) => String(n).padStart(17, '0');

function reroute(
  table: SyntheticRouteTable,
  target: SyntheticRouteTable['routes'][number],
): SyntheticRouteTable {
  return {
    ...table,
    routes: table.routes.map((route) => (route.destination === '0.0.0.0/0' ? target : route)),
  };
}

export function withEgress(base: Omit<SyntheticAccount, keyof SyntheticEgress>): SyntheticAccount {
  const egress: SyntheticEgress = {
    natInstances: [],
    peerings: [],
    transitGatewayAttachments: [],
    networkAcls: [],
  };
  let routeTables = base.routeTables;
  const enis = [...base.networkInterfaces];
  base.vpcs.forEach((vpc, v) => {
    egress.networkAcls.push({ id: `acl-${id17(v)}`, vpcId: vpc.id });
    const privateTables = routeTables.filter((t) => t.vpcId === vpc.id && !t.main);
    const first = privateTables[0];
    if (first === undefined) return;
    if (v % 4 === 3) {
      // Attached in one subnet of every zone the VPC uses, as a working spoke is: a zone without one cannot reach it.
      const zones = new Map<string, string>();
      for (const s of base.subnets) if (s.vpcId === vpc.id && !zones.has(s.az)) zones.set(s.az, s.id);
      egress.transitGatewayAttachments.push({
        id: `tgw-attach-${id17(v)}`,
        tgwId: TGW,
        vpcId: vpc.id,
        subnetIds: [...zones.values()],
      });
      const spoke = new Set(privateTables.map((t) => t.id));
      routeTables = routeTables.map((t) =>
        spoke.has(t.id)
          ? reroute(t, { destination: '0.0.0.0/0', transitGatewayId: TGW, state: 'active' })
          : t,
      );
    } else if (v % 5 === 4) {
      // The NAT instance takes the place of one of the region's plain ENIs, moved into a public subnet of this VPC
      // when none is there already: the total is kept.
      const publicSubnet = base.subnets.find((s) => s.public && s.vpcId === vpc.id);
      if (publicSubnet === undefined) return;
      const plain = (e: (typeof enis)[number]) =>
        e.interfaceType === 'interface' && e.natInstance === undefined;
      const inPlace = enis.findIndex(
        (e) => plain(e) && base.subnets.some((s) => s.id === e.subnetId && s.public && s.vpcId === vpc.id),
      );
      const slot = inPlace >= 0 ? inPlace : enis.findIndex(plain);
      const found = enis[slot];
      if (found === undefined) return;
      const eni =
        inPlace >= 0 ? found : { ...found, subnetId: publicSubnet.id, vpcId: vpc.id, az: publicSubnet.az };
      const instance = {
        id: `i-${id17(v)}`,
        eniId: eni.id,
        subnetId: eni.subnetId,
        vpcId: vpc.id,
        publicIp: `198.51.100.${v % 250}`,
      };
      enis[slot] = { ...eni, natInstance: { instanceId: instance.id, publicIp: instance.publicIp } };
      egress.natInstances.push(instance);
      routeTables = routeTables.map((t) =>
        t.id === first.id
          ? reroute(t, {
              destination: '0.0.0.0/0',
              instanceId: instance.id,
              networkInterfaceId: eni.id,
              state: 'active',
            })
          : t,
      );
    } else if (v % 7 === 5) {
      const peering = { id: `pcx-${id17(v)}`, vpcId: vpc.id };
      egress.peerings.push(peering);
      routeTables = routeTables.map((t) =>
        t.id === first.id
          ? reroute(t, { destination: '0.0.0.0/0', vpcPeeringConnectionId: peering.id, state: 'active' })
          : t,
      );
    }
  });
  return { ...base, routeTables, networkInterfaces: enis, ...egress };
}
