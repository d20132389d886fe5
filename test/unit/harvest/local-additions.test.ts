import { ExchangeError } from '../../../functions/domain/errors';
import { keepLocalAdditions, withLocalEdit } from '../../../functions/harvest/local-additions';

/** Local additions to a harvested record: merged after the source's values, kept apart, kept by runs. */
const harvested = { keywords: ['parks', 'picnics'], themes: ['environment'], localAdditions: { keywords: ['picnics'], themes: ['environment'] } };

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof ExchangeError ? error.code : 'not an ExchangeError';
  }
  return undefined;
};

it('takes the values sent that the source does not give as additions, after the source’s', () => {
  expect(withLocalEdit({ keywords: ['parks'] }, { keywords: ['trees', 'parks', 'trees'] }, 's1')).toEqual({
    keywords: ['parks', 'trees'],
    localAdditions: { keywords: ['trees'] },
  });
});

it('removes additions with null or by leaving them out, never the source’s values', () => {
  expect(withLocalEdit(harvested, { keywords: null, themes: null }, 's1')).toEqual({ keywords: ['parks'] });
  expect(withLocalEdit(harvested, { themes: [] }, 's1')).toEqual({ keywords: ['parks', 'picnics'], localAdditions: { keywords: ['picnics'] } });
  expect(withLocalEdit(harvested, { keywords: ['parks'] }, 's1')).toEqual({
    keywords: ['parks'],
    themes: ['environment'],
    localAdditions: { themes: ['environment'] },
  });
  expect(codeOf(() => withLocalEdit(harvested, { keywords: ['picnics'] }, 's1'))).toBe('conflict');
});

it('refuses other fields with a conflict, and values that are not lists of strings as invalid', () => {
  expect(codeOf(() => withLocalEdit(harvested, { title: 'x' }, 's1'))).toBe('conflict');
  expect(codeOf(() => withLocalEdit(harvested, { keywords: 'parks' }, 's1'))).toBe('validation_failed');
  expect(codeOf(() => withLocalEdit(harvested, { keywords: [1] }, 's1'))).toBe('validation_failed');
});

it('keeps additions on a run’s record; one the source now gives becomes the source’s', () => {
  expect(keepLocalAdditions({ title: 'T', keywords: ['parks', 'ponds'] }, harvested)).toEqual({
    title: 'T',
    keywords: ['parks', 'ponds', 'picnics'],
    themes: ['environment'],
    localAdditions: { keywords: ['picnics'], themes: ['environment'] },
  });
  expect(keepLocalAdditions({ keywords: ['picnics'], themes: ['environment'] }, harvested)).toEqual({ keywords: ['picnics'], themes: ['environment'] });
  expect(keepLocalAdditions({ keywords: ['a'] }, { keywords: ['a'] })).toEqual({ keywords: ['a'] });
});
