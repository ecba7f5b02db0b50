'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { formStateFromError } from '@/lib/forms/api-form-errors';
import { formInvalid, formSuccess, readText, type FormState } from '@/lib/forms/form-state';
import {
  createModel,
  publishModelVersion,
  setDraftPrice,
  updateModel,
} from '@/lib/mutations/publishing';
import { sessionGraphqlClient } from '@/lib/portal-api';
import {
  MODEL_FORM_FIELDS,
  parseCreateModelForm,
  parseUpdateModelForm,
} from '@/lib/publishing/model-form';
import { PRICE_FORM_FIELDS, parsePriceForm } from '@/lib/publishing/price-form';
import { isValidSlug } from '@/lib/slug';

const LIST = '/settings/models';
const modelPage = (slug: string) => `${LIST}/${encodeURIComponent(slug)}`;

export async function createModelAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const parsed = parseCreateModelForm(formData);
  if (!parsed.ok) return formInvalid(parsed.fieldErrors, parsed.values);
  let slug: string;
  try {
    slug = (await createModel(parsed.input, await sessionGraphqlClient())).slug;
  } catch (error) {
    return formStateFromError(error, parsed.values, {
      fields: [...MODEL_FORM_FIELDS],
      messages: { CONFLICT: 'Your organization already has a model with this slug.' },
    });
  }
  revalidatePath(LIST);
  redirect(`${modelPage(slug)}?created=1`);
}

export async function updateModelAction(
  _previous: FormState<string>,
  formData: FormData,
): Promise<FormState<string>> {
  const id = readText(formData, 'id');
  const slug = readText(formData, 'slug');
  const parsed = parseUpdateModelForm(formData);
  if (!parsed.ok) return formInvalid(parsed.fieldErrors, parsed.values);
  try {
    await updateModel(id, parsed.input, await sessionGraphqlClient());
  } catch (error) {
    return formStateFromError(error, parsed.values, { fields: [...MODEL_FORM_FIELDS] });
  }
  if (isValidSlug(slug)) revalidatePath(modelPage(slug));
  return formSuccess('The model is saved.', parsed.values);
}

export async function setDraftPriceAction(
  _previous: FormState<string>,
  formData: FormData,
): Promise<FormState<string>> {
  const id = readText(formData, 'id');
  const slug = readText(formData, 'slug');
  const parsed = parsePriceForm(formData);
  if (!parsed.ok) return formInvalid(parsed.fieldErrors, parsed.values);
  try {
    await setDraftPrice(id, parsed.price, await sessionGraphqlClient());
  } catch (error) {
    return formStateFromError(error, parsed.values, { fields: [...PRICE_FORM_FIELDS] });
  }
  if (isValidSlug(slug)) revalidatePath(modelPage(slug));
  return formSuccess('The price is set.', parsed.values);
}

export async function publishVersionAction(
  _previous: FormState,
  formData: FormData,
): Promise<FormState> {
  const id = readText(formData, 'id');
  const slug = readText(formData, 'slug');
  let published: { version: string };
  try {
    published = await publishModelVersion(id, await sessionGraphqlClient());
  } catch (error) {
    return formStateFromError(
      error,
      {},
      {
        fields: [],
        messages: {
          BAD_USER_INPUT: (apiError) =>
            apiError.graphqlErrors.some((e) => /price/i.test(e.message))
              ? 'Set a price before publishing.'
              : (apiError.graphqlErrors[0]?.message ?? 'The version cannot be published.'),
          CONFLICT: 'This version is no longer a draft.',
        },
      },
    );
  }
  if (!isValidSlug(slug)) redirect(LIST);
  revalidatePath(modelPage(slug));
  redirect(
    `${modelPage(slug)}?${new URLSearchParams({ published: published.version }).toString()}`,
  );
}
