import { withEgress } from './account-egress.js';
import type {
  AccountSize,
  SyntheticAccount,
  SyntheticEgress,
  SyntheticEni,
  SyntheticFunction,
  SyntheticNatGateway,
  SyntheticRoute,
  SyntheticRouteTable,
  SyntheticSecurityGroup,
  SyntheticSubnet,
} from './account-types.js';
import { capacityProvidersFor } from './capacity-providers.js';

/**
 * A synthetic account of any size, deterministic (the same sizes give the same account), shaped like a real
 * one (its IAM in iam-account.ts): VPCs with public and private subnets over three AZs, NAT and internet gateways, VPC functions that
 * share a few hundred network profiles (subnets + security groups), one Lambda ENI per (subnet, security
 * group set) they use, and the region's other ENIs (instances, endpoints, NAT gateways) up to the total.
 */
import { localPoliciesFor, rolesFor, type SyntheticRole } from './iam-account.js';

export const DEFAULT_SIZE: AccountSize = {
  functions: 10_000,
  vpcFunctions: 2_000,
  publishedVersions: 0,
  networkInterfaces: 20_000,
  subnets: 1_000,
  routeTables: 300,
  vpcs: 40,
  securityGroups: 1_200,
  // One role per function; `--roles 1500 --execution-roles 100` gives the older shape (roles shared by functions).
  roles: 10_000,
  executionRoles: 2_000,
  vpcEndpoints: 120,
  capacityProviders: 20,
};

/** Small enough for a sanity run in a few seconds, large enough to page every list and use every bucket. */
export const QUICK_SIZE: AccountSize = {
  functions: 1_000,
  vpcFunctions: 300,
  publishedVersions: 20,
  networkInterfaces: 2_500,
  subnets: 120,
  routeTables: 40,
  vpcs: 6,
  securityGroups: 150,
  roles: 1_000,
  executionRoles: 300,
  vpcEndpoints: 15,
  capacityProviders: 4,
};

export const ACCOUNT_ID = '123456789012';
export const REGION = 'eu-west-1';
const AZS = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] as const;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** Spreads `part` of `whole` evenly: true for `part` of the indexes 0..whole-1. */
function evenly(index: number, part: number, whole: number): boolean {
  return Math.floor(((index + 1) * part) / whole) > Math.floor((index * part) / whole);
}

function pick<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new RangeError('Cannot pick from an empty list.');
  return item;
}

