import type { CapacityProvider } from '../model/snapshot.js';

/**
 * vCPUs of the EC2 instance types a capacity provider may launch, for its size at full scale. From EC2's instance
 * type specifications: general purpose https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html, compute
 * optimized https://docs.aws.amazon.com/ec2/latest/instancetypes/co.html, memory optimized
 * https://docs.aws.amazon.com/ec2/latest/instancetypes/mo.html. In these families a size has the same vCPUs
 * whatever the family; a type outside them, or a size not listed (metal, 9xlarge, ...), is unknown, never zero.
 */
const SIZE_VCPUS: Readonly<Record<string, number>> = {
  medium: 1,
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '4xlarge': 16,
  '8xlarge': 32,
  '12xlarge': 48,
  '16xlarge': 64,
  '24xlarge': 96,
  '32xlarge': 128,
  '48xlarge': 192,
};

/** The M, C and R families (Intel, AMD, Graviton; 5th to 8th generation) whose sizes follow SIZE_VCPUS. */
const FAMILIES: ReadonlySet<string> = new Set(
  [
    'm5 m5a m5d m5n m6i m6id m6a m6g m6gd m7i m7i-flex m7a m7g m7gd m8g',
    'c5 c5a c5d c5n c6i c6id c6a c6g c6gd c6gn c7i c7i-flex c7a c7g c7gd c7gn c8g',
    'r5 r5a r5d r5n r6i r6id r6a r6g r6gd r7i r7a r7g r7gd r8g',
  ]
    .join(' ')
    .split(' '),
);

/** vCPUs of one instance type (`m7g.large`), or null when the table does not know it. */
export function vcpusOf(instanceType: string): number | null {
  const [family = '', size = ''] = instanceType.toLowerCase().split('.');
  if (!FAMILIES.has(family)) return null;
  return SIZE_VCPUS[size] ?? null;
}

/**
 * The fewest vCPUs an instance of the provider may have: `exact` when every allowed type is known, else null;
 * `atLeast` is always a true lower bound (every instance has at least one vCPU), so the instance count it gives
 * is an upper bound on the provider's size.
 */
export interface SmallestInstance {
  exact: number | null;
  atLeast: number;
  /** Allowed types the table does not know. */
  unknownTypes: string[];
}

export function smallestInstance(provider: CapacityProvider): SmallestInstance {
  const requirements = provider.InstanceRequirements;
  const excluded = new Set((requirements?.ExcludedInstanceTypes ?? []).map((type) => type.toLowerCase()));
  const allowed = (requirements?.AllowedInstanceTypes ?? []).filter(
    (type) => !excluded.has(type.toLowerCase()),
  );
  // No allowed list: Lambda picks among "all compatible instance types", which no document lists.
  if (allowed.length === 0) return { exact: null, atLeast: 1, unknownTypes: [] };
  const known: number[] = [];
  const unknownTypes: string[] = [];
  for (const type of allowed) {
    const vcpus = vcpusOf(type);
    if (vcpus === null) unknownTypes.push(type);
    else known.push(vcpus);
  }
  const smallestKnown = known.length === 0 ? null : Math.min(...known);
  // An unknown type has at least one vCPU: a known 1-vCPU type is the smallest whatever the others are.
  if (smallestKnown !== null && (unknownTypes.length === 0 || smallestKnown === 1))
    return { exact: smallestKnown, atLeast: smallestKnown, unknownTypes };
  return { exact: null, atLeast: 1, unknownTypes };
}
