import { walk } from '../support/oidc-walk';
import { personalToken, signIn } from '../support/people';
import { datasetInput, startTestExchange, type TestExchange } from '../support/test-exchange';

/** Audit entries name the person (or service token) and the organisation; the public sharing register still names organisations only. */
let t: TestExchange;

beforeAll(async () => {
  t = await startTestExchange({ identity: true });
  for (const id of ['camden', 'gla']) await t.organisationWithToken(id, 'admin');
}, 60_000);
afterAll(() => t?.stop());

test('writes and grants name the person who made them; the register does not', async () => {
  const jar = await signIn(t, 'amara.okafor@camden.gov.uk');
  const amara = await personalToken(t, jar);
  expect((await t.request('POST', '/api/v1/datasets', { token: amara, body: datasetInput('camden-people-audit', { tier: 'shared' }) })).status).toBe(201);
  const grant = await t.request('POST', '/api/v1/datasets/camden-people-audit/grants', {
    token: amara,
    body: {
      organisation: 'gla',
      purpose: 'Testing who is named',
      lawfulBasis: 'not-personal-data',
      agreementReference: 'DSA-1',
      expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10),
    },
  });
  expect(grant.status).toBe(201);
  const service = await t.request('POST', '/api/v1/organisations/camden/tokens', {
    token: amara,
    body: { kind: 'service', label: 'etl robot', role: 'editor' },
  });
  await t.request('PATCH', '/api/v1/datasets/camden-people-audit', {
    token: service.body.token,
    body: { title: 'Renamed by the robot' },
    headers: { 'if-match': '*', 'content-type': 'application/merge-patch+json' },
  });

  const audit = await t.request('GET', '/api/v1/datasets/camden-people-audit/audit?limit=100', { token: amara });
  const byAction = new Map(audit.body.results.map((e: { action: string; actor: unknown }) => [e.action, e.actor]));
  expect(byAction.get('dataset.created')).toMatchObject({
    organisation: 'camden',
    person: 'Amara Okafor <amara.okafor@camden.gov.uk>',
    personId: expect.any(String),
  });
  expect(byAction.get('grant.created')).toMatchObject({ organisation: 'camden', person: 'Amara Okafor <amara.okafor@camden.gov.uk>' });
  expect(byAction.get('dataset.updated')).toMatchObject({ organisation: 'camden', service: 'etl robot', tokenId: service.body.tokenId });

  const page = await walk(jar, `${t.url}/publish/datasets/camden-people-audit/audit`);
  expect(page.response.status).toBe(200);
  expect(page.text).toContain('Amara Okafor &lt;amara.okafor@camden.gov.uk&gt; for camden');
  expect(page.text).toContain('service token “etl robot” for camden');

  const register = await t.request('GET', '/api/v1/sharing-register');
  expect(register.text).toContain('camden-people-audit');
  expect(register.text).not.toMatch(/Amara|amara\.okafor|personId|etl robot/);
});
