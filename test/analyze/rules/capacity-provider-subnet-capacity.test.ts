import { describe, expect, it } from 'vitest';
import { capacityProviderSubnetCapacity } from '../../../lib/analyze/rules/capacity-provider-subnet-capacity.js';
import type { LambdaOperatedNetworkInterface } from '../../../lib/model/snapshot.js';
import { capacityProvider, emptySnapshot, fn, subnet, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const subnets = [
  subnet({ id: 'subnet-a', vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.1.0/27', free: 20 }),
  subnet({ id: 'subnet-b', vpc: 'vpc-1', az: 'eu-west-1b', cidr: '10.0.2.0/27', free: 27 }),
];

function account(options: Partial<Parameters<typeof capacityProvider>[0]>) {
  return emptySnapshot({
    subnets,
    functions: [fn({ name: 'ingest', version: '1', capacityProvider: 'pool' })],
    capacityProviders: [capacityProvider({ name: 'pool', subnets: ['subnet-a', 'subnet-b'], ...options })],
  });
}

function instanceEni(id: string, subnetId: string): LambdaOperatedNetworkInterface {
  return {
    NetworkInterfaceId: id,
    Kind: 'managed-instance',
    InterfaceType: 'interface',
    Status: 'in-use',
    SubnetId: subnetId,
    PrivateIpAddressCount: 1,
    Groups: [],
    OperatorPrincipal: 'scaler.lambda.amazonaws.com',
    InstanceId: `i-${id}`,
  };
}

describe('capacity-provider-subnet-capacity', () => {
  it('fails a provider whose full scale needs more addresses than a subnet has free, with the sizing', () => {
    // 96 vCPUs of m7g.large (2 vCPUs): 48 instances, 24 per subnet; subnet-a has 20 free.
    const result = resultFor(
      runRule(
        capacityProviderSubnetCapacity,
        account({ maxVCpuCount: 96, allowedInstanceTypes: ['m7g.large', 'm7g.xlarge'] }),
      ),
      'pool',
    );
    expect(result).toMatchObject({ status: 'fail', severity: 'low', resourceType: 'capacity-provider' });
    expect(result.message).toBe(
      'capacity provider pool (function ingest) at full scale runs 48 instances (MaxVCpuCount 96 / 2 vCPU), 24 per ' +
        'subnet, each needing a private address: subnet-a has 20. Lambda cannot launch the rest, and the functions ' +
        'on it are throttled.',
    );
    expect(result.evidence).toMatchObject({
      demand: { instancesAtFullScale: 48, smallestInstanceVcpus: 2, addressesPerSubnet: 24 },
    });
  });

  it('passes when its instances fit, counting the addresses its running instances already hold', () => {
    const snapshot = {
      ...account({ maxVCpuCount: 96, allowedInstanceTypes: ['m7g.large'] }),
      lambdaOperatedNetworkInterfaces: [1, 2, 3, 4].map((n) => instanceEni(`eni-${n}`, 'subnet-a')),
    };
    const result = resultFor(runRule(capacityProviderSubnetCapacity, snapshot), 'pool');
    expect(result.status).toBe('pass');
    expect(result.message).toContain('at full scale (MaxVCpuCount 96 / 2 vCPU = 48 instances) fits');
  });

  it('passes without a type list when even 1-vCPU instances fit, and is unknown when they might not', () => {
    expect(
      resultFor(runRule(capacityProviderSubnetCapacity, account({ maxVCpuCount: 40 })), 'pool').status,
    ).toBe('pass');
    const unsure = resultFor(runRule(capacityProviderSubnetCapacity, account({ maxVCpuCount: 96 })), 'pool');
    expect(unsure.status).toBe('unknown');
    expect(unsure.message).toContain('could need up to 48 addresses in each of its subnets');
  });

  it('an instance type outside the table makes the size unknown, never zero', () => {
    const result = resultFor(
      runRule(
        capacityProviderSubnetCapacity,
        account({ maxVCpuCount: 96, allowedInstanceTypes: ['x9z.huge'] }),
      ),
      'pool',
    );
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('(x9z.huge)');
  });

  it('is unknown without MaxVCpuCount, and when the providers were not collected', () => {
    expect(resultFor(runRule(capacityProviderSubnetCapacity, account({})), 'pool').message).toContain(
      'it sets no MaxVCpuCount',
    );
    const missing = withMissing(account({ maxVCpuCount: 8 }), 'capacityProviders');
    expect(resultFor(runRule(capacityProviderSubnetCapacity, missing), 'pool').status).toBe('unknown');
  });
});
