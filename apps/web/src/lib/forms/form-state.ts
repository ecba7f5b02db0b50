/**
 * The state a form's Server Action hands back to the page: what went wrong (for the whole form
 * and per field), what the person typed (so a failed submit does not wipe it) and, on success,
 * whatever the page shows next.
 */
export interface FormState<TResult = undefined> {
  status: 'idle' | 'error' | 'success';
  /** About the whole form; shown in an alert above the fields. */
  formError?: string | undefined;
  /** Per form field, shown next to it. */
  fieldErrors: Readonly<Record<string, string>>;
  /** Echo of the submitted values, never a password or a secret. */
  values: Readonly<Record<string, string>>;
  result?: TResult | undefined;
}

export const IDLE_FORM_STATE: FormState<never> = { status: 'idle', fieldErrors: {}, values: {} };

export function formSuccess<TResult>(
  result: TResult,
  values: Record<string, string> = {},
): FormState<TResult> {
  return { status: 'success', fieldErrors: {}, values, result };
}

export function formInvalid(
  fieldErrors: Record<string, string>,
  values: Record<string, string>,
  formError?: string,
): FormState<never> {
  return { status: 'error', fieldErrors, values, formError };
}

/** A FormData text field, trimmed; '' when absent or a file. */
export function readText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** A FormData field exactly as typed (passwords: leading/trailing spaces are part of them). */
export function readRaw(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A light shape check so obvious typos fail before a round trip; the api decides for real. */
export function isPlausibleEmail(value: string): boolean {
  return value.length <= 320 && EMAIL_PATTERN.test(value);
}
