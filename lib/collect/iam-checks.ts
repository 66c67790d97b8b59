import type { IAMClient } from '@aws-sdk/client-iam';
import type { ArnScope } from '../model/lambda-eni-actions.js';
import { operatorRoleChecks, type RoleCheck } from '../model/role-checks.js';
import type { AccountAuthorization, CapacityProvider, FunctionRecord, Role } from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { fromFunctionList, keptIfListed, recordNotAttempted } from './function-list.js';
import { collectRoleChecks, type RoleChecks } from './role-checks.js';
import { collectRolePermissions, DEFAULT_ROLE_PERMISSION_LIMITS } from './role-permissions.js';

export type IamInputs = {
  functions: Promise<FunctionRecord[] | null>;
  arriving: AsyncIterable<FunctionRecord>;
  authorization: Promise<AccountAuthorization | null>;
  roles: Promise<Role[] | null>;
  capacityProviders: Promise<CapacityProvider[] | null>;
};

/** The operator roles to check: those of existing roles (a missing one is the rule's finding, not a check). */
async function operatorChecks(
  providers: Promise<CapacityProvider[] | null>,
  roles: readonly Role[],
  scope: ArnScope,
): Promise<RoleCheck[]> {
  const list = await providers;
  if (list === null) return [];
  const existing = new Set(roles.map((role) => role.Arn));
  return operatorRoleChecks(list, scope.region, scope.accountId).filter((check) =>
    existing.has(check.roleArn),
  );
}

/**
 * The execution roles' and the capacity providers' operator roles' checks: from their policies, simulating only
 * what those leave open (role-checks.ts); or, when the policies could not be read, a simulation per role as
 * before. Work starts on the records as they arrive and stands only if the whole function list was read.
 */
export async function iamChecks(
  iam: IAMClient,
  inputs: IamInputs,
  scope: ArnScope,
  context: CollectorContext,
): Promise<{
  rolePolicies: RoleChecks['rolePolicies'] | null;
  rolePermissions: RoleChecks['rolePermissions'];
}> {
  const simulate = 'iam:SimulatePrincipalPolicy';
  const found = await inputs.authorization;
  if (found === null) {
    const roleList = await inputs.roles;
    const rolePermissions =
      roleList === null
        ? await fromFunctionList(inputs.functions, context, 'rolePermissions', simulate, (records) =>
            collectRolePermissions(iam, records, null, context),
          )
        : await keptIfListed(
            inputs.functions,
            collectRolePermissions(
              iam,
              inputs.arriving,
              roleList,
              context,
              DEFAULT_ROLE_PERMISSION_LIMITS,
              operatorChecks(inputs.capacityProviders, roleList, scope),
            ),
            context,
            'rolePermissions',
            simulate,
          );
    return { rolePolicies: null, rolePermissions };
  }
  const [records, checks] = await Promise.all([
    inputs.functions,
    collectRoleChecks(
      iam,
      inputs.arriving,
      found,
      scope,
      context,
      DEFAULT_ROLE_PERMISSION_LIMITS,
      operatorChecks(inputs.capacityProviders, found.roles, scope),
    ),
  ]);
  if (records !== null) return checks;
  return {
    rolePolicies: recordNotAttempted(context, 'rolePolicies', 'iam:GetAccountAuthorizationDetails'),
    rolePermissions: recordNotAttempted(context, 'rolePermissions', simulate),
  };
}
