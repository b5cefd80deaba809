import { routes, type RouteName, type RouteSpec } from '@hybrid-hub/contract';

export interface CompiledRoute {
  name: RouteName;
  spec: RouteSpec;
  pattern: RegExp;
}

/**
 * The route table as matchers: fixed paths before paths with parameters, so `/users/bulk` is
 * never taken for `/users/:id`. Matching is case-insensitive and allows a trailing slash, as
 * Express's router does, so what this finds is what the routers will serve.
 */
function compileRoutes(): CompiledRoute[] {
  const compiled = (Object.entries(routes) as [RouteName, RouteSpec][]).map(([name, spec]) => {
    const source = spec.path
      .split('/')
      .map((segment) =>
        segment.startsWith(':')
          ? `(?<${segment.slice(1)}>[^/]+)`
          : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    return { name, spec, pattern: new RegExp(`^${source}/?$`, 'i') };
  });
  const parameters = (route: CompiledRoute) => (route.spec.path.match(/:/g) ?? []).length;
  return compiled.sort((a, b) => parameters(a) - parameters(b));
}

const COMPILED = compileRoutes();

/**
 * A matched route's `:name` parameters, read from the path itself (for middleware that runs before
 * the routers, such as the audit trail); a value that is not valid percent-encoding stays as sent.
 */
export function routeParams(route: CompiledRoute, path: string): Record<string, string> {
  const raw = route.pattern.exec(path)?.groups ?? {};
  return Object.fromEntries(
    Object.entries(raw).map(([name, value]) => {
      try {
        return [name, decodeURIComponent(value)];
      } catch {
        return [name, value];
      }
    }),
  );
}

/** The contract route a request is for, if any. */
export function matchRoute(method: string, path: string): CompiledRoute | undefined {
  const asked = method === 'HEAD' ? 'GET' : method;
  return COMPILED.find((route) => route.spec.method === asked && route.pattern.test(path));
}
