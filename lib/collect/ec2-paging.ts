import type { EC2Client, EC2PaginationConfiguration, Filter } from '@aws-sdk/client-ec2';
import type { SnapshotPart } from '../model/snapshot.js';
import type { CollectorContext } from './context.js';
import { attempt } from './gaps.js';
import { collectPages } from './paging.js';

/** How the EC2 collectors page and filter: the largest pages, and server-side filters of at most 200 values. */

/** The documented MaxResults maximum of every Describe call used here (5-1000)... */
export const EC2_MAX_PAGE_SIZE = 1000;
/** ...except DescribeRouteTables (5-100). */
export const ROUTE_TABLES_MAX_PAGE_SIZE = 100;
/** Values per filter, kept at 200 per request to stay within EC2's limits on filter values. */
export const EC2_FILTER_VALUES_PER_REQUEST = 200;

export function paging(ec2: EC2Client, pageSize: number) {
  return { client: ec2, pageSize, stopOnSameToken: true };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/** A read of the items matching `filter` for some values, whole or a gap and null. */
export interface FilteredRead<Page, SdkItem, SnapshotRecord> {
  part: SnapshotPart;
  api: string;
  /** The EC2 filter the values go in (`group-id`, `instance-id`, `vpc-id`, ...). */
  filter: string;
  paginate: (config: EC2PaginationConfiguration, input: { Filters: Filter[] }) => AsyncIterable<Page>;
  itemsOf: (page: Page) => readonly SdkItem[] | undefined;
  toRecord: (item: SdkItem) => SnapshotRecord;
  /** What identifies an item, so one repeated on a later page is kept once. */
  idFields: readonly (keyof SdkItem & string)[];
}

/**
 * Every item matching any of `values`, 200 values a request at the largest page. No values: nothing to read and no
 * call. A failed request fails the part: a partial list would make the missing items look deleted.
 */
export function readFiltered<Page, SdkItem, SnapshotRecord>(
  ec2: EC2Client,
  values: readonly string[],
  context: CollectorContext,
  read: FilteredRead<Page, SdkItem, SnapshotRecord>,
): Promise<SnapshotRecord[] | null> {
  return attempt(context.recorder, { part: read.part, api: read.api }, async () => {
    const records: SnapshotRecord[] = [];
    for (const chunkValues of chunk([...new Set(values)].sort(), EC2_FILTER_VALUES_PER_REQUEST)) {
      const pages = read.paginate(paging(ec2, EC2_MAX_PAGE_SIZE), {
        Filters: [{ Name: read.filter, Values: chunkValues }],
      });
      const items = await collectPages(read.api, read.idFields, pages, read.itemsOf, context.onProgress);
      records.push(...items.map(read.toRecord));
    }
    return records;
  });
}
