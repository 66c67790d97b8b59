import { describe, expect, it } from 'vitest';
import { functionIsolated } from '../../../lib/analyze/rules/function-isolated.js';
import { networkSnapshot, SUBNETS } from '../../fixtures/network.js';
import { detailsOf, fn, functionDetail, withMissing } from '../../fixtures/snapshot-builder.js';
import { resultFor, runRule } from '../run-rule.js';

const fetcher = fn({
  name: 'fx-rates-fetcher',
  subnets: [SUBNETS.isolatedA, SUBNETS.isolatedB],
  securityGroups: ['sg-1'],
});

describe('function-isolated', () => {
  it('reports an isolated function as informational, listing the VPC endpoints it can reach', () => {
    const snapshot = networkSnapshot({
      functions: [fetcher],
      functionDetails: detailsOf(functionDetail({ name: 'fx-rates-fetcher', tags: { team: 'ledger' } })),
    });
    const result = resultFor(runRule(functionIsolated, snapshot), 'fx-rates-fetcher');
    expect(result).toMatchObject({ status: 'fail', severity: 'info' });
    expect(result.message).toContain('VPC endpoints: s3 (gateway), sts');
  });

  it('fails high when the function is tagged as needing the internet', () => {
    const snapshot = networkSnapshot({
      functions: [fetcher],
      functionDetails: detailsOf(
        functionDetail({ name: 'fx-rates-fetcher', tags: { 'lambda-vpc-audit:egress': 'internet' } }),
      ),
    });
    const result = resultFor(runRule(functionIsolated, snapshot), 'fx-rates-fetcher');
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result.message).toContain('tagged lambda-vpc-audit:egress=internet');
  });

  it('honours a configured tag key', () => {
    const snapshot = networkSnapshot({
      functions: [fetcher],
      functionDetails: detailsOf(functionDetail({ name: 'fx-rates-fetcher', tags: { needs: 'Internet' } })),
    });
    const result = resultFor(
      runRule(functionIsolated, snapshot, { internetTagKey: 'needs' }),
      'fx-rates-fetcher',
    );
    expect(result.severity).toBe('high');
  });

  it('is unknown at high severity when the tags could not be read', () => {
    const detail = { ...functionDetail({ name: 'fx-rates-fetcher' }), Tags: null };
    const snapshot = networkSnapshot({ functions: [fetcher], functionDetails: detailsOf(detail) });
    const result = resultFor(runRule(functionIsolated, snapshot), 'fx-rates-fetcher');
    expect(result).toMatchObject({ status: 'unknown', severity: 'high' });
    expect(result.message).toContain('tags could not be read');
  });

  it('is unknown when GetFunction was not collected for it', () => {
    const snapshot = networkSnapshot({ functions: [fetcher], functionDetails: {} });
    expect(resultFor(runRule(functionIsolated, snapshot), 'fx-rates-fetcher').status).toBe('unknown');
  });

  it('passes a function with a route out, even if only some versions are isolated it fails those', () => {
    const snapshot = networkSnapshot({
      functions: [
        fn({ name: 'orders-api', subnets: [SUBNETS.privateA, SUBNETS.privateB] }),
        fn({ name: 'orders-api', version: '2', subnets: [SUBNETS.isolatedA] }),
        fn({ name: 'payments', subnets: [SUBNETS.privateA, SUBNETS.privateB] }),
      ],
      functionDetails: detailsOf(
        functionDetail({ name: 'orders-api' }),
        functionDetail({ name: 'payments' }),
      ),
    });
    const results = runRule(functionIsolated, snapshot);
    expect(resultFor(results, 'payments').status).toBe('pass');
    expect(resultFor(results, 'orders-api').message).toContain('orders-api (version 2)');
  });

  it('is unknown when route tables were not collected', () => {
    const snapshot = withMissing(networkSnapshot({ functions: [fetcher] }), 'routeTables');
    expect(resultFor(runRule(functionIsolated, snapshot), 'fx-rates-fetcher').status).toBe('unknown');
  });
});
