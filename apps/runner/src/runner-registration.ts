// A runner announces itself in the database and heartbeats; the api routes only to runners
// whose heartbeat is fresh.
import type { Db, Prisma, RunnerStatus } from '@modelhub/db';
import type { Logger } from 'pino';

export interface RunnerRegistration {
  readonly runnerId: string;
  setStatus(status: RunnerStatus): Promise<void>;
  stop(): Promise<void>;
}

export async function registerRunner(
  db: Db,
  options: {
    name: string;
    url: string;
    capabilities: Prisma.InputJsonObject;
    heartbeatMs: number;
    logger: Logger;
  },
): Promise<RunnerRegistration> {
  const now = new Date();
  const runner = await db.runner.upsert({
    where: { url: options.url },
    update: {
      name: options.name,
      capabilities: options.capabilities,
      status: 'READY',
      startedAt: now,
      lastHeartbeatAt: now,
    },
    create: {
      name: options.name,
      url: options.url,
      capabilities: options.capabilities,
      status: 'READY',
    },
  });
  // A restarted runner holds no models, whatever its previous life reported.
  await db.runnerModel.deleteMany({ where: { runnerId: runner.id } });

  const timer = setInterval(() => {
    db.runner
      .update({ where: { id: runner.id }, data: { lastHeartbeatAt: new Date() } })
      .catch((err: unknown) => options.logger.warn({ err }, 'heartbeat failed'));
  }, options.heartbeatMs);
  timer.unref();

  return {
    runnerId: runner.id,
    // The heartbeat only says "alive"; status changes (this runner draining, or an operator
    // taking it out of rotation in the registry) are not overwritten by it.
    async setStatus(next) {
      await db.runner.update({
        where: { id: runner.id },
        data: { status: next, lastHeartbeatAt: new Date() },
      });
    },
    async stop() {
      clearInterval(timer);
      await db.runner
        .update({ where: { id: runner.id }, data: { status: 'STOPPED' } })
        .catch(() => {});
      await db.runnerModel.deleteMany({ where: { runnerId: runner.id } }).catch(() => {});
    },
  };
}
