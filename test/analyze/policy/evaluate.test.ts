/**
 * The evaluator against IAM's documented answers: each case is a policy set from (or shaped like) the IAM
 * documentation's examples and evaluation-logic pages, asked about Lambda's five ENI actions for a function in
 * subnet-a (and subnet-b when said) with security group sg-1, in account 123456789012, eu-west-1.
 *   Evaluation logic: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic_policy-eval-denyallow.html
 *   NotAction: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
 *   NotResource: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
 *   Boundaries: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
import { describe, expect, it } from 'vitest';
import { AWS_LAMBDA_VPC_ACCESS_EXECUTION_ROLE } from '../../../examples/demo/aws-managed-policies.js';
import { compile, evaluateRequests, type PolicySet } from '../../../lib/analyze/policy/evaluate.js';
import { parsePolicy } from '../../../lib/analyze/policy/statements.js';
import { LAMBDA_ENI_ACTIONS, lambdaEniRequests } from '../../../lib/model/lambda-eni-actions.js';

const SCOPE = { partition: 'aws', region: 'eu-west-1', accountId: '123456789012' };

/** AWSLambdaVPCAccessExecutionRole's statement. */
const [VPC_ACCESS] = (AWS_LAMBDA_VPC_ACCESS_EXECUTION_ROLE.Document as { Statement: object[] }).Statement;

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const policy = (document: unknown, name = 'p') => parsePolicy(name, document);

type Expected = Partial<Record<(typeof LAMBDA_ENI_ACTIONS)[number], string>>;

/** Every action's decision; the ones not named in `expected` must be `rest`. */
function decisions(set: PolicySet, subnets = ['subnet-a']) {
  const verdicts = evaluateRequests(compile(set), lambdaEniRequests(SCOPE, subnets, ['sg-1']));
  return Object.fromEntries([...verdicts].map(([action, verdict]) => [action, verdict.decision]));
}

function all(decision: string, except: Expected = {}) {
  return Object.fromEntries(LAMBDA_ENI_ACTIONS.map((action) => [action, except[action] ?? decision]));
}

