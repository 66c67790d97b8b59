import { describe, expect, it } from 'vitest';
import { functionVpcDnsSupport } from '../../../lib/analyze/rules/function-vpc-dns-support.js';
import { networkSnapshot, SUBNETS, VPC } from '../../fixtures/network.js';
import { fn, vpcAttributes } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const loader = fn({ name: 'clickstream-loader', subnets: [SUBNETS.privateA, SUBNETS.privateB] });

describe('function-vpc-dns-support', () => {
  it('fails DNS support off (a high rule), naming the VPC', () => {
    const snapshot = networkSnapshot({
      functions: [loader],
      vpcAttributes: { [VPC]: vpcAttributes({ dnsSupport: false, dnsHostnames: false }) },
    });
    const support = resultFor(runRule(functionVpcDnsSupport, snapshot), 'clickstream-loader');
    expect(support.status).toBe('fail');
    expect(functionVpcDnsSupport.severity).toBe('high');
    expect(support.message).toContain('vpc-1 has enableDnsSupport off');
    expect(support.evidence).toEqual({
      attribute: 'enableDnsSupport',
      vpcs: [{ vpcId: VPC, enabled: false }],
    });
  });

  it('passes when both attributes are on', () => {
    const snapshot = networkSnapshot({ functions: [loader] });
    expect(resultFor(runRule(functionVpcDnsSupport, snapshot), 'clickstream-loader').status).toBe('pass');
  });

  it('passes when only hostnames is off', () => {
    const snapshot = networkSnapshot({
      functions: [loader],
      vpcAttributes: { [VPC]: vpcAttributes({ dnsHostnames: false }) },
    });
    expect(resultFor(runRule(functionVpcDnsSupport, snapshot), 'clickstream-loader').status).toBe('pass');
  });

  it("is unknown when the VPC's attributes were not read (absent attribute)", () => {
    const snapshot = networkSnapshot({ functions: [loader], vpcAttributes: { [VPC]: {} } });
    const result = resultFor(runRule(functionVpcDnsSupport, snapshot), 'clickstream-loader');
    expect(result.status).toBe('unknown');
    expect(result.message).toContain('enableDnsSupport was not read for vpc-1');
  });
});
