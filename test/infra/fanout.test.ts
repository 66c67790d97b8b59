import { rmSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { defineAuditorApp } from '../../infra/auditor-app.js';
import { FANOUT_SERVICE_NAME } from '../../infra/environment.js';
import { defineFanOutApp, type FanOutApp, isFanOutEnabled } from '../../infra/fanout-app.js';
import { fanOutNagAcknowledgements } from '../../infra/fanout-nag.js';
import { parseFanOutParameters } from '../../infra/fanout-parameters.js';
import { FanOutStack } from '../../infra/fanout-stack.js';
import { parseDeployParameters } from '../../infra/parameters.js';
import { READ_ACTIONS } from '../../lib/collect/collect.js';
import { loadEnvConfig } from '../../lib/lambda/env-config.js';
import { loadFanOutConfig } from '../../lib/lambda/fanout-config.js';
import { newApp, resourcesOf } from './synth.js';

const AUDITOR = '111111111111';

function synthesizeFanOut(context: Record<string, unknown>) {
  const { app, outdir } = newApp({ 'fanout:enabled': 'true', 'fanout:auditorAccount': AUDITOR, ...context });
  const stacks = defineAuditorApp(app);
  const fanOutApp: FanOutApp = defineFanOutApp(app, stacks);
  return {
    app,
    ...fanOutApp,
    template: Template.fromStack(fanOutApp.fanOut),
    memberTemplate: Template.fromStack(fanOutApp.memberRole),
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

const organization = synthesizeFanOut({ 'fanout:maxConcurrency': '25', 'fanout:regions': 'all' });
const listed = synthesizeFanOut({
  'fanout:accounts': '222222222222,333333333333',
  'fanout:regions': 'eu-west-1,us-east-1',
  tracing: 'true',
});
afterAll(() => {
  organization.dispose();
  listed.dispose();
});

interface State {
  Type: string;
  MaxConcurrency?: number;
  ToleratedFailurePercentage?: number;
  Retry?: Record<string, unknown>[];
  Catch?: Record<string, unknown>[];
  ItemProcessor?: { ProcessorConfig: Record<string, string>; StartAt: string; States: Record<string, State> };
  ItemReader?: {
    Resource: string;
    ReaderConfig: Record<string, string>;
    Parameters: Record<string, unknown>;
  };
  ResultWriter?: { Parameters: Record<string, unknown> };
  Next?: string;
}

/** The state machine definition, with CloudFormation references flattened to `<LogicalId>`. */
function definitionOf(synth: ReturnType<typeof synthesizeFanOut>): {
  StartAt: string;
  States: Record<string, State>;
} {
  const [entry] = resourcesOf(synth.template, 'AWS::StepFunctions::StateMachine');
  if (!entry) throw new Error('no state machine');
  const join = (entry[1].DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  const text = join[1]
    .map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/"/g, "'")}>`))
    .join('');
  return JSON.parse(text);
}

/** A function's properties, found by the start of its logical id. */
function functionNamed(synth: ReturnType<typeof synthesizeFanOut>, prefix: string) {
  const found = resourcesOf(synth.template, 'AWS::Lambda::Function').find(([id]) => id.startsWith(prefix));
  if (!found) throw new Error(`no function ${prefix}`);
  const properties = found[1];
  return {
    properties,
    variables: (properties.Environment as { Variables: Record<string, unknown> }).Variables,
  };
}

const LAMBDA_RETRY = {
  ErrorEquals: [
    'Lambda.TooManyRequestsException',
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.ClientExecutionTimeoutException',
  ],
  IntervalSeconds: 5,
  MaxAttempts: 6,
  BackoffRate: 2,
  MaxDelaySeconds: 120,
  JitterStrategy: 'FULL',
};

describe('fan-out state machine', () => {
  it('plans, audits every target through a Distributed Map at the configured concurrency, then rolls up', () => {
    const definition = definitionOf(organization);
    expect(definition.StartAt).toBe('PlanTargets');
    expect(definition.States.PlanTargets?.Next).toBe('AuditTargets');
    const map = definition.States.AuditTargets;
    expect(map).toMatchObject({
      Type: 'Map',
      MaxConcurrency: 25,
      ToleratedFailurePercentage: 100,
      Next: 'RollUp',
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
      ItemReader: { ReaderConfig: { InputType: 'JSON' }, Parameters: { 'Key.$': '$.plan.targetsKey' } },
      ResultWriter: { Parameters: { Prefix: 'lambda-vpc-audit/rollup/map-results' } },
    });
    expect(definition.States.RollUp).toMatchObject({ Type: 'Task' });
  });

  it('retries every Lambda task on throttling and service errors with capped, jittered backoff', () => {
    const definition = definitionOf(organization);
    const audit = definition.States.AuditTargets?.ItemProcessor?.States.AuditTarget;
    for (const task of [definition.States.PlanTargets, audit, definition.States.RollUp]) {
      expect(task?.Retry).toEqual([LAMBDA_RETRY]);
    }
    // Anything else ends the item as a failed line of the roll-up, not a failed map.
    expect(audit?.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'TargetNotAudited' },
    ]);
  });

  it('reserves the target function exactly the map concurrency, and keeps its metrics apart from the main stack', () => {
    const { properties, variables } = functionNamed(organization, 'TargetFunction');
    expect(properties.ReservedConcurrentExecutions).toBe(25);
    expect(variables.POWERTOOLS_SERVICE_NAME).toBe(FANOUT_SERVICE_NAME);
    // A target never alerts on its own: the roll-up sends the one alert.
    expect(variables).not.toHaveProperty('TOPIC_ARN');
    const resolved = Object.fromEntries(
      Object.entries(variables).map(([name, value]) => [
        name,
        typeof value === 'string' ? value : 'resolved-later',
      ]),
    );
    expect(() =>
      loadEnvConfig({ ...resolved, AWS_REGION: 'eu-west-1', REPORT_BUCKET: 'reports' }),
    ).not.toThrow();
  });

  it('gives the planning and roll-up functions an environment their handlers accept', () => {
    for (const [prefix, expected] of [
      ['PlanFunction', { MEMBER_ROLE_NAME: 'LambdaVpcAuditMember', REGIONS: 'all' }],
      ['RollupFunction', {}],
    ] as const) {
      const { variables } = functionNamed(organization, prefix);
      expect(variables).toMatchObject(expected);
      const strings = Object.fromEntries(
        Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : 'x']),
      );
      expect(() =>
        loadFanOutConfig({
          ...strings,
          AWS_REGION: 'eu-west-1',
          REPORT_BUCKET: 'reports',
          TOPIC_ARN: 'arn:aws:sns:eu-west-1:111111111111:alerts',
        }),
      ).not.toThrow();
    }
  });

  it('logs every execution event and traces with X-Ray', () => {
    organization.template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
    });
  });

  it('lets the planner list the organization only when it is asked to, and names listed members exactly', () => {
    const policies = (synth: ReturnType<typeof synthesizeFanOut>, prefix: string) =>
      JSON.stringify(
        resourcesOf(synth.template, 'AWS::IAM::Role').find(([id]) => id.startsWith(prefix))?.[1].Policies,
      );
    expect(policies(organization, 'PlanRole')).toContain('organizations:ListAccounts');
    expect(policies(organization, 'PlanRole')).toContain(':role/LambdaVpcAuditMember');
    expect(policies(listed, 'PlanRole')).not.toContain('organizations:ListAccounts');
    expect(policies(listed, 'TargetRole')).toContain(':iam::222222222222:role/LambdaVpcAuditMember');
    expect(policies(listed, 'TargetRole')).not.toContain(':iam::*:role/');
  });
});

