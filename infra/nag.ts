import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { AuditorStack } from './stack.js';

/**
 * The cdk-nag (AwsSolutions) findings this stack accepts, each with its reason. Only IAM5 (wildcard resources)
 * is raised, on the function role: one acknowledgement per wildcard resource, its reason taken from the
 * permission statement that needs it (infra/permissions.ts), so the reason sits beside the grant. A test
 * checks every acknowledgement matches a finding and every finding is acknowledged.
 */

export interface NagAcknowledgement {
  construct: IConstruct;
  id: string;
  reason: string;
}

/** A resolved CloudFormation value as cdk-nag names it in a finding id (`<Logical.Arn>`, `<AWS::Region>`). */
export function flattenReference(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (value !== null && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    const join = node['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return join[1].map(flattenReference).join(join[0]);
    }
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.map(flattenReference).join('.')}>`;
    if ('Ref' in node) return `<${flattenReference(node.Ref)}>`;
    if ('Fn::Sub' in node) return flattenReference(node['Fn::Sub']);
  }
  return JSON.stringify(value);
}

export function nagAcknowledgements(stack: AuditorStack): NagAcknowledgement[] {
  const role = stack.audit.role;
  const reasons = new Map<string, string[]>();
  for (const statement of stack.audit.permissions) {
    for (const resource of statement.resources) {
      const flat = flattenReference(stack.resolve(resource));
      if (!flat.includes('*') || statement.wildcardReason === undefined) continue;
      const id = `AwsSolutions-IAM5[Resource::${flat}]`;
      reasons.set(id, [...(reasons.get(id) ?? []), `${statement.sid}: ${statement.wildcardReason}`]);
    }
  }
  return [...reasons].map(([id, why]) => ({ construct: role, id, reason: why.join(' ') }));
}

export function acknowledgeNagFindings(stack: AuditorStack): void {
  for (const a of nagAcknowledgements(stack)) {
    Validations.of(a.construct).acknowledge({ id: a.id, reason: a.reason });
  }
}
