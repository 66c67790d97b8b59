import { describe, expect, it } from 'vitest';
import { type InterfacesRead, judgeDeletion } from '../../lib/analyze/can-delete.js';
import { checkTargetKnown, parseDeleteTarget } from '../../lib/analyze/can-delete-target.js';
import { buildIndex } from '../../lib/analyze/snapshot-index.js';
import type { NetworkInterface, Snapshot } from '../../lib/model/snapshot.js';
import {
  emptySnapshot,
  fn,
  lambdaEni,
  role,
  roleArn,
  securityGroup,
  subnet,
  withMissing,
} from '../fixtures/snapshot-builder.js';

const SUBNET = 'subnet-0aaaaaaaaaaaaaaa1';
const SG = 'sg-0bbbbbbbbbbbbbbb1';

function live(interfaces: NetworkInterface[]): InterfacesRead {
  return { interfaces, source: 'live', checkedAt: '2026-11-24T03:05:00.000Z', othersKnown: true, notes: [] };
}

function account(overrides: Partial<Snapshot> = {}): Snapshot {
  return emptySnapshot({
    subnets: [subnet({ id: SUBNET, vpc: 'vpc-0ccccccccccccccc1', az: 'eu-west-1a' })],
    securityGroups: [securityGroup({ id: SG, vpc: 'vpc-0ccccccccccccccc1', name: 'batch' })],
    roles: [role('batch-role')],
    rolePermissions: { [roleArn('batch-role')]: { 'ec2:DeleteNetworkInterface': 'allowed' } },
    ...overrides,
  });
}

function judge(
  snapshot: Snapshot,
  interfaces: NetworkInterface[],
  kind: 'security-group' | 'subnet' = 'security-group',
) {
  const target = parseDeleteTarget(kind, kind === 'subnet' ? SUBNET : SG);
  return judgeDeletion(snapshot, buildIndex(snapshot), target, live(interfaces));
}

const orphan = (options: Partial<Parameters<typeof lambdaEni>[0]> = {}) =>
  lambdaEni({ id: 'eni-0ddddddddddddddd1', subnet: SUBNET, groups: [SG], status: 'available', ...options });

