import { roles } from '../../domain/caller';
import { requestSchemas } from '../../domain/request-schemas';
import { type Json, ref } from './builders';

const dateTime = { type: 'string', format: 'date-time' };
const slug = { type: 'string', pattern: '^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$' };
const role = { type: 'string', enum: [...roles] };

/** People, memberships and invitations (functions/identity). */
export const peopleComponents: Record<string, Json> = {
  MemberInvitation: requestSchemas['member-invitation'],
  MemberRoleChange: requestSchemas['member-role-change'],
  Membership: {
    type: 'object',
    additionalProperties: false,
    required: ['organisation', 'personId', 'role', 'label', 'created', 'createdBy', 'via'],
    properties: {
      organisation: slug,
      personId: { type: 'string', description: 'The person’s id: derived from their identity provider’s issuer and subject.' },
      role,
      label: { type: 'string', description: 'The person’s name and email address, as their provider last gave them.' },
      email: { type: 'string' },
      created: dateTime,
      createdBy: { type: 'string' },
      via: { type: 'string', enum: ['invitation', 'email-domain', 'seed', 'platform-admin'] },
      sessionsValidAfter: { ...dateTime, description: 'Sessions begun before this were ended by an admin.' },
    },
  },
  Invitation: {
    type: 'object',
    additionalProperties: false,
    required: ['invitationId', 'organisation', 'email', 'role', 'created', 'createdBy', 'expiresAt'],
    properties: {
      invitationId: { type: 'string' },
      organisation: slug,
      email: { type: 'string' },
      role,
      created: dateTime,
      createdBy: { type: 'string' },
      expiresAt: dateTime,
      acceptedAt: dateTime,
      acceptedBy: { type: 'string' },
    },
  },
  IssuedInvitation: {
    type: 'object',
    required: ['invitation', 'link'],
    properties: {
      invitation: ref('Invitation'),
      link: { type: 'string', format: 'uri', description: 'The single-use link to send to the person (the exchange sends no mail).' },
    },
  },
  MemberList: {
    type: 'object',
    required: ['count', 'results', 'invitations'],
    properties: {
      count: { type: 'integer', minimum: 0 },
      results: { type: 'array', items: ref('Membership') },
      invitations: { type: 'array', items: ref('Invitation'), description: 'Invitations not yet accepted and not expired.' },
    },
  },
  Me: {
    type: 'object',
    required: ['kind'],
    properties: {
      kind: { type: 'string', enum: ['anonymous', 'platform-admin', 'member'] },
      organisation: { ...slug, description: 'The organisation the caller acts for.' },
      role,
      tokenId: { type: 'string' },
      service: { type: 'string', description: 'A service token’s name.' },
      person: {
        type: 'object',
        required: ['personId'],
        properties: { personId: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' } },
      },
      memberships: { type: 'array', items: ref('Membership'), description: 'A person’s organisations (they act for one at a time).' },
    },
  },
};
