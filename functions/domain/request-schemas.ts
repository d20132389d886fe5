import type { ValidateFunction } from 'ajv/dist/2020';
import accessRequestApprovalSchema from '../../schemas/requests/access-request-approval.schema.json';
import accessRequestDeclineSchema from '../../schemas/requests/access-request-decline.schema.json';
import accessRequestSchema from '../../schemas/requests/access-request.schema.json';
import harvestSourceSchema from '../../schemas/requests/harvest-source.schema.json';
import grantRequestSchema from '../../schemas/requests/grant-request.schema.json';
import memberInvitationSchema from '../../schemas/requests/member-invitation.schema.json';
import memberRoleChangeSchema from '../../schemas/requests/member-role-change.schema.json';
import multipartUploadRequestSchema from '../../schemas/requests/multipart-upload-request.schema.json';
import presignedUploadRequestSchema from '../../schemas/requests/presigned-upload-request.schema.json';
import resourceInputSchema from '../../schemas/requests/resource-input.schema.json';
import schemaVersionProposalSchema from '../../schemas/requests/schema-version-proposal.schema.json';
import stewardsInputSchema from '../../schemas/requests/stewards-input.schema.json';
import tokenRequestSchema from '../../schemas/requests/token-request.schema.json';
import uploadPartReceiptSchema from '../../schemas/requests/upload-part-receipt.schema.json';
import type { FieldProblem } from './errors';
import { fieldProblemsOf } from './metadata-schemas';

/**
 * The shapes of the requests the resource, sharing, token and upload rules take (schemas/requests/*.json), from
 * the API and from the publisher pages alike. The domain checks a request's shape here and adds
 * the rules a schema cannot state (an expiry in the future, an organisation that exists); the
 * OpenAPI document embeds the same files.
 */
export const requestSchemas = {
  'grant-request': grantRequestSchema,
  'token-request': tokenRequestSchema,
  'access-request': accessRequestSchema,
  'access-request-approval': accessRequestApprovalSchema,
  'access-request-decline': accessRequestDeclineSchema,
  'presigned-upload-request': presignedUploadRequestSchema,
  'multipart-upload-request': multipartUploadRequestSchema,
  'upload-part-receipt': uploadPartReceiptSchema,
  'resource-input': resourceInputSchema,
  'harvest-source': harvestSourceSchema,
  'schema-version-proposal': schemaVersionProposalSchema,
  'stewards-input': stewardsInputSchema,
  'member-invitation': memberInvitationSchema,
  'member-role-change': memberRoleChangeSchema,
} as const;
export type RequestKind = keyof typeof requestSchemas;

const validators = new Map<RequestKind, ValidateFunction>();

/** ajv is required on first use, not imported: most cold starts serve a read and never need it. */
const validatorFor = (kind: RequestKind): ValidateFunction => {
  let validate = validators.get(kind);
  if (!validate) {
    const { default: Ajv2020 } = require('ajv/dist/2020') as typeof import('ajv/dist/2020');
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    for (const [name, schema] of Object.entries(requestSchemas) as Array<[RequestKind, object]>) validators.set(name, ajv.compile(schema));
    validate = validators.get(kind)!;
  }
  return validate;
};

/** What is wrong with a request's shape: the first problem of each field (none if it matches). */
export const requestShapeProblems = (kind: RequestKind, input: unknown): FieldProblem[] => {
  const validate = validatorFor(kind);
  if (validate(input)) return [];
  const byField = new Map<string, FieldProblem>();
  for (const problem of fieldProblemsOf(validate.errors ?? [])) if (!byField.has(problem.field)) byField.set(problem.field, problem);
  return [...byField.values()];
};
