/**
 * What Lambda writes in its ENIs' descriptions (undocumented, observed forms):
 * - since 2019 (Hyperplane): `AWS Lambda VPC ENI-<function-name>-<uuid>`; the function name may itself contain
 *   hyphens, so the UUID is matched from the end;
 * - before 2019: `AWS Lambda VPC ENI: <uuid>`, without the function's name.
 * The function named is the ENI's creator only: other functions with the same (subnet, security groups) share it.
 */
export type LambdaEniDescription =
  | { form: 'hyperplane'; creator: string; uuid: string }
  | { form: 'pre-2019'; uuid: string }
  /** Starts like a Lambda description but matches neither form (an endpoint's variation, a truncated value). */
  | { form: 'unrecognized' };

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
// Function names are 1-64 of [A-Za-z0-9_-]; the greedy name group is anchored by the UUID at the end.
const HYPERPLANE = new RegExp(`^AWS Lambda VPC ENI-([A-Za-z0-9_-]+)-(${UUID})$`);
const PRE_2019 = new RegExp(`^AWS Lambda VPC ENI: (${UUID})$`);

/** Null when the description is not Lambda's at all. */
export function parseLambdaEniDescription(description: string | undefined): LambdaEniDescription | null {
  if (description === undefined) return null;
  const hyperplane = HYPERPLANE.exec(description);
  if (hyperplane?.[1] !== undefined && hyperplane[2] !== undefined) {
    return { form: 'hyperplane', creator: hyperplane[1], uuid: hyperplane[2] };
  }
  const legacy = PRE_2019.exec(description);
  if (legacy?.[1] !== undefined) return { form: 'pre-2019', uuid: legacy[1] };
  return description.startsWith('AWS Lambda VPC ENI') ? { form: 'unrecognized' } : null;
}

/** The function that created the ENI, when its description names one. */
export function eniCreator(description: string | undefined): string | null {
  const parsed = parseLambdaEniDescription(description);
  return parsed?.form === 'hyperplane' ? parsed.creator : null;
}
