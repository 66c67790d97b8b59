import { describe, expect, it } from 'vitest';
import { planChange } from '../../../lib/analyze/plan/plan.js';
import type { ProposedFunction } from '../../../lib/model/plan.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../../lib/model/settings.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import {
  concurrencyMetrics,
  countEnis,
  emptySnapshot,
  fn,
  internetGateway,
  lambdaEni,
  route,
  routeTable,
  securityGroup,
  subnet,
  vpc,
  withMissing,
} from '../../fixtures/snapshot-builder.js';

const VPC = 'vpc-0aaaaaaaaaaaaaaa1';
const TINY = 'subnet-0aaaaaaaaaaaaaa28';
const ROOMY_A = 'subnet-0aaaaaaaaaaaaaaa1';
const ROOMY_B = 'subnet-0aaaaaaaaaaaaaab1';
const APP = 'sg-0aaaaaaaaaaaaaaa1';

/** `api` (512 MB, peak 20) in the two roomy subnets; a /28 with 11 free IPs nobody uses. */
function account(overrides: Partial<Snapshot> = {}): Snapshot {
  const enis = [
    lambdaEni({ id: 'eni-0aaaaaaaaaaaaaaa1', subnet: ROOMY_A, groups: [APP], vpc: VPC }),
    lambdaEni({ id: 'eni-0aaaaaaaaaaaaaaa2', subnet: ROOMY_B, groups: [APP], vpc: VPC }),
  ];
  return emptySnapshot({
    vpcs: [vpc({ id: VPC })],
    subnets: [
      subnet({ id: TINY, vpc: VPC, az: 'eu-west-1a', cidr: '10.0.64.0/28', free: 11 }),
      subnet({ id: ROOMY_A, vpc: VPC, az: 'eu-west-1a', cidr: '10.0.16.0/20', free: 4090 }),
      subnet({ id: ROOMY_B, vpc: VPC, az: 'eu-west-1b', cidr: '10.0.32.0/20', free: 4090 }),
    ],
    securityGroups: [securityGroup({ id: APP, vpc: VPC, name: 'app' })],
    functions: [fn({ name: 'api', memory: 512, subnets: [ROOMY_A, ROOMY_B], securityGroups: [APP] })],
    networkInterfaces: enis,
    networkInterfaceCounts: countEnis(enis),
    metrics: concurrencyMetrics({ api: 20 }),
    ...overrides,
  });
}

function proposal(overrides: Partial<ProposedFunction> = {}): ProposedFunction {
  return {
    name: 'new-function',
    existing: false,
    origin: 'flags',
    memoryMb: 256,
    concurrency: 5,
    reservedConcurrency: null,
    subnetIds: [ROOMY_A, ROOMY_B],
    securityGroupIds: [APP],
    dualStack: null,
    capacityProviderArn: null,
    unresolved: [],
    ...overrides,
  };
}

function plan(snapshot: Snapshot, ...proposals: ProposedFunction[]) {
  return planChange({
    snapshot,
    settings: DEFAULT_ANALYSIS_SETTINGS,
    proposals,
    source: 'snapshot',
    notes: [],
  });
}

