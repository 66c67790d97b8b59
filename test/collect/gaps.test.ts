import { describe, expect, it } from 'vitest';
import { attempt, CoverageRecorder, toCoverageGap } from '../../lib/collect/gaps.js';
import { EC2_UNAUTHORIZED, LAMBDA_ACCESS_DENIED } from './helpers.js';

describe('toCoverageGap and attempt', () => {
  it('builds a gap with the resource only when one is given', () => {
    const error = LAMBDA_ACCESS_DENIED('lambda:GetFunction');
    expect(
      toCoverageGap(error, { part: 'functionDetails', api: 'lambda:GetFunction', resource: 'fn' }),
    ).toEqual({
      part: 'functionDetails',
      api: 'lambda:GetFunction',
      errorCode: 'AccessDeniedException',
      message: expect.stringContaining('lambda:GetFunction'),
      resource: 'fn',
    });
    expect(toCoverageGap(error, { part: 'functions', api: 'lambda:ListFunctions' })).not.toHaveProperty(
      'resource',
    );
  });

  it('returns the value, or null and a gap (never an empty list)', async () => {
    const recorder = new CoverageRecorder();
    await expect(
      attempt(recorder, { part: 'subnets', api: 'ec2:DescribeSubnets' }, async () => []),
    ).resolves.toEqual([]);
    const failed = await attempt(recorder, { part: 'subnets', api: 'ec2:DescribeSubnets' }, async () => {
      throw EC2_UNAUTHORIZED('ec2:DescribeSubnets');
    });
    expect(failed).toBeNull();
    expect(recorder.gaps()).toEqual([
      expect.objectContaining({ part: 'subnets', errorCode: 'UnauthorizedOperation' }),
    ]);
  });

  it('lists gaps in a stable order whatever order they were recorded in', () => {
    const recorder = new CoverageRecorder();
    const gap = (part: 'roles' | 'functions', resource?: string) => ({
      part,
      api: 'x:Y',
      errorCode: 'E',
      message: 'm',
      ...(resource === undefined ? {} : { resource }),
    });
    recorder.record(gap('roles'));
    recorder.record(gap('functions', 'b'));
    recorder.record(gap('functions', 'a'));
    expect(recorder.gaps().map((g) => `${g.part}/${g.resource ?? ''}`)).toEqual([
      'functions/a',
      'functions/b',
      'roles/',
    ]);
  });
});
