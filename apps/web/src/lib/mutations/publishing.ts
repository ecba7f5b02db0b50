/** Publishing mutations: create and edit a model, price a draft, publish it. */
import { z } from 'zod';
import type { ModelTask, PriceUnit } from '@/lib/generated/graphql';
import type { GraphqlClient } from '@/lib/graphql-client';

export const CREATE_MODEL_MUTATION = /* GraphQL */ `
  mutation CreateModel($input: CreateModelInput!) {
    createModel(input: $input) {
      id
      slug
      fullName
    }
  }
`;

export const UPDATE_MODEL_MUTATION = /* GraphQL */ `
  mutation UpdateModel($id: ID!, $input: UpdateModelInput!) {
    updateModel(id: $id, input: $input) {
      id
      visibility
    }
  }
`;

export const SET_DRAFT_PRICE_MUTATION = /* GraphQL */ `
  mutation SetDraftPrice($id: ID!, $price: PriceInput!) {
    setDraftPrice(id: $id, price: $price) {
      id
      status
    }
  }
`;

export const PUBLISH_MODEL_VERSION_MUTATION = /* GraphQL */ `
  mutation PublishModelVersion($id: ID!) {
    publishModelVersion(id: $id) {
      id
      version
      status
    }
  }
`;

/** The card fields both creating and editing send. */
export interface ModelCardInput {
  name: string;
  task: ModelTask;
  summary: string;
  description: string;
  /** null: the api's default on create, unchanged on edit */
  license: string | null;
  tags: string[];
  visibility: 'PUBLIC' | 'PRIVATE';
}

export interface CreateModelInput extends ModelCardInput {
  slug: string;
}

export interface PriceInput {
  unit: PriceUnit;
  /** integer micro-units, a decimal string (BigInt scalar) */
  amountMicros: string;
  freeAllowance: number;
}

export async function createModel(
  input: CreateModelInput,
  client: GraphqlClient,
): Promise<{ id: string; slug: string; fullName: string }> {
  const data = await client.request(
    { query: CREATE_MODEL_MUTATION, operationName: 'CreateModel', variables: { input } },
    z.object({ createModel: z.object({ id: z.string(), slug: z.string(), fullName: z.string() }) }),
  );
  return data.createModel;
}

export async function updateModel(
  id: string,
  input: ModelCardInput,
  client: GraphqlClient,
): Promise<void> {
  await client.request(
    { query: UPDATE_MODEL_MUTATION, operationName: 'UpdateModel', variables: { id, input } },
    z.object({ updateModel: z.object({ id: z.string() }) }),
  );
}

export async function setDraftPrice(
  id: string,
  price: PriceInput,
  client: GraphqlClient,
): Promise<void> {
  await client.request(
    { query: SET_DRAFT_PRICE_MUTATION, operationName: 'SetDraftPrice', variables: { id, price } },
    z.object({ setDraftPrice: z.object({ id: z.string() }) }),
  );
}

export async function publishModelVersion(
  id: string,
  client: GraphqlClient,
): Promise<{ version: string; status: string }> {
  const data = await client.request(
    {
      query: PUBLISH_MODEL_VERSION_MUTATION,
      operationName: 'PublishModelVersion',
      variables: { id },
    },
    z.object({
      publishModelVersion: z.object({ id: z.string(), version: z.string(), status: z.string() }),
    }),
  );
  return data.publishModelVersion;
}
