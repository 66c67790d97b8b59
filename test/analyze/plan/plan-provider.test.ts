import { describe, expect, it } from 'vitest';
import { planChange } from '../../../lib/analyze/plan/plan.js';
import { proposalsFromTemplate } from '../../../lib/analyze/plan/template.js';
import type { ProposedFunction } from '../../../lib/model/plan.js';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../../lib/model/settings.js';
import type { Snapshot } from '../../../lib/model/snapshot.js';
import {
  capacityProvider,
  capacityProviderArn,
  concurrencyMetrics,
  emptySnapshot,
  fn,
  securityGroup,
  subnet,
  vpc,
} from '../../fixtures/snapshot-builder.js';

const VPC = 'vpc-0aaaaaaaaaaaaaaa1';
const SUBNET_A = 'subnet-0aaaaaaaaaaaaaaa1';
const SUBNET_B = 'subnet-0aaaaaaaaaaaaaab1';
const POOL_SG = 'sg-0aaaaaaaaaaaaaaa9';

/** A provider `pool` in two /27s with 20 and 27 free addresses, and a VPC function `api` elsewhere. */
function account(pool: Partial<Parameters<typeof capacityProvider>[0]>): Snapshot {
  return emptySnapshot({
    vpcs: [vpc({ id: VPC })],
    subnets: [
      subnet({ id: SUBNET_A, vpc: VPC, az: 'eu-west-1a', cidr: '10.0.1.0/27', free: 20 }),
      subnet({ id: SUBNET_B, vpc: VPC, az: 'eu-west-1b', cidr: '10.0.2.0/27', free: 27 }),
    ],
    securityGroups: [securityGroup({ id: POOL_SG, vpc: VPC, name: 'pool' })],
    functions: [fn({ name: 'ingest', version: '1', capacityProvider: 'pool' })],
    capacityProviders: [
      capacityProvider({ name: 'pool', subnets: [SUBNET_A, SUBNET_B], securityGroups: [POOL_SG], ...pool }),
    ],
    metrics: concurrencyMetrics({}),
  });
}

function onPool(overrides: Partial<ProposedFunction> = {}): ProposedFunction {
  return {
    name: 'new-function',
    existing: false,
    origin: 'flags',
    memoryMb: 4096,
    concurrency: null,
    reservedConcurrency: null,
    subnetIds: null,
    securityGroupIds: null,
    dualStack: null,
    capacityProviderArn: capacityProviderArn('pool'),
    unresolved: [],
    ...overrides,
  };
}

function plan(snapshot: Snapshot, proposal: ProposedFunction) {
  return planChange({
    snapshot,
    settings: DEFAULT_ANALYSIS_SETTINGS,
    proposals: [proposal],
    source: 'snapshot',
    notes: [],
  });
}

