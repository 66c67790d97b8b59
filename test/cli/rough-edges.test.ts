/**
 * The CLI problems a new user hit (issue 17), each with its exit code and message: the format inferred from
 * --output, an --output that is a directory or in a missing one, an unknown --profile, an unknown command,
 * settings named by their flags, --fail-on in any case and saying why it failed the run, the help texts, the
 * benchmark's --help, and the eni lookup of an orphan.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../cli/exit-codes.js';
import { runCli } from '../../cli/program.js';
import { captureIo } from './capture-io.js';

const DEMO = ['--snapshot', 'examples/demo-account.json'];

async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'rough-edges-'));
}

async function run(args: readonly string[], columns?: number) {
  const t = captureIo(columns === undefined ? {} : { columns });
  const code = await runCli(args, t.io);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

/** The demo's numbers, from its JSON report: the assertions below hold as the demo grows. */
async function demoSummary(): Promise<{ failed: number; atOrAboveHigh: number; vpcFunctions: number }> {
  const report = JSON.parse((await run([...DEMO, '--format', 'json'])).stdout) as {
    summary: { failed: number; vpcFunctions: number; bySeverity: Record<string, number> };
  };
  const { failed, vpcFunctions, bySeverity } = report.summary;
  return { failed, vpcFunctions, atOrAboveHigh: (bySeverity.critical ?? 0) + (bySeverity.high ?? 0) };
}

/** The verdict: the report's last paragraph, its wrapped lines read as one. */
function verdictOf(stdout: string): string {
  return (stdout.trimEnd().split('\n\n').at(-1) ?? '').replace(/\n\s+/g, ' ');
}

/** The demo without its one critical finding (statement-renderer, which Lambda reports failed). */
async function demoWithoutCritical(): Promise<string> {
  const demo = JSON.parse(await readFile('examples/demo-account.json', 'utf8')) as {
    functions: { FunctionName: string }[];
    functionDetails: Record<string, unknown>;
    capacityProviderVersions: Record<string, { FunctionArn: string }[]>;
  };
  const gone = 'statement-renderer';
  demo.functions = demo.functions.filter((f) => f.FunctionName !== gone);
  delete demo.functionDetails[gone];
  for (const [arn, versions] of Object.entries(demo.capacityProviderVersions))
    demo.capacityProviderVersions[arn] = versions.filter(
      (v) => !v.FunctionArn.includes(`:function:${gone}:`),
    );
  const path = join(await scratch(), 'no-critical.json');
  await writeFile(path, JSON.stringify(demo));
  return path;
}

