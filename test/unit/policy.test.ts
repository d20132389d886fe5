import type { Caller } from '../../functions/domain/caller';
import { mayCreateDatasetFor, mayEditDataset, mayGovernDataset, mayManageTokens, mayReadData, maySeeMetadata, refusal } from '../../functions/domain/policy';

const anonymous: Caller = { kind: 'anonymous' };
const admin: Caller = { kind: 'platform-admin' };
const member = (organisationId: string, role: 'viewer' | 'editor' | 'admin'): Caller => ({ kind: 'member', organisationId, role, tokenId: 't' });

const open = { organisation: 'camden', tier: 'open' as const };
const shared = { organisation: 'camden', tier: 'shared' as const };
const secret = { organisation: 'camden', tier: 'private' as const };

describe('tier policy', () => {
  it('shows open and shared metadata to everyone, private only to the publisher and the platform administrator', () => {
    for (const caller of [anonymous, member('barnet', 'admin'), member('camden', 'viewer'), admin]) {
      expect(maySeeMetadata(caller, open)).toBe(true);
      expect(maySeeMetadata(caller, shared)).toBe(true);
    }
    expect(maySeeMetadata(anonymous, secret)).toBe(false);
    expect(maySeeMetadata(member('barnet', 'admin'), secret)).toBe(false);
    expect(maySeeMetadata(member('camden', 'viewer'), secret)).toBe(true);
    expect(maySeeMetadata(admin, secret)).toBe(true);
  });

  it('gives shared data only to the publisher and organisations holding a grant', () => {
    const granted = new Set(['demo-energy']);
    expect(mayReadData(anonymous, shared, granted)).toBe(false);
    expect(mayReadData(member('barnet', 'admin'), shared, granted)).toBe(false);
    expect(mayReadData(member('demo-energy', 'viewer'), shared, granted)).toBe(true);
    expect(mayReadData(member('camden', 'viewer'), shared)).toBe(true);
    expect(mayReadData(member('demo-energy', 'viewer'), secret, granted)).toBe(false);
    expect(mayReadData(anonymous, open)).toBe(true);
  });

  it('ranks roles: viewers read, editors edit, admins govern and manage tokens', () => {
    expect(mayEditDataset(member('camden', 'viewer'), open)).toBe(false);
    expect(mayEditDataset(member('camden', 'editor'), open)).toBe(true);
    expect(mayEditDataset(member('barnet', 'admin'), open)).toBe(false);
    expect(mayGovernDataset(member('camden', 'editor'), open)).toBe(false);
    expect(mayGovernDataset(member('camden', 'admin'), open)).toBe(true);
    expect(mayCreateDatasetFor(member('camden', 'viewer'), 'camden')).toBe(false);
    expect(mayCreateDatasetFor(member('camden', 'editor'), 'camden')).toBe(true);
    expect(mayManageTokens(member('camden', 'editor'), 'camden')).toBe(false);
    expect(mayManageTokens(member('camden', 'admin'), 'camden')).toBe(true);
    expect(mayManageTokens(member('camden', 'admin'), 'barnet')).toBe(false);
  });

  it('turns refusals into 404 for what cannot be seen, 401 for anonymous callers, 403 otherwise', () => {
    expect(refusal(member('barnet', 'admin'), false, 'dataset', 'edit').code).toBe('not_found');
    expect(refusal(anonymous, true, 'dataset', 'edit').code).toBe('unauthorized');
    expect(refusal(member('barnet', 'admin'), true, 'dataset', 'edit').code).toBe('forbidden');
  });
});