describe('planChange on a capacity provider', () => {
  it("fits when the provider at full scale fits its subnets, with no ENI or legacy demand of the function's own", () => {
    // 32 vCPUs of m7g.large (2 vCPUs): 16 instances, 8 per subnet, against 20 and 27 free.
    const answer = plan(account({ maxVCpuCount: 32, allowedInstanceTypes: ['m7g.large'] }), onPool());
    expect(answer.verdict).toBe('fits');
    const [planned] = answer.functions;
    expect(planned).toMatchObject({ legacy: null, subnets: [], vpcQuota: null, breaks: [], unknowns: [] });
    expect(planned?.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
    expect(planned?.capacityProvider).toMatchObject({
      name: 'pool',
      verdict: 'fits',
      instancesAtFullScale: 16,
      addressesPerSubnet: 8,
      securityGroupIds: [POOL_SG],
      functions: ['ingest', 'new-function'],
    });
    expect(planned?.capacityProvider?.subnets.map((s) => [s.subnetId, s.freeIps, s.needed])).toEqual([
      [SUBNET_A, 20, 8],
      [SUBNET_B, 27, 8],
    ]);
  });

  it('does not fit when the full scale needs more addresses than a subnet has, by how much', () => {
    // 96 vCPUs / 2 = 48 instances, 24 per subnet: subnet A has 20 (4 short).
    const answer = plan(account({ maxVCpuCount: 96, allowedInstanceTypes: ['m7g.large'] }), onPool());
    expect(answer.verdict).toBe('does-not-fit');
    expect(answer.functions[0]?.breaks).toEqual([
      'capacity provider pool at full scale runs 48 instances (MaxVCpuCount 96 / 2 vCPU), 24 per subnet, each ' +
        `needing a private address: ${SUBNET_A} has 20 (4 short). Lambda cannot launch the rest, and the ` +
        'functions on it are throttled.',
    ]);
  });

  it('cannot tell without MaxVCpuCount, or with instance types it does not know', () => {
    const noMax = plan(account({ allowedInstanceTypes: ['m7g.large'] }), onPool());
    expect(noMax.verdict).toBe('unknown');
    expect(noMax.functions[0]?.unknowns).toEqual([
      'capacity provider pool sets no MaxVCpuCount: only account quotas bound its scale, so whether it fits cannot be told.',
    ]);
    const unknownType = plan(account({ maxVCpuCount: 64, allowedInstanceTypes: ['x9z.large'] }), onPool());
    expect(unknownType.verdict).toBe('unknown');
    expect(unknownType.functions[0]?.unknowns[0]).toContain(
      'could need up to 32 addresses per subnet (MaxVCpuCount 64 / 1 vCPU, the fewest possible)',
    );
    expect(unknownType.functions[0]?.capacityProvider).toMatchObject({
      instancesAtFullScale: null,
      instancesAtMost: 64,
      unknownInstanceTypes: ['x9z.large'],
    });
  });

  it('plans a template function by its capacity provider ARN; an intrinsic it cannot resolve is unknown', () => {
    const template = {
      Resources: {
        Literal: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            CapacityProviderConfig: {
              LambdaManagedInstancesCapacityProviderConfig: {
                CapacityProviderArn: capacityProviderArn('pool'),
              },
            },
          },
        },
        Created: {
          Type: 'AWS::Serverless::Function',
          Properties: { CapacityProviderConfig: { Arn: { 'Fn::GetAtt': ['Pool', 'Arn'] } } },
        },
        Pool: { Type: 'AWS::Lambda::CapacityProvider', Properties: {} },
      },
    };
    const { proposals } = proposalsFromTemplate(template, new Map(), new Set(['ingest']), 'template.json');
    expect(proposals.map((p) => [p.name, p.capacityProviderArn, p.unresolved])).toEqual([
      ['Literal', capacityProviderArn('pool'), []],
      [
        'Created',
        null,
        [
          'Created CapacityProviderConfig.Arn: Fn::GetAtt ["Pool","Arn"]: an attribute of a resource this template creates',
        ],
      ],
    ]);
    const answer = planChange({
      snapshot: account({ maxVCpuCount: 32, allowedInstanceTypes: ['m7g.large'] }),
      settings: DEFAULT_ANALYSIS_SETTINGS,
      proposals,
      source: 'snapshot',
      notes: [],
    });
    expect(answer.functions.map((f) => f.verdict)).toEqual(['unknown', 'unknown']);
    expect(answer.functions[0]?.capacityProvider?.verdict).toBe('fits');
    expect(answer.functions[0]?.unknowns).toEqual([
      'Created could not be resolved and may share its subnets.',
    ]);
  });

  it('does not fit a template ARN of a provider the account does not have, naming those it has', () => {
    const answer = plan(
      account({ maxVCpuCount: 32, allowedInstanceTypes: ['m7g.large'] }),
      onPool({ capacityProviderArn: capacityProviderArn('gone') }),
    );
    expect(answer.verdict).toBe('does-not-fit');
    expect(answer.functions[0]?.breaks).toEqual([
      `No capacity provider ${capacityProviderArn('gone')} in account 123456789012 eu-west-1 (it has pool): Lambda refuses the function.`,
    ]);
  });
});
