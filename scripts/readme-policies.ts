import { parseDeployParameters } from '../infra/parameters.js';
import { deployPolicyDocument } from '../infra/policy-document.js';
import { readOnlyPolicy } from '../lib/permissions.js';

/**
 * The README's two policy blocks, generated from the code: the CLI's read-only policy and the deployed function's
 * role with default parameters (scripts/readme.ts writes them).
 */
export const README_POLICY_BLOCKS = {
  permissions: () => readOnlyPolicy(),
  'deploy-permissions': () => deployPolicyDocument(parseDeployParameters({})),
} as const;
