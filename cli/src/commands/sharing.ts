import { type Api, call, requireToken } from '../api';
import type { Schemas } from '../client';
import { EXIT, type ExitCode } from '../exit-codes';
import { type Output, table } from '../output';

/** `ldx grants ...` and `ldx access-requests ...`: a shared dataset's grants and the requests for them (admin tokens). */
type LawfulBasis = Schemas['GrantInput']['lawfulBasis'];
const datasetPath = (dataset: string) => ({ params: { path: { dataset } } });
const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '');

export const listGrants = async (api: Api, out: Output, dataset: string): Promise<ExitCode> => {
  requireToken(api);
  const grants = await call(api, `Listing the grants of ${dataset}`, api.client.GET('/api/v1/datasets/{dataset}/grants', datasetPath(dataset)));
  out.result(grants);
  if (grants.results.length === 0) out.line(`${dataset} has no grants.`);
  else {
    out.line(
      table(
        ['organisation', 'status', 'expires', 'lawful basis', 'agreement', 'purpose'],
        grants.results.map((g) => [g.organisation, g.status ?? '', day(g.expiresAt), g.lawfulBasis, g.agreementReference, g.purpose]),
      ),
    );
  }
  return EXIT.ok;
};

export interface GrantOptions {
  org: string;
  purpose: string;
  lawfulBasis: string;
  agreement: string;
  expires: string;
}

export const addGrant = async (api: Api, out: Output, dataset: string, options: GrantOptions): Promise<ExitCode> => {
  requireToken(api);
  const grant = await call(
    api,
    `Granting ${options.org} access to ${dataset}`,
    api.client.POST('/api/v1/datasets/{dataset}/grants', {
      ...datasetPath(dataset),
      body: {
        organisation: options.org,
        purpose: options.purpose,
        lawfulBasis: options.lawfulBasis as LawfulBasis,
        agreementReference: options.agreement,
        expiresAt: options.expires,
      },
    }),
  );
  out.result(grant);
  out.line(`granted ${grant.organisation} access to ${dataset} until ${day(grant.expiresAt)} (grant ${grant.grantId})`);
  return EXIT.ok;
};

export const revokeGrant = async (api: Api, out: Output, dataset: string, org: string): Promise<ExitCode> => {
  requireToken(api);
  await call(
    api,
    `Revoking ${org}'s grant to ${dataset}`,
    api.client.DELETE('/api/v1/datasets/{dataset}/grants/{org}', { params: { path: { dataset, org } } }),
  );
  out.result({ dataset, organisation: org, revoked: true });
  out.line(`revoked ${org}'s grant to ${dataset}`);
  return EXIT.ok;
};

export const listAccessRequests = async (api: Api, out: Output, dataset: string): Promise<ExitCode> => {
  requireToken(api);
  const requests = await call(
    api,
    `Listing the access requests of ${dataset}`,
    api.client.GET('/api/v1/datasets/{dataset}/access-requests', datasetPath(dataset)),
  );
  out.result(requests);
  if (requests.results.length === 0) out.line(`${dataset} has no access requests.`);
  else {
    out.line(
      table(
        ['request', 'organisation', 'state', 'asked', 'days', 'lawful basis', 'purpose'],
        requests.results.map((r) => [r.requestId, r.organisation, r.state, day(r.created), r.requestedDays, r.lawfulBasis, r.purpose]),
      ),
    );
  }
  return EXIT.ok;
};

export const approveAccessRequest = async (
  api: Api,
  out: Output,
  dataset: string,
  request: string,
  options: { agreement: string; expires?: string },
): Promise<ExitCode> => {
  requireToken(api);
  const grant = await call(
    api,
    `Approving access request ${request}`,
    api.client.POST('/api/v1/datasets/{dataset}/access-requests/{request}/approve', {
      params: { path: { dataset, request } },
      body: { agreementReference: options.agreement, ...(options.expires ? { expiresAt: options.expires } : {}) },
    }),
  );
  out.result(grant);
  out.line(`approved: ${dataset} is shared with the requester${'expiresAt' in grant ? ` until ${day(String(grant.expiresAt))}` : ''}`);
  return EXIT.ok;
};

export const declineAccessRequest = async (api: Api, out: Output, dataset: string, request: string, reason: string): Promise<ExitCode> => {
  requireToken(api);
  const declined = await call(
    api,
    `Declining access request ${request}`,
    api.client.POST('/api/v1/datasets/{dataset}/access-requests/{request}/decline', { params: { path: { dataset, request } }, body: { reason } }),
  );
  out.result(declined);
  out.line(`declined access request ${request}`);
  return EXIT.ok;
};
