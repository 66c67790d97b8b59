import { type Command, Option } from 'commander';
import { planChange } from '../lib/analyze/plan/plan.js';
import { proposalsFromTemplate } from '../lib/analyze/plan/template.js';
import { readTemplateFile } from '../lib/collect/template-file.js';
import type { PlanAnswer } from '../lib/model/plan.js';
import { renderPlan } from '../lib/report/render/text/plan.js';
import { addAnalysisOptions, analysisFromFlags } from './analysis-flags.js';
import { EXIT } from './exit-codes.js';
import type { CommandContext } from './io.js';
import {
  checkProposalFlags,
  concurrencyOf,
  type ProposalFlags,
  proposalFromFlags,
  templateParameters,
} from './plan-flags.js';
import { loadFromFlags } from './source-flags.js';
import { timeLimitOption } from './time-limit.js';

type PlanFlags = ProposalFlags & {
  region?: string;
  profile?: string;
  snapshot?: string;
  timeLimit?: string;
  format: 'text' | 'json';
};

/** 0 fits; 1 does not fit; 3 cannot tell. */
export function planExitCode(answer: PlanAnswer): number {
  if (answer.verdict === 'fits') return EXIT.ok;
  return answer.verdict === 'does-not-fit' ? EXIT.findings : EXIT.unverified;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * `lambda-vpc-audit plan`: will this deploy fit? A new function or a change to one (flags), or the VPC functions
 * of a synthesized CloudFormation template, judged against the account's subnets, ENI quotas, demand and routes;
 * a function on a capacity provider is judged by the provider's scale instead.
 */
export function registerPlanCommand(program: Command, { io, deps, setExit }: CommandContext): void {
  const command = program
    .command('plan')
    .description(
      'will this deploy fit? Plan a new function, a change to one, or a template against the account',
    )
    .option('--function <name>', 'the existing function to change (without it: a new function)')
    .option('--memory <mb>', 'memory in MB (128-10240)')
    .option(
      '--concurrency <n>',
      'expected peak (or reserved) concurrency to size for; headroom is added as in the audit',
    )
    .option('--subnets <ids>', 'subnet ids, comma-separated (1-16)')
    .option('--security-groups <ids>', 'security group ids, comma-separated (1-5)')
    .option('--dual-stack', 'allow IPv6 (Ipv6AllowedForDualStack)')
    .option(
      '--capacity-provider <name>',
      "run it on this capacity provider (name or ARN): its network is then the provider's",
    )
    .option('--template <file>', 'a synthesized CloudFormation template (cdk synth JSON, or sam build YAML)')
    .option('--parameter <key=value>', "a template parameter's value (repeatable)", collect)
    .option('--region <region>', 'AWS region (default: AWS_REGION)')
    .option('--profile <name>', 'AWS shared-config profile to use')
    .option('--snapshot <file>', 'plan against a saved snapshot instead of a live account')
    .addOption(timeLimitOption())
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'));
  addAnalysisOptions(command).action(async (flags: PlanFlags) => {
    checkProposalFlags(flags);
    const settings = analysisFromFlags({ ...flags });
    const concurrency = concurrencyOf(flags);
    const parameters = templateParameters(flags);
    const template = flags.template === undefined ? undefined : await readTemplateFile(flags.template);
    const { source, snapshot } = await loadFromFlags(
      { region: flags.region, profile: flags.profile, snapshot: flags.snapshot, timeLimit: flags.timeLimit },
      { io, deps },
    );
    const existing =
      snapshot.functions === null ? null : new Set(snapshot.functions.map((f) => f.FunctionName));
    const planned =
      flags.template === undefined
        ? { proposals: [proposalFromFlags(flags, snapshot)], notes: [] }
        : proposalsFromTemplate(template, parameters, existing, `Template ${flags.template}`);
    const proposals = planned.proposals.map((p) => (concurrency === null ? p : { ...p, concurrency }));
    const answer = planChange({
      snapshot,
      settings,
      proposals,
      source: source.kind === 'aws' ? 'live' : 'snapshot',
      notes: planned.notes,
    });
    io.stdout(renderPlan(answer, flags.format));
    setExit(planExitCode(answer));
  });
}