describe('judgeDeletion', () => {
  it('is free when nothing uses the group', () => {
    const answer = judge(account(), []);
    expect(answer).toMatchObject({ verdict: 'free', blockers: [], configuredFunctions: [] });
  });

  it('is blocked, naming the users, by an ENI a function still uses, and names the function configured with it', () => {
    const snapshot = account({
      functions: [fn({ name: 'batch', subnets: [SUBNET], securityGroups: [SG], role: 'batch-role' })],
    });
    const answer = judge(snapshot, [
      lambdaEni({ id: 'eni-0ddddddddddddddd1', subnet: SUBNET, groups: [SG], creator: 'batch' }),
    ]);
    expect(answer.verdict).toBe('blocked');
    expect(answer.blockers[0]).toMatchObject({
      kind: 'in-use-by-lambda',
      clears: 'never',
      users: [{ functionName: 'batch', version: '$LATEST' }],
    });
    expect(answer.blockers[0]?.reason).toContain('Used by batch ($LATEST)');
    expect(answer.configuredFunctions).toEqual([{ functionName: 'batch', versions: ['$LATEST'] }]);
  });

  it("waits for an orphan whose creator's role may delete it: Lambda removes it by itself", () => {
    const snapshot = account({ functions: [fn({ name: 'batch', role: 'batch-role' })] });
    const answer = judge(snapshot, [orphan({ creator: 'batch' })]);
    expect(answer.verdict).toBe('waiting');
    expect(answer.blockers[0]).toMatchObject({
      kind: 'lambda-removes-it',
      clears: 'by-itself',
      creatorRole: { name: 'batch-role', status: 'exists', mayDelete: 'allowed' },
    });
    expect(answer.blockers[0]?.reason).toContain('AWS documents up to 20 minutes');
  });

  it('is blocked forever by an orphan whose role is gone or may not delete it, and says how to remove it', () => {
    const gone = judge(account({ roles: [] }), [orphan({ creator: 'old-job' })]);
    expect(gone.verdict).toBe('blocked');
    expect(gone.blockers[0]).toMatchObject({
      kind: 'orphaned-forever',
      clears: 'never',
      creatorRole: { status: 'deleted' },
    });
    expect(gone.blockers[0]?.reason).toContain(
      'aws ec2 delete-network-interface --network-interface-id eni-0ddddddddddddddd1',
    );
    const denied = judge(
      account({
        functions: [fn({ name: 'batch', role: 'batch-role' })],
        rolePermissions: { [roleArn('batch-role')]: { 'ec2:DeleteNetworkInterface': 'implicitDeny' } },
      }),
      [orphan({ creator: 'batch', status: 'in-use' })],
    );
    expect(denied.blockers[0]).toMatchObject({
      kind: 'orphaned-forever',
      creatorRole: { mayDelete: 'denied' },
    });
    expect(denied.blockers[0]?.reason).toContain('still attached by Lambda');
  });

  it('cannot tell, and waits, when the role exists but its permission was not simulated', () => {
    const answer = judge(
      account({ rolePermissions: {}, functions: [fn({ name: 'batch', role: 'batch-role' })] }),
      [orphan({ creator: 'batch' })],
    );
    expect(answer.verdict).toBe('waiting');
    expect(answer.blockers[0]).toMatchObject({ kind: 'lambda-cannot-tell', clears: 'unknown' });
  });

  it("is blocked by another service's interface", () => {
    const instance: NetworkInterface = {
      NetworkInterfaceId: 'eni-0eeeeeeeeeeeeeee1',
      InterfaceType: 'interface',
      Description: 'Primary network interface',
      Status: 'in-use',
      SubnetId: SUBNET,
      Groups: [{ GroupId: SG }],
      Attachment: { InstanceOwnerId: '123456789012', Status: 'attached' },
    };
    const answer = judge(account(), [instance], 'subnet');
    expect(answer.verdict).toBe('blocked');
    expect(answer.blockers[0]).toMatchObject({ kind: 'other-service', clears: 'never' });
  });

  it("cannot say free from a snapshot, which records Lambda's interfaces only", () => {
    const snapshot = account();
    const answer = judgeDeletion(snapshot, buildIndex(snapshot), parseDeleteTarget('subnet', SUBNET), {
      ...live([]),
      source: 'snapshot',
      othersKnown: false,
    });
    expect(answer.verdict).toBe('unknown');
    expect(answer.notes.join(' ')).toContain("A snapshot records Lambda's interfaces only");
  });

  it('cannot tell who uses an ENI when the function list was not collected', () => {
    const answer = judge(withMissing(account(), 'functions'), [orphan({ creator: 'batch' })]);
    expect(answer.blockers[0]).toMatchObject({ kind: 'lambda-cannot-tell' });
    expect(answer.blockers[0]?.reason).toContain('The function list was not collected');
  });

  it("holds a VPC's default security group, which AWS deletes only with its VPC", () => {
    const snapshot = account({
      securityGroups: [securityGroup({ id: SG, vpc: 'vpc-0ccccccccccccccc1', name: 'default' })],
    });
    expect(judge(snapshot, []).verdict).toBe('blocked');
  });
});

describe('the target', () => {
  it('refuses an id of the wrong kind, and a subnet the account does not have', () => {
    expect(() => parseDeleteTarget('subnet', SG)).toThrow(
      `"${SG}" is not a subnet id (like subnet-0123456789abcdef0).`,
    );
    const snapshot = account();
    expect(() =>
      checkTargetKnown(
        snapshot,
        buildIndex(snapshot),
        parseDeleteTarget('subnet', 'subnet-0fffffffffffffff1'),
      ),
    ).toThrow('subnet-0fffffffffffffff1 is not a subnet of account 123456789012 eu-west-1');
  });

  it('leaves a security group the audit did not read (it reads the groups functions use) to EC2', () => {
    const snapshot = account();
    expect(
      checkTargetKnown(
        snapshot,
        buildIndex(snapshot),
        parseDeleteTarget('security-group', 'sg-0fffffffffffffff1'),
      ),
    ).toEqual({ notes: [], askEc2: true });
  });
});