function checkSize(size: AccountSize): void {
  for (const [key, value] of Object.entries(size))
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${key} must be a whole number >= 0.`);
  if (size.vpcFunctions > size.functions) throw new RangeError('vpcFunctions cannot exceed functions.');
  if (size.vpcs < 1 || size.subnets < size.vpcs * 2)
    throw new RangeError('Each VPC needs at least two subnets.');
  if (size.routeTables < size.vpcs) throw new RangeError('Each VPC needs its main route table.');
  if (size.securityGroups < size.vpcs) throw new RangeError('Each VPC needs a security group.');
  if (size.executionRoles < 1 || size.roles < size.executionRoles + size.capacityProviders)
    throw new RangeError(
      'roles must include the executionRoles (at least one) and one operator role per capacity provider.',
    );
}

type Network = Pick<
  SyntheticAccount,
  'vpcs' | 'subnets' | 'routeTables' | 'internetGateways' | 'natGateways' | 'securityGroups'
>;

function network(size: AccountSize): Network {
  const vpcs = Array.from({ length: size.vpcs }, (_, v) => ({
    id: `vpc-${hex(v, 17)}`,
    cidr: `10.${v % 256}.0.0/16`,
  }));
  const subnets: SyntheticSubnet[] = Array.from({ length: size.subnets }, (_, s) => {
    const v = s % size.vpcs;
    const nth = Math.floor(s / size.vpcs);
    // The first subnet in each of a VPC's first AZs is public (it holds the NAT gateway).
    const isPublic = nth < Math.min(AZS.length, Math.floor(size.subnets / size.vpcs) - 1);
    return {
      id: `subnet-${hex(s, 17)}`,
      vpcId: pick(vpcs, v).id,
      az: pick(AZS, nth),
      cidr: `10.${v % 256}.${nth % 256}.0/24`,
      // Every 25th subnet is nearly full.
      available: s % 25 === 24 ? 3 : 200 + (s % 50),
      public: isPublic,
    };
  });
  const internetGateways = vpcs.map((vpc, v) => ({ id: `igw-${hex(v, 17)}`, vpcId: vpc.id }));
  const natGateways: SyntheticNatGateway[] = subnets
    .filter((subnet) => subnet.public)
    .map((subnet, n) => ({
      id: `nat-${hex(n, 17)}`,
      vpcId: subnet.vpcId,
      subnetId: subnet.id,
      // One NAT gateway in 40 was deleted: the routes to it are blackholes.
      state: n % 40 === 39 ? 'deleted' : 'available',
    }));
  const routeTables = routeTablesFor(size, vpcs, subnets, internetGateways, natGateways);
  const securityGroups: SyntheticSecurityGroup[] = Array.from({ length: size.securityGroups }, (_, g) => ({
    id: `sg-${hex(g, 17)}`,
    vpcId: pick(vpcs, g).id,
    name: g < size.vpcs ? 'default' : `app-${g}`,
    openEgress: g % 10 !== 9,
  }));
  return { vpcs, subnets, routeTables, internetGateways, natGateways, securityGroups };
}

/** Per VPC: its main table (to the internet gateway), then private tables through its NAT gateways. */
function routeTablesFor(
  size: AccountSize,
  vpcs: readonly { id: string }[],
  subnets: readonly SyntheticSubnet[],
  internetGateways: readonly { id: string; vpcId: string }[],
  natGateways: readonly SyntheticNatGateway[],
): SyntheticRouteTable[] {
  const local = (cidr: string): SyntheticRoute => ({
    destination: cidr,
    gatewayId: 'local',
    state: 'active',
  });
  const tables: SyntheticRouteTable[] = [];
  vpcs.forEach((vpc, v) => {
    const igw = pick(internetGateways, v).id;
    const vpcSubnets = subnets.filter((subnet) => subnet.vpcId === vpc.id);
    const nats = natGateways.filter((nat) => nat.vpcId === vpc.id);
    const privateCount =
      Math.floor(size.routeTables / size.vpcs) - 1 + (v < size.routeTables % size.vpcs ? 1 : 0);
    const cidr = `10.${v % 256}.0.0/16`;
    tables.push({
      id: `rtb-${hex(tables.length, 17)}`,
      vpcId: vpc.id,
      main: true,
      subnetIds: vpcSubnets.filter((subnet) => subnet.public).map((subnet) => subnet.id),
      routes: [local(cidr), { destination: '0.0.0.0/0', gatewayId: igw, state: 'active' }],
    });
    const privateSubnets = vpcSubnets.filter((subnet) => !subnet.public);
    for (let t = 0; t < privateCount; t += 1) {
      const nat = nats.length === 0 ? undefined : pick(nats, t);
      tables.push({
        id: `rtb-${hex(tables.length, 17)}`,
        vpcId: vpc.id,
        main: false,
        // Subnets left over (privateCount 0) use the main table: public routing for a private subnet.
        subnetIds: privateSubnets.filter((_, i) => i % privateCount === t).map((subnet) => subnet.id),
        routes: [
          local(cidr),
          nat === undefined
            ? { destination: '0.0.0.0/0', gatewayId: igw, state: 'active' }
            : {
                destination: '0.0.0.0/0',
                natGatewayId: nat.id,
                state: nat.state === 'deleted' ? 'blackhole' : 'active',
              },
        ],
      });
    }
  });
  return tables;
}

type Profile = { vpcId: string; subnetIds: string[]; securityGroupIds: string[] };

/** Network profiles VPC functions share: two or three private subnets in different AZs, one or two groups. */
function profiles(size: AccountSize, net: Network): Profile[] {
  const count = Math.max(1, Math.ceil(size.vpcFunctions / 5));
  return Array.from({ length: count }, (_, p) => {
    const vpc = pick(net.vpcs, p);
    const subnets = net.subnets.filter((subnet) => subnet.vpcId === vpc.id && !subnet.public);
    const groups = net.securityGroups.filter((group) => group.vpcId === vpc.id);
    const subnetCount = Math.min(subnets.length, 2 + (p % 2));
    const start = Math.floor(p / net.vpcs.length);
    const groupCount = Math.min(groups.length, 1 + (p % 2));
    return {
      vpcId: vpc.id,
      subnetIds: Array.from({ length: subnetCount }, (_, i) => pick(subnets, start + i).id),
      securityGroupIds: Array.from({ length: groupCount }, (_, i) => pick(groups, start * 2 + i).id),
    };
  });
}

function functionsFor(size: AccountSize, shared: Profile[], roles: SyntheticRole[]): SyntheticFunction[] {
  const functions: SyntheticFunction[] = [];
  let vpcIndex = 0;
  for (let f = 0; f < size.functions; f += 1) {
    const name = `fn-${hex(f, 5)}`;
    const memory = [128, 256, 512, 1024, 2048][f % 5] ?? 128;
    if (!evenly(f, size.vpcFunctions, size.functions)) {
      const role = pick(roles, size.executionRoles + (f % Math.max(1, size.roles - size.executionRoles)));
      functions.push({
        name,
        version: '$LATEST',
        role: role.arn,
        memory,
        subnetIds: [],
        securityGroupIds: [],
        vpcId: '',
      });
      continue;
    }
    const profile = pick(shared, vpcIndex);
    const record: SyntheticFunction = {
      name,
      version: '$LATEST',
      role: pick(roles, vpcIndex % size.executionRoles).arn,
      memory,
      subnetIds: profile.subnetIds,
      securityGroupIds: profile.securityGroupIds,
      vpcId: profile.vpcId,
      ...(vpcIndex % 7 === 0 ? { reserved: 10 + (vpcIndex % 90) } : {}),
    };
    functions.push(record);
    if (evenly(vpcIndex, size.publishedVersions, size.vpcFunctions))
      functions.push({ ...record, version: '1' });
    vpcIndex += 1;
  }
  return functions;
}

/** One Lambda ENI per (subnet, security group set) in use, a few orphaned ones, then every other kind. */
function networkInterfacesFor(
  size: AccountSize,
  net: Network,
  functions: SyntheticFunction[],
): SyntheticEni[] {
  const subnetOf = new Map(net.subnets.map((subnet) => [subnet.id, subnet]));
  const enis: SyntheticEni[] = [];
  const add = (eni: Omit<SyntheticEni, 'id' | 'ip'>) => {
    const n = enis.length;
    enis.push({ ...eni, id: `eni-${hex(n, 17)}`, ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` });
  };
  const seen = new Set<string>();
  for (const fn of functions) {
    const groups = [...fn.securityGroupIds].sort();
    for (const subnetId of fn.subnetIds) {
      const key = `${subnetId}|${groups.join(',')}`;
      const subnet = subnetOf.get(subnetId);
      if (seen.has(key) || subnet === undefined || enis.length >= size.networkInterfaces) continue;
      seen.add(key);
      add({
        interfaceType: 'lambda',
        description: `AWS Lambda VPC ENI-${fn.name}-${hex(enis.length, 8)}-0000-4000-8000-000000000000`,
        status: 'in-use',
        subnetId,
        vpcId: subnet.vpcId,
        az: subnet.az,
        groupIds: groups,
        requesterManaged: true,
      });
    }
  }
  // Orphans: Lambda ENIs nothing uses any more, one per 50 in use.
  const orphans = Math.floor(enis.length / 50);
  for (let o = 0; o < orphans && enis.length < size.networkInterfaces; o += 1) {
    const subnet = pick(net.subnets, o * 7);
    add({
      interfaceType: 'lambda',
      description: `AWS Lambda VPC ENI-deleted-fn-${o}-${hex(o, 8)}-0000-4000-8000-000000000000`,
      status: 'available',
      subnetId: subnet.id,
      vpcId: subnet.vpcId,
      az: subnet.az,
      groupIds: [pick(net.securityGroups, o).id],
      requesterManaged: true,
    });
  }
  const kinds = [
    'interface',
    'interface',
    'interface',
    'vpc_endpoint',
    'nat_gateway',
    'network_load_balancer',
  ];
  for (let n = 0; enis.length < size.networkInterfaces; n += 1) {
    const subnet = pick(net.subnets, n);
    const interfaceType = pick(kinds, n);
    add({
      interfaceType,
      description: interfaceType === 'interface' ? `Primary network interface ${n}` : `${interfaceType} ${n}`,
      status: 'in-use',
      subnetId: subnet.id,
      vpcId: subnet.vpcId,
      az: subnet.az,
      groupIds: [pick(net.securityGroups, n).id],
      requesterManaged: interfaceType !== 'interface',
    });
  }
  return enis;
}

