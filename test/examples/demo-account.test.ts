import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDemoAccount } from '../../examples/demo-account.js';
import { buildIndex, roleNameFromArn } from '../../lib/analyze/snapshot-index.js';
import { SnapshotSchema } from '../../lib/model/snapshot.js';

const jsonText = readFileSync(new URL('../../examples/demo-account.json', import.meta.url), 'utf8');
const demo = buildDemoAccount();
const index = buildIndex(demo);

function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`demo has no ${what}`);
  return value;
}

const functions = defined(demo.functions, 'functions');
const subnets = defined(demo.subnets, 'subnets');
const enis = defined(demo.networkInterfaces, 'networkInterfaces');
const details = defined(demo.functionDetails, 'functionDetails');
const roles = defined(demo.roles, 'roles');

function cidrSize(cidr: string | undefined): number {
  return 2 ** (32 - Number(cidr?.split('/')[1]));
}

describe('examples/demo-account.json', () => {
  it('is exactly the output of buildDemoAccount() (run `npx tsx scripts/write-demo.ts` after a change)', () => {
    expect(jsonText).toBe(`${JSON.stringify(demo, null, 2)}\n`);
  });

  it('parses with SnapshotSchema, unchanged', () => {
    const parsed = SnapshotSchema.parse(JSON.parse(jsonText));
    expect(parsed).toStrictEqual(JSON.parse(jsonText));
  });

  it('is a complete collection', () => {
    expect(demo.coverage).toEqual([]);
    expect(demo.meta).toMatchObject({
      accountId: '123456789012',
      region: 'eu-west-1',
      capturedAt: '2026-11-24T03:00:00.000Z',
    });
    for (const [part, value] of Object.entries(demo)) expect(value, part).not.toBeNull();
  });
});

describe('demo account consistency', () => {
  it('uses AWS id and ARN formats', () => {
    const ids = [
      ...subnets.map((s) => s.SubnetId),
      ...enis.map((e) => e.NetworkInterfaceId),
      ...defined(demo.vpcs, 'vpcs').map((v) => v.VpcId),
      ...defined(demo.securityGroups, 'securityGroups').map((g) => g.GroupId),
      ...defined(demo.routeTables, 'routeTables').map((t) => t.RouteTableId),
      ...defined(demo.natGateways, 'natGateways').map((n) => n.NatGatewayId),
      ...defined(demo.internetGateways, 'internetGateways').map((g) => g.InternetGatewayId),
      ...defined(demo.vpcEndpoints, 'vpcEndpoints').map((e) => e.VpcEndpointId),
    ];
    for (const id of ids)
      expect(id).toMatch(/^(subnet|eni|vpc|sg|rtb|nat|igw|vpce)-([0-9a-f]{8}|[0-9a-f]{17})$/);
    for (const f of functions) {
      expect(f.FunctionArn).toBe(
        `arn:aws:lambda:eu-west-1:123456789012:function:${f.FunctionName}:${f.Version}`,
      );
      expect(f.Role).toMatch(/^arn:aws:iam::123456789012:role\/([\w+=,.@-]+\/)*[\w+=,.@-]+$/);
    }
  });

  it('has at least 20 functions, VPC and not, with published versions', () => {
    const names = new Set(functions.map((f) => f.FunctionName));
    expect(names.size).toBeGreaterThanOrEqual(20);
    expect(index.vpcFunctions.length).toBeLessThan(names.size);
    expect(functions.some((f) => f.Version !== '$LATEST')).toBe(true);
    expect(Math.min(...functions.map((f) => f.MemorySize))).toBe(128);
    expect(Math.max(...functions.map((f) => f.MemorySize))).toBe(10240);
  });

  it('has GetFunction details for every VPC function, and reserved concurrency consistent with the account', () => {
    // In a VPC by their own configuration, or through a capacity provider.
    expect(Object.keys(details).sort()).toEqual(
      [...index.vpcFunctions, ...index.providerFunctions].map((f) => f.name).sort(),
    );
    const reserved = Object.values(details).reduce(
      (sum, d) => sum + (d.ReservedConcurrentExecutions ?? 0),
      0,
    );
    expect(demo.accountSettings).toEqual({
      ConcurrentExecutions: 1000,
      UnreservedConcurrentExecutions: 1000 - reserved,
    });
  });

  it('has one Lambda ENI per (subnet, SG set) in use where Lambda can create one', () => {
    const enisByCombo = new Map<string, string[]>();
    for (const eni of enis) {
      const users = index.eniUsers.get(eni.NetworkInterfaceId) ?? [];
      if (users.length === 0) continue;
      const key = `${eni.SubnetId}|${eni.Groups.map((g) => g.GroupId)
        .sort()
        .join(',')}`;
      enisByCombo.set(key, [...(enisByCombo.get(key) ?? []), eni.NetworkInterfaceId]);
    }
    for (const [key, combo] of index.combinations) {
      const subnet = index.subnetById.get(combo.subnetId);
      const creatable =
        subnet !== undefined &&
        index.vpcById.get(subnet.VpcId)?.InstanceTenancy !== 'dedicated' &&
        combo.securityGroupIds.every((g) => index.securityGroupById.has(g));
      const active = combo.users.some((u) => details[u.functionName]?.State !== 'Inactive');
      expect(enisByCombo.get(key)?.length ?? 0, key).toBe(creatable && active ? 1 : 0);
    }
  });

  it('keeps free IP counts and regional ENI counts consistent', () => {
    for (const subnet of subnets) {
      const lambdaEnis = enis.filter((e) => e.SubnetId === subnet.SubnetId).length;
      expect(subnet.AvailableIpAddressCount).toBeLessThanOrEqual(cidrSize(subnet.CidrBlock) - 5 - lambdaEnis);
      expect(subnet.AvailableIpAddressCount).toBeGreaterThan(0);
    }
    const counts = defined(demo.networkInterfaceCounts, 'networkInterfaceCounts');
    expect(Object.values(counts.byInterfaceType).reduce((a, b) => a + b, 0)).toBe(counts.total);
    // Lambda's type: the functions' ENIs and the network connector's.
    const operated = demo.lambdaOperatedNetworkInterfaces ?? [];
    expect(counts.byInterfaceType.lambda).toBe(
      [...enis, ...operated].filter((e) => e.InterfaceType === 'lambda').length,
    );
    const inSubnets = subnets.reduce(
      (sum, s) => sum + cidrSize(s.CidrBlock) - 5 - s.AvailableIpAddressCount,
      0,
    );
    expect(counts.total).toBe(inSubnets);
  });

  it('holds the roles of every function except the deleted one', () => {
    const roleNames = new Set(roles.map((r) => r.RoleName));
    const missing = [...new Set(functions.map((f) => roleNameFromArn(f.Role)))].filter(
      (n) => !roleNames.has(n),
    );
    expect(missing).toEqual(['statement-archiver-role']);
  });
});

