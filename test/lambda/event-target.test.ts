import { describe, expect, it } from 'vitest';
import { parseAuditEvent } from '../../lib/lambda/event.js';

const target = {
  accountId: '222222222222',
  region: 'us-east-1',
  roleArn: 'arn:aws:iam::222222222222:role/LambdaVpcAuditMember',
};

describe('parseAuditEvent, fan-out payloads', () => {
  it('takes one target, with or without a role, and the run it belongs to', () => {
    expect(parseAuditEvent({ target, runId: '20261124T030000Z-0a1b2c3d' }, 'eu-west-1')).toEqual({
      trigger: 'invoke',
      publish: true,
      target,
      runId: '20261124T030000Z-0a1b2c3d',
    });
    const own = { accountId: '111111111111', region: 'eu-west-1' };
    expect(parseAuditEvent({ target: own }, 'eu-west-1').target).toEqual(own);
  });

  it('takes regions of any name now, and one region that is its own as the plain audit', () => {
    expect(
      parseAuditEvent({ regions: ['us-east-1', 'eu-west-1', 'us-east-1'] }, 'eu-west-1').regions,
    ).toEqual(['us-east-1', 'eu-west-1']);
    expect(parseAuditEvent({ regions: ['eu-west-1'] }, 'eu-west-1')).toEqual({
      trigger: 'invoke',
      publish: true,
    });
  });

  it('names each wrong field of a target', () => {
    expect(() =>
      parseAuditEvent(
        {
          target: { accountId: '2222', region: 'Europe', roleArn: 'role/x', colour: 'red' },
          runId: 'yesterday',
        },
        'eu-west-1',
      ),
    ).toThrow(
      [
        'Invalid invoke payload:',
        '  target.accountId: "2222" is not an AWS account id (12 digits)',
        '  target.region: "Europe" is not an AWS region name (like eu-west-1)',
        '  target.roleArn: "role/x" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
        '  target: unknown field "colour" (allowed: accountId, region, roleArn, accountName)',
        '  runId: "yesterday" is not a run id (like 20261124T030000Z-1a2b3c4d)',
      ].join('\n'),
    );
  });

  it('refuses combinations that cannot be meant: a role of another account, regions or cleanup with a target', () => {
    expect(() =>
      parseAuditEvent(
        {
          target: { ...target, roleArn: 'arn:aws:iam::999999999999:role/LambdaVpcAuditMember' },
          regions: ['eu-west-1'],
          cleanup: 'dry-run',
        },
        'eu-west-1',
        'apply',
      ),
    ).toThrow(
      [
        'Invalid invoke payload:',
        '  regions: a target names its one region; leave regions out',
        '  cleanup: a fan-out target is audited read-only; cleanup runs in the function’s own audits',
        '  target.roleArn: "arn:aws:iam::999999999999:role/LambdaVpcAuditMember" is not a role of account 222222222222',
      ].join('\n'),
    );
    expect(() =>
      parseAuditEvent({ regions: ['eu-west-1', 'us-east-1'], cleanup: 'apply' }, 'eu-west-1', 'apply'),
    ).toThrow('cleanup: runs in single-region audits only');
  });
});
