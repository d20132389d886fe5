import Ajv2020 from 'ajv/dist/2020';
import { resolvedParameters } from '../../../functions/api/http/request-validation';
import { declaredRoutes } from '../../../functions/api/route-declarations';

/**
 * Request validation compiles the declared parameter schemas without checking them against the
 * JSON Schema 2020-12 meta-schema (that check would double a cold instance's first request), so
 * it is made here, once, for every parameter of every declared route.
 */
describe('declared parameter schemas', () => {
  it('are valid JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: false });
    const checked = declaredRoutes.flatMap((declaration) =>
      resolvedParameters(declaration)
        .filter((p) => p.schema !== undefined)
        .map((p) => ({ where: `${declaration.operationId} ${String(p.in)} ${String(p.name)}`, schema: p.schema })),
    );
    // The routes do declare parameters (else an empty list would pass).
    expect(checked.length).toBeGreaterThan(20);
    const invalid = checked.filter(({ schema }) => !ajv.validateSchema(schema as object)).map(({ where }) => `${where}: ${ajv.errorsText()}`);
    expect(invalid).toEqual([]);
  });
});
