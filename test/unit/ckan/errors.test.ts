import { toCkanError } from '../../../functions/ckan/errors';
import { badRequest, conflict, ExchangeError, notFound, queryTimeout, validationFailed } from '../../../functions/domain/errors';

/** The status codes CKAN's Action API gives each kind of error (ckan/views/api.py), for the exchange's own errors. */
describe("the exchange's errors in CKAN's terms", () => {
  it('answers a refused parameter as a Validation Error (409) keyed by the parameter, as CKAN actions raise ValidationError', () => {
    const refused = toCkanError(badRequest('The cursor is not valid.', { field: 'cursor' }));
    expect(refused.status).toBe(409);
    expect(refused.body()).toEqual({ __type: 'Validation Error', cursor: ['The cursor is not valid.'] });
    expect(toCkanError(badRequest('Too many values.')).body()).toEqual({ __type: 'Validation Error', message: ['Too many values.'] });
    expect(toCkanError(conflict('Changed meanwhile.')).status).toBe(409);
    expect(toCkanError(validationFailed([{ field: 'limit', message: 'Invalid integer' }])).body()).toEqual({
      __type: 'Validation Error',
      limit: ['Invalid integer'],
    });
  });

  it("answers a stopped query as CKAN's DataStore does: a Validation Error under query", () => {
    const timeout = toCkanError(queryTimeout(10_000));
    expect(timeout.status).toBe(409);
    expect(timeout.body()).toMatchObject({ __type: 'Validation Error', query: [expect.stringContaining('10 s')] });
  });

  it('keeps 404 for what is missing or hidden, 403 for access, 400 for a body it cannot read, 500 without detail for the rest', () => {
    expect(toCkanError(notFound('dataset')).status).toBe(404);
    expect(toCkanError(new ExchangeError('forbidden', 'no')).status).toBe(403);
    expect(toCkanError(new ExchangeError('malformed_json', 'broken')).body()).toEqual({ __type: 'Bad Request', message: 'Bad request - broken' });
    expect(toCkanError(new Error('secret detail')).body()).toEqual({ __type: 'Internal Server Error', message: 'Internal Server Error' });
  });
});
