import { Command, CommanderError, Option } from 'commander';
import { version } from '../package.json';
import { type Api, connect } from './api';
import { CliError } from './cli-error';
import { approveAccessRequest, addGrant, declineAccessRequest, listAccessRequests, listGrants, revokeGrant } from './commands/sharing';
import { addSource, listRuns, listSources, runSource } from './commands/harvest';
import { login } from './commands/login';
import { publish } from './commands/publish';
import { pull } from './commands/pull';
import { status } from './commands/status';
import { validate } from './commands/validate';
import { EXIT, type ExitCode } from './exit-codes';
import { createOutput, type Output } from './output';
import { parseSeconds, parseSize } from './sizes';

/** ldx: the London Data Exchange from the command line. Each command answers an exit code (exit-codes.ts). */
interface Globals {
  url?: string;
  token?: string;
  json?: boolean;
}

const program = new Command('ldx')
  .description('Publish to and read from a London Data Exchange.')
  .version(version)
  .option('--url <url>', 'the exchange (default: LDX_URL, then the one you logged in to, then http://localhost:3000)')
  .option('--token <token>', 'a token for this command only (prefer LDX_TOKEN: a command line is visible to other users)')
  .option('--json', 'print the result as one JSON document on stdout (errors too)')
  .showHelpAfterError('(ldx --help lists the commands)')
  .exitOverride();

let exitCode: ExitCode = EXIT.ok;
let output: Output = createOutput(false);

/** Runs a command with the output and API its global options ask for. */
const run =
  <A extends unknown[]>(body: (context: { out: Output; api: () => Api }, ...args: A) => Promise<ExitCode>) =>
  async (...args: A) => {
    const command = args.at(-1) as Command;
    const globals = command.optsWithGlobals<Globals>();
    output = createOutput(Boolean(globals.json));
    exitCode = await body({ out: output, api: () => connect({ url: globals.url, token: globals.token }) }, ...args);
  };

program
  .command('login')
  .description('check a token and store it (with the exchange address) in your config directory, readable by you only')
  .action(run(async ({ out }, _options: object, command: Command) => login(out, command.optsWithGlobals<Globals>())));

program
  .command('publish')
  .description('create or update a dataset and its resources from a Frictionless data package; unchanged files are not sent again')
  .argument('<datapackage>', 'path to datapackage.json; each resource path is a local file')
  .option('--no-wait', 'do not wait for the exchange to validate the files')
  .option('--force', 'send every file even if the exchange already has it')
  .option('--multipart-threshold <size>', 'files larger than this go up in parts, resumably', '64MiB')
  .option('--part-size <size>', 'part size of a multipart upload (at least 5MiB)')
  .option('--interval <seconds>', 'how often to poll while waiting', '1')
  .option('--timeout <seconds>', 'how long to wait for validation', '1800')
  .action(
    run(async ({ out, api }, datapackage: string, options: Record<string, string | boolean | undefined>) =>
      publish(api(), out, datapackage, {
        wait: options.wait !== false,
        force: Boolean(options.force),
        multipartThreshold: parseSize(String(options.multipartThreshold)),
        ...(options.partSize ? { partBytes: parseSize(String(options.partSize)) } : {}),
        intervalMs: parseSeconds(String(options.interval)) * 1000,
        timeoutMs: parseSeconds(String(options.timeout)) * 1000,
      }),
    ),
  );

program
  .command('validate')
  .description("check a file offline, with the exchange's own ingest (the report it would give)")
  .argument('<file>')
  .option('--schema <id>', 'a common data schema every row must follow, e.g. air-quality-readings')
  .option('--format <format>', 'the format, when the content leaves it open (csv, tsv, json, ndjson...)')
  .option('--sheet <name>', 'for a workbook: the sheet to check')
  .option('--show <n>', 'errors listed in the table (--json lists all kept)', '50')
  .action(
    run(async ({ out }, file: string, options: Record<string, string | undefined>) =>
      validate(out, file, { schema: options.schema, format: options.format, sheet: options.sheet, show: Number(options.show) || 50 }),
    ),
  );

program
  .command('status')
  .description("a dataset's resources: state, current and newest version, errors")
  .argument('<dataset>')
  .option('--watch', 'keep polling until nothing is validating')
  .option('--interval <seconds>', 'how often to poll with --watch', '2')
  .action(
    run(async ({ out, api }, dataset: string, options: { watch?: boolean; interval: string }) =>
      status(api(), out, dataset, { watch: Boolean(options.watch), intervalMs: parseSeconds(options.interval) * 1000 }),
    ),
  );

program
  .command('pull')
  .description("download every published file of a dataset and its datapackage.json, checking each file's size and SHA-256")
  .argument('<dataset>')
  .option('--dir <dir>', 'where to write (default: a directory named after the dataset)')
  .addOption(
    new Option('--format <format>', 'the files as uploaded, or a normalised format')
      .choices(['original', 'csv', 'json', 'ndjson', 'parquet'])
      .default('original'),
  )
  .action(
    run(async ({ out, api }, dataset: string, options: { dir?: string; format: 'original' | 'csv' | 'json' | 'ndjson' | 'parquet' }) =>
      pull(api(), out, dataset, options),
    ),
  );

