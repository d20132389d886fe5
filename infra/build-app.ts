import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ExchangeStack, type ExchangeStackProps } from './exchange-stack';
import { cdkJsonContext } from './paths';

export interface BuildAppOptions {
  /** Extra context, e.g. `{ 'aws:cdk:bundling-stacks': [] }` in tests to skip bundling. */
  readonly context?: Record<string, unknown>;
  /** Attach the cdk-nag AwsSolutions checks (synth then fails on any unacknowledged finding). @default true */
  readonly nag?: boolean;
  /** Where to write the cloud assembly. @default CDK CLI's cdk.out, or a temporary directory */
  readonly outdir?: string;
  /** @default 'LondonDataExchange' */
  readonly stackName?: string;
  readonly stackProps?: ExchangeStackProps;
}

export interface ExchangeApp {
  readonly app: App;
  readonly stack: ExchangeStack;
}

/** Builds the CDK app with the exchange stack; shared by infra/app.ts and the tests. */
export function buildApp(options: BuildAppOptions = {}): ExchangeApp {
  // cdk.json's feature flags first (the CLI passes them too, and its own context wins over these).
  const context = { ...cdkJsonContext(), ...options.context };
  const app = new App({ context, outdir: options.outdir });
  const stack = createExchangeStack(app, options.stackName, options.stackProps);
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  return { app, stack };
}

export function createExchangeStack(app: App, stackName = 'LondonDataExchange', props: ExchangeStackProps = {}): ExchangeStack {
  // The public base URL (links and redirects): the stack prop, else `cdk deploy -c publicBaseUrl=https://…`, else the API's own URL.
  const publicBaseUrl = props.publicBaseUrl ?? (app.node.tryGetContext('publicBaseUrl') as string | undefined);
  const stack = new ExchangeStack(app, stackName, { ...props, publicBaseUrl });
  Tags.of(stack).add('project', 'london-data-exchange');
  return stack;
}
