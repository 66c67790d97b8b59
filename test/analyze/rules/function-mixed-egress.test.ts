import { describe, expect, it } from 'vitest';
import { functionMixedEgress } from '../../../lib/analyze/rules/function-mixed-egress.js';
import { networkSnapshot, SUBNETS, VPC } from '../../fixtures/network.js';
import { assigningPublicIps, POOL, POOL_LABEL, providerNetwork } from '../../fixtures/provider-network.js';
import { fn, natGateway, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const inSubnets = (...subnets: string[]) => fn({ name: 'search-indexer', subnets, securityGroups: ['sg-1'] });

describe('function-mixed-egress', () => {
  it('fails a function whose subnets end differently, listing each verdict', () => {
    const snapshot = networkSnapshot({
      functions: [inSubnets(SUBNETS.privateA, SUBNETS.privateB, SUBNETS.publicB)],
    });
    const result = resultFor(runRule(functionMixedEgress, snapshot), 'search-indexer');
    expect(result.status).toBe('fail');
    expect(result.message).toContain(
      '(IPv4: internet: subnet-private-a, subnet-private-b; no internet: subnet-public-b)',
    );
    expect(result.evidence).toMatchObject({
      configurations: [
        {
          versions: ['$LATEST'],
          subnets: [
            { paths: [{ verdict: { kind: 'internet' } }] },
            { paths: [{ verdict: { kind: 'internet' } }] },
            { paths: [{ verdict: { kind: 'no-internet' } }] },
          ],
        },
      ],
    });
  });

  it('fails NAT mixed with isolated subnets too', () => {
    const snapshot = networkSnapshot({ functions: [inSubnets(SUBNETS.privateA, SUBNETS.isolatedB)] });
    expect(resultFor(runRule(functionMixedEgress, snapshot), 'search-indexer').status).toBe('fail');
  });

  it('does not call two dead ends mixed: a public subnet and a blackhole both have no internet', () => {
    const nats = [natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.publicA, state: 'deleted' })];
    const snapshot = networkSnapshot({
      natGateways: nats,
      functions: [inSubnets(SUBNETS.privateA, SUBNETS.publicB)],
    });
    expect(resultFor(runRule(functionMixedEgress, snapshot), 'search-indexer').status).toBe('pass');
  });

  it('passes when versions differ but each configuration routes one way', () => {
    const snapshot = networkSnapshot({
      functions: [
        inSubnets(SUBNETS.privateA, SUBNETS.privateB),
        fn({ name: 'search-indexer', version: '1', subnets: [SUBNETS.isolatedA], securityGroups: ['sg-1'] }),
      ],
    });
    expect(resultFor(runRule(functionMixedEgress, snapshot), 'search-indexer').status).toBe('pass');
  });

  it('is unknown when one subnet cannot be classified and the others agree', () => {
    const nats = [
      natGateway({ id: 'nat-a', vpc: VPC, subnet: SUBNETS.publicA }),
      natGateway({ id: 'nat-b', vpc: VPC, subnet: SUBNETS.publicB, state: 'pending' }),
    ];
    const snapshot = networkSnapshot({
      natGateways: nats,
      functions: [inSubnets(SUBNETS.privateA, SUBNETS.privateB)],
    });
    const result = resultFor(runRule(functionMixedEgress, snapshot), 'search-indexer');
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('nat-b is pending');
  });

  it('is unknown when route tables were not collected', () => {
    const snapshot = withMissing(networkSnapshot({ functions: [inSubnets(SUBNETS.publicA)] }), 'routeTables');
    expect(resultFor(runRule(functionMixedEgress, snapshot), 'search-indexer').status).toBe('unknown');
  });

  describe('capacity providers', () => {
    it('fails a provider whose subnets end differently, naming it and its functions', () => {
      const snapshot = providerNetwork([SUBNETS.privateA, SUBNETS.isolatedB]);
      const result = resultFor(runRule(functionMixedEgress, snapshot), POOL);
      expect(result).toMatchObject({ status: 'fail', resourceType: 'capacity-provider' });
      expect(result.message).toContain(`${POOL_LABEL} ends differently across its subnets (IPv4:`);
    });

    it('passes a provider whose subnets all reach the internet', () => {
      const snapshot = providerNetwork([SUBNETS.privateA, SUBNETS.privateB]);
      expect(resultFor(runRule(functionMixedEgress, snapshot), POOL).status).toBe('pass');
    });

    it('is unknown when one subnet assigns public addresses whose use Lambda does not document', () => {
      const snapshot = assigningPublicIps(
        providerNetwork([SUBNETS.privateA, SUBNETS.publicB]),
        SUBNETS.publicB,
      );
      expect(resultFor(runRule(functionMixedEgress, snapshot), POOL).status).toBe('unknown');
    });
  });
});
