import { describe, expect, it } from 'vitest';
import { subnetEniRunsOut } from '../../../lib/analyze/rules/subnet-eni-runs-out.js';
import type { LambdaOperatedNetworkInterface, Snapshot } from '../../../lib/model/snapshot.js';
import {
  CAPTURED_AT,
  capacityProvider,
  countEnis,
  emptySnapshot,
  fn,
  lambdaEni,
  subnet,
  withMissing,
} from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const SUBNET = 'subnet-0a1b2c3d4e5f60a01';
const FLAT = { headroom: 0 };

/** Daily peaks 10 .. 23 on 2026-11-10 .. 23 (slope 1), peak 30 (a spike on the 13th). */
function rising() {
  const daily = Array.from({ length: 14 }, (_, i) => ({
    date: new Date(Date.UTC(2026, 10, 10 + i)).toISOString().slice(0, 10),
    max: i === 3 ? 30 : 10 + i,
  }));
  return { peak: 30, daily };
}

function instanceEni(n: number): LambdaOperatedNetworkInterface {
  return {
    NetworkInterfaceId: `eni-0bbbbbbbbbbbbbb0${n}`,
    Kind: 'managed-instance',
    InterfaceType: 'interface',
    Status: 'in-use',
    SubnetId: SUBNET,
    PrivateIpAddressCount: 1,
    Groups: [],
    OperatorPrincipal: 'scaler.lambda.amazonaws.com',
    InstanceId: `i-0bbbbbbbbbbbbbb0${n}`,
  };
}

/**
 * `metering` (1536 MB: one legacy ENI per concurrent execution) growing 30 + t in a subnet of capacity 50 (49 free
 * + its one Lambda ENI), shared with capacity provider `pool` (`pool` options; none: no provider).
 */
function shared(pool?: Partial<Parameters<typeof capacityProvider>[0]>, held = 0): Snapshot {
  const enis = [lambdaEni({ id: 'eni-0aaaaaaaaaaaaaaa1', subnet: SUBNET, groups: ['sg-0aaaaaaaaaaaaaaa1'] })];
  return emptySnapshot({
    subnets: [subnet({ id: SUBNET, vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.0.0/24', free: 49 })],
    functions: [
      fn({ name: 'metering', memory: 1536, subnets: [SUBNET], securityGroups: ['sg-0aaaaaaaaaaaaaaa1'] }),
      ...(pool === undefined ? [] : [fn({ name: 'renderer', version: '1', capacityProvider: 'pool' })]),
    ],
    capacityProviders:
      pool === undefined ? [] : [capacityProvider({ name: 'pool', subnets: [SUBNET], ...pool })],
    lambdaOperatedNetworkInterfaces: Array.from({ length: held }, (_, i) => instanceEni(i)),
    networkInterfaces: enis,
    networkInterfaceCounts: countEnis(enis),
    metrics: {
      lookbackDays: 15,
      periodSeconds: 86400,
      startTime: '2026-11-10T00:00:00.000Z',
      endTime: CAPTURED_AT,
      account: null,
      functions: { metering: rising() },
    },
  });
}

const run = (snapshot: Snapshot) => resultFor(runRule(subnetEniRunsOut, snapshot, FLAT), SUBNET);

describe('subnet-eni-runs-out with a capacity provider in the subnet', () => {
  it("adds the provider's full-scale share as a constant: the subnet runs out sooner, and says why", () => {
    // Alone: 30 + t > 50 first on day 21. With pool (20 vCPUs / 2 = 10 instances, all here): 40 + t > 50 on day 11.
    expect(run(shared()).evidence).toMatchObject({ runsOutInDays: 21 });
    const result = run(shared({ maxVCpuCount: 20, allowedInstanceTypes: ['m7g.large'] }));
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.message).toBe(
      `${SUBNET} (eu-west-1a, 10.0.0.0/24): runs out in 11 days (2026-12-05) at the current trend: legacy demand ` +
        '30 ENIs + 10 addresses for capacity provider pool at full scale (a constant ceiling, not a trend) today, ' +
        '51 then, against 50 (49 free IPs + 1 Lambda ENI in use). Growing: metering +1/day over 14 days ' +
        '(2026-11-10 to 2026-11-23).',
    );
    expect(result.evidence).toMatchObject({
      demandToday: 40,
      providerAddresses: 10,
      capacityWithProviders: 50,
      capacityProviders: [{ name: 'pool', addresses: 10, unknownBecause: null }],
    });
  });

  it("counts the addresses the provider's instances already hold as capacity", () => {
    // Three instances hold addresses already: capacity 53, 40 + t > 53 first on day 14.
    const result = run(shared({ maxVCpuCount: 20, allowedInstanceTypes: ['m7g.large'] }, 3));
    expect(result.evidence).toMatchObject({ runsOutInDays: 14, providerAddressesHeld: 3 });
    expect(result.message).toContain(
      "against 53 (49 free IPs + 1 Lambda ENI in use + 3 addresses held by pool's instances)",
    );
  });

  it('runs out as soon as the provider scales to full when the two together do not fit today', () => {
    // 80 vCPUs / 2 = 40 addresses + 30 ENIs = 70 against 50.
    const result = run(shared({ maxVCpuCount: 80, allowedInstanceTypes: ['m7g.large'] }));
    expect(result).toMatchObject({ status: 'fail', severity: 'high', evidence: { runsOutInDays: 0 } });
    expect(result.message).toContain(
      'runs out as soon as its capacity provider scales to full: legacy demand 30 ENIs + 40 addresses for ' +
        'capacity provider pool at full scale (a constant ceiling, not a trend) = 70 today, against 50',
    );
  });

  it('says "at the latest" when the provider scale is unknown, and gives no all-clear without it', () => {
    const growing = run(shared({ allowedInstanceTypes: ['m7g.large'] }));
    expect(growing).toMatchObject({ status: 'fail', evidence: { runsOutInDays: 21 } });
    expect(growing.message).toContain(
      'runs out in 21 days (2026-12-15) at the latest (the scale of capacity provider pool (it sets no ' +
        'MaxVCpuCount) not counted) at the current trend',
    );
    // Roomier: the function alone does not run out; the provider of unknown instance types might.
    const roomy = shared({ maxVCpuCount: 64, allowedInstanceTypes: ['x9z.large'] });
    roomy.subnets = [subnet({ id: SUBNET, vpc: 'vpc-1', az: 'eu-west-1a', cidr: '10.0.0.0/24', free: 199 })];
    const unknown = run(roomy);
    expect(unknown.status).toBe('unknown');
    expect(unknown.message).toContain(
      'no forecast: the scale of capacity provider pool (its instance types are not known) (legacy demand 30 ENIs today, 120 in 90 days, against 200 (199 free IPs + 1 Lambda ENI in use) without them).',
    );
  });
});

describe('subnet-eni-runs-out when the capacity providers were not collected', () => {
  it('says "at the latest" when a function version runs on a provider whose subnets are unknown', () => {
    const snapshot = withMissing(
      shared({ maxVCpuCount: 20, allowedInstanceTypes: ['m7g.large'] }),
      'capacityProviders',
    );
    const result = run(snapshot);
    expect(result).toMatchObject({ status: 'fail', evidence: { runsOutInDays: 21 } });
    expect(result.message).toContain(
      'runs out in 21 days (2026-12-15) at the latest (the scale of capacity provider pool (not collected, so ' +
        'whether it uses this subnet is unknown) not counted)',
    );
    // Without any function on a provider, nothing is missing: the forecast stands.
    expect(run(withMissing(shared(), 'capacityProviders')).message).not.toContain('at the latest');
  });
});
