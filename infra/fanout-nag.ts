import { Validations } from 'aws-cdk-lib';
import { Policy } from 'aws-cdk-lib/aws-iam';
import type { FanOutStack } from './fanout-stack.js';
import { flattenReference, type NagAcknowledgement } from './nag.js';

/**
 * The cdk-nag (AwsSolutions) findings the fan-out stack accepts, each with its reason: the wildcards of the
 * functions' own statements (their reasons sit beside the grants, infra/fanout-permissions.ts), and those of
 * the policies CDK writes for the state machine, recognised one kind at a time. A wildcard of any other kind
 * stays unacknowledged and fails the synth. A test checks each acknowledgement matches a finding and back.
 */

/** What CDK grants the state machine with a wildcard, and why that wildcard is needed. */
const STATE_MACHINE_WILDCARDS: readonly { pattern: RegExp; reason: string }[] = [
  {
    pattern: /^<[A-Za-z0-9]+Function[0-9A-F]{8}\.Arn>:\*$/,
    reason:
      'CDK’s LambdaInvoke grant: the function and its versions (<arn>:*). The tasks invoke the unqualified ' +
      'function; the grant names no other function.',
  },
  {
    pattern: /^<[A-Za-z0-9]+\.Arn>\/(?:[^<>]+\/)?rollup\/(?:runs\/\*\/targets\.json|map-results\/\*)$/,
    reason:
      'The Distributed Map reads its items from the plan object (<prefix>/rollup/runs/<run-id>/targets.json) and its ' +
      'ResultWriter writes each map run’s results under <prefix>/rollup/map-results/<map-run-id>/: keys made at run ' +
      'time, in the report bucket’s roll-up prefix only (infra/fanout-stack.ts narrows CDK’s whole-bucket grants).',
  },
  {
    pattern: /^arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:.*:\*$/,
    reason:
      'A Distributed Map starts, describes and stops child executions of this state machine, whose ids are made at ' +
      'run time: CDK confines the grant to this state machine’s executions.',
  },
  {
    pattern: /^\*$/,
    reason:
      'X-Ray tracing (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules/Targets) and CloudWatch Logs ' +
      'delivery for the state machine’s log group (logs:CreateLogDelivery and friends) support no resource-level ' +
      'permissions: Resource must be *.',
  },
];

interface Statement {
  Resource?: unknown;
}

function resourcesOf(statement: Statement): unknown[] {
  const resource = statement.Resource;
  return Array.isArray(resource) ? resource : resource === undefined ? [] : [resource];
}

function stateMachineAcknowledgements(stack: FanOutStack): NagAcknowledgement[] {
  const policies = stack.stateMachine.node
    .findAll()
    .filter((child): child is Policy => child instanceof Policy);
  const acknowledgements: NagAcknowledgement[] = [];
  for (const policy of policies) {
    const document = stack.resolve(policy.document) as { Statement?: Statement[] } | undefined;
    const flats = new Set(
      (document?.Statement ?? []).flatMap(resourcesOf).map((resource) => flattenReference(resource)),
    );
    for (const flat of flats) {
      if (!flat.includes('*')) continue;
      const known = STATE_MACHINE_WILDCARDS.find((wildcard) => wildcard.pattern.test(flat));
      if (known)
        acknowledgements.push({
          construct: policy,
          id: `AwsSolutions-IAM5[Resource::${flat}]`,
          reason: known.reason,
        });
    }
  }
  return acknowledgements;
}

function functionAcknowledgements(stack: FanOutStack): NagAcknowledgement[] {
  const acknowledgements: NagAcknowledgement[] = [];
  for (const fn of [stack.plan, stack.target, stack.rollup]) {
    const reasons = new Map<string, string[]>();
    for (const statement of fn.permissions) {
      for (const resource of statement.resources) {
        const flat = flattenReference(stack.resolve(resource));
        if (!flat.includes('*') || statement.wildcardReason === undefined) continue;
        const id = `AwsSolutions-IAM5[Resource::${flat}]`;
        reasons.set(id, [...(reasons.get(id) ?? []), `${statement.sid}: ${statement.wildcardReason}`]);
      }
    }
    for (const [id, why] of reasons) acknowledgements.push({ construct: fn.role, id, reason: why.join(' ') });
  }
  return acknowledgements;
}

export function fanOutNagAcknowledgements(stack: FanOutStack): NagAcknowledgement[] {
  return [...functionAcknowledgements(stack), ...stateMachineAcknowledgements(stack)];
}

export function acknowledgeFanOutNagFindings(stack: FanOutStack): void {
  for (const a of fanOutNagAcknowledgements(stack)) {
    Validations.of(a.construct).acknowledge({ id: a.id, reason: a.reason });
  }
}
