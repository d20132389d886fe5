import type { DocumentStandard } from './document-standard';
import { openContracting } from './open-contracting';
import { threeSixtyGiving } from './three-sixty-giving';

const STANDARDS: ReadonlyMap<string, DocumentStandard> = new Map([threeSixtyGiving, openContracting].map((standard) => [standard.id, standard]));

export const getDocumentStandard = (id: string): DocumentStandard | undefined => STANDARDS.get(id);

export const listDocumentStandards = (): DocumentStandard[] => [...STANDARDS.values()];
