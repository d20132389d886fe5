import { issuePersonalToken, listPersonalTokens, revokePersonalToken } from '../../domain/access-tokens';
import { membershipsOfPerson } from '../../identity/memberships';
import { changeMemberRole, endMemberSessions, inviteMember, listMembers, removeMember } from '../../identity/members';
import { getPerson, personLabel } from '../../identity/people';
import { errors, jsonResponse, ref } from '../openapi/builders';
import { route } from './declare';

const PEOPLE = ['People'];

/** Who the caller is (GET /me), a person's own personal tokens, and an organisation's members and invitations. */
export const peopleRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/me',
    operationId: 'getMe',
    summary: 'Who the credential stands for',
    tags: PEOPLE,
    auth: 'optional',
    description:
      'The organisation and role the caller acts for, the token used, and, for a person (a personal token), who they are and every organisation they belong to.',
    responses: { 200: jsonResponse('The caller.', ref('Me')), ...errors(401) },
    handler: async (c) => {
      const caller = c.var.caller;
      if (caller.kind !== 'member') return c.json({ kind: caller.kind });
      const person = caller.personId ? await getPerson(c.var.domain, caller.personId) : undefined;
      return c.json({
        kind: 'member',
        organisation: caller.organisationId,
        role: caller.role,
        ...(caller.tokenId ? { tokenId: caller.tokenId } : {}),
        ...(caller.service ? { service: caller.service } : {}),
        ...(person
          ? {
              person: { personId: person.personId, ...(person.name ? { name: person.name } : {}), ...(person.email ? { email: person.email } : {}) },
              memberships: await membershipsOfPerson(c.var.domain, person.personId),
            }
          : {}),
      });
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/me/tokens',
    operationId: 'listPersonalTokens',
    summary: 'List your personal tokens (a person’s credential)',
    tags: PEOPLE,
    auth: 'token',
    responses: { 200: jsonResponse('Your personal tokens in the organisation the credential acts for, oldest first.', ref('TokenList')), ...errors(401) },
    handler: async (c) => {
      const tokens = await listPersonalTokens(c.var.domain, c.var.caller);
      return c.json({ count: tokens.length, results: tokens });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/me/tokens',
    operationId: 'issuePersonalToken',
    summary: 'Create a personal token (at most your role; dies with your membership)',
    tags: PEOPLE,
    auth: 'token',
    body: { kind: 'json', schema: ref('TokenRequest'), example: { label: 'nightly upload script', role: 'editor', expiresInDays: 90 } },
    responses: { 201: jsonResponse('The new token. Store it now.', ref('IssuedToken')), ...errors(400, 401, 403, 413, 415) },
    handler: async (c, { body }) => {
      const caller = c.var.caller;
      const person = caller.kind === 'member' && caller.personId ? await getPerson(c.var.domain, caller.personId) : undefined;
      const issued = await issuePersonalToken(c.var.domain, caller, body, person ? personLabel(person) : '');
      c.header('Cache-Control', 'no-store');
      return c.json({ ...issued, notice: 'Store this token now: the exchange keeps only its hash and cannot show it again.' }, 201);
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/me/tokens/:tokenId',
    operationId: 'revokePersonalToken',
    summary: 'Revoke one of your personal tokens',
    tags: PEOPLE,
    auth: 'token',
    parameters: ['tokenId'],
    responses: { 204: { description: 'Revoked.' }, ...errors(401, 404) },
    handler: async (c, { params }) => {
      await revokePersonalToken(c.var.domain, c.var.caller, params.tokenId);
      return c.body(null, 204);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/organisations/:org/members',
    operationId: 'listMembers',
    summary: 'List the organisation’s members and open invitations (admins)',
    tags: PEOPLE,
    auth: 'token',
    parameters: ['org'],
    responses: { 200: jsonResponse('Members and invitations not yet accepted.', ref('MemberList')), ...errors(401, 403, 404) },
    handler: async (c, { params }) => {
      const { members, invitations } = await listMembers(c.var.domain, c.var.caller, params.org);
      return c.json({ count: members.length, results: members, invitations });
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/organisations/:org/members',
    operationId: 'inviteMember',
    summary: 'Invite a person by email (admins)',
    tags: PEOPLE,
    auth: 'token',
    description:
      'Makes a single-use link, valid for 7 days, for the person with that email address (as their identity provider verifies it) to join with the role given. The exchange sends no mail: pass the link on (it is also logged).',
    parameters: ['org'],
    body: { kind: 'json', schema: ref('MemberInvitation'), example: { email: 'sam.jones@camden.gov.uk', role: 'editor' } },
    responses: { 201: jsonResponse('The invitation and its link.', ref('IssuedInvitation')), ...errors(400, 401, 403, 404, 413, 415) },
    handler: async (c, { params, body }) => {
      const issued = await inviteMember(c.var.domain, c.var.caller, params.org, body, (code) => c.var.urls.page(`/publish/invitations/${code}`));
      c.header('Cache-Control', 'no-store');
      return c.json(issued, 201);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/organisations/:org/members/:person',
    operationId: 'changeMemberRole',
    summary: 'Change a member’s role (admins)',
    tags: PEOPLE,
    auth: 'token',
    description: 'Applies from the member’s next request, to their sessions and personal tokens. The organisation’s last admin cannot be demoted (409).',
    parameters: ['org', 'person'],
    body: { kind: 'json', schema: ref('MemberRoleChange'), example: { role: 'viewer' } },
    responses: { 200: jsonResponse('The membership.', ref('Membership')), ...errors(400, 401, 403, 404, 409, 413, 415) },
    handler: async (c, { params, body }) => c.json(await changeMemberRole(c.var.domain, c.var.caller, params.org, params.person, body)),
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/organisations/:org/members/:person',
    operationId: 'removeMember',
    summary: 'Remove a member (admins; or a person leaving)',
    tags: PEOPLE,
    auth: 'token',
    description: 'The member’s sessions and personal tokens for the organisation stop at once. The last admin cannot be removed (409).',
    parameters: ['org', 'person'],
    responses: { 204: { description: 'Removed.' }, ...errors(401, 403, 404, 409) },
    handler: async (c, { params }) => {
      await removeMember(c.var.domain, c.var.caller, params.org, params.person);
      return c.body(null, 204);
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/v1/organisations/:org/members/:person/sessions',
    operationId: 'endMemberSessions',
    summary: 'Sign a member out everywhere (admins)',
    tags: PEOPLE,
    auth: 'token',
    description: 'Ends every browser session the member has now; they can sign in again. Their personal tokens are revoked separately.',
    parameters: ['org', 'person'],
    responses: { 204: { description: 'Ended.' }, ...errors(401, 403, 404) },
    handler: async (c, { params }) => {
      await endMemberSessions(c.var.domain, c.var.caller, params.org, params.person);
      return c.body(null, 204);
    },
  }),
];
