import type { Finding, ResourceType } from '../../model/finding.js';
import { partitionOf } from '../../model/partition.js';

/** ARNs of the resources findings name: the finding's own when it has one, else built from the account and region. */

/** The ARN path segment of the EC2 resource types (ARN formats of the EC2 service authorization reference). */
const EC2_ARN_PATH: Partial<Record<ResourceType, string>> = {
  subnet: 'subnet',
  vpc: 'vpc',
  'security-group': 'security-group',
  'network-interface': 'network-interface',
  'nat-gateway': 'natgateway',
};

export type Located = Pick<Finding, 'resourceType' | 'resourceId' | 'resourceArn'>;

/**
 * The resource's ARN; `AWS::::Account:<id>` for the account (what Security Hub uses, as an account has no ARN).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html#amazonec2-resources-for-iam-policies
 */
export function resourceArn(finding: Located, where: { accountId: string; region: string }): string {
  if (finding.resourceArn) return finding.resourceArn;
  const partition = partitionOf(where.region);
  const { accountId, region } = where;
  switch (finding.resourceType) {
    case 'account':
      return `AWS::::Account:${accountId}`;
    case 'role':
      return `arn:${partition}:iam::${accountId}:role/${finding.resourceId}`;
    case 'function':
      return `arn:${partition}:lambda:${region}:${accountId}:function:${finding.resourceId}`;
    case 'capacity-provider':
      return `arn:${partition}:lambda:${region}:${accountId}:capacity-provider:${finding.resourceId}`;
    default:
      return `arn:${partition}:ec2:${region}:${accountId}:${EC2_ARN_PATH[finding.resourceType]}/${finding.resourceId}`;
  }
}
