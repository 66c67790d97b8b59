import { READ_ACTIONS } from './collect/collect.js';

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[];
}

/**
 * The IAM policy a user needs to audit an account from the CLI: exactly the read actions the collectors
 * declare, so code and documentation cannot drift. These Describe/List/Get actions support no
 * resource-level scoping, hence `Resource: *`.
 */
export function readOnlyPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'LambdaVpcAuditRead', Effect: 'Allow', Action: [...READ_ACTIONS], Resource: '*' }],
  };
}
