import { DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { required } from './response.js';

/** `--regions all` asks each audited account (with its own credentials) which regions it has enabled. */
export const REGION_ACTIONS = ['ec2:DescribeRegions'] as const;

/** The OptInStatus values of a region the account can use: on by default, or opted in. */
const ENABLED_STATUSES = new Set(['opt-in-not-required', 'opted-in']);

/**
 * The regions enabled for the account, sorted. `AllRegions: false` already leaves out regions the account has
 * not opted in to; the status is checked again because an endpoint that ignores the flag would otherwise send
 * the audit into regions where every call fails. Not paginated: DescribeRegions returns every region at once.
 */
export async function listEnabledRegions(ec2: EC2Client): Promise<string[]> {
  const response = await ec2.send(new DescribeRegionsCommand({ AllRegions: false }));
  return (response.Regions ?? [])
    .filter((region) => region.OptInStatus === undefined || ENABLED_STATUSES.has(region.OptInStatus))
    .map((region) => required(region.RegionName, 'RegionName in a DescribeRegions item'))
    .sort();
}