describe('demo account odd cases (the table at the top of examples/demo-account.ts)', () => {
  const fn = (name: string) =>
    defined(
      index.vpcFunctions.find((f) => f.name === name),
      name,
    );
  const zones = (name: string) =>
    new Set(fn(name).subnetIds.flatMap((id) => index.subnetById.get(id)?.AvailabilityZone ?? []));

  it('has exactly one single-AZ function', () => {
    const singleAz = index.vpcFunctions.filter(
      (f) => f.subnetIds.every((id) => index.subnetById.has(id)) && zones(f.name).size < 2,
    );
    expect(singleAz.map((f) => f.name)).toEqual(['fraud-scorer']);
  });

  it('references a deleted subnet, a deleted security group and a deleted role', () => {
    expect(fn('settlement-exporter').subnetIds.filter((id) => !index.subnetById.has(id))).toEqual([
      'subnet-0d9f2c6a1e3b70c05',
    ]);
    expect(
      fn('kyc-document-check').securityGroupIds.filter((id) => !index.securityGroupById.has(id)),
    ).toEqual(['sg-0f6f7a8b9cadbec06']);
    expect(index.roleNames?.has(roleNameFromArn(fn('statement-archiver').role))).toBe(false);
  });

  it('puts card-tokenizer in the dedicated-tenancy VPC', () => {
    const vpcId = index.subnetById.get(fn('card-tokenizer').subnetIds[0] ?? '')?.VpcId ?? '';
    expect(index.vpcById.get(vpcId)?.InstanceTenancy).toBe('dedicated');
  });

  it('routes ops-slack-notifier to an IGW only through its main route table', () => {
    for (const id of fn('ops-slack-notifier').subnetIds) {
      const routing = index.routingForSubnet(id);
      expect(routing?.viaMainTable).toBe(true);
      expect(routing?.table.Routes).toContainEqual(
        expect.objectContaining({
          DestinationCidrBlock: '0.0.0.0/0',
          GatewayId: expect.stringMatching(/^igw-/),
        }),
      );
    }
  });

  it('routes the legacy subnets to a deleted NAT gateway (blackhole)', () => {
    const table = index.routingForSubnet('subnet-0c7e1a4b8d2f50a04')?.table;
    const natRoute = table?.Routes.find((r) => r.NatGatewayId);
    expect(natRoute?.State).toBe('blackhole');
    expect(index.natGatewayById.get(natRoute?.NatGatewayId ?? '')?.State).toBe('deleted');
    expect(fn('report-scheduler').subnetIds).toContain('subnet-0c7e1a4b8d2f50a04');
  });

  it('routes the eu-west-1c private subnet to a NAT gateway in eu-west-1b', () => {
    const natId = index
      .routingForSubnet('subnet-0a8d3e5f7b9c10c02')
      ?.table.Routes.find((r) => r.NatGatewayId)?.NatGatewayId;
    const nat = index.natGatewayById.get(natId ?? '');
    expect(index.subnetById.get(nat?.SubnetId ?? '')?.AvailabilityZone).toBe('eu-west-1b');
  });

  it('has a /28 used by the hot function', () => {
    const hot = index.subnetById.get('subnet-0b3c9d2e4f6a80a03');
    expect(hot?.CidrBlock).toMatch(/\/28$/);
    expect(hot?.AvailableIpAddressCount).toBeLessThanOrEqual(11);
    expect(fn('payments-webhook').subnetIds).toContain('subnet-0b3c9d2e4f6a80a03');
    expect(details['payments-webhook']?.ReservedConcurrentExecutions).toBe(100);
  });

  it('has orphaned ENIs and one ENI whose creator is gone but whose combination is in use', () => {
    const names = new Set(index.functionNames);
    const orphans = enis.filter((e) => (index.eniUsers.get(e.NetworkInterfaceId) ?? []).length === 0);
    expect(orphans.map((e) => [e.NetworkInterfaceId, e.Status])).toEqual([
      ['eni-0a7f3c9e1d5b2f604', 'available'],
      ['eni-0b8e4d2a6c1f3e715', 'in-use'],
      ['eni-7c2d9e4f', 'available'],
      ['eni-0f3b5d7e9a1c24e06', 'available'],
    ]);
    expect(orphans[2]?.Description).toMatch(/^AWS Lambda VPC ENI: [0-9a-f-]{36}$/);
    const stale = enis.find((e) => e.NetworkInterfaceId === 'eni-0c9f5e3b7d2a4c826');
    expect(stale?.Description).toMatch(/^AWS Lambda VPC ENI-checkout-api-/);
    expect(names.has('checkout-api')).toBe(false);
    expect(index.eniUsers.get('eni-0c9f5e3b7d2a4c826')?.map((u) => u.functionName)).toContain(
      'payment-authorizer',
    );
    // Every other Hyperplane ENI names an existing function as its creator.
    for (const eni of enis) {
      const creator =
        /^AWS Lambda VPC ENI-(.+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.exec(
          eni.Description ?? '',
        )?.[1];
      if (creator === undefined || orphans.includes(eni) || eni === stale) continue;
      expect(names.has(creator), `${eni.NetworkInterfaceId} creator ${creator}`).toBe(true);
    }
  });

  it('has a security group without egress rules used by one function, and the egress tag on an isolated function', () => {
    const noEgress = defined(demo.securityGroups, 'securityGroups').filter(
      (g) => g.IpPermissionsEgress.length === 0,
    );
    expect(noEgress.map((g) => g.GroupId)).toEqual(['sg-0d4d5e6f7a8b9ca04']);
    expect(
      index.vpcFunctions
        .filter((f) => f.securityGroupIds.includes('sg-0d4d5e6f7a8b9ca04'))
        .map((f) => f.name),
    ).toEqual(['pdf-sanitizer']);
    expect(details['fx-rates-fetcher']?.Tags?.['lambda-vpc-audit:egress']).toBe('internet');
    const table = index.routingForSubnet(fn('fx-rates-fetcher').subnetIds[0] ?? '')?.table;
    expect(table?.Routes.some((r) => r.DestinationCidrBlock === '0.0.0.0/0')).toBe(false);
  });
});
