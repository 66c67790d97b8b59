import { Command, CommanderError, Option } from 'commander';
import { type AuditDeps, defaultAuditDeps } from '../lib/audit.js';
import { AuditorError, errorMessage } from '../lib/errors.js';
import { readOnlyPolicy } from '../lib/permissions.js';
import { renderRuleCatalogue } from '../lib/report/render/rules.js';
import { TOOL } from '../lib/version.js';
import { registerAuditCommand } from './audit-command.js';
import { registerCanDeleteCommand } from './can-delete-command.js';
import { registerEniCommand } from './eni-command.js';
import { EXIT } from './exit-codes.js';
import type { CliIo, CommandContext } from './io.js';
import { registerPlanCommand } from './plan-command.js';
import { defaultPublishClients, type PublishClientFactory } from './publish-flags.js';
import { registerSnapshotCommand } from './snapshot-command.js';

/** The `lambda-vpc-audit` command line: its commands, and every error as one clear line and an exit code. */

const TOP_LEVEL_HELP = `
audit is the default command: "lambda-vpc-audit --region eu-west-1" is "lambda-vpc-audit audit --region eu-west-1"
(lambda-vpc-audit audit --help lists its options).

Examples:
  lambda-vpc-audit --region eu-west-1                       audit, print the report
  lambda-vpc-audit --region eu-west-1 --details             ... with routing, ENI demand and the inventory
  lambda-vpc-audit --region eu-west-1 --output report.html  a self-contained HTML page (format from the name)
  lambda-vpc-audit --region eu-west-1 --format sarif --fail-on high > audit.sarif   for a CI pipeline
  lambda-vpc-audit snapshot --region eu-west-1 --out prod.json   collect once ...
  lambda-vpc-audit --snapshot prod.json                          ... audit offline
  lambda-vpc-audit eni eni-0abc123                          who uses this Lambda ENI

Exit codes:
  0  done
  1  a finding at or above --fail-on
  2  error (bad flag, unreadable snapshot, no credentials, unknown region)
  3  nothing failed at or above --fail-on, but a check at that level could not be made
`;

/**
 * commander hands a word it does not know as a command to the default command (audit), which then complains
 * of "too many arguments": name the unknown command instead.
 */
function unknownCommand(argv: readonly string[], program: Command): string | undefined {
  const [first] = argv;
  if (first === undefined || first.startsWith('-')) return undefined;
  const known = program.commands.flatMap((command) => [command.name(), ...command.aliases()]);
  if (known.includes(first) || first === 'help') return undefined;
  return `lambda-vpc-audit: unknown command '${first}' (commands: ${known.join(', ')}; audit is the default).\n`;
}

function buildProgram(context: CommandContext): Command {
  const { io, deps } = context;
  const program = new Command()
    .name('lambda-vpc-audit')
    .description('Audit VPC-enabled AWS Lambda functions: ENI demand, orphaned ENIs, misrouted subnets.')
    .version(TOOL.version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', TOP_LEVEL_HELP);

  registerAuditCommand(program, context);
  registerSnapshotCommand(program, context);
  registerEniCommand(program, context);
  registerCanDeleteCommand(program, context);
  registerPlanCommand(program, context);

  program
    .command('rules')
    .description('list the rules the auditor runs')
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'))
    .action((flags: { format: 'text' | 'json' }) => {
      io.stdout(renderRuleCatalogue(deps.rules, flags.format, io.columns));
    });

  program
    .command('permissions')
    .description('print the IAM policy the audit needs (read-only)')
    .action(() => {
      io.stdout(`${JSON.stringify(readOnlyPolicy(), null, 2)}\n`);
    });

  return program;
}

/** Runs the CLI; returns the exit code. Every error becomes one clear line on stderr, never a stack trace. */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  deps: AuditDeps = defaultAuditDeps,
  publishClients: PublishClientFactory = defaultPublishClients,
): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram({
    io,
    deps,
    publishClients,
    setExit: (code) => {
      exitCode = code;
    },
  });
  const unknown = unknownCommand(argv, program);
  if (unknown !== undefined) {
    io.stderr(`${unknown}(run with --help for usage)\n`);
    return EXIT.error;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has already printed its own message for usage errors.
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    const prefix = error instanceof AuditorError ? '' : 'unexpected error: ';
    io.stderr(`lambda-vpc-audit: ${prefix}${errorMessage(error)}\n`);
    return EXIT.error;
  }
}
