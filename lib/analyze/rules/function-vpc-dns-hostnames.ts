import type { Rule } from '../rule.js';
import { judgeDnsAttribute } from '../vpc-dns.js';

export const functionVpcDnsHostnames: Rule = {
  id: 'function-vpc-dns-hostnames',
  title: 'VPC function in a VPC with DNS hostnames (enableDnsHostnames) turned off',
  severity: 'info',
  severities: ['info'],
  section: 'routing',
  finds: 'a function in a VPC with `enableDnsHostnames` off',
  resourceType: 'function',
  requires: ['functions', 'subnets', 'vpcAttributes'],
  risk:
    "Interface VPC endpoints' private DNS needs both enableDnsHostnames and enableDnsSupport: with hostnames off, " +
    "AWS SDK calls resolve to the services' public endpoints instead, which an isolated function cannot reach and " +
    'a NAT-routed one reaches at NAT data-processing cost.',
  remediation: "Turn on the VPC's DNS hostnames (ModifyVpcAttribute --enable-dns-hostnames).",
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-dns.html#vpc-dns-hostnames',
    'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html',
  ],
  evaluate(ctx) {
    return judgeDnsAttribute(ctx, {
      key: 'EnableDnsHostnames',
      name: 'enableDnsHostnames',
      consequence:
        "interface endpoints' private DNS names do not apply, so AWS SDK calls go to public service endpoints.",
    });
  },
};
