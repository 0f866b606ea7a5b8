import type { Express } from 'express';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  /** `mountPath`: where ApiBuilder mounted a group router */
  handle?: { stack?: Layer[]; mountPath?: string };
}

/** `METHOD /path` for every route registered on the app's routers under /api (excluding the OpenAPI document itself). */
export function expressApiRoutes(app: Express): string[] {
  const routes: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = prefix && layer.route.path === '/' ? prefix : `${prefix}${layer.route.path}`;
        for (const method of Object.keys(layer.route.methods)) routes.push(`${method.toUpperCase()} ${path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, `${prefix}${layer.handle.mountPath ?? ''}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...new Set(routes)].filter((r) => r.split(' ')[1]!.startsWith('/api/') && r !== 'GET /api/openapi.json');
}
