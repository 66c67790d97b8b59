/**
 * The opt-in fan-out (`-c fanout:enabled=true`) read as IAM would, like deployed-policy.test.ts reads the
 * auditor stack: every role of the fan-out stack and of the member-role stack, every statement, every action,
 * and every trust policy. The planning function may list the organization and its regions, assume the member
 * role and write the run's plan; the target function may read its account, assume the member role and write
 * reports under the prefix; the roll-up function may read and write roll-ups and publish the one alert; the
 * state machine may invoke its own functions, run its own map's child executions, read the plan and write the
 * map results under the roll-up prefix, and deliver its logs and traces; the schedule may start the state
 * machine. The member role reads, and only the auditor account's fan-out roles may assume it. Anything else —
 * a new role, a managed policy, a write elsewhere, a wildcard write, a read of someone else's data — fails.
 */
import { rmSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAuditorApp } from '../../infra/auditor-app.js';
import { defineFanOutApp } from '../../infra/fanout-app.js';
import { type FanOutParameters, parseFanOutParameters } from '../../infra/fanout-parameters.js';
import type { FanOutStack } from '../../infra/fanout-stack.js';
import type { MemberRoleStack } from '../../infra/member-role-stack.js';
import type { DeployParameters } from '../../infra/parameters.js';
import { READ_ACTIONS } from '../../lib/collect/collect.js';
import { ORGANIZATIONS_ACTIONS } from '../../lib/collect/organizations.js';
import { REGION_ACTIONS } from '../../lib/collect/regions.js';
import { newApp } from '../infra/synth.js';
import {
  exact,
  type Grant,
  grantsOf,
  literal,
  logicalId,
  READ,
  STAR_ONLY_WRITES,
  text,
  trustOf,
  wildcardWrites,
  writesOutside,
} from './policy-grants.js';

const AUDITOR = '111111111111';

/**
 * What Step Functions needs to deliver a state machine's logs to CloudWatch Logs: these actions support no
 * resource-level permissions, so `*` is the only resource they take (Step Functions developer guide, "IAM
 * policies for logging to CloudWatch Logs"; aws/aws-cdk#7158: the Step Functions team confirmed they cannot be
 * scoped further). Allowed on the state machine's role only.
 */
const LOG_DELIVERY_WRITES: ReadonlySet<string> = new Set([
  'logs:CreateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:PutResourcePolicy',
]);

/** The reads the state machine holds on `*`: log delivery's and X-Ray sampling's, none resource-scoped. */
const STATE_MACHINE_STAR_READS = [
  'logs:DescribeLogGroups',
  'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery',
  'logs:ListLogDeliveries',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
];

/**
 * Organization-wide and traced; listed members with a member role of another name, a report prefix and the
 * operator's own trusted principals, untraced; the auditor account alone with every main-stack option on
 * (cleanup that deletes, Security Hub, Slack), which the fan-out must not inherit as permissions.
 */
const CONTEXTS = {
  'organization, every region, traced': { 'fanout:regions': 'all', tracing: 'true' },
  'listed members, custom role and prefix': {
    'fanout:accounts': '222222222222,333333333333',
    'fanout:regions': 'eu-west-1,us-east-1',
    'fanout:memberRoleName': 'LambdaVpcAuditReader',
    'fanout:trustedPrincipals': `arn:aws:iam::${AUDITOR}:role/lambda-vpc-auditor-*,arn:aws:iam::${AUDITOR}:role/ops/vpc-auditor`,
    reportPrefix: '/audits/lambda/',
  },
  'the auditor account alone, every main-stack option on': {
    'fanout:accounts': 'self',
    emails: ['ops@example.com'],
    cleanup: 'apply',
    cleanupVpcs: 'vpc-0a1b2c3d',
    slackWebhook: 'ssm:/auditor/slack-webhook',
    slackWorkspaceId: 'T07EA123LEP',
    slackChannelId: 'C0123ABCD',
    securityHub: 'true',
    tracing: true,
  },
} as const;

interface FanOutSynth {
  fanOut: FanOutStack;
  memberRole: MemberRoleStack;
  params: FanOutParameters;
  /** The auditor stack's parameters, which the fan-out takes (report prefix, tracing). */
  deploy: DeployParameters;
  template: Template;
  memberTemplate: Template;
  dispose: () => void;
}