describe('member role', () => {
  it('is read-only: exactly the actions the collectors declare, nothing that writes', () => {
    const [[, role] = ['', {}]] = resourcesOf(organization.memberTemplate, 'AWS::IAM::Role');
    const policies = role.Policies as {
      PolicyDocument: { Statement: { Action: string[]; Effect: string }[] };
    }[];
    const statements = policies.flatMap((policy) => policy.PolicyDocument.Statement);
    expect(statements).toEqual([
      expect.objectContaining({ Effect: 'Allow', Action: [...READ_ACTIONS], Resource: '*' }),
    ]);
    for (const action of statements.flatMap((statement) => statement.Action)) {
      expect(action).toMatch(/^[a-z0-9-]+:(Describe|List|Get|Simulate)[A-Za-z]+$/);
    }
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(role.RoleName).toBe('LambdaVpcAuditMember');
  });

  it("trusts only the auditor account's fan-out roles", () => {
    organization.memberTemplate.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: {
              AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::${AUDITOR}:root`]] },
            },
            Condition: {
              ArnLike: {
                'aws:PrincipalArn': [
                  {
                    'Fn::Join': [
                      '',
                      ['arn:', { Ref: 'AWS::Partition' }, `:iam::${AUDITOR}:role/lambda-vpc-auditor-*`],
                    ],
                  },
                ],
              },
            },
          },
        ],
      },
    });
  });

  it('takes a role name with an IAM path, as the fan-out assumes it (role/<path>/<name>)', () => {
    const withPath = synthesizeFanOut({ 'fanout:memberRoleName': 'audit/readers/VpcAuditMember' });
    try {
      const [[, role] = ['', {}]] = resourcesOf(withPath.memberTemplate, 'AWS::IAM::Role');
      expect(role.RoleName).toBe('VpcAuditMember');
      expect(role.Path).toBe('/audit/readers/');
      expect(JSON.stringify(withPath.template.toJSON())).toContain(':role/audit/readers/VpcAuditMember');
    } finally {
      withPath.dispose();
    }
  });

  it('synthesizes to a plain template a StackSet can deploy (no bootstrap version rule)', () => {
    const template = organization.memberTemplate.toJSON() as Record<string, unknown>;
    expect(template.Rules).toBeUndefined();
    expect(template.Parameters).toBeUndefined();
  });
});

describe('cdk-nag (AwsSolutions) on the fan-out', () => {
  it.each([
    ['organization', organization],
    ['listed accounts', listed],
  ])('finds nothing unacknowledged (%s)', (_name, synth) => {
    const report = new AwsSolutionsChecks().validateScope(synth.app);
    expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
      [],
    );
  });

  it.each([
    ['organization', { 'fanout:regions': 'all' }],
    ['listed accounts, traced', { 'fanout:accounts': '222222222222', tracing: 'true' }],
  ])('acknowledges exactly the findings the fan-out raises, each with a reason (%s)', (_name, context) => {
    const { app, outdir } = newApp(context);
    try {
      const stack = new FanOutStack(app, 'FanOut', {
        params: parseDeployParameters(context),
        fanOut: parseFanOutParameters(context),
      });
      const raised = new AwsSolutionsChecks()
        .validateScope(app)
        .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath}`))
        .sort();
      const acknowledged = fanOutNagAcknowledgements(stack)
        .map((a) => `${a.id} @ ${a.construct.node.path}/Resource`)
        .sort();
      expect(acknowledged).toEqual(raised);
      for (const a of fanOutNagAcknowledgements(stack)) expect(a.reason.length).toBeGreaterThan(80);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('fan-out parameters', () => {
  it('is off unless asked for', () => {
    const { app, outdir } = newApp({});
    expect(isFanOutEnabled(app)).toBe(false);
    rmSync(outdir, { recursive: true, force: true });
  });

  it('names each wrong key', () => {
    expect(() =>
      parseFanOutParameters({
        'fanout:maxConcurrency': '0',
        'fanout:regions': 'Europe',
        'fanout:acounts': 'x',
      }),
    ).toThrow(
      /fanout:maxConcurrency: must be a whole number from 1 to 1000[\s\S]*unknown fan-out key "fanout:acounts"/,
    );
  });
});
