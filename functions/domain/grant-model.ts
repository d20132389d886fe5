/** What a grant is and when it is in force: shared by the grant rules (grants.ts) and their storage (grant-records.ts). */

/** UK GDPR Article 6(1) lawful bases, or data that is not personal data at all. */
export const lawfulBases = ['not-personal-data', 'consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests'] as const;
export type LawfulBasis = (typeof lawfulBases)[number];

export interface Grant {
  grantId: string;
  datasetId: string;
  publisher: string;
  organisation: string;
  purpose: string;
  lawfulBasis: LawfulBasis;
  agreementReference: string;
  grantedBy: string;
  grantedAt: string;
  expiresAt: string;
  revokedAt?: string;
  revokedBy?: string;
  accessRequestId?: string;
}

export type GrantStatus = 'active' | 'expired' | 'revoked';

/** Expiry is decided at read time, on every request: nothing waits for a TTL sweep. */
export const grantStatus = (grant: Grant, now: Date): GrantStatus =>
  grant.revokedAt ? 'revoked' : Date.parse(grant.expiresAt) <= now.getTime() ? 'expired' : 'active';