describe('planChange', () => {
  it('does not fit a hot 2 GB function into a /28, naming the subnet and the shortfall', () => {
    // 50 + 20% = 60 concurrent; 60 × 2048 / 1536 = 80 legacy ENIs, all in the one subnet; 11 free IPs: 69 short.
    const answer = plan(account(), proposal({ memoryMb: 2048, concurrency: 50, subnetIds: [TINY] }));
    expect(answer.verdict).toBe('does-not-fit');
    const [fn1] = answer.functions;
    expect(fn1?.legacy).toMatchObject({
      concurrency: 50,
      projectedPeak: 60,
      memoryMb: 2048,
      enis: 80,
      perSubnet: 80,
    });
    expect(fn1?.breaks).toEqual([
      `${TINY} (eu-west-1a, 10.0.64.0/28): legacy demand 80 ENIs (this function 80) against 11 (11 free IPs): 69 short.`,
    ]);
    // A new (subnet, group) combination: one Hyperplane ENI, which the 11 free IPs hold.
    expect(fn1?.subnets[0]).toMatchObject({
      newHyperplaneEnis: 1,
      pendingHyperplaneEnis: 1,
      legacyBefore: 0,
      legacyAfter: 80,
    });
    expect(fn1?.vpcQuota).toMatchObject({ before: 2, after: 3, limit: 500 });
    expect(fn1?.notes).toContain(
      "Its subnets span 1 Availability Zone (at least 2 wanted): one AZ's outage stops it.",
    );
  });

  it('fits a small function into roomy subnets: no new ENI, a little more legacy demand', () => {
    // 5 + 20% = 6; 6 × 256 / 1536 = 1 ENI, 1 per subnet. api: 20 + 20% = 24; 24 × 512 / 1536 = 8, 4 per subnet.
    const answer = plan(account(), proposal());
    expect(answer.verdict).toBe('fits');
    expect(
      answer.functions[0]?.subnets.map((s) => [s.legacyBefore, s.legacyAfter, s.newHyperplaneEnis]),
    ).toEqual([
      [4, 5, 0],
      [4, 5, 0],
    ]);
    expect(answer.functions[0]?.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
  });

  it('changes an existing function in place: its old share goes, its new one comes', () => {
    // api at 1536 MB and concurrency 100: 120 × 1536 / 1536 = 120 ENIs, 60 per subnet (was 4).
    const answer = plan(
      account(),
      proposal({
        name: 'api',
        existing: true,
        memoryMb: 1536,
        concurrency: 100,
        subnetIds: null,
        securityGroupIds: null,
      }),
    );
    expect(answer.verdict).toBe('fits');
    expect(answer.functions[0]?.subnets.map((s) => [s.legacyBefore, s.legacyAfter])).toEqual([
      [4, 60],
      [4, 60],
    ]);
  });

  it("cannot tell without a new function's concurrency, or the other functions' when metrics were not collected", () => {
    const noPeak = plan(account(), proposal({ concurrency: null }));
    expect(noPeak.verdict).toBe('unknown');
    expect(noPeak.functions[0]?.unknowns).toContain(
      'The legacy demand of a new function needs its expected peak: give --concurrency.',
    );
    const noMetrics = plan(withMissing(account(), 'metrics'), proposal());
    expect(noMetrics.verdict).toBe('unknown');
    expect(noMetrics.functions[0]?.unknowns[0]).toContain('but the concurrency of api was not collected');
    // Too big for the /28 is too big whatever the others add.
    expect(
      plan(
        withMissing(account(), 'metrics'),
        proposal({ memoryMb: 2048, concurrency: 50, subnetIds: [TINY] }),
      ).verdict,
    ).toBe('does-not-fit');
  });

  it('breaks on a subnet that does not exist, subnets of two VPCs, a group of another VPC, a dedicated VPC', () => {
    const missing = plan(account(), proposal({ subnetIds: [ROOMY_A, 'subnet-0fffffffffffffff1'] }));
    expect(missing.functions[0]?.breaks).toContain(
      'subnet-0fffffffffffffff1 is not a subnet of account 123456789012 eu-west-1.',
    );
    const other = 'vpc-0bbbbbbbbbbbbbbb1';
    const twoVpcs = account({
      subnets: [
        ...(account().subnets ?? []),
        subnet({ id: 'subnet-0bbbbbbbbbbbbbbb1', vpc: other, az: 'eu-west-1c' }),
      ],
      securityGroups: [
        securityGroup({ id: APP, vpc: VPC }),
        securityGroup({ id: 'sg-0bbbbbbbbbbbbbbb1', vpc: other }),
      ],
    });
    expect(
      plan(twoVpcs, proposal({ subnetIds: [ROOMY_A, 'subnet-0bbbbbbbbbbbbbbb1'] })).functions[0]?.breaks,
    ).toContain(`Its subnets are in 2 VPCs (${VPC}, ${other}): Lambda needs them in one.`);
    expect(
      plan(twoVpcs, proposal({ securityGroupIds: ['sg-0bbbbbbbbbbbbbbb1'] })).functions[0]?.breaks,
    ).toContain(
      `sg-0bbbbbbbbbbbbbbb1 is in ${other}, not in the subnets' ${VPC}: Lambda refuses groups of another VPC.`,
    );
    const dedicated = account({ vpcs: [vpc({ id: VPC, tenancy: 'dedicated' })] });
    expect(plan(dedicated, proposal()).functions[0]?.breaks).toContain(
      `${VPC} has dedicated tenancy: Lambda does not support such VPCs.`,
    );
  });

  it('breaks when the new combinations need more IPs than are free, or take the VPC past its ENI quota', () => {
    const full = account({
      subnets: (account().subnets ?? []).map((s) =>
        s.SubnetId === TINY ? { ...s, AvailableIpAddressCount: 0 } : s,
      ),
    });
    expect(plan(full, proposal({ concurrency: 0, subnetIds: [TINY] })).functions[0]?.breaks).toContain(
      `${TINY} (eu-west-1a, 10.0.64.0/28): 1 new Hyperplane ENI to create (1 for this change), 0 free IPs: 1 short.`,
    );
    const smallQuota = account({ quotas: { lambdaEnisPerVpc: 2, networkInterfacesPerRegion: 5000 } });
    expect(
      plan(smallQuota, proposal({ securityGroupIds: ['sg-0ccccccccccccccc1'] })).functions[0]?.breaks,
    ).toContain(`Lambda ENIs in ${VPC} (per-VPC quota): 2 -> 4 against 2 (L-9FEE3D26): 2 over.`);
  });

  it('gives the egress of the subnets: a public subnet gets no internet, mixed routes differ by subnet', () => {
    const igw = 'igw-0aaaaaaaaaaaaaaa1';
    const routed = account({
      internetGateways: [internetGateway({ id: igw, vpc: VPC })],
      routeTables: [
        routeTable({ id: 'rtb-0aaaaaaaaaaaaaaa1', vpc: VPC, main: true }),
        routeTable({ id: 'rtb-0aaaaaaaaaaaaaaa2', vpc: VPC, subnets: [ROOMY_B], routes: [route.toIgw(igw)] }),
      ],
    });
    const answer = plan(routed, proposal());
    expect(answer.verdict).toBe('fits');
    expect(answer.functions[0]?.subnets.map((s) => s.egress.class)).toEqual(['none', 'public']);
    expect(answer.functions[0]?.notes).toEqual(
      expect.arrayContaining([
        "Its subnets route differently (none, public): an invocation's way out depends on the subnet it lands in.",
        `${ROOMY_B} routes to an internet gateway: Lambda ENIs get no public IP, so there is no internet from it.`,
      ]),
    );
  });

  it('cannot tell for a function a template leaves unresolved, nor for one that may share its subnets', () => {
    const answer = plan(
      account(),
      proposal({
        name: 'Importer',
        subnetIds: null,
        unresolved: ['Importer VpcConfig.SubnetIds[0]: Fn::ImportValue "shared-a"'],
      }),
      proposal({ name: 'Api2' }),
    );
    expect(answer.verdict).toBe('unknown');
    expect(answer.functions[0]?.unknowns).toEqual([
      'Cannot be resolved offline: Importer VpcConfig.SubnetIds[0]: Fn::ImportValue "shared-a".',
    ]);
    expect(answer.functions[1]?.unknowns).toEqual([
      'Importer could not be resolved and may share its subnets.',
    ]);
  });
});