const grants = program.command('grants').description("a shared dataset's grants (admin token)");
grants
  .command('list')
  .argument('<dataset>')
  .action(run(async ({ out, api }, dataset: string) => listGrants(api(), out, dataset)));
grants
  .command('add')
  .description('share a dataset with an organisation, for a purpose, until a date')
  .argument('<dataset>')
  .requiredOption('--org <organisation>', 'the organisation granted access')
  .requiredOption('--purpose <text>', 'what the data will be used for')
  .addOption(
    new Option('--lawful-basis <basis>', 'UK GDPR Article 6(1) basis')
      .choices(['not-personal-data', 'consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests'])
      .makeOptionMandatory(),
  )
  .requiredOption('--agreement <reference>', 'the data sharing agreement')
  .requiredOption('--expires <date>', 'ISO 8601 date, at most 730 days ahead')
  .action(
    run(async ({ out, api }, dataset: string, options: Record<string, string>) =>
      addGrant(api(), out, dataset, {
        org: options.org,
        purpose: options.purpose,
        lawfulBasis: options.lawfulBasis,
        agreement: options.agreement,
        expires: options.expires,
      }),
    ),
  );
grants
  .command('revoke')
  .argument('<dataset>')
  .argument('<organisation>')
  .action(run(async ({ out, api }, dataset: string, org: string) => revokeGrant(api(), out, dataset, org)));

const accessRequests = program.command('access-requests').description('requests for access to a shared dataset (admin token)');
accessRequests
  .command('list')
  .argument('<dataset>')
  .action(run(async ({ out, api }, dataset: string) => listAccessRequests(api(), out, dataset)));
accessRequests
  .command('approve')
  .argument('<dataset>')
  .argument('<request>')
  .requiredOption('--agreement <reference>', 'the data sharing agreement')
  .option('--expires <date>', 'an earlier expiry than requested')
  .action(
    run(async ({ out, api }, dataset: string, request: string, options: { agreement: string; expires?: string }) =>
      approveAccessRequest(api(), out, dataset, request, options),
    ),
  );
accessRequests
  .command('decline')
  .argument('<dataset>')
  .argument('<request>')
  .requiredOption('--reason <text>', 'why, for the requester')
  .action(
    run(async ({ out, api }, dataset: string, request: string, options: { reason: string }) =>
      declineAccessRequest(api(), out, dataset, request, options.reason),
    ),
  );

const harvest = program.command('harvest').description('the catalogues an organisation harvests (admin token)');
harvest
  .command('list')
  .argument('<organisation>')
  .action(run(async ({ out, api }, org: string) => listSources(api(), out, org)));
harvest
  .command('add')
  .argument('<organisation>')
  .addOption(new Option('--kind <kind>').choices(['ckan', 'dcat-us', 'dcat-ap', 'socrata', 'opendatasoft']).makeOptionMandatory())
  .requiredOption('--source-url <url>', "the catalogue's address")
  .option('--title <title>')
  .option('--schedule <schedule>', 'hourly, daily, weekly, or ISO 8601 (PT6H, P2D, P1W)')
  .action(
    run(async ({ out, api }, org: string, options: { kind: string; sourceUrl: string; title?: string; schedule?: string }) =>
      addSource(api(), out, org, { kind: options.kind, url: options.sourceUrl, title: options.title, schedule: options.schedule }),
    ),
  );
harvest
  .command('run')
  .description('harvest a source now and print the run')
  .argument('<organisation>')
  .argument('<source>')
  .action(run(async ({ out, api }, org: string, source: string) => runSource(api(), out, org, source)));
harvest
  .command('runs')
  .argument('<organisation>')
  .argument('<source>')
  .action(run(async ({ out, api }, org: string, source: string) => listRuns(api(), out, org, source)));

const report = (error: unknown): ExitCode => {
  if (error instanceof CommanderError) {
    // --help and --version are not failures; anything else commander refused is a usage error (it printed why).
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  const failure =
    error instanceof CliError
      ? error
      : new CliError(`ldx failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, EXIT.internal);
  if (output.json) {
    process.stdout.write(
      `${JSON.stringify({ error: { message: failure.message, hint: failure.hint, exitCode: failure.exitCode, details: failure.details } }, null, 2)}\n`,
    );
  }
  process.stderr.write(`ldx: ${failure.message}\n${failure.hint ? `${failure.hint}\n` : ''}`);
  return failure.exitCode;
};

export const main = async (argv: string[]): Promise<ExitCode> => {
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    return report(error);
  }
};

main(process.argv).then((code) => {
  process.exitCode = code;
});
