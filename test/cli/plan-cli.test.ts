import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exit-codes.js';
import { runCli } from '../../cli/program.js';
import { captureIo } from './capture-io.js';

const DEMO = 'examples/demo-account.json';
const HOT = 'subnet-0b3c9d2e4f6a80a03';
const PRIVATE = 'subnet-0a8d3e5f7b9c10a02,subnet-0a8d3e5f7b9c10b02';
const APP = 'sg-0a1a2b3c4d5e6f701';

async function plan(...argv: string[]) {
  const t = captureIo();
  const code = await runCli(['plan', '--snapshot', DEMO, ...argv], t.io);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

describe('lambda-vpc-audit plan --snapshot (the demo account)', () => {
  it('exits 1 for a hot 2 GB function in the /28, naming the subnet and the shortfall', async () => {
    const { code, stdout } = await plan(
      '--memory',
      '2048',
      '--concurrency',
      '50',
      '--subnets',
      HOT,
      '--security-groups',
      APP,
    );
    expect(code).toBe(EXIT.findings);
    expect(stdout).toMatch(/^The change does not fit: 1 of 1 function would break something\./);
    // 60 × 2048 / 1536 = 80 ENIs, plus payments-webhook's 12, against 7 free IPs + 1 Lambda ENI in use.
    expect(stdout).toContain(
      `${HOT} (eu-west-1a, 10.10.64.0/28): legacy demand 92 ENIs (this function 80) against 8 (7 free IPs + 1 Lambda ENI in use): 84 short.`,
    );
  });

  it('exits 0 for a small function in roomy subnets, and answers in JSON', async () => {
    const { code, stdout } = await plan(
      '--memory',
      '256',
      '--concurrency',
      '5',
      '--subnets',
      PRIVATE,
      '--security-groups',
      APP,
      '--format',
      'json',
    );
    expect(code).toBe(EXIT.ok);
    const answer = JSON.parse(stdout);
    expect(answer.verdict).toBe('fits');
    expect(answer.functions[0].legacy).toMatchObject({ projectedPeak: 6, enis: 1, perSubnet: 1 });
  });

  it('plans a change to usage-metering: at 60 concurrent its /27s still hold (24 of 27 each)', async () => {
    const { code, stdout } = await plan('--function', 'usage-metering', '--concurrency', '60');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toContain(
      'subnet subnet-0d2e4f6a8c1b30a05 (eu-west-1a, 10.10.72.0/27): 26 free IPs, legacy demand 13 -> 24 of 27',
    );
  });

  it('exits 3 when it cannot tell: a new function without its expected peak', async () => {
    const { code, stdout } = await plan('--subnets', PRIVATE, '--security-groups', APP);
    expect(code).toBe(EXIT.unverified);
    expect(stdout).toContain(
      'The legacy demand of a new function needs its expected peak: give --concurrency.',
    );
  });

  it('plans the VPC functions of a template with parameters, and exits 3 for what it cannot resolve', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-template-'));
    const path = join(dir, 'template.yaml');
    writeFileSync(
      path,
      [
        'Parameters:',
        '  Subnets: { Type: CommaDelimitedList }',
        'Resources:',
        '  Small:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      MemorySize: 256',
        '      ReservedConcurrentExecutions: 5',
        '      VpcConfig: { SubnetIds: !Ref Subnets, SecurityGroupIds: [sg-0a1a2b3c4d5e6f701] }',
        '  Imported:',
        '    Type: AWS::Lambda::Function',
        '    Properties:',
        '      VpcConfig: { SubnetIds: [!ImportValue shared-subnet], SecurityGroupIds: [sg-0a1a2b3c4d5e6f701] }',
      ].join('\n'),
    );
    const { code, stdout } = await plan('--template', path, '--parameter', `Subnets=${PRIVATE}`);
    expect(code).toBe(EXIT.unverified);
    expect(stdout).toContain('new function Small (template resource Small): cannot tell');
    expect(stdout).toContain('concurrency 5 reserved');
    expect(stdout).toContain('Imported could not be resolved and may share its subnets.');
    expect(stdout).toContain(
      'Cannot be resolved offline: Imported VpcConfig.SubnetIds[0]: Fn::ImportValue "shared-subnet"',
    );
  });

  it('plans a function on payments-pool (exit 0) and on batch-burst (exit 1, by how much)', async () => {
    const fits = await plan('--capacity-provider', 'payments-pool', '--format', 'json');
    expect(fits.code).toBe(EXIT.ok);
    const answer = JSON.parse(fits.stdout);
    // MaxVCpuCount 96 / 4 vCPU (m7g.xlarge) = 24 instances, 8 per private subnet.
    expect(answer.functions[0]).toMatchObject({
      verdict: 'fits',
      legacy: null,
      subnets: [],
      availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      capacityProvider: { name: 'payments-pool', instancesAtFullScale: 24, addressesPerSubnet: 8 },
    });
    const short = await plan('--capacity-provider', 'batch-burst', '--memory', '4096');
    expect(short.code).toBe(EXIT.findings);
    // 256 / 2 vCPU (c7g.large) = 128 instances, 64 per /27; each has 8 or 9 free + its instances' 2 or 1.
    expect(short.stdout).toContain(
      'capacity provider batch-burst: DOES NOT FIT; 128 instances at full scale (MaxVCpuCount 256 / 2 vCPU), 64 addresses per subnet',
    );
    expect(short.stdout).toContain(
      'each needing a private address: subnet-0c4d6e8f0a2b40a41 has 10 (54 short), subnet-0c4d6e8f0a2b40b41 has 10 (54 short).',
    );
  });

  it('exits 3 for a template function on a provider the template creates (its ARN is known once deployed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-provider-'));
    const path = join(dir, 'template.json');
    writeFileSync(
      path,
      JSON.stringify({
        Resources: {
          Pool: { Type: 'AWS::Lambda::CapacityProvider', Properties: {} },
          Renderer: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              CapacityProviderConfig: {
                LambdaManagedInstancesCapacityProviderConfig: {
                  CapacityProviderArn: { 'Fn::GetAtt': ['Pool', 'Arn'] },
                },
              },
            },
          },
        },
      }),
    );
    const { code, stdout } = await plan('--template', path);
    expect(code).toBe(EXIT.unverified);
    expect(stdout).toContain(
      'Cannot be resolved offline: Renderer CapacityProviderConfig.LambdaManagedInstancesCapacityProviderConfig.CapacityProviderArn: Fn::GetAtt ["Pool","Arn"]: an attribute of a resource this template creates.',
    );
  });

  it('exits 3 on a provider when the snapshot did not collect the capacity providers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-no-providers-'));
    const path = join(dir, 'snapshot.json');
    const demo = JSON.parse(readFileSync(DEMO, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...demo, capacityProviders: null }));
    const t = captureIo();
    const code = await runCli(['plan', '--snapshot', path, '--capacity-provider', 'batch-burst'], t.io);
    expect(code).toBe(EXIT.unverified);
    expect(t.stdout()).toContain(
      'Cannot be resolved offline: the capacity providers were not collected: whether batch-burst exists is unknown.',
    );
  });

  it('exits 2 naming what is wrong with the flags', async () => {
    const cases: [string[], string][] = [
      [
        ['--memory', '64', '--subnets', HOT, '--security-groups', APP],
        'the memory (MB) must be a whole number ≥ 128 and ≤ 10240, got "64"',
      ],
      [
        ['--subnets', 'subnet-nope', '--security-groups', APP],
        '"subnet-nope" is not subnet id (like subnet-0123456789abcdef0)',
      ],
      [
        ['--concurrency', '5'],
        'A new function needs --subnets and --security-groups (or --capacity-provider).',
      ],
      [
        ['--function', 'no-such-fn', '--concurrency', '5'],
        'No function no-such-fn in account 123456789012 eu-west-1: leave --function out to plan a new one.',
      ],
      [
        ['--template', 't.json', '--subnets', HOT],
        '--template describes the functions: it cannot be combined with --subnets.',
      ],
      [
        ['--parameter', 'A=b', '--subnets', HOT, '--security-groups', APP],
        '--parameter gives a template parameter: it needs --template.',
      ],
      [['--template', 'no/such/template.json'], 'Cannot read template no/such/template.json: no such file.'],
      [
        ['--capacity-provider', 'batch-burst', '--subnets', HOT, '--security-groups', APP],
        "--capacity-provider runs the function on the provider's subnets and security groups: it cannot be combined with --subnets, --security-groups.",
      ],
      [
        ['--capacity-provider', 'no-such-pool'],
        'No capacity provider no-such-pool in account 123456789012 eu-west-1: it has batch-burst, partner-sync, payments-pool (--capacity-provider).',
      ],
      [
        ['--template', 't.json', '--capacity-provider', 'batch-burst'],
        '--template describes the functions: it cannot be combined with --capacity-provider.',
      ],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr, stdout } = await plan(...argv);
      expect(code, argv.join(' ')).toBe(EXIT.error);
      expect(stderr).toContain(message);
      expect(stdout).toBe('');
    }
  });
});
