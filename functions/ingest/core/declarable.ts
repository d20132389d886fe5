import { getDataSchema } from './data-schemas';
import { getDocumentStandard } from './documents/registry';

/** Whether a dataset or resource may declare this id: a common data schema (rows) or a document standard (360Giving...). */
export const isDeclarableStandard = (id: string): boolean => getDataSchema(id) !== undefined || getDocumentStandard(id) !== undefined;
