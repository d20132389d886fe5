import { type Channel, readPath } from './channel';

/** Multipart upload routes (routes/multipart-uploads.ts): an upload's parts are for the dataset's editors only. */
export const channels: Channel[] = [
  {
    name: 'upload parts',
    shows: { metadata: false, data: false },
    read: (w, token, d) => readPath(w, `/api/v1/datasets/${d.name}/resources/rows/uploads/${d.uploadId}/parts`, token),
  },
];
