/**
 * The modules the API function's bundle shares with the files it loads later (the web pages:
 * infra/constructs/lazy-groups.ts). Such a file is bundled without the project's modules that
 * the function's bundle already holds: each one it imports is a stand-in that hands over the
 * bundle's own instance from here, so there is one of each (one error class for `instanceof`,
 * one search index, one log context), never a second copy with state of its own.
 */
/** The global symbol's name under which the registry is kept: the stand-ins look it up (they cannot import it). */
export const sharedModulesKey = 'ldx.sharedModules';
const KEY = Symbol.for(sharedModulesKey);

type Loader = () => unknown;

/** Called by the function's entry point with the generated list (shared-modules.generated.ts). */
export const shareModules = (modules: ReadonlyMap<string, Loader>): void => {
  const registry = ((globalThis as Record<symbol, Map<string, Loader> | undefined>)[KEY] ??= new Map());
  for (const [name, load] of modules) registry.set(name, load);
};
