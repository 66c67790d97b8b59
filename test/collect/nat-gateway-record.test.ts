import { describe, expect, it } from 'vitest';
import { toNatGateway } from '../../lib/collect/ec2-records.js';

describe('toNatGateway', () => {
  it('keeps the availability mode, so a regional NAT gateway (no subnet) is not mistaken for a broken zonal one', () => {
    const record = toNatGateway({
      NatGatewayId: 'nat-0123456789abcdef0',
      VpcId: 'vpc-1',
      State: 'available',
      ConnectivityType: 'public',
      AvailabilityMode: 'regional',
      CreateTime: new Date('2026-01-01T00:00:00Z'),
    });
    expect(record).toEqual({
      NatGatewayId: 'nat-0123456789abcdef0',
      VpcId: 'vpc-1',
      SubnetId: undefined,
      State: 'available',
      ConnectivityType: 'public',
      AvailabilityMode: 'regional',
    });
  });
});
