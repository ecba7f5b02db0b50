/**
 * Turns an api failure into what a form shows. The api's error codes (GraphQL
 * `extensions.code`) decide the message: BAD_USER_INPUT with `extensions.field` lands next to that
 * field, RATE_LIMITED says how long to wait, UNAUTHENTICATED and the rest get a sentence a person
 * can act on. Forms override the sentence of a code where it means something specific (a wrong
 * password on sign-in, an expired link on verification).
 */
import { ApiErrorCode, isApiError, type ApiError, type GraphqlErrorItem } from '@/lib/api-error';
import type { FormState } from '@/lib/forms/form-state';

export type MessageForCode = string | ((error: ApiError) => string);

export interface ApiFormErrorOptions {
  /** The form's own fields: an error about one of them is shown next to it. */
  fields: readonly string[];
  /** This form's sentence for an api code, e.g. `{ UNAUTHENTICATED: 'Wrong email or password' }`. */
  messages?: Readonly<Partial<Record<string, MessageForCode>>>;
  /** Api input field -> form field, where they differ (`expiresAt` -> `expiresOn`). */
  fieldAliases?: Readonly<Record<string, string>>;
}

/** `Too many attempts, try again in 30 s`, or without a number when the api gave none. */
export function rateLimitMessage(retryAfterSeconds: number | undefined): string {
  return retryAfterSeconds === undefined
    ? 'Too many attempts, try again in a moment'
    : `Too many attempts, try again in ${Math.max(1, Math.ceil(retryAfterSeconds))} s`;
}

const DEFAULT_MESSAGES: Readonly<Record<string, MessageForCode>> = {
  UNAUTHENTICATED: 'Your session has ended. Sign in again to continue.',
  FORBIDDEN: 'Your role in this organization does not allow this.',
  NOT_FOUND: 'It no longer exists, or it is not visible to you.',
  RATE_LIMITED: (error) => rateLimitMessage(error.retryAfterSeconds),
  PAYMENT_REQUIRED: 'The organization has no credit left for this.',
};

/** `input.email` and `email` both name the form field `email`. */
function fieldName(field: string): string {
  return field.split('.').at(-1) ?? field;
}

function transportMessage(error: ApiError): string | undefined {
  switch (error.code) {
    case ApiErrorCode.Unreachable:
      return 'The Modelhub API is unreachable right now. Try again in a moment.';
    case ApiErrorCode.Timeout:
      return 'The Modelhub API did not answer in time. Try again in a moment.';
    case ApiErrorCode.BadResponse:
      return 'The Modelhub API sent an answer the portal does not understand. Try again later.';
    default:
      return undefined;
  }
}

/** An HTTP error without a GraphQL body (e.g. from a proxy): its status still says what happened. */
function bareHttpError(status: number | undefined): GraphqlErrorItem {
  const code = status === 429 ? 'RATE_LIMITED' : status === 401 ? 'UNAUTHENTICATED' : undefined;
  return code ? { message: '', code } : { message: '' };
}

/** The api writes `enter a valid email address`; a form shows `Enter a valid email address`. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function resolve(message: MessageForCode, error: ApiError): string {
  return typeof message === 'function' ? message(error) : message;
}

/** What a form shows for an api error: an error per field and/or one for the whole form. */
export function apiFormErrors(
  error: ApiError,
  options: ApiFormErrorOptions,
): Pick<FormState, 'formError' | 'fieldErrors'> {
  const transport = transportMessage(error);
  if (transport) return { formError: transport, fieldErrors: {} };

  const fieldErrors: Record<string, string> = {};
  const formMessages: string[] = [];
  const items: readonly GraphqlErrorItem[] =
    error.graphqlErrors.length > 0 ? error.graphqlErrors : [bareHttpError(error.status)];
  for (const item of items) {
    const override = item.code ? options.messages?.[item.code] : undefined;
    const apiField = item.field ? fieldName(item.field) : undefined;
    const field = apiField ? (options.fieldAliases?.[apiField] ?? apiField) : undefined;
    let message: string;
    if (override !== undefined) message = resolve(override, error);
    else if (item.code === 'BAD_USER_INPUT' || item.code === 'CONFLICT')
      message = sentence(item.message) || 'Check this value.';
    else if (item.code && DEFAULT_MESSAGES[item.code])
      message = resolve(DEFAULT_MESSAGES[item.code]!, error);
    else
      message = `Something went wrong on our side${item.code ? ` (${item.code})` : ''}. Try again.`;

    if (field && options.fields.includes(field) && override === undefined) {
      fieldErrors[field] ??= message;
    } else if (!formMessages.includes(message)) {
      formMessages.push(message);
    }
  }
  return {
    formError: formMessages.length > 0 ? formMessages.join(' ') : undefined,
    fieldErrors,
  };
}

/**
 * The error state of a form after its api call failed. Anything that is not an ApiError is a bug
 * and is rethrown, to reach the error boundary instead of being dressed up as a form message.
 */
export function formStateFromError(
  error: unknown,
  values: Record<string, string>,
  options: ApiFormErrorOptions,
): FormState<never> {
  if (!isApiError(error)) throw error;
  return { status: 'error', values, ...apiFormErrors(error, options) };
}
