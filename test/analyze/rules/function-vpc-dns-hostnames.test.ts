import { describe, expect, it } from 'vitest';
import { functionVpcDnsHostnames } from '../../../lib/analyze/rules/function-vpc-dns-hostnames.js';
import type { VpcEndpoint } from '../../../lib/model/snapshot.js';
import { networkSnapshot, SUBNETS, VPC } from '../../fixtures/network.js';
import { fn, vpcAttributes, vpcEndpoint, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const loader = fn({ name: 'clickstream-loader', subnets: [SUBNETS.privateA, SUBNETS.privateB] });
const hostnamesOff = { [VPC]: vpcAttributes({ dnsHostnames: false }) };
const privateDns = (id: string, service: string): VpcEndpoint => ({
  ...vpcEndpoint({ id, vpc: VPC, service }),
  PrivateDnsEnabled: true,
});

describe('function-vpc-dns-hostnames', () => {
  it('fails (high) with hostnames off and interface endpoints with private DNS, naming them and their services', () => {
    const snapshot = networkSnapshot({
      functions: [loader],
      vpcAttributes: hostnamesOff,
      vpcEndpoints: [
        vpcEndpoint({ id: 'vpce-s3', vpc: VPC, service: 's3', type: 'Gateway' }),
        privateDns('vpce-sm', 'secretsmanager'),
        privateDns('vpce-kms', 'kms'),
      ],
    });
    const result = resultFor(runRule(functionVpcDnsHostnames, snapshot), 'clickstream-loader');
    expect(result.status).toBe('fail');
    expect(functionVpcDnsHostnames.severity).toBe('high');
    expect(result.message).toContain('interface endpoints vpce-sm (secretsmanager), vpce-kms (kms)');
    expect(result.message).toContain('calls to kms, secretsmanager resolve to the public service endpoints');
  });

  it('is quiet (passes) with hostnames off and no interface endpoint using private DNS: the default of every VPC', () => {
    const none = networkSnapshot({ functions: [loader], vpcAttributes: hostnamesOff, vpcEndpoints: [] });
    expect(resultFor(runRule(functionVpcDnsHostnames, none), 'clickstream-loader').status).toBe('pass');
    const withoutPrivateDns = networkSnapshot({
      functions: [loader],
      vpcAttributes: hostnamesOff,
      vpcEndpoints: [
        { ...vpcEndpoint({ id: 'vpce-sts', vpc: VPC, service: 'sts' }), PrivateDnsEnabled: false },
      ],
    });
    expect(resultFor(runRule(functionVpcDnsHostnames, withoutPrivateDns), 'clickstream-loader').status).toBe(
      'pass',
    );
  });

  it('passes when hostnames are on, whatever the endpoints', () => {
    const snapshot = networkSnapshot({
      functions: [loader],
      vpcEndpoints: [privateDns('vpce-sm', 'secretsmanager')],
    });
    expect(resultFor(runRule(functionVpcDnsHostnames, snapshot), 'clickstream-loader').status).toBe('pass');
  });

  it('is unknown with hostnames off when the endpoints, or their private DNS, were not collected', () => {
    const noEndpoints = withMissing(
      networkSnapshot({ functions: [loader], vpcAttributes: hostnamesOff }),
      'vpcEndpoints',
    );
    expect(resultFor(runRule(functionVpcDnsHostnames, noEndpoints), 'clickstream-loader').status).toBe(
      'unknown',
    );
    // A version-1 snapshot has no PrivateDnsEnabled.
    const unrecorded = networkSnapshot({ functions: [loader], vpcAttributes: hostnamesOff });
    expect(resultFor(runRule(functionVpcDnsHostnames, unrecorded), 'clickstream-loader').status).toBe(
      'unknown',
    );
  });

  it('is unknown when VPC attributes were not collected at all', () => {
    const snapshot = withMissing(networkSnapshot({ functions: [loader] }), 'vpcAttributes');
    expect(resultFor(runRule(functionVpcDnsHostnames, snapshot), 'clickstream-loader').status).toBe(
      'unknown',
    );
  });
});
