import type { Rule } from '../rule.js';
import { judgeDnsAttribute } from '../vpc-dns.js';

export const functionVpcDnsSupport: Rule = {
  id: 'function-vpc-dns-support',
  title: 'VPC function in a VPC with DNS resolution (enableDnsSupport) turned off',
  severity: 'high',
  severities: ['high'],
  section: 'routing',
  finds: 'a function in a VPC with `enableDnsSupport` off (no name resolution)',
  resourceType: 'function',
  requires: ['functions', 'subnets', 'vpcAttributes'],
  risk:
    'With enableDnsSupport off the Amazon-provided DNS server does not answer in the VPC: unless the VPC has its ' +
    'own resolvers, the function cannot resolve any name, including the AWS service endpoints and interface ' +
    'endpoints, so almost every call fails.',
  remediation: "Turn on the VPC's DNS resolution (ModifyVpcAttribute --enable-dns-support).",
  docs: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html#vpc-dns-support'],
  evaluate(ctx) {
    return judgeDnsAttribute(ctx, {
      key: 'EnableDnsSupport',
      name: 'enableDnsSupport',
      consequence:
        'the Amazon-provided DNS server does not answer there, so names (AWS endpoints included) do not resolve.',
    });
  },
};
