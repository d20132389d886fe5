import { roles } from '../../../functions/domain/caller';
import { MAX_TOKEN_DAYS } from '../../../functions/domain/access-tokens';
import { lawfulBases, MAX_GRANT_DAYS } from '../../../functions/domain/grants';
import { requestSchemas, requestShapeProblems } from '../../../functions/domain/request-schemas';
import { MAX_PRESIGNED_UPLOAD_BYTES } from '../../../functions/domain/uploads';

/**
 * The request schemas (schemas/requests/*.json) state the same values as the domain's constants,
 * and their problems come out as the one error shape's fields.
 */
describe('request schemas', () => {
  it('list the domain’s lawful bases, roles and maxima', () => {
    expect(requestSchemas['grant-request'].properties.lawfulBasis.enum).toEqual([...lawfulBases]);
    expect(requestSchemas['access-request'].properties.lawfulBasis.enum).toEqual([...lawfulBases]);
    expect(requestSchemas['access-request'].properties.requestedDays.maximum).toBe(MAX_GRANT_DAYS);
    expect(requestSchemas['token-request'].properties.role.enum).toEqual([...roles]);
    expect(requestSchemas['token-request'].properties.expiresInDays.maximum).toBe(MAX_TOKEN_DAYS);
  });

  it('name each bad, missing and unknown field', () => {
    expect(requestShapeProblems('token-request', { role: 'editor', label: 'pipeline', expiresInDays: 30 })).toEqual([]);
    const problems = requestShapeProblems('token-request', { role: 'owner', expiresInDays: 0, colour: 'red' });
    expect(problems.map((p) => p.field).sort()).toEqual(['colour', 'expiresInDays', 'role']);
    expect(problems.find((p) => p.field === 'colour')?.message).toBe('is not a known field');
    expect(requestShapeProblems('access-request', { purpose: 'Modelling kerbside demand' })).toEqual([
      { field: 'lawfulBasis', message: 'is required' },
      { field: 'requestedDays', message: 'is required' },
    ]);
  });
});

describe('the presigned upload request schema', () => {
  it('allows the domain’s largest upload and no more', () => {
    expect(requestSchemas['presigned-upload-request'].properties.bytes.maximum).toBe(MAX_PRESIGNED_UPLOAD_BYTES);
    expect(requestShapeProblems('presigned-upload-request', { bytes: MAX_PRESIGNED_UPLOAD_BYTES + 1 }).map((p) => p.field)).toEqual(['bytes']);
  });
});
