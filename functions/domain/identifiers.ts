import { randomUUID } from 'node:crypto';

/**
 * Identifier rules. Anything that reaches storage keys passes through here first, so hostile
 * path segments (`../`, NUL, 10 000 characters) never become keys.
 */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isSlug = (value: string): boolean => SLUG.test(value);
export const isUuid = (value: string): boolean => UUID.test(value);

export const newId = (): string => randomUUID();

/** Either an id (uuid) or a name (slug); anything else cannot name a record. */
export const isRecordReference = (value: string): boolean => isUuid(value) || isSlug(value);
