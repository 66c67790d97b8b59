import { GetAccountAuthorizationDetailsCommand, IAMClient } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  collectAuthorization,
  decodePolicyDocument,
  readAccountAuthorization,
} from '../../lib/collect/authorization.js';
import { iamError, testContext } from './helpers.js';
import { arnOf, roleDetail } from './iam-mocks.js';

const iam = mockClient(IAMClient);
const client = () => new IAMClient({ region: 'eu-west-1' });

beforeEach(() => iam.reset());

const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }] };

describe('decodePolicyDocument', () => {
  it('decodes IAM’s URL-encoded JSON (RFC 3986)', () => {
    expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(doc)))).toEqual(doc);
  });

  it('reads JSON that was not encoded (some emulators) as it is, even with a % in it', () => {
    const text = JSON.stringify({ ...doc, Id: '100% mine' });
    expect(decodePolicyDocument(text)).toEqual({ ...doc, Id: '100% mine' });
  });

  it('keeps text that is not JSON as text, for the evaluator to call unreadable', () => {
    expect(decodePolicyDocument('%E0%A4%A')).toBe('%E0%A4%A');
    expect(decodePolicyDocument(encodeURIComponent('{"Statement": ['))).toBe('{"Statement": [');
  });
});

describe('readAccountAuthorization', () => {
  it('reads every page: roles with their decoded policies, customer managed policies’ default versions', async () => {
    const local = 'arn:aws:iam::123456789012:policy/network';
    iam
      .on(GetAccountAuthorizationDetailsCommand, { Filter: ['Role', 'LocalManagedPolicy'], MaxItems: 1000 })
      .resolvesOnce({
        RoleDetailList: [roleDetail({ name: 'api', inline: { own: doc }, attached: [local] })],
        Policies: [
          {
            PolicyName: 'network',
            Arn: local,
            DefaultVersionId: 'v2',
            PolicyVersionList: [
              { VersionId: 'v2', IsDefaultVersion: true, Document: encodeURIComponent(JSON.stringify(doc)) },
              { VersionId: 'v1', IsDefaultVersion: false, Document: encodeURIComponent('{}') },
            ],
          },
        ],
        IsTruncated: true,
        Marker: 'm-1',
      })
      .resolvesOnce({
        // The next page repeats api (an overlap) and adds worker with a boundary.
        RoleDetailList: [
          roleDetail({ name: 'api' }),
          roleDetail({ name: 'worker', attached: [], boundary: local }),
        ],
        IsTruncated: false,
      });

    const found = await readAccountAuthorization(client());

    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
    expect(found.roles.map((r) => r.RoleName)).toEqual(['api', 'worker']);
    expect(found.roleDetails[arnOf('api')]).toEqual({
      RoleName: 'api',
      Arn: arnOf('api'),
      RolePolicyList: [{ PolicyName: 'own', PolicyDocument: doc }],
      AttachedManagedPolicies: [{ PolicyName: 'network', PolicyArn: local }],
    });
    expect(found.roleDetails[arnOf('worker')]?.PermissionsBoundary).toEqual({
      PermissionsBoundaryArn: local,
    });
    expect(found.localPolicies).toEqual({
      [local]: { Arn: local, PolicyName: 'network', DefaultVersionId: 'v2', Document: doc },
    });
  });

  it('fails when a page hands back a marker seen before: the list cannot be trusted', async () => {
    iam
      .on(GetAccountAuthorizationDetailsCommand)
      .resolvesOnce({ RoleDetailList: [roleDetail({ name: 'a' })], IsTruncated: true, Marker: 'A' })
      .resolvesOnce({ RoleDetailList: [roleDetail({ name: 'b' })], IsTruncated: true, Marker: 'B' })
      .resolves({ RoleDetailList: [roleDetail({ name: 'c' })], IsTruncated: true, Marker: 'A' });
    await expect(readAccountAuthorization(client())).rejects.toThrow(
      'iam:GetAccountAuthorizationDetails returned page token "A" a second time (page 3)',
    );
  });
});

describe('collectAuthorization', () => {
  it('is null with a gap naming the API when denied (the caller falls back to ListRoles)', async () => {
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(
      iamError({
        name: 'AccessDenied',
        status: 403,
        message: 'not authorized to perform: iam:GetAccountAuthorizationDetails',
      }),
    );
    const context = testContext();
    expect(await collectAuthorization(client(), context)).toBeNull();
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({
        part: 'rolePolicies',
        api: 'iam:GetAccountAuthorizationDetails',
        errorCode: 'AccessDenied',
      }),
    ]);
  });

  it('asks its source, which may answer without reading IAM (another target of the run did)', async () => {
    const shared = { roles: [], roleDetails: {}, localPolicies: {} };
    expect(await collectAuthorization(client(), testContext(), async () => shared)).toBe(shared);
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(0);
  });
});
