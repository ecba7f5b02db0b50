'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { env } from '@/env';
import { parseTopUpAmount } from '@/lib/billing/billing-format';
import { formStateFromError } from '@/lib/forms/api-form-errors';
import { formInvalid, readText, type FormState } from '@/lib/forms/form-state';
import { AmountInputError, parseAmountToMicros } from '@/lib/forms/money-input';
import { createTopUpCheckout, setMonthlySpendLimit } from '@/lib/mutations/billing';
import { sessionGraphqlClient } from '@/lib/portal-api';

const PAGE = '/settings/billing';

/** Starts a Stripe Checkout for the typed amount and sends the browser there. */
export async function topUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const amount = readText(formData, 'amount');
  let amountMicros: bigint;
  try {
    amountMicros = parseTopUpAmount(amount);
  } catch (error) {
    if (error instanceof AmountInputError)
      return formInvalid({ amount: error.message }, { amount });
    throw error;
  }
  let checkoutUrl: string;
  try {
    checkoutUrl = await createTopUpCheckout(
      {
        amountMicros,
        successUrl: `${env.NEXTAUTH_URL}${PAGE}?topUp=success`,
        cancelUrl: `${env.NEXTAUTH_URL}${PAGE}?topUp=cancelled`,
      },
      await sessionGraphqlClient(),
    );
  } catch (error) {
    return formStateFromError(
      error,
      { amount },
      {
        fields: ['amount'],
        fieldAliases: { amountMicros: 'amount' },
        messages: {
          SERVICE_UNAVAILABLE: 'Top-ups are turned off on this Modelhub (no payment provider).',
          FORBIDDEN: 'Your role cannot buy credit for this organization.',
        },
      },
    );
  }
  redirect(checkoutUrl);
}

/** Sets the monthly spend limit from the typed USD amount; an empty field removes it. */
export async function spendLimitAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const limit = readText(formData, 'limit');
  let limitMicros: bigint | null = null;
  if (limit !== '') {
    try {
      limitMicros = parseAmountToMicros(limit);
    } catch (error) {
      if (error instanceof AmountInputError) {
        return formInvalid({ limit: error.message }, { limit });
      }
      throw error;
    }
  }
  try {
    await setMonthlySpendLimit(limitMicros, await sessionGraphqlClient());
  } catch (error) {
    return formStateFromError(
      error,
      { limit },
      {
        fields: ['limit'],
        fieldAliases: { limitMicros: 'limit' },
        messages: { FORBIDDEN: 'Your role cannot change the spend limit.' },
      },
    );
  }
  revalidatePath(PAGE);
  redirect(`${PAGE}?limit=saved`);
}