const CASES: { name: string; set: PolicySet; subnets?: string[]; expected: Record<string, string> }[] = [
  {
    name: 'the AWS managed policy (Allow on *): allowed',
    set: { identity: [policy(doc(VPC_ACCESS))] },
    expected: all('allowed'),
  },
  {
    name: 'no policy at all: implicitly denied',
    set: { identity: [] },
    expected: all('implicitDeny'),
  },
  {
    name: 'an explicit deny overrides an allow (inline Deny on ec2:DeleteNetworkInterface)',
    set: {
      identity: [
        policy(doc(VPC_ACCESS)),
        policy(doc({ Effect: 'Deny', Action: 'ec2:DeleteNetworkInterface', Resource: '*' })),
      ],
    },
    expected: all('allowed', { 'ec2:DeleteNetworkInterface': 'explicitDeny' }),
  },
  {
    name: 'Statement as one object, Action as one string',
    set: { identity: [policy({ Statement: { Effect: 'Allow', Action: 'ec2:*', Resource: '*' } })] },
    expected: all('allowed'),
  },
  {
    name: 'NotAction with Allow: everything but IAM is allowed',
    set: { identity: [policy(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }))] },
    expected: all('allowed'),
  },
  {
    name: 'NotAction with Deny: denies everything it does not name',
    set: {
      identity: [
        policy(doc(VPC_ACCESS)),
        policy(doc({ Effect: 'Deny', NotAction: ['ec2:Describe*', 'logs:*'], Resource: '*' })),
      ],
    },
    expected: all('explicitDeny', { 'ec2:DescribeNetworkInterfaces': 'allowed' }),
  },
  {
    name: 'wildcards in the middle of an action, any case, and ?',
    set: {
      identity: [
        policy(
          doc({
            Effect: 'Allow',
            Action: ['EC2:*networkinterface*', 'ec2:?ssignPrivateIpAddresses', 'ec2:Unassign*'],
            Resource: '*',
          }),
        ),
      ],
    },
    expected: all('allowed'),
  },
  {
    name: 'a wildcard that names other actions only',
    set: { identity: [policy(doc({ Effect: 'Allow', Action: 'ec2:*Instances', Resource: '*' }))] },
    expected: all('implicitDeny'),
  },
  {
    name: 'NotResource: allowed everywhere but one subnet, which the function uses',
    set: {
      identity: [
        policy(
          doc({
            Effect: 'Allow',
            Action: 'ec2:*',
            NotResource: 'arn:aws:ec2:*:*:subnet/subnet-a',
          }),
        ),
      ],
    },
    expected: all('allowed', { 'ec2:CreateNetworkInterface': 'implicitDeny' }),
  },
  {
    name: 'resources scoped to ARNs: allowed where every resource is covered',
    set: {
      identity: [
        policy(
          doc(
            { Effect: 'Allow', Action: 'ec2:DescribeNetworkInterfaces', Resource: '*' },
            {
              Effect: 'Allow',
              Action: 'ec2:*',
              Resource: [
                'arn:aws:ec2:eu-west-1:123456789012:network-interface/*',
                'arn:aws:ec2:eu-west-1:*:subnet/subnet-?',
                'arn:aws:ec2:*:123456789012:security-group/*',
              ],
            },
          ),
        ),
      ],
    },
    subnets: ['subnet-a', 'subnet-b'],
    expected: all('allowed'),
  },
  {
    name: 'one of two subnets not covered: CreateNetworkInterface implicitly denied',
    set: {
      identity: [
        policy(doc(VPC_ACCESS)),
        policy(
          doc({
            Effect: 'Deny',
            Action: 'ec2:CreateNetworkInterface',
            Resource: 'arn:aws:ec2:*:*:subnet/subnet-b',
          }),
        ),
      ],
    },
    subnets: ['subnet-a', 'subnet-b'],
    expected: all('allowed', { 'ec2:CreateNetworkInterface': 'explicitDeny' }),
  },
  {
    name: 'a permissions boundary without the actions: implicitly denied',
    set: {
      identity: [policy(doc(VPC_ACCESS))],
      boundary: policy(doc({ Effect: 'Allow', Action: ['logs:*', 's3:*'], Resource: '*' })),
    },
    expected: all('implicitDeny'),
  },
  {
    name: 'a permissions boundary that allows them: the identity policy decides',
    set: {
      identity: [policy(doc({ Effect: 'Allow', Action: 'ec2:*NetworkInterface*', Resource: '*' }))],
      boundary: policy(doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' })),
    },
    expected: all('allowed', {
      'ec2:AssignPrivateIpAddresses': 'implicitDeny',
      'ec2:UnassignPrivateIpAddresses': 'implicitDeny',
    }),
  },
  {
    name: 'a Deny in the boundary wins too',
    set: {
      identity: [policy(doc(VPC_ACCESS))],
      boundary: policy(
        doc(
          { Effect: 'Allow', Action: '*', Resource: '*' },
          { Effect: 'Deny', Action: 'ec2:Delete*', Resource: '*' },
        ),
      ),
    },
    expected: all('allowed', { 'ec2:DeleteNetworkInterface': 'explicitDeny' }),
  },
  {
    name: 'a Deny with a condition: whether it applies depends on the request, so undecidable',
    set: {
      identity: [
        policy(doc(VPC_ACCESS)),
        policy(
          doc({
            Effect: 'Deny',
            Action: 'ec2:DeleteNetworkInterface',
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } },
          }),
        ),
      ],
    },
    expected: all('allowed', { 'ec2:DeleteNetworkInterface': 'undecidable' }),
  },
  {
    name: 'the only Allow has a condition: undecidable',
    set: {
      identity: [
        policy(
          doc({ ...VPC_ACCESS, Condition: { ArnLike: { 'lambda:SourceFunctionArn': 'arn:aws:lambda:*' } } }),
        ),
      ],
    },
    expected: all('undecidable'),
  },
  {
    name: 'a conditional Allow beside an unconditional one does not matter',
    set: {
      identity: [
        policy(doc(VPC_ACCESS)),
        policy(
          doc({
            Effect: 'Allow',
            Action: 'ec2:*',
            Resource: '*',
            Condition: { Bool: { 'aws:SecureTransport': 'true' } },
          }),
        ),
      ],
    },
    expected: all('allowed'),
  },
  {
    name: 'a conditional Deny beside an unconditional Deny: denied either way',
    set: {
      identity: [
        policy(doc(VPC_ACCESS)),
        policy(
          doc(
            {
              Effect: 'Deny',
              Action: 'ec2:*',
              Resource: '*',
              Condition: { Bool: { 'aws:ViaAWSService': 'false' } },
            },
            { Effect: 'Deny', Action: 'ec2:DeleteNetworkInterface', Resource: '*' },
          ),
        ),
      ],
    },
    expected: all('undecidable', { 'ec2:DeleteNetworkInterface': 'explicitDeny' }),
  },
  {
    name: 'an Allow on one network interface only: Lambda deletes whichever it made, so undecidable',
    set: {
      identity: [
        policy(
          doc({ ...VPC_ACCESS, Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces'] }),
        ),
        policy(
          doc({
            Effect: 'Allow',
            Action: ['ec2:DeleteNetworkInterface', 'ec2:*PrivateIpAddresses'],
            Resource: 'arn:aws:ec2:eu-west-1:123456789012:network-interface/eni-0123456789abcdef0',
          }),
        ),
      ],
    },
    expected: all('undecidable', {
      'ec2:CreateNetworkInterface': 'allowed',
      'ec2:DescribeNetworkInterfaces': 'allowed',
    }),
  },
  {
    name: 'Describe* allowed on an EC2 ARN instead of *: not settled here (the documentation asks for *)',
    set: {
      identity: [
        policy(doc({ Effect: 'Allow', Action: 'ec2:*', Resource: 'arn:aws:ec2:eu-west-1:123456789012:*' })),
      ],
    },
    expected: all('allowed', { 'ec2:DescribeNetworkInterfaces': 'undecidable' }),
  },
  {
    name: 'Describe* allowed on another service’s ARN only: implicitly denied',
    set: {
      identity: [policy(doc({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: 'arn:aws:s3:::logs/*' }))],
    },
    expected: all('implicitDeny'),
  },
  {
    name: 'a policy variable in a Deny’s resource: undecidable',
    set: {
      identity: [
        policy(doc(VPC_ACCESS)),
        policy(
          doc({
            Effect: 'Deny',
            Action: 'ec2:*',
            // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
            Resource: 'arn:aws:ec2:*:*:network-interface/${aws:PrincipalTag/eni}',
          }),
        ),
      ],
    },
    expected: all('allowed', {
      'ec2:CreateNetworkInterface': 'undecidable',
      'ec2:DeleteNetworkInterface': 'undecidable',
      'ec2:AssignPrivateIpAddresses': 'undecidable',
      'ec2:UnassignPrivateIpAddresses': 'undecidable',
    }),
  },
  {
    name: 'an unreadable policy beside an Allow: it might deny, so undecidable',
    set: { identity: [policy(doc(VPC_ACCESS)), policy('{"Statement": [')] },
    expected: all('undecidable'),
  },
  {
    name: 'an unreadable policy beside an unconditional Deny: denied whatever it says',
    set: {
      identity: [policy({ Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] }), policy(42)],
    },
    expected: all('explicitDeny'),
  },
];

