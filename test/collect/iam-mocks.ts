import {
  GetAccountAuthorizationDetailsCommand,
  GetPolicyCommand,
  type GetPolicyCommandInput,
  GetPolicyVersionCommand,
  type GetPolicyVersionCommandInput,
  type IAMClient,
  type RoleDetail,
  SimulatePrincipalPolicyCommand,
  type SimulatePrincipalPolicyCommandInput,
} from '@aws-sdk/client-iam';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { ManagedPolicy } from '../../lib/model/snapshot.js';
import { VPC_ACCESS_POLICY } from '../fixtures/snapshot-builder.js';
import { iamError } from './helpers.js';

/**
 * IAM as aws-sdk-client-mock answers it in the collector tests, shaped like the API reference's responses:
 * GetAccountAuthorizationDetails (one page, documents URL-encoded), GetPolicy and GetPolicyVersion for the
 * managed policies given, and SimulatePrincipalPolicy allowing everything unless `decide` says otherwise.
 */

export const ACCOUNT = '123456789012';
export const arnOf = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

export type MockRole = {
  name: string;
  inline?: Record<string, unknown>;
  attached?: string[];
  boundary?: string;
};

const encode = (document: unknown) => encodeURIComponent(JSON.stringify(document));

export function roleDetail(role: MockRole): RoleDetail {
  return {
    Path: '/',
    RoleName: role.name,
    RoleId: `AROA${role.name.toUpperCase().replace(/[^A-Z0-9]/g, '')}`,
    Arn: arnOf(role.name),
    CreateDate: new Date('2024-01-01T00:00:00Z'),
    RolePolicyList: Object.entries(role.inline ?? {}).map(([PolicyName, document]) => ({
      PolicyName,
      PolicyDocument: encode(document),
    })),
    AttachedManagedPolicies: (role.attached ?? [VPC_ACCESS_POLICY.Arn]).map((PolicyArn) => ({
      PolicyName: PolicyArn.slice(PolicyArn.lastIndexOf('/') + 1),
      PolicyArn,
    })),
    ...(role.boundary
      ? {
          PermissionsBoundary: {
            PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
            PermissionsBoundaryArn: role.boundary,
          },
        }
      : {}),
  };
}

/** A simulation's answer for one role and action. */
export type Decide = (role: string, action: string) => { decision: string; organizations?: boolean };

export function mockIam(
  iam: AwsClientStub<IAMClient>,
  roles: readonly MockRole[],
  options: { managed?: readonly ManagedPolicy[]; decide?: Decide } = {},
): void {
  const managed = new Map((options.managed ?? [VPC_ACCESS_POLICY]).map((p) => [p.Arn, p]));
  iam.on(GetAccountAuthorizationDetailsCommand).resolves({
    RoleDetailList: roles.map(roleDetail),
    Policies: [],
    IsTruncated: false,
  });
  iam.on(GetPolicyCommand).callsFake(async (input: GetPolicyCommandInput) => {
    const policy = managed.get(input.PolicyArn ?? '');
    if (policy === undefined)
      throw iamError({
        name: 'NoSuchEntity',
        status: 404,
        message: `Policy ${input.PolicyArn} does not exist.`,
      });
    return {
      Policy: { PolicyName: policy.PolicyName, Arn: policy.Arn, DefaultVersionId: policy.DefaultVersionId },
    };
  });
  iam.on(GetPolicyVersionCommand).callsFake(async (input: GetPolicyVersionCommandInput) => {
    const policy = managed.get(input.PolicyArn ?? '');
    if (policy === undefined || policy.DefaultVersionId !== input.VersionId)
      throw iamError({ name: 'NoSuchEntity', status: 404, message: 'No such version.' });
    return {
      PolicyVersion: {
        Document: encode(policy.Document),
        VersionId: policy.DefaultVersionId,
        IsDefaultVersion: true,
      },
    };
  });
  iam.on(SimulatePrincipalPolicyCommand).callsFake(async (input: SimulatePrincipalPolicyCommandInput) => ({
    EvaluationResults: (input.ActionNames ?? []).map((action) => {
      const answer = options.decide?.(input.PolicySourceArn ?? '', action) ?? { decision: 'allowed' };
      return {
        EvalActionName: action,
        EvalResourceName: '*',
        EvalDecision: answer.decision,
        ...(answer.organizations === undefined
          ? {}
          : { OrganizationsDecisionDetail: { AllowedByOrganizations: answer.organizations } }),
      };
    }),
    IsTruncated: false,
  }));
}
