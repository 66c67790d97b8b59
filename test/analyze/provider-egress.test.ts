/**
 * A capacity provider's instances as the egress rules see them: like a Lambda ENI at every hop, except that an
 * instance in a subnet that assigns public IPv4 addresses on launch may hold one (Lambda does not document whether it
 * keeps it), so a path that meets an internet gateway with the instance's own address is unknown, never pass or fail.
 */
import { describe, expect, it } from 'vitest';
import { functionNoInternetPath } from '../../lib/analyze/rules/function-no-internet-path.js';
import { egressRoute, firewallEndpoint } from '../fixtures/egress-builder.js';
import { networkTables, SUBNETS, VPC } from '../fixtures/network.js';
import { assigningPublicIps, POOL, POOL_LABEL, providerNetwork } from '../fixtures/provider-network.js';
import { vpcEndpoint } from '../fixtures/snapshot-builder.js';
import { resultFor, runRule } from './run-rule.js';

/** subnet-private-a and -b route 0.0.0.0/0 to a firewall endpoint in subnet-public-a, whose table goes to igw-1. */
function behindFirewall() {
  return providerNetwork([SUBNETS.privateA, SUBNETS.privateB], {
    routeTables: networkTables({
      'rtb-private-a': [egressRoute.toEndpoint('vpce-fw')],
      'rtb-private-b': [egressRoute.toEndpoint('vpce-fw')],
    }),
    vpcEndpoints: [
      firewallEndpoint({ id: 'vpce-fw', vpc: VPC, subnet: SUBNETS.publicA }),
      vpcEndpoint({ id: 'vpce-s3', vpc: VPC, service: 's3', type: 'Gateway' }),
    ],
  });
}

describe('capacity provider egress paths', () => {
  it("fails a path whose internet gateway meets the instances' private addresses, naming the provider and its functions", () => {
    const result = resultFor(runRule(functionNoInternetPath, behindFirewall()), POOL);
    expect(result).toMatchObject({ status: 'fail', resourceType: 'capacity-provider' });
    expect(result.message).toContain(`${POOL_LABEL} has a default route but no way to the internet`);
    expect(result.message).toContain("it comes from a managed instance's private address");
    expect(result.evidence.functions).toEqual([
      { functionName: 'ingest', version: '1' },
      { functionName: 'enrich', version: '1' },
    ]);
  });

  it("is unknown when the subnets assign public IPv4 addresses and the instances' own address meets the gateway", () => {
    const snapshot = assigningPublicIps(behindFirewall(), SUBNETS.privateA, SUBNETS.privateB);
    const result = resultFor(runRule(functionNoInternetPath, snapshot), POOL);
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('assigns public IPv4 addresses on launch');
    expect(result.message).toContain('not documented');
  });

  it('does not care about public addresses when a NAT gateway translates first', () => {
    const snapshot = assigningPublicIps(
      providerNetwork([SUBNETS.privateA, SUBNETS.privateB]),
      SUBNETS.privateA,
      SUBNETS.privateB,
    );
    expect(resultFor(runRule(functionNoInternetPath, snapshot), POOL).status).toBe('pass');
  });
});
