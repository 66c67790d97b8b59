/** The AWS partition a region belongs to; ARNs and console hosts differ by partition. */
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

const CONSOLE_HOSTS: Record<Partition, (region: string) => string> = {
  aws: (region) => `${region}.console.aws.amazon.com`,
  'aws-cn': () => 'console.amazonaws.cn',
  'aws-us-gov': () => 'console.amazonaws-us-gov.com',
};

/** The AWS console host for a region, e.g. `eu-west-1.console.aws.amazon.com`. */
export function consoleHost(region: string): string {
  return CONSOLE_HOSTS[partitionOf(region)](region);
}
