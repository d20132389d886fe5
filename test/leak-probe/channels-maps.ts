import { type Channel, readPath } from './channel';

/**
 * Maps drawn from a resource's rows (routes/maps.ts). A map shows numbers, never the marker's
 * text, so a drawn value of the probe's rows (Camden's reading of 10, world.ts) stands for the
 * data marker: a caller who may not read the data must never get it, and one who may must.
 */
const withDrawnValue = (text: string, dataMarker: string): string => (text.includes('aria-label="Camden: 10"') ? `${text} ${dataMarker}` : text);

export const channels: Channel[] = [
  {
    name: 'borough map (map.svg)',
    shows: { metadata: false, data: true },
    read: async (w, token, d) => withDrawnValue(await readPath(w, `/api/v1/datasets/${d.name}/resources/rows/map.svg?column=reading`, token), d.dataMarker),
  },
  {
    name: 'borough map by dataset and resource id',
    shows: { metadata: false, data: true },
    read: async (w, token, d) => withDrawnValue(await readPath(w, `/api/v1/datasets/${d.id}/resources/${d.resourceId}/map.svg`, token), d.dataMarker),
  },
];
