import type { EniLookup } from '../../../analyze/eni-lookup.js';
import type { LambdaEniUse } from '../../../model/eni-dependencies.js';
import { clean } from './layout.js';

/** "payments-webhook ($LATEST, 3), orders-api (2)". */
function usersText(use: LambdaEniUse): string {
  const versions = new Map<string, string[]>();
  for (const user of use.users)
    versions.set(user.functionName, [...(versions.get(user.functionName) ?? []), user.version]);
  return [...versions].map(([name, list]) => `${clean(name)} (${list.map(clean).join(', ')})`).join(', ');
}

function eniLines(use: LambdaEniUse): string[] {
  const usedBy =
    use.orphaned === true
      ? 'nobody: ORPHANED, no function or version uses this subnet with these security groups'
      : use.orphaned === null
        ? 'cannot tell (no subnet or security groups, or another account owns it)'
        : usersText(use);
  return [
    `${clean(use.networkInterfaceId)}  ${clean(use.status ?? 'status unknown')}`,
    `  subnet           ${clean(use.subnetId ?? 'unknown')}`,
    `  security groups  ${use.securityGroupIds.map(clean).join(', ') || 'none'}`,
    `  created by       ${use.creator === null ? 'not named (pre-2019 description)' : clean(use.creator)}`,
    `  used by          ${usedBy}`,
  ];
}

const IN_USE_STEP =
  'Lambda deletes an ENI itself (within about 20 minutes) once no function or version uses its subnet and ' +
  'security groups: remove them from the functions above.';
const ORPHANED_STEP =
  'An orphaned ENI stays: Lambda will not remove it. Delete it when detached (aws ec2 delete-network-interface, ' +
  "or lambda-vpc-audit --cleanup), or restore its creator's execution role so Lambda can.";

/** The lookup as the `eni` command prints it. */
export function renderEniLookup(lookup: EniLookup, format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(lookup, null, 2)}\n`;
  const { query } = lookup;
  const count = lookup.networkInterfaces.length;
  const head =
    query.kind === 'network-interface'
      ? `${query.id} in account ${lookup.accountId} ${lookup.region} (captured ${lookup.capturedAt})`
      : count === 0
        ? `${query.id} holds no Lambda ENI in account ${lookup.accountId} ${lookup.region} (captured ` +
          `${lookup.capturedAt}): Lambda is not what keeps it from being deleted.`
        : `${query.id} holds ${count} Lambda ENI${count === 1 ? '' : 's'} in account ${lookup.accountId} ` +
          `${lookup.region} (captured ${lookup.capturedAt}); it cannot be deleted while they exist.`;
  const lines = [clean(head)];
  for (const use of lookup.networkInterfaces) lines.push('', ...eniLines(use));
  if (count > 0) {
    lines.push('');
    if (lookup.functions.length > 0)
      lines.push(`Functions holding them: ${lookup.functions.map(clean).join(', ')}.`);
    if (lookup.orphanedNetworkInterfaceIds.length > 0)
      lines.push(`Orphaned: ${lookup.orphanedNetworkInterfaceIds.map(clean).join(', ')}.`);
    if (lookup.functions.length > 0) lines.push(IN_USE_STEP);
    if (lookup.orphanedNetworkInterfaceIds.length > 0) lines.push(ORPHANED_STEP);
  }
  return `${lines.join('\n')}\n`;
}
