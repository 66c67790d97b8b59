import { spawn } from 'node:child_process';

/** The built CLI, as `npm ci` leaves it. */
const BIN = 'bin/lambda-vpc-audit.js';

export type CliRun = { code: number | null; stdout: string; stderr: string };

/**
 * The CLI as a user runs it, in a child process against an AWS endpoint (a fake of the test's own on 127.0.0.1),
 * with made-up credentials and no other environment. Asynchronous, so a fake in this process keeps answering;
 * killed after a minute rather than hanging the suite.
 */
export function cliAgainst(endpoint: string, args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        AWS_ENDPOINT_URL: endpoint,
        AWS_ACCESS_KEY_ID: 'AKIATESTTESTTESTTEST',
        AWS_SECRET_ACCESS_KEY: 'test-secret-key',
        AWS_REGION: 'eu-west-1',
        AWS_EC2_METADATA_DISABLED: 'true',
        NODE_NO_WARNINGS: '1',
        NO_COLOR: '1',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
