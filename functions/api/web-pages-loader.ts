import type * as WebPages from './web-pages';

/**
 * The web pages (and the API reference's page, which uses their layout), required by the first request that renders
 * one: in the deployed function a file of their own beside the bundle (infra/constructs/lazy-groups.ts), so that
 * every page is drawn by that file's one JSX runtime and the bundle holds none of their modules.
 */
export const webPages = (): typeof WebPages => require('./web-pages') as typeof WebPages;
