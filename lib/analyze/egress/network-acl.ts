import type { NetworkAcl, NetworkAclEntry } from '../../model/snapshot.js';
import type { AclCheck, AclDenial } from './path.js';
import type { AddressFamily } from './targets.js';

/**
 * Network ACLs, as the VPC guide describes them: stateless, rules evaluated from the lowest number up, the first that
 * matches decides, and the final `*` rule (reported as 32767) denies what no rule matched; IPv4 and IPv6 rules are
 * evaluated separately (https://docs.aws.amazon.com/vpc/latest/userguide/custom-network-acl.html). HTTPS to the
 * internet needs an outbound allow for TCP 443 and an inbound allow for the replies, which come back to the
 * client's ephemeral port: Lambda functions and NAT gateways use 1024-65535
 * (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html).
 *
 * "The internet" is any address: a rule decides it only when its CIDR is the whole family (0.0.0.0/0 or ::/0). A
 * narrower rule decides for some destinations only; it is passed over, so an allow to one range ahead of a deny of
 * everything still leaves the internet denied.
 */

export const HTTPS_PORT = 443;
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;
/** The rule number DescribeNetworkAcls gives the final `*` rule. */
export const DEFAULT_RULE_NUMBER = 32767;

const ALL_PORTS = { from: 0, to: 65535 };

function matchesTcp(entry: NetworkAclEntry): boolean {
  // `-1` is every protocol; TCP is protocol number 6.
  return entry.Protocol === '-1' || entry.Protocol === '6';
}

function coversWholeFamily(entry: NetworkAclEntry, family: AddressFamily): boolean {
  return family === 'ipv4' ? entry.CidrBlock === '0.0.0.0/0' : entry.Ipv6CidrBlock === '::/0';
}

function portsOf(entry: NetworkAclEntry): { from: number; to: number } {
  if (entry.Protocol === '-1' || entry.PortRange === undefined) return ALL_PORTS;
  return { from: entry.PortRange.From ?? ALL_PORTS.from, to: entry.PortRange.To ?? ALL_PORTS.to };
}

type Range = { from: number; to: number };

/** The parts of `ports` each rule decides, in rule order; whatever no rule matches is the `*` rule's (deny). */
function deniedPorts(
  entries: readonly NetworkAclEntry[],
  egress: boolean,
  family: AddressFamily,
  ports: Range,
): { from: number; to: number; ruleNumber: number }[] {
  const rules = entries
    .filter((e) => e.Egress === egress && matchesTcp(e) && coversWholeFamily(e, family))
    .sort((a, b) => a.RuleNumber - b.RuleNumber);
  let undecided: Range[] = [ports];
  const denied: { from: number; to: number; ruleNumber: number }[] = [];
  for (const rule of rules) {
    if (undecided.length === 0) break;
    const { from, to } = portsOf(rule);
    const remaining: Range[] = [];
    for (const range of undecided) {
      const lo = Math.max(range.from, from);
      const hi = Math.min(range.to, to);
      if (lo > hi) {
        remaining.push(range);
        continue;
      }
      if (rule.RuleAction !== 'allow') denied.push({ from: lo, to: hi, ruleNumber: rule.RuleNumber });
      if (range.from < lo) remaining.push({ from: range.from, to: lo - 1 });
      if (hi < range.to) remaining.push({ from: hi + 1, to: range.to });
    }
    undecided = remaining;
  }
  for (const range of undecided) denied.push({ ...range, ruleNumber: DEFAULT_RULE_NUMBER });
  return denied.sort((a, b) => a.from - b.from);
}

/** The ACL judged for HTTPS to the internet from the subnet and the replies back into it. */
export function checkNetworkAcl(acl: NetworkAcl, viaDefault: boolean, family: AddressFamily): AclCheck {
  const https = { from: HTTPS_PORT, to: HTTPS_PORT };
  const denials: AclDenial[] = [
    ...deniedPorts(acl.Entries, true, family, https).map((d) => ({
      direction: 'outbound' as const,
      fromPort: d.from,
      toPort: d.to,
      ruleNumber: d.ruleNumber,
    })),
    ...deniedPorts(acl.Entries, false, family, EPHEMERAL_PORTS).map((d) => ({
      direction: 'inbound' as const,
      fromPort: d.from,
      toPort: d.to,
      ruleNumber: d.ruleNumber,
    })),
  ];
  return { networkAclId: acl.NetworkAclId, viaDefault, denials };
}

function ruleName(ruleNumber: number): string {
  return ruleNumber === DEFAULT_RULE_NUMBER ? 'the final * rule' : `rule ${ruleNumber}`;
}

function portText(denial: AclDenial): string {
  return denial.fromPort === denial.toPort ? `${denial.fromPort}` : `${denial.fromPort}-${denial.toPort}`;
}

/** "acl-1 denies outbound TCP 443 (rule 90) and inbound TCP 1024-32767 (the final * rule)". */
export function describeDenials(check: AclCheck): string {
  const parts = check.denials.map((d) => `${d.direction} TCP ${portText(d)} (${ruleName(d.ruleNumber)})`);
  const which = check.viaDefault ? `the VPC's default network ACL ${check.networkAclId}` : check.networkAclId;
  return `${which} denies ${parts.join(' and ')}`;
}
