// /healthz: the process is up. /readyz: it can serve predictions (database reachable and at
// least one live runner), for load balancers and the launcher.
import type { FastifyInstance } from 'fastify';
import type { ApiServices } from '../context.ts';

export function registerHealthRoutes(app: FastifyInstance, services: ApiServices): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const checks = { database: false, runners: false };
    try {
      await services.db.$queryRaw`SELECT 1`;
      checks.database = true;
      checks.runners = await services.router.anyRunnerLive();
    } catch {
      // reported through the flags below
    }
    const ready = checks.database && checks.runners;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks });
  });
}