describe('evaluateRequests: IAM’s documented answers', () => {
  it.each(CASES)('$name', ({ set, subnets, expected }) => {
    expect(decisions(set, subnets)).toEqual(expected);
  });

  it('names the Deny statement, and the statements that left an action undecided', () => {
    const verdicts = evaluateRequests(
      compile({
        identity: [
          policy(doc(VPC_ACCESS)),
          parsePolicy(
            'inline policy guard',
            doc(
              { Sid: 'NoDelete', Effect: 'Deny', Action: 'ec2:DeleteNetworkInterface', Resource: '*' },
              {
                Sid: 'OnlyHere',
                Effect: 'Deny',
                Action: 'ec2:CreateNetworkInterface',
                Resource: '*',
                Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
              },
            ),
          ),
        ],
      }),
      lambdaEniRequests(SCOPE, ['subnet-a'], ['sg-1']),
    );
    expect(verdicts.get('ec2:DeleteNetworkInterface')).toEqual({
      decision: 'explicitDeny',
      deniedBy: 'inline policy guard, statement NoDelete',
    });
    expect(verdicts.get('ec2:CreateNetworkInterface')).toEqual({
      decision: 'undecidable',
      because: ['inline policy guard, statement OnlyHere'],
    });
  });
});

describe('parsePolicy', () => {
  it.each([
    ['not JSON', '{', 'p cannot be read: it is not JSON'],
    ['no Statement', { Version: '2012-10-17' }, 'p cannot be read: it has no Statement'],
    [
      'an Effect of neither kind',
      doc({ Effect: 'allow', Action: '*', Resource: '*' }),
      'statement #1: its Effect',
    ],
    [
      'Action and NotAction',
      doc({ Effect: 'Allow', Action: '*', NotAction: 'x', Resource: '*' }),
      'exactly one of Action',
    ],
    [
      'no Resource',
      doc({ Sid: 'S', Effect: 'Allow', Action: '*' }),
      'statement S: it needs exactly one of Resource',
    ],
    ['a Principal', doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }), 'no Principal'],
    ['an empty Action list', doc({ Effect: 'Allow', Action: [], Resource: '*' }), 'Action is neither'],
  ])('calls a document with %s unreadable, and says why', (_, document, why) => {
    const parsed = parsePolicy('p', document);
    expect('unreadable' in parsed && parsed.unreadable).toContain(why);
  });

  it('reads the JSON text of a document like the document', () => {
    expect(parsePolicy('p', JSON.stringify(doc(VPC_ACCESS)))).toEqual(parsePolicy('p', doc(VPC_ACCESS)));
  });
});