export function generateAccount(size: AccountSize): SyntheticAccount {
  return withEgress(generateBase(size));
}

function generateBase(size: AccountSize): Omit<SyntheticAccount, keyof SyntheticEgress> {
  checkSize(size);
  const net = network(size);
  const roles = rolesFor(ACCOUNT_ID, size.roles, size.executionRoles, size.capacityProviders);
  const lmi = capacityProvidersFor(
    size.capacityProviders,
    { region: REGION, accountId: ACCOUNT_ID },
    net.vpcs,
    net.subnets,
    net.securityGroups,
    {
      functions: roles.slice(0, size.executionRoles),
      operators: roles.slice(roles.length - size.capacityProviders),
    },
  );
  const functions = [...functionsFor(size, profiles(size, net), roles), ...lmi.functions];
  const vpcEndpoints = Array.from({ length: size.vpcEndpoints }, (_, e) => ({
    id: `vpce-${hex(e, 17)}`,
    vpcId: pick(net.vpcs, e).id,
    service: pick(['s3', 'dynamodb', 'secretsmanager', 'sqs'], e),
  }));
  return {
    size,
    functions,
    ...net,
    networkInterfaces: networkInterfacesFor(size, net, functions),
    vpcEndpoints,
    roles,
    capacityProviders: lmi.providers,
    localPolicies: localPoliciesFor(ACCOUNT_ID),
  };
}
