import type { EgressHop, EgressPath, VerdictKind } from './path.js';

/**
 * A path as one line a person can follow, the way VPC Reachability Analyzer explains one:
 * `subnet-a » rtb-1 0.0.0.0/0 » vpce-fw (Network Firewall endpoint, subnet-f) » rtb-2 0.0.0.0/0 » nat-1
 * (NAT gateway, subnet-p) » rtb-3 0.0.0.0/0 » igw-1: internet`.
 */

// Latin-1, not '→': one character above U+00FF makes V8 store a string, and every report built from it, two bytes
// per character. On the benchmark's default account that doubled the memory of the JSON, HTML, SARIF and OCSF
// reports and cost 40% of their rendering time (0.64-0.77 s -> 0.36-0.49 s for all seven formats).
const ARROW = ' » ';

function hopText(hop: EgressHop): string[] {
  const parts: string[] = [];
  if (hop.networkAcl !== null && hop.networkAcl.denials.length > 0) parts.push(hop.networkAcl.networkAclId);
  if (hop.routeTableId !== null) {
    const table = `${hop.routeTableId}${hop.viaMainTable ? ' (main)' : ''}`;
    parts.push(hop.route === null ? table : `${table} ${hop.route.destination}`);
  }
  if (hop.route !== null) {
    const { targetId, targetName, nextSubnetId } = hop.route;
    parts.push(nextSubnetId === null ? targetId : `${targetId} (${targetName}, ${nextSubnetId})`);
  }
  return parts;
}

/** A verdict in a few words: what the line ends with. */
export function verdictWords(kind: VerdictKind): string {
  switch (kind) {
    case 'internet':
      return 'internet';
    case 'no-internet':
      return 'no internet';
    case 'beyond':
      return 'leaves the VPC';
    case 'isolated':
      return 'no route out of the VPC';
    case 'unknown':
      return 'unknown';
  }
}

export function pathLine(path: EgressPath): string {
  const steps = [path.subnetId, ...path.hops.flatMap(hopText)];
  return `${steps.join(ARROW)}: ${endText(path)}`;
}

/** How the line ends: the verdict, and the reason where the verdict alone does not say it. */
function endText(path: EgressPath): string {
  switch (path.verdict.kind) {
    case 'internet':
      return 'internet';
    case 'beyond':
      return path.detail;
    case 'isolated':
      return 'no default route (only the VPC and its endpoints)';
    default:
      return `${verdictWords(path.verdict.kind)} (${path.detail})`;
  }
}
