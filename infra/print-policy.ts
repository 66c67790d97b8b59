import { AuditorError } from '../lib/errors.js';
import { parseDeployParameters } from './parameters.js';
import { deployPolicyDocument } from './policy-document.js';

/**
 * Prints the audit function role's policy for the given parameters (the same context keys as `cdk deploy`, as
 * one JSON object), e.g. `npx tsx infra/print-policy.ts '{"cleanup":"apply"}'`.
 */
try {
  const context = JSON.parse(process.argv[2] ?? '{}') as Record<string, unknown>;
  process.stdout.write(`${JSON.stringify(deployPolicyDocument(parseDeployParameters(context)), null, 2)}\n`);
} catch (error) {
  if (!(error instanceof AuditorError || error instanceof SyntaxError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
