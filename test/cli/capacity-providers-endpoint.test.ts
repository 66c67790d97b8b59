/**
 * The CLI as a new user runs it (the package's bin, a child process) against an AWS-compatible endpoint that
 * answers the capacity-provider calls as the Lambda API reference (2025-11-30) shapes them: the tests' fake AWS
 * on 127.0.0.1. Then the same account on an endpoint that does not implement them (an emulator): a coverage gap
 * for capacity providers, and nothing else turns unknown.
 */

import { existsSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../lib/model/report.js';
import type { Snapshot } from '../../lib/model/snapshot.js';
import { defaultAcl } from '../fixtures/egress-builder.js';
import { startFakeAws } from '../fixtures/fake-aws.js';
import {
  capacityProvider,
  detailsOf,
  emptySnapshot,
  fn,
  functionArn,
  functionDetail,
  internetGateway,
  natGateway,
  role,
  roleArn,
  route,
  routeTable,
  securityGroup,
  subnet,
  vpc,
  vpcAttributes,
} from '../fixtures/snapshot-builder.js';
import { cliAgainst } from './cli-child.js';

const ALLOWED = 'allowed' as const;

/**
 * steady-pool: private subnets in two AZs, room for its full scale (healthy). edge-pool: one public subnet in one
 * AZ. burst-pool: two /27 subnets it cannot fit at full scale. orders-api: a VPC function Lambda reports Failed
 * with SubnetOutOfIPAddresses.
 */
function account(): Snapshot {
  const providers = [
    capacityProvider({
      name: 'steady-pool',
      subnets: ['subnet-app-a', 'subnet-app-b'],
      securityGroups: ['sg-app'],
      allowedInstanceTypes: ['m7g.large'],
      maxVCpuCount: 16,
    }),
    capacityProvider({
      name: 'edge-pool',
      subnets: ['subnet-pub-a'],
      securityGroups: ['sg-app'],
      allowedInstanceTypes: ['m7g.large'],
      maxVCpuCount: 8,
    }),
    capacityProvider({
      name: 'burst-pool',
      subnets: ['subnet-small-a', 'subnet-small-b'],
      securityGroups: ['sg-app'],
      allowedInstanceTypes: ['c7g.large', 'c7g.xlarge'],
      maxVCpuCount: 512,
    }),
  ];
  const onProviders = ['steady', 'edge', 'burst'].flatMap((kind) => [
    fn({ name: `${kind}-worker`, capacityProvider: `${kind}-pool`, subnets: [] }),
    fn({ name: `${kind}-worker`, version: '1', capacityProvider: `${kind}-pool`, subnets: [] }),
  ]);
  const names = ['orders-api', 'steady-worker', 'edge-worker', 'burst-worker'];
  const operators = providers.map((p) => p.PermissionsConfig.CapacityProviderOperatorRoleArn);
  return emptySnapshot({
    functions: [
      fn({ name: 'orders-api', subnets: ['subnet-priv-a', 'subnet-priv-b'], securityGroups: ['sg-app'] }),
      ...onProviders,
    ],
    functionDetails: detailsOf(
      functionDetail({
        name: 'orders-api',
        state: 'Failed',
        stateReasonCode: 'SubnetOutOfIPAddresses',
        stateReason: 'Lambda was not able to create an ENI in the VPC of the Lambda function.',
      }),
      ...names.slice(1).map((name) => functionDetail({ name })),
    ),
    vpcs: [vpc({ id: 'vpc-1' })],
    vpcAttributes: { 'vpc-1': vpcAttributes() },
    subnets: [
      subnet({ id: 'subnet-pub-a', vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.0.0/24' }),
      subnet({ id: 'subnet-nat-b', vpc: 'vpc-1', az: 'eu-west-1b', cidr: '10.0.1.0/24' }),
      subnet({ id: 'subnet-priv-a', vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.10.0/24', free: 0 }),
      subnet({ id: 'subnet-priv-b', vpc: 'vpc-1', az: 'eu-west-1b', cidr: '10.0.11.0/24', free: 3 }),
      subnet({ id: 'subnet-app-a', vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.12.0/24' }),
      subnet({ id: 'subnet-app-b', vpc: 'vpc-1', az: 'eu-west-1b', cidr: '10.0.13.0/24' }),
      subnet({ id: 'subnet-small-a', vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.20.0/27', free: 12 }),
      subnet({ id: 'subnet-small-b', vpc: 'vpc-1', az: 'eu-west-1b', cidr: '10.0.20.32/27', free: 12 }),
    ],
    routeTables: [
      routeTable({ id: 'rtb-main', vpc: 'vpc-1', main: true }),
      routeTable({
        id: 'rtb-public',
        vpc: 'vpc-1',
        subnets: ['subnet-pub-a', 'subnet-nat-b'],
        routes: [route.toIgw('igw-1')],
      }),
      routeTable({
        id: 'rtb-private',
        vpc: 'vpc-1',
        subnets: [
          'subnet-priv-a',
          'subnet-priv-b',
          'subnet-app-a',
          'subnet-app-b',
          'subnet-small-a',
          'subnet-small-b',
        ],
        routes: [route.toNat('nat-b')],
      }),
    ],
    internetGateways: [internetGateway({ id: 'igw-1', vpc: 'vpc-1' })],
    natGateways: [natGateway({ id: 'nat-b', vpc: 'vpc-1', subnet: 'subnet-nat-b' })],
    // The VPC's default network ACL (allow all), as every VPC has one: the egress paths are judged whole.
    networkAcls: [defaultAcl('vpc-1')],
    securityGroups: [securityGroup({ id: 'sg-app', vpc: 'vpc-1' })],
    roles: [
      ...names.map((name) => role(`${name}-role`)),
      ...providers.map((p) => role(`${p.CapacityProviderArn.split(':').pop()}-operator`)),
    ],
    rolePermissions: Object.fromEntries([
      [
        roleArn('orders-api-role'),
        Object.fromEntries(
          [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ].map((action) => [action, ALLOWED]),
        ),
      ],
      ...operators.map((arn) => [
        arn,
        Object.fromEntries(
          [
            'ec2:RunInstances',
            'ec2:CreateNetworkInterface',
            'ec2:AttachNetworkInterface',
            'ec2:CreateTags',
          ].map((action) => [action, ALLOWED]),
        ),
      ]),
    ]),
    capacityProviders: providers,
    capacityProviderVersions: Object.fromEntries(
      providers.map((p) => {
        const kind = p.CapacityProviderArn.split(':').pop()?.replace('-pool', '') ?? '';
        return [
          p.CapacityProviderArn,
          [{ FunctionArn: functionArn(`${kind}-worker`, '1'), State: 'Active' }],
        ];
      }),
    ),
  });
}

/** `lambda-vpc-audit --region eu-west-1 --format json` against `endpoint`, as a child process. */
async function audit(endpoint: string): Promise<{ code: number | null; report: Report; stderr: string }> {
  const { code, stdout, stderr } = await cliAgainst(endpoint, ['--region', 'eu-west-1', '--format', 'json']);
  try {
    return { code, report: JSON.parse(stdout) as Report, stderr };
  } catch (error) {
    throw new Error(`${String(error)}\n${stderr}`);
  }
}

const failed = (report: Report, ruleId: string) =>
  report.findings
    .filter((f) => f.ruleId === ruleId && f.status === 'fail')
    .map((f) => `${f.resourceType}:${f.resourceId}`);

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function auditOn(options: Parameters<typeof startFakeAws>[0]) {
  const fake = await startFakeAws({ account: account(), ...options });
  close = fake.close;
  return { ...(await audit(fake.url)), requests: fake.requests };
}

describe('capacity providers against an endpoint that implements them', () => {
  beforeAll(() => {
    if (!existsSync('dist/cli.mjs')) throw new Error('dist/cli.mjs is missing: run `npm run build` first.');
  });

  it("lists functions on providers with the provider's subnets, finds each provider problem once, and is quiet about a healthy one", async () => {
    const { report, requests } = await auditOn({});

    expect(requests.map((r) => r.action)).toEqual(
      expect.arrayContaining(['ListCapacityProviders', 'ListFunctionVersionsByCapacityProvider']),
    );
    // Inventory: on a provider, with the provider's subnets.
    const steady = report.inventory.find((f) => f.name === 'steady-worker');
    expect(steady).toMatchObject({
      networking: 'capacity-provider',
      capacityProviders: ['steady-pool'],
      subnets: [
        { subnetId: 'subnet-app-a', availabilityZone: 'eu-west-1a' },
        { subnetId: 'subnet-app-b', availabilityZone: 'eu-west-1b' },
      ],
    });
    expect(report.inventory.find((f) => f.name === 'orders-api')?.networking).toBe('vpc-config');
    expect(report.summary.vpcFunctions).toBe(4);

    // A provider in a public subnet, in one AZ: one finding each, naming the provider and its function.
    expect(failed(report, 'function-public-subnet')).toEqual(['capacity-provider:edge-pool']);
    expect(failed(report, 'function-multi-az')).toEqual(['capacity-provider:edge-pool']);
    const multiAz = report.findings.find((f) => f.ruleId === 'function-multi-az');
    expect(multiAz?.message).toContain('capacity provider edge-pool (function edge-worker)');
    // A provider that cannot fit its full scale.
    expect(failed(report, 'capacity-provider-subnet-capacity')).toEqual(['capacity-provider:burst-pool']);
    // The healthy provider: nothing failed, nothing unknown.
    expect(
      report.findings.filter((f) => f.resourceId === 'steady-pool' || f.functionName === 'steady-worker'),
    ).toEqual([]);
    // What Lambda reports: SubnetOutOfIPAddresses is critical, with the subnets' free addresses.
    const reported = report.findings.find((f) => f.ruleId === 'function-lambda-reported-failure');
    expect(reported).toMatchObject({ severity: 'critical', resourceId: 'orders-api' });
    expect(reported?.message).toContain('Subnets: subnet-priv-a (0 free), subnet-priv-b (3 free).');
  });

  it('an endpoint without the capacity-provider API: a gap for capacity providers, nothing else unknown', async () => {
    const baseline = (await auditOn({})).report;
    await close?.();
    const { report, code } = await auditOn({
      notImplemented: ['ListCapacityProviders', 'ListFunctionVersionsByCapacityProvider'],
    });

    expect(code).toBe(0);
    const newGaps = report.coverage.filter(
      (gap) => !baseline.coverage.some((b) => b.api === gap.api && b.part === gap.part),
    );
    expect(newGaps.map((gap) => `${gap.part}: ${gap.api}: ${gap.errorCode}`)).toEqual([
      'capacityProviderVersions: lambda:ListFunctionVersionsByCapacityProvider: DependencyNotCollected',
      'capacityProviders: lambda:ListCapacityProviders: InternalFailure',
    ]);
    // What became unknown is about capacity providers (a provider, or a function's versions on one) only.
    const before = new Map(baseline.findings.map((f) => [f.key, f.status]));
    const newlyUnknown = report.findings.filter(
      (f) => f.status === 'unknown' && before.get(f.key) !== 'unknown',
    );
    expect(newlyUnknown.length).toBeGreaterThan(0);
    for (const finding of newlyUnknown)
      expect(
        finding.resourceType === 'capacity-provider' || finding.functionName?.endsWith('-worker'),
        finding.key,
      ).toBe(true);
    // Every other finding is as it was: orders-api is still critical.
    const classic = (r: Report) =>
      r.findings.filter((f) => f.functionName === 'orders-api').map((f) => `${f.key}:${f.status}`);
    expect(classic(report)).toEqual(classic(baseline));
  });
});
