import { lawfulBases } from '../../domain/grants';
import { requestSchemas } from '../../domain/request-schemas';
import { type Json, ref } from './builders';

/** Components for sharing: grants, access requests, the audit log and the public register. */
const dateTime = { type: 'string', format: 'date-time' };
const slug = { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$' };
const page = (item: string, extra: Record<string, Json> = {}): Json => ({
  type: 'object',
  required: ['count', 'results'],
  properties: { count: { type: 'integer', minimum: 0 }, results: { type: 'array', items: ref(item) }, ...extra },
});

export const sharingComponents: Record<string, Json> = {
  GrantInput: requestSchemas['grant-request'],
  Grant: {
    type: 'object',
    required: ['grantId', 'datasetId', 'publisher', 'organisation', 'purpose', 'lawfulBasis', 'agreementReference', 'grantedBy', 'grantedAt', 'expiresAt'],
    properties: {
      grantId: { type: 'string', format: 'uuid' },
      datasetId: { type: 'string', format: 'uuid' },
      publisher: slug,
      organisation: slug,
      purpose: { type: 'string' },
      lawfulBasis: { type: 'string', enum: [...lawfulBases] },
      agreementReference: { type: 'string' },
      grantedBy: { type: 'string' },
      grantedAt: dateTime,
      expiresAt: dateTime,
      revokedAt: dateTime,
      revokedBy: { type: 'string' },
      accessRequestId: { type: 'string', format: 'uuid' },
      status: { type: 'string', enum: ['active', 'expired', 'revoked'], description: 'Its status now (in grant lists and on creation).' },
    },
  },
  AccessRequestInput: requestSchemas['access-request'],
  AccessRequestApproval: requestSchemas['access-request-approval'],
  AccessRequestDecline: requestSchemas['access-request-decline'],
  AccessRequest: {
    type: 'object',
    required: ['requestId', 'datasetId', 'organisation', 'purpose', 'lawfulBasis', 'requestedDays', 'state', 'created', 'createdBy'],
    properties: {
      requestId: { type: 'string', format: 'uuid' },
      datasetId: { type: 'string', format: 'uuid' },
      organisation: slug,
      purpose: { type: 'string' },
      lawfulBasis: { type: 'string', enum: [...lawfulBases] },
      requestedDays: { type: 'integer' },
      state: { type: 'string', enum: ['pending', 'approved', 'declined'] },
      created: dateTime,
      createdBy: { type: 'string' },
      decidedAt: dateTime,
      decidedBy: { type: 'string' },
      reason: { type: 'string' },
      grantId: { type: 'string', format: 'uuid' },
    },
  },
  AuditEntry: {
    type: 'object',
    required: ['auditId', 'datasetId', 'at', 'action', 'actor', 'route'],
    properties: {
      auditId: { type: 'string' },
      datasetId: { type: 'string', format: 'uuid' },
      at: dateTime,
      action: { type: 'string', description: 'e.g. data.download, data.rows, grant.created, dataset.tier-changed' },
      actor: {
        type: 'object',
        required: ['kind'],
        properties: {
          kind: { type: 'string', enum: ['anonymous', 'platform-admin', 'member'] },
          organisation: { type: 'string' },
          role: { type: 'string' },
          tokenId: { type: 'string' },
          personId: { type: 'string', description: 'The person who acted (signed in, or through their personal token).' },
          person: { type: 'string', description: 'The person’s name and email address when the entry was made.' },
          service: { type: 'string', description: 'A service token’s name.' },
        },
      },
      route: { type: 'string' },
      details: { type: 'object' },
    },
  },
  RegisterEntry: {
    type: 'object',
    required: ['dataset', 'publisher', 'recipient', 'purpose', 'lawfulBasis', 'agreementReference', 'grantedAt', 'expiresAt', 'status'],
    properties: {
      dataset: { type: 'object', required: ['name', 'title'], properties: { name: { type: 'string' }, title: { type: 'string' } } },
      publisher: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
      recipient: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
      purpose: { type: 'string' },
      lawfulBasis: { type: 'string', enum: [...lawfulBases] },
      agreementReference: { type: 'string' },
      grantedAt: dateTime,
      expiresAt: dateTime,
      revokedAt: dateTime,
      status: { type: 'string', enum: ['active', 'expired', 'revoked'] },
    },
  },
  DatasetListing: {
    type: 'object',
    required: ['count', 'results', 'facets', 'next'],
    properties: {
      count: { type: 'integer', minimum: 0, description: 'Matching datasets the caller may see, over all pages.' },
      results: { type: 'array', items: ref('DatasetRecord') },
      facets: {
        type: 'object',
        description: 'Counts per value, computed after the tier policy: a dataset the caller may not see is never counted.',
        additionalProperties: {
          type: 'array',
          items: { type: 'object', required: ['value', 'count'], properties: { value: { type: 'string' }, count: { type: 'integer', minimum: 0 } } },
        },
      },
      next: { type: ['string', 'null'], format: 'uri', description: 'The next page, or null on the last.' },
    },
  },
  GrantList: page('Grant'),
  AccessRequestList: page('AccessRequest'),
  AuditLog: page('AuditEntry', { next: { type: ['string', 'null'], format: 'uri' } }),
};
