import type { Caller } from '../domain/caller';
import type { DomainContext } from '../domain/context';
import { conformanceView } from '../standards/conformance';
import { listSchemaVersions } from '../standards/schema-versions';
import { standardSummary } from '../standards/standard-summary';
import { getStewards } from '../standards/stewards';
import type { StandardView } from './pages/standard';

/** What a standard's page shows: where London stands with it (as this visitor may see), its versions and stewards. */
export const standardView = async (ctx: DomainContext, caller: Caller, schema: string): Promise<StandardView> => {
  const summary = standardSummary(schema);
  const governed = summary.kind === 'data';
  const [conformance, versions, stewards] = await Promise.all([
    conformanceView(ctx, caller, schema),
    governed ? listSchemaVersions(ctx, schema) : Promise.resolve([]),
    governed ? getStewards(ctx, schema) : Promise.resolve([]),
  ]);
  return { description: summary.description, conformance, versions, stewards };
};