function synthesizeFanOut(context: Record<string, unknown>): FanOutSynth {
  const { app, outdir } = newApp({ 'fanout:enabled': 'true', 'fanout:auditorAccount': AUDITOR, ...context });
  const dispose = () => rmSync(outdir, { recursive: true, force: true });
  try {
    const auditors = defineAuditorApp(app);
    const { fanOut, memberRole } = defineFanOutApp(app, auditors);
    const [auditor] = auditors;
    if (auditor === undefined) throw new Error('no auditor stack');
    return {
      fanOut,
      memberRole,
      params: parseFanOutParameters(app.node.getAllContext()),
      deploy: auditor.params,
      template: Template.fromStack(fanOut),
      memberTemplate: Template.fromStack(memberRole),
      dispose,
    };
  } catch (error) {
    dispose();
    throw error;
  }
}

/**
 * The fan-out stack's roles by job, as logical ids. The schedule's role is found by who may assume it (the
 * EventBridge target makes it); so is the Slack channel's, which the alert topic makes when Slack is configured.
 */
function rolesOf(stack: FanOutStack, template: Template) {
  const assumedBy = (service: string) => [
    ...new Set(trustOf(template).flatMap((t) => (t.principal === `Service:${service}` ? [t.role] : []))),
  ];
  const [schedule, ...others] = assumedBy('events.amazonaws.com');
  if (schedule === undefined || others.length > 0) throw new Error('expected one role for the schedule');
  const chatbot = assumedBy('chatbot.amazonaws.com');
  if (chatbot.length !== (stack.alerts.chatbot ? 1 : 0)) throw new Error('expected a Slack channel role');
  return {
    plan: logicalId(stack, stack.plan.role),
    target: logicalId(stack, stack.target.role),
    rollup: logicalId(stack, stack.rollup.role),
    stateMachine: logicalId(stack, stack.stateMachine.role),
    schedule,
    ...(chatbot[0] === undefined ? {} : { chatbot: chatbot[0] }),
  };
}

/** The stack's own resources, as the template text names them. */
function ownOf(stack: FanOutStack, deploy: DeployParameters) {
  const ref = (construct: IConstruct) => `<${logicalId(stack, construct)}>`;
  const arn = (construct: IConstruct) => `<${logicalId(stack, construct)}.Arn>`;
  const prefix = deploy.reportPrefix === '' ? '' : `${deploy.reportPrefix}/`;
  return {
    prefix,
    bucket: arn(stack.reports.bucket),
    topic: ref(stack.alerts.topic),
    key: arn(stack.alerts.key),
    stateMachine: ref(stack.stateMachine),
    functions: [stack.plan, stack.target, stack.rollup].map((fn) => arn(fn.function)),
    logs: (fn: FanOutStack['plan']) =>
      new RegExp(
        `^logs:(CreateLogStream|PutLogEvents) arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:${literal(ref(fn.logGroup))}:\\*$`,
      ),
  };
}

/** `arn:<partition>:iam::<account>:role/<name>` for each account the plan may assume the member role in. */
function memberRolePatterns(params: FanOutParameters): RegExp[] {
  const accounts =
    params.accounts.kind === 'organization'
      ? ['*']
      : params.accounts.kind === 'listed'
        ? params.accounts.accounts
        : [];
  return accounts.map((account) =>
    exact('sts:AssumeRole', `arn:<AWS::Partition>:iam::${account}:role/${params.memberRoleName}`),
  );
}

