import { describe, expect, it } from 'vitest';
import { buildIndex, unqualifiedArn } from '../../lib/analyze/snapshot-index.js';
import { emptySnapshot, fn, lambdaEni, route, routeTable, subnet } from '../fixtures/snapshot-builder.js';

describe('buildIndex', () => {
  it('counts a (subnet, security-group set) combination once across functions and versions, whatever the SG order', () => {
    const index = buildIndex(
      emptySnapshot({
        functions: [
          fn({ name: 'a', subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-b', 'sg-a'] }),
          fn({ name: 'a', version: '1', subnets: ['subnet-1'], securityGroups: ['sg-a', 'sg-b'] }),
          fn({ name: 'b', subnets: ['subnet-1'], securityGroups: ['sg-a', 'sg-b'] }),
        ],
      }),
    );
    expect([...index.combinations.keys()].sort()).toEqual(['subnet-1|sg-a,sg-b', 'subnet-2|sg-a,sg-b']);
    expect(index.combinations.get('subnet-1|sg-a,sg-b')?.users).toEqual([
      { functionName: 'a', version: '$LATEST' },
      { functionName: 'a', version: '1' },
      { functionName: 'b', version: '$LATEST' },
    ]);
  });

  it('maps an ENI to every function using its combination, not to the creator named in its description', () => {
    const index = buildIndex(
      emptySnapshot({
        functions: [fn({ name: 'survivor', subnets: ['subnet-1'], securityGroups: ['sg-a'] })],
        networkInterfaces: [
          lambdaEni({ id: 'eni-1', subnet: 'subnet-1', groups: ['sg-a'], creator: 'deleted-fn' }),
        ],
      }),
    );
    expect(index.eniUsers.get('eni-1')).toEqual([{ functionName: 'survivor', version: '$LATEST' }]);
  });

  it('falls back to the main route table for a subnet without an explicit association', () => {
    const main = routeTable({ id: 'rtb-main', vpc: 'vpc-1', main: true, routes: [route.toIgw('igw-1')] });
    const explicit = routeTable({ id: 'rtb-private', vpc: 'vpc-1', subnets: ['subnet-2'] });
    const index = buildIndex(
      emptySnapshot({
        subnets: [
          subnet({ id: 'subnet-1', vpc: 'vpc-1', az: 'eu-west-1a' }),
          subnet({ id: 'subnet-2', vpc: 'vpc-1', az: 'eu-west-1b' }),
        ],
        routeTables: [main, explicit],
      }),
    );
    expect(index.routingForSubnet('subnet-1')).toEqual({ table: main, viaMainTable: true });
    expect(index.routingForSubnet('subnet-2')).toEqual({ table: explicit, viaMainTable: false });
  });

  it('keeps functions outside any VPC out of the VPC view but counts them as functions', () => {
    const index = buildIndex(
      emptySnapshot({ functions: [fn({ name: 'plain' }), fn({ name: 'empty', subnets: [] })] }),
    );
    expect(index.vpcFunctions).toEqual([]);
    expect(index.functionNames).toEqual(['empty', 'plain']);
  });

  it('strips the qualifier from function ARNs', () => {
    expect(unqualifiedArn('arn:aws:lambda:eu-west-1:123456789012:function:a:$LATEST')).toBe(
      'arn:aws:lambda:eu-west-1:123456789012:function:a',
    );
  });
});
