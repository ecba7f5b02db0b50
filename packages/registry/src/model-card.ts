// Creating a model (the catalog entry versions hang under) and editing its card. The slug is
// part of every `org/model` reference callers hold, so it never changes.
import { ModelTask, Visibility, withTenant, type Db, type Model } from '@modelhub/db';
import { z } from 'zod';
import { parseInput } from './input-issues.ts';
import { findOwnedModel } from './owned-rows.ts';
import { isMissingReference, isUniqueViolation } from './prisma-errors.ts';
import { RegistryError } from './registry-error.ts';

/** The `model` of `org/model`: lower-case letters, digits and hyphens, as model refs parse them. */
export const MODEL_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

const cardFields = {
  name: z.string().trim().min(1).max(120),
  task: z.enum(ModelTask),
  summary: z.string().trim().max(300),
  /** Markdown */
  description: z.string().max(100_000),
  license: z.string().trim().min(1).max(100),
  tags: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9][a-z0-9+.-]{0,31}$/, {
          error: 'tags are lower-case words of letters, digits, +, . and -',
        }),
    )
    .max(20)
    .transform((tags) => [...new Set(tags)]),
  visibility: z.enum(Visibility),
};

const createSchema = z.strictObject({
  organizationId: z.string().min(1),
  slug: z.string().regex(MODEL_SLUG_PATTERN, {
    error:
      'a slug is 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit',
  }),
  ...cardFields,
  summary: cardFields.summary.default(''),
  description: cardFields.description.default(''),
  license: cardFields.license.default('unknown'),
  tags: cardFields.tags.default([]),
  visibility: cardFields.visibility.default('PRIVATE'),
});

const changesSchema = z
  .strictObject({
    name: cardFields.name,
    task: cardFields.task,
    summary: cardFields.summary,
    description: cardFields.description,
    license: cardFields.license,
    tags: cardFields.tags,
    visibility: cardFields.visibility,
  })
  .partial();

export type CreateModelInput = z.input<typeof createSchema>;
/** The card fields; absent ones keep their value. */
export type ModelCardChanges = z.input<typeof changesSchema>;

export async function createModel(db: Db, input: CreateModelInput): Promise<Model> {
  const data = parseInput(createSchema, input, 'model');
  try {
    return await withTenant(db, data.organizationId, async (tx) => {
      const taken = await tx.model.findFirst({
        where: { organizationId: data.organizationId, slug: data.slug },
        select: { id: true },
      });
      if (taken) throw slugTaken(data.slug);
      return tx.model.create({ data });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(data.slug);
    if (isMissingReference(error)) {
      throw new RegistryError('NOT_FOUND', `organization '${data.organizationId}' not found`);
    }
    throw error;
  }
}

export interface UpdateModelInput {
  organizationId: string;
  modelId: string;
  changes: ModelCardChanges;
}

export async function updateModel(db: Db, input: UpdateModelInput): Promise<Model> {
  if (input.changes && typeof input.changes === 'object' && 'slug' in input.changes) {
    throw new RegistryError(
      'INVALID_INPUT',
      'the slug of a model cannot change: references to it would break',
    );
  }
  const changes = parseInput(changesSchema, input.changes, 'model changes');
  return withTenant(db, input.organizationId, async (tx) => {
    const model = await findOwnedModel(tx, input.organizationId, input.modelId);
    return tx.model.update({ where: { id: model.id }, data: changes });
  });
}

function slugTaken(slug: string): RegistryError {
  return new RegistryError('SLUG_TAKEN', `the organization already has a model '${slug}'`, {
    slug,
  });
}
