import { readFileSync, writeFileSync } from 'node:fs';
import { parseDeployParameters } from '../infra/parameters.js';
import { deployPolicyDocument } from '../infra/policy-document.js';
import { readOnlyPolicy } from '../lib/permissions.js';

/**
 * The README's two policy blocks, generated from the code: the CLI's read-only policy and the deployed function's
 * role with default parameters. `npx tsx scripts/readme-policies.ts` rewrites them; a test keeps them equal.
 */
export const README_POLICY_BLOCKS = {
  permissions: () => readOnlyPolicy(),
  'deploy-permissions': () => deployPolicyDocument(parseDeployParameters({})),
} as const;

export function blockPattern(name: string): RegExp {
  return new RegExp(`(<!-- ${name}:start -->\\n\`\`\`json\\n)([\\s\\S]*?)(\\n\`\`\`\\n<!-- ${name}:end -->)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let readme = readFileSync('README.md', 'utf8');
  for (const [name, policy] of Object.entries(README_POLICY_BLOCKS)) {
    const pattern = blockPattern(name);
    if (!pattern.test(readme)) throw new Error(`README.md has no ${name} block`);
    readme = readme.replace(
      pattern,
      (_all, start: string, _old: string, end: string) =>
        `${start}${JSON.stringify(policy(), null, 2)}${end}`,
    );
  }
  writeFileSync('README.md', readme);
  process.stdout.write('README.md policy blocks rewritten\n');
}
