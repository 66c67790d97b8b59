import { describe, expect, it } from 'vitest';
import { functionVpcDnsHostnames } from '../../../lib/analyze/rules/function-vpc-dns-hostnames.js';
import { networkSnapshot, SUBNETS, VPC } from '../../fixtures/network.js';
import { fn, vpcAttributes, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const loader = fn({ name: 'clickstream-loader', subnets: [SUBNETS.privateA, SUBNETS.privateB] });

describe('function-vpc-dns-hostnames', () => {
  it('fails hostnames off (an info rule)', () => {
    const snapshot = networkSnapshot({
      functions: [loader],
      vpcAttributes: { [VPC]: vpcAttributes({ dnsSupport: false, dnsHostnames: false }) },
    });
    const hostnames = resultFor(runRule(functionVpcDnsHostnames, snapshot), 'clickstream-loader');
    expect(hostnames.status).toBe('fail');
    expect(functionVpcDnsHostnames.severity).toBe('info');
  });

  it('passes when both attributes are on', () => {
    const snapshot = networkSnapshot({ functions: [loader] });
    expect(resultFor(runRule(functionVpcDnsHostnames, snapshot), 'clickstream-loader').status).toBe('pass');
  });

  it('fails when only hostnames is off', () => {
    const snapshot = networkSnapshot({
      functions: [loader],
      vpcAttributes: { [VPC]: vpcAttributes({ dnsHostnames: false }) },
    });
    expect(resultFor(runRule(functionVpcDnsHostnames, snapshot), 'clickstream-loader').status).toBe('fail');
  });

  it('is unknown when VPC attributes were not collected at all', () => {
    const snapshot = withMissing(networkSnapshot({ functions: [loader] }), 'vpcAttributes');
    expect(resultFor(runRule(functionVpcDnsHostnames, snapshot), 'clickstream-loader').status).toBe(
      'unknown',
    );
  });
});
