import type { Rule } from './rule.js';
import { functionDedicatedTenancy } from './rules/function-dedicated-tenancy.js';
import { functionMultiAz } from './rules/function-multi-az.js';
import { functionNetworkResourcesExist } from './rules/function-network-resources-exist.js';
import { functionRoleExists } from './rules/function-role-exists.js';

/** Every rule the auditor runs, in report order. Adding a rule: its file, one line here, its test. */
export const RULES: readonly Rule[] = [
  functionMultiAz,
  functionDedicatedTenancy,
  functionNetworkResourcesExist,
  functionRoleExists,
];
