import {
  DescribeNetworkInterfacesCommand,
  EC2Client,
  type NetworkInterface as Ec2NetworkInterface,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { describeInterfaces, pollInterfaces } from '../../lib/collect/interfaces.js';
import type { NetworkInterface } from '../../lib/model/snapshot.js';

const ec2Mock = mockClient(EC2Client);
const ec2 = new EC2Client({ region: 'eu-west-1' });

/** A DescribeNetworkInterfaces item as EC2 returns it (a detached Lambda ENI). */
function item(id: string): Ec2NetworkInterface {
  return {
    NetworkInterfaceId: id,
    InterfaceType: 'lambda',
    Description: 'AWS Lambda VPC ENI-batch-0f4c2a8e-6b1d-4e3f-9a7c-2d5e8b1f4a6c',
    Status: 'available',
    SubnetId: 'subnet-0aaaaaaaaaaaaaaa1',
    VpcId: 'vpc-0aaaaaaaaaaaaaaa1',
    AvailabilityZone: 'eu-west-1a',
    OwnerId: '123456789012',
    RequesterId: 'AROAEXAMPLEEXAMPLE123:batch',
    RequesterManaged: true,
    Groups: [{ GroupId: 'sg-0aaaaaaaaaaaaaaa1', GroupName: 'batch' }],
    PrivateIpAddress: '10.0.0.10',
  };
}

beforeEach(() => ec2Mock.reset());

describe('describeInterfaces', () => {
  it('reads every page of a filtered DescribeNetworkInterfaces, managed interfaces included', async () => {
    ec2Mock
      .on(DescribeNetworkInterfacesCommand)
      .resolvesOnce({ NetworkInterfaces: [item('eni-0a1')], NextToken: 't1' })
      .resolvesOnce({ NetworkInterfaces: [item('eni-0a2')] });
    const found = await describeInterfaces(ec2, { name: 'group-id', values: ['sg-0aaaaaaaaaaaaaaa1'] });
    expect(found.map((eni) => eni.NetworkInterfaceId)).toEqual(['eni-0a1', 'eni-0a2']);
    expect(ec2Mock.commandCalls(DescribeNetworkInterfacesCommand)[0]?.args[0].input).toMatchObject({
      IncludeManagedResources: true,
      MaxResults: 1000,
      Filters: [{ Name: 'group-id', Values: ['sg-0aaaaaaaaaaaaaaa1'] }],
    });
  });
});

describe('pollInterfaces', () => {
  /** A clock that moves only when slept on. */
  function fakeClock() {
    let now = 0;
    return {
      now: () => now,
      sleep: async (ms: number) => {
        now += ms;
      },
    };
  }
  const eni = (id: string): NetworkInterface => ({ NetworkInterfaceId: id, Status: 'available', Groups: [] });

  it('re-reads only the interfaces still there, by id, until none is left', async () => {
    ec2Mock
      .on(DescribeNetworkInterfacesCommand)
      .resolvesOnce({ NetworkInterfaces: [item('eni-0a2')] })
      .resolvesOnce({ NetworkInterfaces: [] });
    const clock = fakeClock();
    const result = await pollInterfaces(ec2, {
      initial: [eni('eni-0a1'), eni('eni-0a2')],
      waiting: (present) => present.length > 0,
      deadline: 60_000,
      intervalMs: 15_000,
      ...clock,
    });
    expect(result).toMatchObject({ present: [], rereads: 2, end: { by: 'settled' } });
    const filters = ec2Mock
      .commandCalls(DescribeNetworkInterfacesCommand)
      .map((call) => call.args[0].input.Filters);
    expect(filters).toEqual([
      [{ Name: 'network-interface-id', Values: ['eni-0a1', 'eni-0a2'] }],
      [{ Name: 'network-interface-id', Values: ['eni-0a2'] }],
    ]);
    expect(clock.now()).toBe(30_000);
  });

  it('stops at the deadline without starting another call', async () => {
    ec2Mock.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [item('eni-0a1')] });
    const clock = fakeClock();
    const result = await pollInterfaces(ec2, {
      initial: [eni('eni-0a1')],
      waiting: () => true,
      deadline: 40_000,
      intervalMs: 15_000,
      ...clock,
    });
    // Re-reads at 15 s and 30 s; the next sleep ends at the 40 s deadline.
    expect(result).toMatchObject({ rereads: 2, end: { by: 'time' } });
    expect(ec2Mock.commandCalls(DescribeNetworkInterfacesCommand)).toHaveLength(2);
    expect(clock.now()).toBe(40_000);
  });

  it('ends with the error of a re-read that fails', async () => {
    ec2Mock
      .on(DescribeNetworkInterfacesCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'UnauthorizedOperation' }));
    const clock = fakeClock();
    const result = await pollInterfaces(ec2, {
      initial: [eni('eni-0a1')],
      waiting: () => true,
      deadline: 60_000,
      intervalMs: 15_000,
      ...clock,
    });
    expect(result.end.by).toBe('error');
    expect(result.present.map((e) => e.NetworkInterfaceId)).toEqual(['eni-0a1']);
  });
});
