import { DefaultStackSynthesizer, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import { AccountPrincipal, PolicyDocument, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { READ_ACTIONS } from '../lib/collect/collect.js';
import { TOOL } from '../lib/version.js';

/**
 * The role the fan-out assumes in every member account: read-only, exactly the actions the collectors call
 * (READ_ACTIONS, never restated), trusting only the auditor account's fan-out roles. Deploy it in each member
 * with `cdk deploy`, or take its template (no assets, no bootstrap version rule) as a service-managed StackSet.
 * StackSets never deploy to the management account: deploy it there on its own if it is to be audited.
 */

export interface MemberRoleStackProps extends StackProps {
  /** The name the fan-out assumes, with its IAM path if any (`audit/LambdaVpcAuditMember`). */
  roleName: string;
  /** The account the auditor (the fan-out stack, or a CLI user running `--org`) runs in. */
  auditorAccount: string;
  /** ARN patterns of the auditor account's principals allowed to assume the role; default its fan-out roles. */
  trustedPrincipals?: readonly string[];
}

/** The fan-out functions' roles are named `lambda-vpc-auditor-<job>-<region>` (infra/fanout-function.ts). */
function defaultTrustedPrincipals(partition: string, auditorAccount: string): string[] {
  return [`arn:${partition}:iam::${auditorAccount}:role/lambda-vpc-auditor-*`];
}

/** IAM keeps a role's path apart from its name: `a/b/Name` is path `/a/b/` and name `Name`. */
function pathAndName(roleName: string): { path?: string; name: string } {
  const slash = roleName.lastIndexOf('/');
  if (slash < 0) return { name: roleName };
  return { path: `/${roleName.slice(0, slash)}/`, name: roleName.slice(slash + 1) };
}

const READ_WILDCARD_REASON =
  'The auditor Describes/Lists/Gets every Lambda function, ENI, subnet, route table, security group, role, metric ' +
  'and quota of the member account: these read-only actions support no resource-level scoping, so Resource is *. ' +
  'The list is READ_ACTIONS from lib/collect, the actions the code calls, and nothing else.';

export class MemberRoleStack extends Stack {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: MemberRoleStackProps) {
    super(scope, id, {
      description: `${TOOL.name} ${TOOL.version}: read-only role the auditor account assumes`,
      // A plain template: usable as a StackSet template in accounts that were never bootstrapped.
      synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
      ...props,
    });
    const trusted = props.trustedPrincipals ?? defaultTrustedPrincipals(this.partition, props.auditorAccount);
    const { path, name } = pathAndName(props.roleName);
    this.role = new Role(this, 'Role', {
      roleName: name,
      ...(path === undefined ? {} : { path }),
      description: `${TOOL.name}: read-only audit of VPC-enabled Lambda functions, for account ${props.auditorAccount}`,
      assumedBy: new AccountPrincipal(props.auditorAccount).withConditions({
        ArnLike: { 'aws:PrincipalArn': [...trusted] },
      }),
      inlinePolicies: {
        Read: new PolicyDocument({
          statements: [
            new PolicyStatement({ sid: 'ReadAccount', actions: [...READ_ACTIONS], resources: ['*'] }),
          ],
        }),
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: READ_WILDCARD_REASON,
    });
    Tags.of(this).add('app', TOOL.name);
  }
}
