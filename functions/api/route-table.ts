import { declaredRoutes } from './route-declarations';

/**
 * Every API path and the methods it answers, generated from the route
 * declarations. The app answers any other method on these paths with 405 and an Allow header.
 * Only paths under /api/: the DCAT feeds beside them are plain web addresses.
 */
const methodsByPath = new Map<string, string[]>();
for (const { path, method } of declaredRoutes) {
  if (path.startsWith('/api/')) methodsByPath.set(path, [...(methodsByPath.get(path) ?? []), method]);
}

const methodOrder = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export const allowedMethods: Array<[path: string, methods: string[]]> = [...methodsByPath].map(([path, methods]) => [
  path,
  [...methods].sort((a, b) => methodOrder.indexOf(a) - methodOrder.indexOf(b)),
]);