/** Each role's writes, as `action resource` patterns. */
function allowedWrites(synth: FanOutSynth, template: Template) {
  const { fanOut: stack, params, deploy } = synth;
  const roles = rolesOf(stack, template);
  const own = ownOf(stack, deploy);
  const tracing = deploy.tracing ? [/^xray:(PutTraceSegments|PutTelemetryRecords) \*$/] : [];
  const executions = `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:split(:,${own.stateMachine})[6]`;
  return new Map<string, RegExp[]>([
    [
      roles.plan,
      [
        ...memberRolePatterns(params),
        exact('s3:PutObject', `${own.bucket}/${own.prefix}rollup/runs/*`),
        own.logs(stack.plan),
        ...tracing,
      ],
    ],
    [
      roles.target,
      [
        ...memberRolePatterns(params),
        exact('s3:PutObject', `${own.bucket}/${own.prefix}*`),
        own.logs(stack.target),
        ...tracing,
      ],
    ],
    [
      roles.rollup,
      [
        exact('s3:PutObject', `${own.bucket}/${own.prefix}rollup/*`),
        exact('sns:Publish', own.topic),
        exact('kms:GenerateDataKey', own.key),
        exact('kms:Decrypt', own.key),
        own.logs(stack.rollup),
        ...tracing,
      ],
    ],
    [
      roles.stateMachine,
      [
        ...own.functions.flatMap((fn) => [
          exact('lambda:InvokeFunction', fn),
          exact('lambda:InvokeFunction', `${fn}:*`),
        ]),
        new RegExp(
          `^s3:(PutObject|AbortMultipartUpload) ${literal(`${own.bucket}/${own.prefix}rollup/map-results/*`)}$`,
        ),
        exact('states:StartExecution', own.stateMachine),
        exact('states:StopExecution', `${executions}:*`),
        exact('states:RedriveExecution', `${executions}/AuditTargets:*`),
        new RegExp(`^(${[...LOG_DELIVERY_WRITES].map(literal).join('|')}) \\*$`),
        // The state machine is always traced.
        /^xray:(PutTraceSegments|PutTelemetryRecords) \*$/,
      ],
    ],
    [roles.schedule, [exact('states:StartExecution', own.stateMachine)]],
    // The Slack channel only relays the topic's notifications: its role holds nothing.
    ...(roles.chatbot === undefined ? [] : [[roles.chatbot, []] as [string, RegExp[]]]),
  ]);
}

/** Every way the template's grants break the rules above: `role: action resource` for each. */
function violations(synth: FanOutSynth, template: Template = synth.template) {
  const { fanOut: stack, params } = synth;
  const { grants, managedPolicyArns } = grantsOf(template);
  const allowed = allowedWrites(synth, template);
  const stateMachineRole = logicalId(stack, stack.stateMachine.role);
  const ofRole = (role: string) => grants.filter((g) => g.roles.includes(role));
  // A policy attached to no role (a managed policy, say) allows whatever it is attached to later.
  const unknownRoles = grants.filter(
    (g) => g.roles.length === 0 || g.roles.some((role) => !allowed.has(role)),
  );
  const outside = [...allowed].flatMap(([role, patterns]) => writesOutside(ofRole(role), patterns));
  const wildcards = [...allowed.keys()].flatMap((role) =>
    wildcardWrites(
      ofRole(role),
      role === stateMachineRole ? new Set([...STAR_ONLY_WRITES, ...LOG_DELIVERY_WRITES]) : STAR_ONLY_WRITES,
    ),
  );
  // Every resource a grant names is `*`, one of the stack's own resources, or the member role.
  const ownIds = Object.keys((template.toJSON() as { Resources: Record<string, unknown> }).Resources);
  const names = (g: Grant) => [...g.resource.matchAll(/<([A-Za-z0-9]+)(\.Arn)?>/g)].map((m) => m[1]);
  const foreign = grants.filter(
    (g) =>
      g.resource !== '*' &&
      !names(g).some((id) => id !== undefined && ownIds.includes(id)) &&
      !memberRolePatterns(params).some((pattern) => pattern.test(`${g.action} ${g.resource}`)),
  );
  return {
    managedPolicyArns,
    unknownRoles: unknownRoles.map((g) => `${g.role}: ${g.action} ${g.resource}`),
    outside,
    wildcards,
    foreign: foreign.map((g) => `${g.role}: ${g.action} ${g.resource}`),
  };
}

/** Actions a role holds on `*` that only read, sorted. */
function starReads(template: Template, role: string): string[] {
  return [
    ...new Set(
      grantsOf(template)
        .grants.filter((g) => g.roles.includes(role) && g.resource === '*' && READ.test(g.action))
        .map((g) => g.action),
    ),
  ].sort();
}

const synthesized = new Map<string, FanOutSynth>();
const figures = { stacks: 0, roles: 0, grants: 0, writes: 0 };

beforeAll(() => {
  for (const [name, context] of Object.entries(CONTEXTS)) synthesized.set(name, synthesizeFanOut(context));
}, 120_000);

afterAll(() => {
  for (const s of synthesized.values()) s.dispose();
  if (figures.stacks === 0) return;
  console.log(
    `[reliability] fan-out policy: stacks=${figures.stacks}, roles=${figures.roles}, grants=${figures.grants}, ` +
      `writes=${figures.writes}, writesOutsideTheAllowList=0, wildcardWrites=0`,
  );
});

const synthOf = (name: string): FanOutSynth => {
  const s = synthesized.get(name);
  if (s === undefined) throw new Error(name);
  return s;
};

describe.each(Object.keys(CONTEXTS))('the fan-out stack’s policy (%s)', (name) => {
  it('holds only its known roles (three functions, the state machine, the schedule, the Slack channel’s) and no other IAM resource', () => {
    const { fanOut, template } = synthOf(name);
    const roles = rolesOf(fanOut, template);
    expect(Object.keys(template.findResources('AWS::IAM::Role')).sort()).toEqual(Object.values(roles).sort());
    const types = Object.values(template.toJSON().Resources as Record<string, { Type: string }>)
      .map((r) => r.Type)
      .filter((type) => type.startsWith('AWS::IAM::'));
    expect([...new Set(types)].sort()).toEqual(
      fanOut.alerts.chatbot
        ? ['AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy', 'AWS::IAM::Role']
        : ['AWS::IAM::Policy', 'AWS::IAM::Role'],
    );
  });

  it('gives the Slack channel (when configured) a role that holds nothing, capped by a guardrail that denies everything', () => {
    const { fanOut, template } = synthOf(name);
    const { chatbot } = rolesOf(fanOut, template);
    const managed = Object.values(template.findResources('AWS::IAM::ManagedPolicy'));
    const guardrail = fanOut.alerts.chatbotGuardrail;
    if (chatbot === undefined || guardrail === undefined) {
      expect([chatbot, guardrail, managed]).toEqual([undefined, undefined, []]);
      return;
    }
    expect(grantsOf(template).grants.filter((g) => g.roles.includes(chatbot))).toEqual([]);
    expect(
      managed.map((m) => (m as { Properties: { PolicyDocument: unknown } }).Properties.PolicyDocument),
    ).toEqual([expect.objectContaining({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] })]);
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      IamRoleArn: { 'Fn::GetAtt': [chatbot, 'Arn'] },
      GuardrailPolicies: [{ Ref: logicalId(fanOut, guardrail) }],
    });
  });

  it('attaches no managed policy, and allows no wildcard action and no write on * but X-Ray’s and log delivery’s', () => {
    const found = violations(synthOf(name));
    expect(found.managedPolicyArns).toEqual([]);
    expect(found.wildcards).toEqual([]);
  });

  it('allows each role nothing but reads and its own writes', () => {
    const synth = synthOf(name);
    const found = violations(synth);
    expect(found.unknownRoles).toEqual([]);
    expect(found.outside).toEqual([]);
    const { grants } = grantsOf(synth.template);
    figures.stacks += 1;
    figures.roles += new Set(grants.flatMap((g) => g.roles)).size;
    figures.grants += grants.length;
    figures.writes += grants.filter((g) => !READ.test(g.action)).length;
  });

  it('names no resource but its own, the member role, and * (no other bucket, topic, key or function)', () => {
    expect(violations(synthOf(name)).foreign).toEqual([]);
  });

  it('reads on * only what each job calls: the collectors’ actions, the organization and regions, log delivery', () => {
    const { fanOut, template, params } = synthOf(name);
    const roles = rolesOf(fanOut, template);
    expect(starReads(template, roles.target)).toEqual([...READ_ACTIONS].sort());
    expect(starReads(template, roles.plan)).toEqual(
      [
        ...(params.accounts.kind === 'organization' ? ORGANIZATIONS_ACTIONS : []),
        ...(params.regions?.kind === 'all' ? REGION_ACTIONS : []),
      ].sort(),
    );
    expect(starReads(template, roles.rollup)).toEqual([]);
    expect(starReads(template, roles.stateMachine)).toEqual(STATE_MACHINE_STAR_READS);
    expect(starReads(template, roles.schedule)).toEqual([]);
    if (roles.chatbot !== undefined) expect(starReads(template, roles.chatbot)).toEqual([]);
  });

  it('assumes the member role only from the planning and target functions, only by its name', () => {
    const { fanOut, template, params } = synthOf(name);
    const roles = rolesOf(fanOut, template);
    const assumes = grantsOf(template).grants.filter(
      (g) => g.action.startsWith('sts:') && !READ.test(g.action),
    );
    const expected = {
      organization: [`arn:<AWS::Partition>:iam::*:role/${params.memberRoleName}`],
      listed: ['222222222222', '333333333333'].map(
        (account) => `arn:<AWS::Partition>:iam::${account}:role/${params.memberRoleName}`,
      ),
      self: [],
    }[params.accounts.kind];
    for (const role of [roles.plan, roles.target]) {
      expect(assumes.filter((g) => g.roles.includes(role)).map((g) => `${g.action} ${g.resource}`)).toEqual(
        expected.map((arn) => `sts:AssumeRole ${arn}`),
      );
    }
    expect(assumes.filter((g) => !g.roles.includes(roles.plan) && !g.roles.includes(roles.target))).toEqual(
      [],
    );
  });

  it('keeps the state machine’s S3 access to the roll-up prefix: the plan’s targets, the map’s results', () => {
    const { fanOut, template, deploy } = synthOf(name);
    const own = ownOf(fanOut, deploy);
    const s3 = grantsOf(template)
      .grants.filter((g) => g.roles.includes(logicalId(fanOut, fanOut.stateMachine.role)))
      .filter((g) => g.action.startsWith('s3:'))
      .map((g) => `${g.action} ${g.resource}`)
      .sort();
    const results = `${own.bucket}/${own.prefix}rollup/map-results/*`;
    expect(s3).toEqual([
      `s3:AbortMultipartUpload ${results}`,
      `s3:GetObject ${results}`,
      `s3:GetObject ${own.bucket}/${own.prefix}rollup/runs/*/targets.json`,
      `s3:ListMultipartUploadParts ${results}`,
      `s3:PutObject ${results}`,
    ]);
  });

  it('never deletes an ENI, imports findings or reads the Slack webhook, whatever the main stack allows itself', () => {
    const { template } = synthOf(name);
    const actions = grantsOf(template).grants.map((g) => g.action);
    expect(actions.filter((a) => /^(ec2:Delete|securityhub:|ssm:|secretsmanager:)/.test(a))).toEqual([]);
  });

  it('lets only AWS services assume its roles: Lambda the functions’, Step Functions (this account) the state machine’s, EventBridge the schedule’s', () => {
    const { fanOut, template } = synthOf(name);
    const roles = rolesOf(fanOut, template);
    const trust = trustOf(template);
    expect(trust.every((t) => t.action === 'sts:AssumeRole' && t.principal.startsWith('Service:'))).toBe(
      true,
    );
    const principalsOf = (role: string) => trust.filter((t) => t.role === role).map((t) => t.principal);
    for (const role of [roles.plan, roles.target, roles.rollup])
      expect(principalsOf(role)).toEqual(['Service:lambda.amazonaws.com']);
    expect(principalsOf(roles.schedule)).toEqual(['Service:events.amazonaws.com']);
    expect(trust.filter((t) => t.role === roles.stateMachine)).toEqual([
      expect.objectContaining({
        principal: 'Service:states.amazonaws.com',
        conditions: expect.arrayContaining(['StringEquals aws:SourceAccount=<AWS::AccountId>']),
      }),
    ]);
  });
});

describe.each(Object.keys(CONTEXTS))('the member role (%s)', (name) => {
  it('only reads: exactly the actions the collectors declare, no managed policy, no other IAM resource', () => {
    const { memberTemplate } = synthOf(name);
    const { grants, managedPolicyArns } = grantsOf(memberTemplate);
    expect(managedPolicyArns).toEqual([]);
    expect(grants.map((g) => g.action).sort()).toEqual([...READ_ACTIONS].sort());
    expect(grants.every((g) => READ.test(g.action) && g.resource === '*')).toBe(true);
    expect(wildcardWrites(grants)).toEqual([]);
    expect(writesOutside(grants, [])).toEqual([]);
    const types = Object.values(memberTemplate.toJSON().Resources as Record<string, { Type: string }>).map(
      (r) => r.Type,
    );
    expect(types).toEqual(['AWS::IAM::Role']);
  });

  it('is trusted by the auditor account alone, and only by the principals it names (never *)', () => {
    const { memberTemplate, params } = synthOf(name);
    const trust = trustOf(memberTemplate);
    const account = `arn:<AWS::Partition>:iam::${AUDITOR}`;
    const principals = params.trustedPrincipals ?? [`${account}:role/lambda-vpc-auditor-*`];
    expect(trust).toEqual([
      {
        role: expect.any(String),
        action: 'sts:AssumeRole',
        principal: `AWS:${account}:root`,
        conditions: principals.map((arn) => `ArnLike aws:PrincipalArn=${arn}`),
      },
    ]);
    for (const arn of principals)
      expect(arn).toMatch(new RegExp(`^arn:(<AWS::Partition>|aws[a-z-]*):iam::${AUDITOR}:role/.+`));
  });

  it('admits the fan-out’s planning and target roles, by the names the fan-out stack gives them', () => {
    const { fanOut, template, memberTemplate } = synthOf(name);
    const globs = trustOf(memberTemplate).flatMap((t) =>
      t.conditions.map((condition) => {
        const pattern = condition
          .replace(/^ArnLike aws:PrincipalArn=/, '')
          .replace('<AWS::Partition>', 'aws');
        return new RegExp(`^${pattern.split('*').map(literal).join('.*')}$`);
      }),
    );
    const resources = template.toJSON().Resources as Record<string, { Properties: { RoleName?: unknown } }>;
    for (const fn of [fanOut.plan, fanOut.target]) {
      const roleName = text(resources[logicalId(fanOut, fn.role)]?.Properties.RoleName);
      const arn = `arn:aws:iam::${AUDITOR}:role/${roleName.replace('<AWS::Region>', 'eu-west-1')}`;
      expect(globs.some((glob) => glob.test(arn))).toBe(true);
    }
  });
});

describe('the fan-out policy check itself', () => {
  it('catches CDK’s whole-bucket Distributed Map grant, a write on *, a read of another bucket, and a role it does not know', () => {
    const synth = synthOf('organization, every region, traced');
    const { fanOut, template } = synth;
    const json = structuredClone(template.toJSON()) as {
      Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
    };
    const roles = rolesOf(fanOut, template);
    const bucket = logicalId(fanOut, fanOut.reports.bucket);
    const stateMachinePolicy = Object.entries(json.Resources).find(
      ([, r]) =>
        r.Type === 'AWS::IAM::Policy' &&
        JSON.stringify(r.Properties.Roles) === `[{"Ref":"${roles.stateMachine}"}]`,
    );
    if (stateMachinePolicy === undefined) throw new Error('no state machine policy');
    const document = stateMachinePolicy[1].Properties.PolicyDocument as { Statement: unknown[] };
    // What CDK grants for an ItemReader/ResultWriter on a bucket: every object of it.
    document.Statement.push({
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: bucket }, '/*']] },
    });
    json.Resources.RollupExtra = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] },
        Roles: [{ Ref: roles.rollup }],
      },
    };
    // A read, but of someone else's bucket.
    json.Resources.TargetExtra = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyDocument: {
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::someone-elses/*' }],
        },
        Roles: [{ Ref: roles.target }],
      },
    };
    json.Resources.Stray = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: '*' }],
        },
        Policies: [
          { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeVpcs', Resource: '*' }] } },
        ],
      },
    };
    const found = violations(synth, Template.fromJSON(json));
    expect(found.outside.sort()).toEqual([
      `RollupExtra (<${roles.rollup}>): s3:PutObject *`,
      `${stateMachinePolicy[0]} (<${roles.stateMachine}>): s3:PutObject arn:<AWS::Partition>:s3:::<${bucket}>/*`,
    ]);
    expect(found.wildcards).toEqual([`RollupExtra (<${roles.rollup}>): s3:PutObject *`]);
    expect(found.unknownRoles).toEqual(['Stray: ec2:DescribeVpcs *']);
    expect(found.foreign).toEqual([
      `TargetExtra (<${roles.target}>): s3:GetObject arn:aws:s3:::someone-elses/*`,
    ]);
    expect(trustOf(Template.fromJSON(json)).filter((t) => t.principal === 'AWS:*')).toHaveLength(1);
  });

  it('reads NotAction and NotResource as everything, and a RolePolicy as the role’s', () => {
    const template = Template.fromJSON({
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: {
              Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '*' } }],
            },
            Policies: [
              {
                PolicyDocument: {
                  Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::reports/*' },
                },
              },
            ],
          },
        },
        Inline: {
          Type: 'AWS::IAM::RolePolicy',
          Properties: {
            RoleName: { Ref: 'Role' },
            PolicyDocument: {
              Statement: [{ Effect: 'Allow', Action: 'sns:Publish', NotResource: 'arn:aws:sns:::mine' }],
            },
          },
        },
      },
    });
    const { grants } = grantsOf(template);
    expect(grants).toEqual([
      { role: 'Role', roles: ['Role'], action: '*', resource: 'arn:aws:s3:::reports/*' },
      { role: 'Inline (<Role>)', roles: ['Role'], action: 'sns:Publish', resource: '*' },
    ]);
    expect(wildcardWrites(grants)).toEqual([
      'Role: * arn:aws:s3:::reports/*',
      'Inline (<Role>): sns:Publish *',
    ]);
    expect(trustOf(template)).toEqual([
      { role: 'Role', action: 'sts:AssumeRole', principal: 'AWS:*', conditions: [] },
    ]);
  });
});
