import { describe, expect, it } from 'vitest';
import { proposalsFromTemplate } from '../../../lib/analyze/plan/template.js';

/** A CDK-synthesized template's shape: literal ids from a looked-up VPC, one created subnet, one import. */
const CDK_TEMPLATE = {
  Parameters: {
    AppSubnets: {
      Type: 'List<AWS::EC2::Subnet::Id>',
      Default: 'subnet-0aaaaaaaaaaaaaaa1,subnet-0aaaaaaaaaaaaaab1',
    },
    AppGroup: { Type: 'AWS::EC2::SecurityGroup::Id' },
    Memory: { Type: 'Number', Default: '1024' },
  },
  Resources: {
    ApiFn1A2B3C4D: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: 'orders-api',
        MemorySize: { Ref: 'Memory' },
        ReservedConcurrentExecutions: 40,
        VpcConfig: { SubnetIds: { Ref: 'AppSubnets' }, SecurityGroupIds: [{ Ref: 'AppGroup' }] },
      },
    },
    WorkerFnE5F6: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        VpcConfig: {
          SubnetIds: [
            { Ref: 'PrivateSubnet1Subnet' },
            { 'Fn::ImportValue': 'shared-subnet-b' },
            'subnet-0aaaaaaaaaaaaaac1',
          ],
          SecurityGroupIds: [{ 'Fn::GetAtt': ['WorkerSg', 'GroupId'] }],
        },
      },
    },
    CronFn: { Type: 'AWS::Lambda::Function', Properties: { MemorySize: 128 } },
    PrivateSubnet1Subnet: { Type: 'AWS::EC2::Subnet', Properties: {} },
    WorkerSg: { Type: 'AWS::EC2::SecurityGroup', Properties: {} },
  },
};

describe('proposalsFromTemplate', () => {
  it('resolves literals and parameters (given or default), and plans a function the account has as a change', () => {
    const { proposals, notes } = proposalsFromTemplate(
      CDK_TEMPLATE,
      new Map([['AppGroup', 'sg-0aaaaaaaaaaaaaaa1']]),
      new Set(['orders-api']),
      'Template t.json',
    );
    expect(proposals[0]).toEqual({
      name: 'orders-api',
      existing: true,
      origin: 'template resource ApiFn1A2B3C4D',
      memoryMb: 1024,
      concurrency: null,
      reservedConcurrency: 40,
      subnetIds: ['subnet-0aaaaaaaaaaaaaaa1', 'subnet-0aaaaaaaaaaaaaab1'],
      securityGroupIds: ['sg-0aaaaaaaaaaaaaaa1'],
      dualStack: null,
      capacityProviderArn: null,
      unresolved: [],
    });
    expect(notes).toEqual([
      'Not in a VPC, nothing to plan: CronFn.',
      'Parameters at their template defaults: AppSubnets, Memory.',
    ]);
  });

  it('says what cannot be resolved offline, item by item, and never guesses it', () => {
    const { proposals } = proposalsFromTemplate(
      CDK_TEMPLATE,
      new Map([['AppGroup', 'sg-0aaaaaaaaaaaaaaa1']]),
      null,
      'Template t.json',
    );
    expect(proposals[1]).toMatchObject({
      name: 'WorkerFnE5F6',
      existing: false,
      subnetIds: ['subnet-0aaaaaaaaaaaaaac1'],
      unresolved: [
        'WorkerFnE5F6 VpcConfig.SubnetIds[0]: Ref PrivateSubnet1Subnet: a AWS::EC2::Subnet this template creates, whose id exists only once deployed',
        'WorkerFnE5F6 VpcConfig.SubnetIds[1]: Fn::ImportValue "shared-subnet-b": another stack\'s export, known once deployed',
        'WorkerFnE5F6 VpcConfig.SecurityGroupIds[0]: Fn::GetAtt ["WorkerSg","GroupId"]: an attribute of a resource this template creates',
      ],
    });
  });

  it('asks for a parameter without a value, and selects from a split list', () => {
    const template = {
      Parameters: { Subnets: { Type: 'String' }, Group: { Type: 'String' } },
      Resources: {
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            VpcConfig: {
              SubnetIds: [{ 'Fn::Select': [1, { 'Fn::Split': [',', { Ref: 'Subnets' }] }] }],
              SecurityGroupIds: [{ Ref: 'Group' }],
            },
          },
        },
      },
    };
    const given = proposalsFromTemplate(
      template,
      new Map([['Subnets', 'subnet-0a0000001,subnet-0b0000002']]),
      null,
      't',
    );
    expect(given.proposals[0]?.subnetIds).toEqual(['subnet-0b0000002']);
    expect(given.proposals[0]?.unresolved).toEqual([
      'Fn VpcConfig.SecurityGroupIds[0]: Ref Group: a parameter without a value (give --parameter Group=...)',
    ]);
  });

  it("applies SAM's Globals.Function to an AWS::Serverless::Function", () => {
    const sam = {
      Globals: {
        Function: {
          MemorySize: 512,
          VpcConfig: { SubnetIds: ['subnet-0aaaaaaaaaaaaaaa1'], SecurityGroupIds: ['sg-0aaaaaaaaaaaaaaa1'] },
        },
      },
      Resources: { Handler: { Type: 'AWS::Serverless::Function', Properties: { MemorySize: 2048 } } },
    };
    expect(proposalsFromTemplate(sam, new Map(), null, 't').proposals[0]).toMatchObject({
      name: 'Handler',
      memoryMb: 2048,
      subnetIds: ['subnet-0aaaaaaaaaaaaaaa1'],
      securityGroupIds: ['sg-0aaaaaaaaaaaaaaa1'],
    });
  });

  it('refuses what is not a template, and a --parameter it does not declare', () => {
    expect(() => proposalsFromTemplate({ Foo: 1 }, new Map(), null, 'Template x.json')).toThrow(
      'Template x.json is not a CloudFormation template: it has no Resources.',
    );
    expect(() =>
      proposalsFromTemplate(CDK_TEMPLATE, new Map([['Nope', 'x']]), null, 'Template t.json'),
    ).toThrow('Template t.json declares no parameter Nope (--parameter).');
  });
});
