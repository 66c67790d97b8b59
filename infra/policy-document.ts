import type { DeployParameters } from './parameters.js';
import { auditPermissions, type PermissionTargets } from './permissions.js';

/**
 * The function role's policy as a plain IAM policy document, with readable placeholders for the stack's own
 * resources: what the README shows, generated from the same statements the stack deploys.
 */

export const PLACEHOLDER_TARGETS: PermissionTargets = {
  partition: 'aws',
  region: '<region>',
  account: '<account-id>',
  bucketArn: 'arn:aws:s3:::<report-bucket>',
  topicArn: 'arn:aws:sns:<region>:<account-id>:<alert-topic>',
  topicKeyArn: 'arn:aws:kms:<region>:<account-id>:key/<alert-topic-key-id>',
  logGroupName: '<function-log-group>',
  deadLetterQueueArn: 'arn:aws:sqs:<region>:<account-id>:<failed-runs-queue>',
};

export interface PolicyDocumentJson {
  Version: '2012-10-17';
  Statement: {
    Sid: string;
    Effect: 'Allow';
    Action: string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string | string[]>>;
  }[];
}

export function deployPolicyDocument(params: DeployParameters): PolicyDocumentJson {
  return {
    Version: '2012-10-17',
    Statement: auditPermissions(params, PLACEHOLDER_TARGETS).map((s) => ({
      Sid: s.sid,
      Effect: 'Allow',
      Action: [...s.actions],
      Resource: s.resources.length === 1 ? (s.resources[0] ?? '') : s.resources,
      ...(s.conditions ? { Condition: s.conditions } : {}),
    })),
  };
}
