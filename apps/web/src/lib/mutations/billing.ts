/** Billing mutations: buying credit through Stripe Checkout, and the monthly spend limit. */
import { z } from 'zod';
import type { GraphqlClient } from '@/lib/graphql-client';

export const CREATE_TOP_UP_CHECKOUT_MUTATION = /* GraphQL */ `
  mutation CreateTopUpCheckout($amountMicros: BigInt!, $successUrl: String!, $cancelUrl: String!) {
    createTopUpCheckout(
      amountMicros: $amountMicros
      successUrl: $successUrl
      cancelUrl: $cancelUrl
    ) {
      checkoutUrl
    }
  }
`;

export interface TopUpCheckoutInput {
  amountMicros: bigint;
  /** Where Stripe sends the person back after paying / giving up; absolute URLs. */
  successUrl: string;
  cancelUrl: string;
}

/** Starts a Stripe Checkout for credit; returns the URL to send the person to. */
export async function createTopUpCheckout(
  input: TopUpCheckoutInput,
  client: GraphqlClient,
): Promise<string> {
  const data = await client.request(
    {
      query: CREATE_TOP_UP_CHECKOUT_MUTATION,
      operationName: 'CreateTopUpCheckout',
      variables: {
        amountMicros: input.amountMicros.toString(),
        successUrl: input.successUrl,
        cancelUrl: input.cancelUrl,
      },
    },
    z.object({ createTopUpCheckout: z.object({ checkoutUrl: z.url() }) }),
  );
  return data.createTopUpCheckout.checkoutUrl;
}

export const SET_MONTHLY_SPEND_LIMIT_MUTATION = /* GraphQL */ `
  mutation SetMonthlySpendLimit($limitMicros: BigInt) {
    setMonthlySpendLimit(limitMicros: $limitMicros) {
      id
    }
  }
`;

/** Sets the organization's monthly spend limit; null removes it. Needs billing.manage. */
export async function setMonthlySpendLimit(
  limitMicros: bigint | null,
  client: GraphqlClient,
): Promise<void> {
  await client.request(
    {
      query: SET_MONTHLY_SPEND_LIMIT_MUTATION,
      operationName: 'SetMonthlySpendLimit',
      variables: { limitMicros: limitMicros === null ? null : limitMicros.toString() },
    },
    z.object({ setMonthlySpendLimit: z.object({ id: z.string() }) }),
  );
}
