import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { conformanceView } from '../standards/conformance';
import { listSchemaVersions, shippedSchema } from '../standards/schema-versions';
import { getStewards } from '../standards/stewards';
import type { StandardView } from './pages/standard';

/** What a standard's page shows: where London stands with it (as this visitor may see), its versions and stewards. */
export const standardView = async (ctx: DomainContext, caller: Caller, schema: string): Promise<StandardView> => {
  const { description } = shippedSchema(schema);
  const [conformance, versions, stewards] = await Promise.all([
    conformanceView(ctx, caller, schema),
    listSchemaVersions(ctx, schema),
    getStewards(ctx, schema),
  ]);
  return { description, conformance, versions, stewards };
};
