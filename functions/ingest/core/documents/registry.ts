import type { DocumentStandard } from './document-standard';
import { threeSixtyGiving } from './three-sixty-giving';

const STANDARDS: ReadonlyMap<string, DocumentStandard> = new Map([[threeSixtyGiving.id, threeSixtyGiving]]);

export const getDocumentStandard = (id: string): DocumentStandard | undefined => STANDARDS.get(id);

export const listDocumentStandards = (): DocumentStandard[] => [...STANDARDS.values()];
