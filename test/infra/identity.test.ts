import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/build-app';
import { apiEntry, buildTestApp, exchangeFunction, exchangeRoleId, skipBundling, tempOutdir } from './helpers';

/**
 * Sign-in through organisations' OpenID providers in AWS: the API gets the providers' public
 * settings in its environment and may read exactly their client secrets from Secrets Manager; no
 * secret is in the template; cdk-nag stays clean; a provider configured as for local mode is refused.
 */
const camdenSecret = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:ldx/oidc/camden-AbC123';
const camden = {
  id: 'camden-entra',
  name: 'Camden Council (Microsoft Entra ID)',
  issuer: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
  clientId: '11111111-2222-3333-4444-555555555555',
  clientSecret: { secretsManager: camdenSecret },
  organisations: ['camden'],
  autoJoin: [{ organisation: 'camden', emailDomain: 'camden.gov.uk', role: 'viewer' }],
};

test('the API reads the providers from its environment and may read only their secrets', () => {
  const template = Template.fromStack(buildTestApp({ stackProps: { identityProviders: [camden] } }).stack);
  const [, api] = exchangeFunction(template, apiEntry);
  const providers = JSON.parse(api.Properties.Environment.Variables.LDX_IDENTITY_PROVIDERS);
  expect(providers).toEqual([camden]);
  const roleId = exchangeRoleId(template, apiEntry);
  const statements = Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => policy.Properties.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
  const secretReads = statements.filter((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
  expect(secretReads).toEqual([expect.objectContaining({ Resource: camdenSecret })]);
  const outputs = Object.keys(template.toJSON().Outputs as object);
  expect(outputs.filter((name) => name.startsWith('IdentitySignInRedirectUri'))).toHaveLength(1);
});

test('without providers nothing is added (token sign-in only)', () => {
  const template = Template.fromStack(buildTestApp().stack);
  const [, api] = exchangeFunction(template, apiEntry);
  expect(api.Properties.Environment.Variables.LDX_IDENTITY_PROVIDERS).toBeUndefined();
  expect(JSON.stringify(template.toJSON())).not.toContain('secretsmanager:GetSecretValue');
});

test('providers come from the identityProviders context too', () => {
  const template = Template.fromStack(buildTestApp({ context: { identityProviders: JSON.stringify([camden]) } }).stack);
  const [, api] = exchangeFunction(template, apiEntry);
  expect(JSON.parse(api.Properties.Environment.Variables.LDX_IDENTITY_PROVIDERS)[0].issuer).toBe(camden.issuer);
});

test.each([
  ['a secret from a file', { ...camden, clientSecret: { file: '/tmp/secret' } }, /secretsManager/],
  ['a partial secret ARN', { ...camden, clientSecret: { secretsManager: 'ldx/oidc/camden' } }, /complete secret ARN/],
  ['a plain-HTTP issuer', { ...camden, issuer: 'http://login.example.org' }, /https/],
  ['an auto-join for another organisation', { ...camden, autoJoin: [{ organisation: 'gla', emailDomain: 'london.gov.uk', role: 'admin' }] }, /autoJoin/],
])('refuses %s at synth', (_what, provider, message) => {
  expect(() => buildTestApp({ stackProps: { identityProviders: [provider] } })).toThrow(message);
});

test('with providers, cdk-nag finds nothing', () => {
  const outdir = tempOutdir();
  const { app } = buildApp({ context: skipBundling, outdir, stackProps: { identityProviders: [camden] } });
  expect(() => app.synth()).not.toThrow();
  const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: Array<{ violations: unknown[] }>;
  };
  expect(report.pluginReports.flatMap((r) => r.violations)).toEqual([]);
});
