/**
 * The model form (create and edit): FormData -> the api's CreateModelInput / UpdateModelInput,
 * with the api's own rules checked first so that common mistakes land next to their field
 * without a round trip. The api checks again and decides.
 */
import type { ModelTask } from '@/lib/generated/graphql';
import { readRaw, readText } from '@/lib/forms/form-state';
import type { CreateModelInput, ModelCardInput } from '@/lib/mutations/publishing';

/** The api's ModelTask values, with the words the form shows. */
export const MODEL_TASKS = [
  { value: 'IMAGE_CLASSIFICATION', label: 'Image classification' },
  { value: 'OBJECT_DETECTION', label: 'Object detection' },
  { value: 'OCR', label: 'OCR (text in images)' },
  { value: 'TEXT_DETECTION', label: 'Text detection' },
  { value: 'TEXT_RECOGNITION', label: 'Text recognition' },
  { value: 'TEXT_ORIENTATION', label: 'Text orientation' },
  { value: 'TEXT_CLASSIFICATION', label: 'Text classification' },
  { value: 'TEXT_EMBEDDING', label: 'Text embedding' },
  { value: 'AUDIO_CLASSIFICATION', label: 'Audio classification' },
  { value: 'WAKE_WORD', label: 'Wake word' },
  { value: 'OTHER', label: 'Other' },
] as const satisfies readonly { value: ModelTask; label: string }[];

export const VISIBILITIES = [
  { value: 'PRIVATE', label: 'Private', description: 'only your organization sees and calls it' },
  { value: 'PUBLIC', label: 'Public', description: 'listed in the catalog for everyone' },
] as const;

/** The registry's rules (packages/registry model-card.ts). */
export const MODEL_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const TAG_PATTERN = /^[a-z0-9][a-z0-9+.-]{0,31}$/;
export const MAX_TAGS = 20;
export const LIMITS = { name: 120, summary: 300, description: 100_000, license: 100 } as const;

export const MODEL_FORM_FIELDS = [
  'slug',
  'name',
  'task',
  'summary',
  'description',
  'tags',
  'license',
  'visibility',
] as const;

export type ModelFormResult<TInput> =
  | { ok: true; input: TInput; values: Record<string, string> }
  | { ok: false; fieldErrors: Record<string, string>; values: Record<string, string> };

/** `ocr, Invoices  ocr` -> `['ocr', 'invoices']`: commas or spaces, lower case, no repeats. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\s]+/)
        .map((tag) => tag.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** A slug suggestion from a display name: `My OCR Model!` -> `my-ocr-model`. */
export function slugFromName(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize('NFKD')
      // accents split off by NFKD (ü -> u + ¨) are dropped, so they do not become hyphens
      .replace(/\p{M}+/gu, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63)
      .replace(/-+$/, '')
  );
}

function readCard(formData: FormData) {
  const values: Record<string, string> = {};
  for (const field of MODEL_FORM_FIELDS) {
    // The model card keeps its whitespace (Markdown); everything else is trimmed.
    values[field] = field === 'description' ? readRaw(formData, field) : readText(formData, field);
  }
  const errors: Record<string, string> = {};
  if (!values.name) errors.name = 'Enter a name.';
  else if (values.name.length > LIMITS.name) errors.name = `At most ${LIMITS.name} characters.`;
  if (!MODEL_TASKS.some((task) => task.value === values.task)) errors.task = 'Choose a task.';
  if (values.summary!.length > LIMITS.summary) {
    errors.summary = `At most ${LIMITS.summary} characters.`;
  }
  if (values.description!.length > LIMITS.description) {
    errors.description = `At most ${LIMITS.description.toLocaleString('en-US')} characters.`;
  }
  if (values.license!.length > LIMITS.license) {
    errors.license = `At most ${LIMITS.license} characters.`;
  }
  const tags = parseTags(values.tags!);
  const badTag = tags.find((tag) => !TAG_PATTERN.test(tag));
  if (badTag) {
    errors.tags = `“${badTag}” is not a tag: use lower-case letters, digits, +, . and - (at most 32).`;
  } else if (tags.length > MAX_TAGS) {
    errors.tags = `At most ${MAX_TAGS} tags.`;
  }
  if (values.visibility !== 'PUBLIC' && values.visibility !== 'PRIVATE') {
    errors.visibility = 'Choose who can see the model.';
  }
  const card: ModelCardInput = {
    name: values.name!,
    // validated above: one of MODEL_TASKS
    task: MODEL_TASKS.find((task) => task.value === values.task)?.value ?? 'OTHER',
    summary: values.summary!,
    description: values.description!,
    // Empty: the api's default ("unknown") on create, unchanged on edit.
    license: values.license || null,
    tags,
    visibility: values.visibility === 'PUBLIC' ? 'PUBLIC' : 'PRIVATE',
  };
  return { values, errors, card };
}

export function parseCreateModelForm(formData: FormData): ModelFormResult<CreateModelInput> {
  const { values, errors, card } = readCard(formData);
  const slug = values.slug || slugFromName(values.name ?? '');
  values.slug = slug;
  if (!MODEL_SLUG_PATTERN.test(slug)) {
    errors.slug =
      'Use 1 to 63 lower-case letters, digits and hyphens, starting with a letter or digit.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors, values };
  return { ok: true, input: { ...card, slug }, values };
}

export function parseUpdateModelForm(formData: FormData): ModelFormResult<ModelCardInput> {
  const { values, errors, card } = readCard(formData);
  delete values.slug;
  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors, values };
  return { ok: true, input: card, values };
}
