import { CfnOutput } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { IDENTITY_PROVIDERS_ENV, type IdentityProviderConfig, parseProviderConfig } from '../../functions/identity/provider-config';
import type { ExchangeFunction } from './exchange-function';

export interface ExchangeIdentityProps {
  /** The organisations' OpenID providers (functions/identity/provider-config.ts); none: token sign-in only. */
  readonly providers: readonly unknown[];
  /** The function that serves the sign-in pages (the API). */
  readonly handler: ExchangeFunction;
  /** Where providers send people back to: `{publicBaseUrl}/publish/sign-in/callback`. */
  readonly callbackUrl: string;
}

/** A complete Secrets Manager ARN (with its six-character suffix), so the grant names exactly one secret. */
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$/;

/**
 * Sign-in through each organisation's own OpenID provider, with the exchange as a client of each
 * (openid-client, the same code as local mode) rather than a Cognito user pool in between. The
 * stack carries only what is public about a provider (issuer, client id, organisations) in the
 * API's environment; each client secret stays in AWS Secrets Manager, created by the operator
 * (never in the template), and the API may read exactly those secrets and no others.
 */
export class ExchangeIdentity extends Construct {
  readonly providers: IdentityProviderConfig[];

  constructor(scope: Construct, id: string, props: ExchangeIdentityProps) {
    super(scope, id);
    this.providers = props.providers.map((entry, index) => {
      const provider = parseProviderConfig(entry, index);
      if (!('secretsManager' in provider.clientSecret) || !SECRET_ARN.test(provider.clientSecret.secretsManager))
        throw new Error(`identity provider ${provider.id}: clientSecret must be {"secretsManager": "<complete secret ARN>"} in AWS`);
      if (provider.allowHost !== undefined || !provider.issuer.startsWith('https://'))
        throw new Error(`identity provider ${provider.id}: the issuer must be https, with no address-check exemption`);
      return provider;
    });
    if (this.providers.length === 0) return;
    props.handler.function.addEnvironment(IDENTITY_PROVIDERS_ENV, JSON.stringify(this.providers));
    const secretArns = this.providers.map((p) => (p.clientSecret as { secretsManager: string }).secretsManager);
    props.handler.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadIdentityProviderClientSecrets',
        actions: ['secretsmanager:GetSecretValue'],
        resources: secretArns.map((arn, i) => secretsmanager.Secret.fromSecretCompleteArn(this, `ClientSecret${i}`, arn).secretArn),
      }),
    );
    new CfnOutput(this, 'SignInRedirectUri', {
      value: props.callbackUrl,
      description: 'Register this as the redirect URI of the exchange’s app registration at each organisation’s identity provider',
    });
  }
}
