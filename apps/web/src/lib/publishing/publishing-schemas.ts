/**
 * zod schemas of what the publishing pages read: the organization's own models with every
 * version (drafts included), and the api's answer to an upload. Checked once at the edge.
 */
import { z } from 'zod';
import { priceSchema, tensorSpecSchema } from '@/lib/model-schemas';

/** BigInt scalars arrive as decimal strings (or numbers); kept as strings. */
const bigIntStringSchema = z
  .union([z.string().regex(/^-?\d+$/), z.number().int()])
  .transform((value) => String(value));

export const publisherVersionSchema = z.object({
  id: z.string(),
  version: z.string(),
  /** DRAFT | PUBLISHED | DEPRECATED | YANKED */
  status: z.string(),
  sha256: z.string(),
  sizeBytes: bigIntStringSchema,
  opset: z.number().int().nullable(),
  producer: z.string().nullable(),
  parameterCount: bigIntStringSchema.nullable(),
  publishedAt: z.string().nullable(),
  inputs: z.array(tensorSpecSchema),
  outputs: z.array(tensorSpecSchema),
  prices: z.array(priceSchema),
});
export type PublisherVersion = z.output<typeof publisherVersionSchema>;

export const publisherModelSchema = z.object({
  id: z.string(),
  slug: z.string(),
  fullName: z.string(),
  name: z.string(),
  summary: z.string(),
  description: z.string(),
  task: z.string(),
  license: z.string(),
  tags: z.array(z.string()),
  /** PUBLIC | PRIVATE */
  visibility: z.string(),
  createdAt: z.string(),
  versions: z
    .object({ edges: z.array(z.object({ node: publisherVersionSchema })) })
    .transform(({ edges }) => edges.map((edge) => edge.node)),
});
export type PublisherModel = z.output<typeof publisherModelSchema>;

/** A line of the models list: the card's headline and the versions' states. */
export const publisherModelSummarySchema = publisherModelSchema
  .pick({
    id: true,
    slug: true,
    fullName: true,
    name: true,
    task: true,
    visibility: true,
    createdAt: true,
  })
  .extend({
    versions: z
      .object({ edges: z.array(z.object({ node: z.object({ status: z.string() }) })) })
      .transform(({ edges }) => edges.map((edge) => edge.node)),
  });
export type PublisherModelSummary = z.output<typeof publisherModelSummarySchema>;

/** The 201 body of `PUT /uploads/models/{org}/{model}/versions/{version}`. */
export const uploadedVersionSchema = z.object({
  version: z.object({
    id: z.string(),
    model: z.string(),
    version: z.string(),
    status: z.string(),
    sha256: z.string(),
    sizeBytes: bigIntStringSchema,
    opset: z.number().int().nullable(),
    producer: z.string().nullable(),
    parameterCount: bigIntStringSchema.nullable(),
    inputs: z.array(tensorSpecSchema),
    outputs: z.array(tensorSpecSchema),
  }),
});
export type UploadedVersion = z.output<typeof uploadedVersionSchema>['version'];
