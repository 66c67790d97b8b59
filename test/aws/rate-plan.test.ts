import { describe, expect, it } from 'vitest';
import { plannedBucket, plannedConcurrency, RateLimiters, withMargin } from '../../lib/aws/rate-plan.js';

describe('plannedBucket', () => {
  it('follows AWS documented rates: GetFunction 100/s, other Lambda calls 15/s together', () => {
    expect(plannedBucket('lambda:GetFunction')).toMatchObject({ capacity: 100, refillPerSecond: 100 });
    expect(plannedBucket('lambda:ListFunctions')).toMatchObject({
      id: 'lambda:control-plane',
      refillPerSecond: 15,
    });
    expect(plannedBucket('lambda:GetAccountSettings')?.id).toBe(plannedBucket('lambda:ListFunctions')?.id);
  });

  it('gives each EC2 Describe action its own bucket of 100 refilled at 20/s', () => {
    expect(plannedBucket('ec2:DescribeSubnets')).toMatchObject({
      id: 'ec2:DescribeSubnets',
      capacity: 100,
      refillPerSecond: 20,
    });
    expect(plannedBucket('ec2:DescribeNetworkInterfaces')?.id).toBe('ec2:DescribeNetworkInterfaces');
    expect(plannedBucket('ec2:DeleteNetworkInterface')).toBeUndefined();
  });

  it('plans GetMetricData at 50/s, GetServiceQuota at 5/s and IAM conservatively', () => {
    expect(plannedBucket('cloudwatch:GetMetricData')?.refillPerSecond).toBe(50);
    expect(plannedBucket('servicequotas:GetServiceQuota')?.refillPerSecond).toBe(5);
    expect(plannedBucket('iam:SimulatePrincipalPolicy')).toMatchObject({ id: 'iam', refillPerSecond: 5 });
    expect(plannedBucket('sts:GetCallerIdentity')).toBeUndefined();
  });
});

describe('withMargin', () => {
  it('keeps 5% of the burst (at least one token) unused and the refill rate whole', () => {
    expect(withMargin({ capacity: 100, refillPerSecond: 20 })).toEqual({ capacity: 95, refillPerSecond: 20 });
    expect(withMargin({ capacity: 15, refillPerSecond: 15 })).toEqual({ capacity: 14, refillPerSecond: 15 });
    expect(withMargin({ capacity: 1, refillPerSecond: 1 })).toEqual({ capacity: 1, refillPerSecond: 1 });
  });
});

describe('plannedConcurrency', () => {
  it('keeps enough calls in flight to use the whole rate at half a second per answer', () => {
    expect(plannedConcurrency('lambda:GetFunction')).toBe(50);
    expect(plannedConcurrency('iam:SimulatePrincipalPolicy')).toBe(3);
    expect(plannedConcurrency('sts:GetCallerIdentity')).toBe(1);
  });
});

describe('RateLimiters', () => {
  it('shares one bucket between the APIs AWS counts together, per collection', () => {
    const limiters = new RateLimiters();
    expect(limiters.bucketFor('lambda:ListFunctions')).toBe(limiters.bucketFor('lambda:GetAccountSettings'));
    expect(limiters.bucketFor('lambda:GetFunction')).not.toBe(limiters.bucketFor('lambda:ListFunctions'));
    expect(limiters.bucketFor('ec2:DescribeSubnets')).not.toBe(limiters.bucketFor('ec2:DescribeVpcs'));
    expect(new RateLimiters().bucketFor('lambda:GetFunction')).not.toBe(
      limiters.bucketFor('lambda:GetFunction'),
    );
    expect(limiters.bucketFor('sts:GetCallerIdentity')).toBeUndefined();
  });
});
