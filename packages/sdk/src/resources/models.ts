// The catalog: list and search models, read one by reference.
import {
  GetModelDocument,
  ListModelsDocument,
  type CatalogSort,
  type ModelFieldsFragment,
  type ModelTask,
  type ModelVersionFieldsFragment,
  type PriceUnit,
} from '../generated/graphql.ts';
import { NotFoundError } from '../errors.ts';
import type { GraphQLTransport } from '../graphql-transport.ts';
import {
  checkNonEmptyString,
  checkOptionalBigInt,
  checkOptionalPositiveInt,
  checkOptionalString,
  checkOptionalStringList,
} from '../input-checks.ts';
import { PageRequest } from '../pagination.ts';
import { toBigInt, toDate, toDateOrNull } from '../scalars.ts';

export interface Price {
  unit: PriceUnit;
  /** micro-units of `currency` per unit (1 USD = 1_000_000n) */
  amountMicros: bigint;
  currency: string;
  /** free units per calling organization per calendar month */
  freeAllowance: number;
}

export interface TensorSpec {
  name: string;
  datatype: ModelVersionFieldsFragment['inputs'][number]['datatype'];
  /** -1 marks a dynamic dimension */
  shape: number[];
}

export interface ModelVersion {
  id: string;
  version: string;
  status: ModelVersionFieldsFragment['status'];
  publishedAt: Date | null;
  sha256: string;
  sizeBytes: bigint;
  opset: number | null;
  inputs: TensorSpec[];
  outputs: TensorSpec[];
  prices: Price[];
}

export interface Model {
  id: string;
  /** `publisher/model`: what `predict` takes */
  fullName: string;
  slug: string;
  name: string;
  summary: string;
  task: ModelTask;
  tags: string[];
  license: string;
  visibility: ModelFieldsFragment['visibility'];
  callsLast30Days: number;
  createdAt: Date;
  publisher: { slug: string; name: string };
  /** the highest published version; null before the first is published */
  latestVersion: ModelVersion | null;
}

export interface ModelDetails extends Model {
  /** the model card, Markdown */
  description: string;
}

export interface ListModelsParams {
  /** full-text search over name, tags, summary and model card ("exact phrase", -excluded, or) */
  query?: string;
  task?: ModelTask;
  /** models with every one of these tags */
  tags?: string[];
  /** the publisher's handle */
  publisher?: string;
  /** bounds on the current price of the newest version, in micro-units */
  minPriceMicros?: bigint;
  maxPriceMicros?: bigint;
  /** default RELEVANCE with a query, NAME without */
  sort?: CatalogSort;
  /** models per page */
  first?: number;
  /** the cursor to start after (a page's `endCursor`) */
  after?: string;
}

export class ModelsResource {
  constructor(private readonly transport: GraphQLTransport) {}

  /** A page of the catalog: public models and the caller's own. Await it, or iterate pages. */
  list(params: ListModelsParams = {}): PageRequest<Model> {
    const minPrice = checkOptionalBigInt(params.minPriceMicros, 'minPriceMicros');
    const maxPrice = checkOptionalBigInt(params.maxPriceMicros, 'maxPriceMicros');
    const variables = {
      query: checkOptionalString(params.query, 'query'),
      task: params.task,
      tags: checkOptionalStringList(params.tags, 'tags'),
      publisher: checkOptionalString(params.publisher, 'publisher'),
      minPriceMicros: minPrice?.toString(),
      maxPriceMicros: maxPrice?.toString(),
      sort: params.sort,
      first: checkOptionalPositiveInt(params.first, 'first'),
    };
    const after = checkOptionalString(params.after, 'after');
    return new PageRequest(async (cursor) => {
      const data = await this.transport.execute(
        ListModelsDocument,
        { ...variables, after: cursor },
        { idempotent: true },
      );
      return {
        items: data.models.edges.map((edge) => toModel(edge.node)),
        totalCount: data.models.totalCount,
        hasNextPage: data.models.pageInfo.hasNextPage,
        endCursor: data.models.pageInfo.endCursor,
      };
    }, after);
  }

  /**
   * One model by reference, `publisher/model`. NotFoundError when it does not exist or the
   * caller may not see it (the api does not tell the two apart).
   */
  async get(ref: string): Promise<ModelDetails> {
    checkNonEmptyString(ref, 'ref');
    const data = await this.transport.execute(GetModelDocument, { ref }, { idempotent: true });
    if (!data.model) {
      throw new NotFoundError(`model '${ref}' not found`, { field: 'ref' });
    }
    return { ...toModel(data.model), description: data.model.description };
  }
}

function toModel(node: ModelFieldsFragment): Model {
  return {
    id: node.id,
    fullName: node.fullName,
    slug: node.slug,
    name: node.name,
    summary: node.summary,
    task: node.task,
    tags: node.tags,
    license: node.license,
    visibility: node.visibility,
    callsLast30Days: node.callsLast30Days,
    createdAt: toDate(node.createdAt),
    publisher: { slug: node.publisher.slug, name: node.publisher.name },
    latestVersion: node.latestVersion ? toModelVersion(node.latestVersion) : null,
  };
}

function toModelVersion(version: ModelVersionFieldsFragment): ModelVersion {
  return {
    id: version.id,
    version: version.version,
    status: version.status,
    publishedAt: toDateOrNull(version.publishedAt),
    sha256: version.sha256,
    sizeBytes: toBigInt(version.sizeBytes),
    opset: version.opset,
    inputs: version.inputs.map((spec) => ({ ...spec })),
    outputs: version.outputs.map((spec) => ({ ...spec })),
    prices: version.prices.map((price) => ({
      unit: price.unit,
      amountMicros: toBigInt(price.amountMicros),
      currency: price.currency,
      freeAllowance: price.freeAllowance,
    })),
  };
}
