// Model.dailyCalls over real HTTP: calls per UTC day of one model counted across every calling
// organization (row-level security alone would show each caller only its own usage), zero days
// included, and nothing about a private model for anyone but its owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, DEMO_PUBLISHER_SLUG, type Db } from '@modelhub/db';
import { mnistHeldOutDigitImages } from '@modelhub/models';
import { createTestKey, signUpUser, startPlatform, type Platform } from './platform-fixture.ts';

const MNIST = 'modelhub/mnist-digit-classifier';

const DAILY_CALLS = `
  query DailyCalls($ref: String!, $days: Int) {
    model(ref: $ref) { fullName dailyCalls(days: $days) { day calls } }
  }`;

const PREDICT_IMAGE = `
  mutation PredictImage($model: String!, $image: ImageInput!) {
    predictImage(model: $model, image: $image) { id costMicros }
  }`;

let platform: Platform;
let appDb: Db;
let today: string;

beforeAll(async () => {
  platform = await startPlatform();
  appDb = createDb(platform.database.appUrl, { maxConnections: 2 });
  today = new Date().toISOString().slice(0, 10);
  // Two organizations call the classifier: the demo organization twice, a new user's once.
  const demoKey = await createTestKey(platform.db, {
    organizationId: platform.seed.demoOrganizationId,
  });
  const other = await signUpUser(platform, 'daily-calls-caller@example.com');
  const otherOrg = await platform.db.organization.findUniqueOrThrow({
    where: { slug: other.personalOrg },
  });
  const otherKey = await createTestKey(platform.db, { organizationId: otherOrg.id });
  const [digit] = await mnistHeldOutDigitImages({ count: 1 });
  for (const key of [demoKey, demoKey, otherKey]) {
    const res = await platform.graphql(
      PREDICT_IMAGE,
      { model: MNIST, image: { base64: digit!.image.toString('base64') } },
      key,
    );
    expect(res.errors).toBeUndefined();
  }
});
afterAll(async () => {
  await appDb?.$disconnect();
  await platform?.close();
});

describe('Model.dailyCalls', () => {
  it('counts every organization’s calls per day, zero days included, oldest first', async () => {
    const res = await platform.graphql(DAILY_CALLS, { ref: MNIST });
    expect(res.errors).toBeUndefined();
    const days = res.data.model.dailyCalls as { day: string; calls: number }[];
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({ day: today, calls: 3 });
    expect(days.slice(0, -1).every((d) => d.calls === 0)).toBe(true);
    const sorted = days.map((d) => d.day);
    expect(sorted).toEqual([...sorted].sort());
    expect(new Set(sorted).size).toBe(30);
  });

  it('takes 1 to 90 days and refuses anything else with BAD_USER_INPUT', async () => {
    const week = await platform.graphql(DAILY_CALLS, { ref: MNIST, days: 7 });
    expect(week.data.model.dailyCalls).toHaveLength(7);
    expect(week.data.model.dailyCalls.at(-1)).toEqual({ day: today, calls: 3 });
    for (const days of [0, 91, -3]) {
      const res = await platform.graphql(DAILY_CALLS, { ref: MNIST, days });
      expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('shows a private model’s usage to its owner only', async () => {
    const model = await platform.db.model.findFirstOrThrow({
      where: { slug: 'mnist-digit-classifier', organization: { slug: DEMO_PUBLISHER_SLUG } },
    });
    await platform.db.model.update({ where: { id: model.id }, data: { visibility: 'PRIVATE' } });
    try {
      // Signed out and another organization: the model does not exist for them.
      expect((await platform.graphql(DAILY_CALLS, { ref: MNIST })).data.model).toBeNull();
      const stranger = await signUpUser(platform, 'daily-calls-stranger@example.com');
      expect(
        (await platform.graphql(DAILY_CALLS, { ref: MNIST }, { cookie: stranger.cookie })).data
          .model,
      ).toBeNull();

      // The publisher's own key sees it, with every consumer's calls.
      const ownerKey = await createTestKey(platform.db, {
        organizationId: platform.seed.publisherOrganizationId,
        scopes: ['READ'],
      });
      const owner = await platform.graphql(DAILY_CALLS, { ref: MNIST, days: 1 }, ownerKey);
      expect(owner.errors).toBeUndefined();
      expect(owner.data.model.dailyCalls).toEqual([{ day: today, calls: 3 }]);

      // The SQL function repeats the rule for the app role, whatever id it is handed.
      const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
      const strangerOrg = await platform.db.organization.findUniqueOrThrow({
        where: { slug: stranger.personalOrg },
      });
      const leaked = await appDb.$queryRaw<unknown[]>`
        SELECT * FROM app_model_daily_calls(${model.id}, ${strangerOrg.id}, ${since})`;
      expect(leaked).toEqual([]);
      const anonymous = await appDb.$queryRaw<unknown[]>`
        SELECT * FROM app_model_daily_calls(${model.id}, ${null}, ${since})`;
      expect(anonymous).toEqual([]);
      const own = await appDb.$queryRaw<{ calls: bigint }[]>`
        SELECT calls FROM app_model_daily_calls(${model.id}, ${model.organizationId}, ${since})`;
      expect(own.map((row) => Number(row.calls))).toEqual([3]);
    } finally {
      await platform.db.model.update({ where: { id: model.id }, data: { visibility: 'PUBLIC' } });
    }
  });
});