describe('--output and --format', () => {
  it('takes the format from the file name when --format is absent', async () => {
    const dir = await scratch();
    for (const [name, start] of [
      ['report.html', '<!DOCTYPE html>'],
      ['report.sarif', '{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json"'],
      ['findings.ocsf.json', '[\n  {\n    "activity_id": 1'],
      ['report.csv', '"account_id","region"'],
      ['report.md', '# Lambda VPC audit'],
    ] as const) {
      const result = await run([...DEMO, '--output', join(dir, name)]);
      expect(result.code, name).toBe(EXIT.ok);
      expect((await readFile(join(dir, name), 'utf8')).startsWith(start), name).toBe(true);
    }
  });

  it('refuses a file name whose format it cannot tell, before auditing', async () => {
    const dir = await scratch();
    const result = await run([...DEMO, '--output', join(dir, 'report.pdf')]);
    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toContain('Cannot tell the report format from the name');
    expect(result.stderr).toContain('pass --format');
    expect(await readdir(dir)).toEqual([]);
  });

  it('says an --output that is a directory is one, and leaves no temporary file behind', async () => {
    const dir = await scratch();
    const result = await run([...DEMO, '--output', dir]);
    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toContain(`--output ${dir} is a directory: name a file in it`);
    expect(result.stderr).not.toContain('EISDIR');
    const parent = await readdir(join(dir, '..'));
    expect(parent.filter((name) => name.startsWith(`${dir.split('/').at(-1)}.`))).toEqual([]);
  });

  it('does not create the directories of an --output path that does not exist', async () => {
    const dir = await scratch();
    const result = await run([...DEMO, '--output', join(dir, 'no', 'such', 'r.html')]);
    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toContain(`the directory ${join(dir, 'no', 'such')} does not exist`);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('--profile', () => {
  it('names a profile that is not in the shared config files, and the ones that are', async () => {
    const dir = await scratch();
    await writeFile(
      join(dir, 'config'),
      '[default]\nregion = eu-west-1\n[profile prod]\nregion = eu-west-1\n',
    );
    vi.stubEnv('AWS_CONFIG_FILE', join(dir, 'config'));
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(dir, 'credentials'));
    // The test setup's dummy keys: with a profile named the SDK ignores them, and warns that it does.
    vi.stubEnv('AWS_ACCESS_KEY_ID', undefined);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', undefined);
    const result = await run(['--profile', 'nosuch', '--region', 'eu-west-1']);
    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toContain('Profile "nosuch" is not in the AWS shared config files');
    expect(result.stderr).toContain('profiles there: default, prod');
    expect(result.stderr).not.toContain('use --profile');
  });
});

describe('commands and flags', () => {
  it('names an unknown command instead of "too many arguments for audit"', async () => {
    const result = await run(['frobnicate']);
    expect(result.code).toBe(EXIT.error);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
    expect(result.stderr).toContain('audit, snapshot, eni, can-delete, plan, rules, permissions');
    expect(result.stderr).not.toContain('too many arguments');
  });

  it('names a wrong setting by its flag, not its internal key', async () => {
    for (const [flag, value] of [
      ['--min-azs', '0'],
      ['--divisor', '0'],
      ['--headroom', 'lots'],
      ['--internet-tag', ''],
    ] as const) {
      const result = await run([...DEMO, flag, value]);
      expect(result.code, flag).toBe(EXIT.error);
      expect(result.stderr, flag).toContain(`Invalid ${flag}: `);
      expect(result.stderr, flag).not.toMatch(
        /minAvailabilityZones|legacyDivisorGb|internetTagKey|^\s+headroom:/m,
      );
    }
  });

  it('takes --fail-on in any case and says on stderr why it exits 1', async () => {
    const { atOrAboveHigh } = await demoSummary();
    const result = await run([...DEMO, '--fail-on', 'HIGH']);
    expect(result.code).toBe(EXIT.findings);
    expect(result.stderr).toContain(
      `exit 1: ${atOrAboveHigh} failed checks at or above high (--fail-on high).`,
    );
    const passing = await run(['--snapshot', await demoWithoutCritical(), '--fail-on', 'Critical']);
    expect(passing.code).toBe(EXIT.ok);
    expect(passing.stderr).toBe('');
    const wrong = await run([...DEMO, '--fail-on', 'severe']);
    expect(wrong.code).toBe(EXIT.error);
    expect(wrong.stderr).toContain('"severe" is not a severity (one of critical, high, medium, low, info');
  });

  it('filters the listed findings with --severity or --min-severity, any case, and the verdict stays whole', async () => {
    const { failed } = await demoSummary();
    const result = await run([...DEMO, '--min-severity', 'HIGH']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).not.toMatch(/^ {2}MEDIUM/m);
    expect(result.stdout).toContain('Showing critical, high only');
    expect(verdictOf(result.stdout)).toContain(`${failed} checks failed`);
    const listed = await run([...DEMO, '--severity', 'low,INFO', '--format', 'csv']);
    const severities = new Set(
      listed.stdout
        .trim()
        .split('\r\n')
        .slice(1)
        .map((row) => row.split(',')[2]),
    );
    expect(severities).toEqual(new Set(['"low"', '"info"']));
    const both = await run([...DEMO, '--severity', 'low', '--min-severity', 'high']);
    expect(both.code).toBe(EXIT.error);
    expect(both.stderr).toContain('--severity and --min-severity cannot be combined');
  });

  it('refuses --details and --severity for a roll-up, which has neither', async () => {
    for (const flag of [['--details'], ['--min-severity', 'high']]) {
      const result = await run(['--regions', 'eu-west-1,us-east-1', ...flag]);
      expect(result.code).toBe(EXIT.error);
      expect(result.stderr).toContain('--details, --severity and --min-severity shape one target');
    }
  });

  it('says in the top-level help that audit is the default, with examples and exit codes', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('audit is the default command');
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('lambda-vpc-audit --region eu-west-1 --output report.html');
    expect(result.stdout).toMatch(/Exit codes:\n {2}0 {2}done\n {2}1 {2}a finding at or above --fail-on/);
  });

  it('marks --out required in snapshot --help', async () => {
    const result = await run(['snapshot', '--help']);
    expect(result.stdout).toMatch(/--out <file> +where to write the snapshot JSON \(required\)/);
  });

  it('wraps the rules catalogue to the terminal', async () => {
    const result = await run(['rules'], 80);
    expect(result.code).toBe(EXIT.ok);
    const long = result.stdout.split('\n').filter((line) => line.length > 80 && !line.includes('https://'));
    expect(long).toEqual([]);
  });

  it('ends an orphan ENI lookup with what to do about an orphan, not about "the functions above"', async () => {
    const result = await run(['eni', 'eni-0a7f3c9e1d5b2f604', ...DEMO]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('nobody: ORPHANED');
    expect(result.stdout).not.toContain('functions above');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toContain('An orphaned ENI stays');
  });
});

describe('npm run bench -- --help', () => {
  it('prints its usage and exits 0; an unknown option is one line and exit 2, never a stack trace', () => {
    const bench = (arg: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', arg], { encoding: 'utf8' });
    const help = bench('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: npm run bench -- [options]');
    expect(help.stdout).toContain('--quick');
    const wrong = bench('--frob');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain("bench: Unknown option '--frob'");
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('--details', () => {
  it('keeps the default report to the summary, the failed checks and the verdict; --details adds the rest', async () => {
    const { failed, vpcFunctions } = await demoSummary();
    const short = await run(DEMO, 100);
    const lines = short.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(120);
    expect(verdictOf(short.stdout)).toMatch(new RegExp(`^Result: ${failed} checks failed`));
    expect(short.stdout).not.toContain(`VPC functions: ${vpcFunctions}`);
    const details = await run([...DEMO, '--details'], 100);
    for (const section of [
      'Failed checks in full',
      'ENI demand',
      'Lambda ENIs blocking deletion',
      `VPC functions: ${vpcFunctions}`,
    ])
      expect(details.stdout).toContain(section);
    expect(verdictOf(details.stdout)).toMatch(new RegExp(`^Result: ${failed} checks failed`));
  });
});
