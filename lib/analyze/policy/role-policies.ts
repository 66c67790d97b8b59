import type { ManagedPolicy, RolePolicyDetail } from '../../model/snapshot-iam-policies.js';
import { type CompiledPolicySet, compile } from './evaluate.js';
import { type ParsedPolicy, parsePolicy } from './statements.js';

/**
 * A role's policy set from what GetAccountAuthorizationDetails (and GetPolicyVersion, for AWS managed
 * policies) said: its inline policies, the default version of each attached managed policy, and its
 * permissions boundary. A managed policy whose version was not read is unreadable: it might deny anything.
 */
export class RolePolicyLibrary {
  readonly #managed: Readonly<Record<string, ManagedPolicy>>;
  readonly #parsedManaged = new Map<string, ParsedPolicy>();
  readonly #compiled = new Map<string, CompiledPolicySet>();

  constructor(managedPolicies: Readonly<Record<string, ManagedPolicy>>) {
    this.#managed = managedPolicies;
  }

  #managedPolicy(arn: string): ParsedPolicy {
    let parsed = this.#parsedManaged.get(arn);
    if (parsed === undefined) {
      const policy = this.#managed[arn];
      parsed =
        policy === undefined
          ? { name: arn, unreadable: `managed policy ${arn} was not read` }
          : parsePolicy(
              `managed policy ${policy.PolicyName ?? arn} (${policy.DefaultVersionId})`,
              policy.Document,
            );
      this.#parsedManaged.set(arn, parsed);
    }
    return parsed;
  }

  /** The role's policies, read once per role. */
  policySetOf(role: RolePolicyDetail): CompiledPolicySet {
    let compiled = this.#compiled.get(role.Arn);
    if (compiled === undefined) {
      const identity = [
        ...role.RolePolicyList.map((p) => parsePolicy(`inline policy ${p.PolicyName}`, p.PolicyDocument)),
        ...role.AttachedManagedPolicies.map((a) => this.#managedPolicy(a.PolicyArn)),
      ];
      const boundaryArn = role.PermissionsBoundary?.PermissionsBoundaryArn;
      compiled = compile(
        boundaryArn === undefined ? { identity } : { identity, boundary: this.#managedPolicy(boundaryArn) },
      );
      this.#compiled.set(role.Arn, compiled);
    }
    return compiled;
  }
}

/**
 * The managed policies a role uses (attached, and its boundary), as one key: roles with the same key differ
 * only in their inline policies. A service control policy applies to an account's roles alike unless its
 * conditions single some out, so one simulated role per key checks it for all of them (lib/collect/role-checks.ts).
 */
export function managedPolicySetKey(role: RolePolicyDetail): string {
  let key = setKeys.get(role);
  if (key === undefined) {
    const attached = role.AttachedManagedPolicies.map((a) => a.PolicyArn).sort();
    key = `${attached.join(',')}|${role.PermissionsBoundary?.PermissionsBoundaryArn ?? ''}`;
    setKeys.set(role, key);
  }
  return key;
}

const setKeys = new WeakMap<RolePolicyDetail, string>();

/** Every managed policy ARN a role needs read: attached ones and its boundary. */
export function managedPolicyArnsOf(role: RolePolicyDetail): string[] {
  const boundary = role.PermissionsBoundary?.PermissionsBoundaryArn;
  return [...role.AttachedManagedPolicies.map((a) => a.PolicyArn), ...(boundary ? [boundary] : [])];
}
