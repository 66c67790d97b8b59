import { type Command, Option } from 'commander';
import { type EniQuery, lookupEni, parseEniQuery } from '../lib/analyze/eni-lookup.js';
import { buildIndex } from '../lib/analyze/snapshot-index.js';
import { ConfigError } from '../lib/errors.js';
import { renderEniLookup } from '../lib/report/render/text/eni-lookup.js';
import type { CommandContext } from './io.js';
import { loadFromFlags } from './source-flags.js';
import { timeLimitOption } from './time-limit.js';

interface EniFlags {
  securityGroup?: string;
  subnet?: string;
  region?: string;
  profile?: string;
  snapshot?: string;
  timeLimit?: string;
  format: 'text' | 'json';
}

function queryOf(eniId: string | undefined, flags: EniFlags): EniQuery {
  const asked = [
    ...(eniId === undefined ? [] : [parseEniQuery('network-interface', eniId)]),
    ...(flags.securityGroup === undefined ? [] : [parseEniQuery('security-group', flags.securityGroup)]),
    ...(flags.subnet === undefined ? [] : [parseEniQuery('subnet', flags.subnet)]),
  ];
  const [query] = asked;
  if (query === undefined || asked.length > 1) {
    throw new ConfigError('Give one of: an ENI id, --security-group <sg-id> or --subnet <subnet-id>.');
  }
  return query;
}

/**
 * `lambda-vpc-audit eni <eni-id>` | `--security-group <sg-id>` | `--subnet <subnet-id>`: which functions use
 * a Lambda ENI, or which Lambda ENIs keep a security group or subnet from being deleted, and who uses them.
 */
export function registerEniCommand(program: Command, { io, deps }: CommandContext): void {
  program
    .command('eni')
    .description(
      'show who uses a Lambda ENI, or which Lambda ENIs keep a security group or subnet from being deleted',
    )
    .argument('[eni-id]', 'a Lambda ENI id (eni-...)')
    .option('--security-group <sg-id>', 'the Lambda ENIs that use this security group')
    .option('--subnet <subnet-id>', 'the Lambda ENIs in this subnet')
    .option('--region <region>', 'AWS region to collect (default: AWS_REGION)')
    .option('--profile <name>', 'AWS shared-config profile to use')
    .option('--snapshot <file>', 'answer from a saved snapshot instead of a live account')
    .addOption(timeLimitOption())
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .action(async (eniId: string | undefined, flags: EniFlags) => {
      const query = queryOf(eniId, flags);
      const { snapshot } = await loadFromFlags(
        {
          region: flags.region,
          profile: flags.profile,
          snapshot: flags.snapshot,
          timeLimit: flags.timeLimit,
        },
        { io, deps },
      );
      io.stdout(renderEniLookup(lookupEni(snapshot, buildIndex(snapshot), query), flags.format));
    });
}
