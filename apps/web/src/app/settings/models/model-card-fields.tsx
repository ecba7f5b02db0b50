import { SelectField } from '@/components/forms/select-field';
import { TextField } from '@/components/forms/text-field';
import { TextareaField } from '@/components/forms/textarea-field';
import type { FormState } from '@/lib/forms/form-state';
import { LIMITS, MODEL_TASKS, VISIBILITIES } from '@/lib/publishing/model-form';

/** The fields of a model's card, shared by the create and edit forms. */
export function ModelCardFields({
  state,
  initial,
}: {
  state: Pick<FormState<unknown>, 'fieldErrors' | 'values'>;
  /** what the fields hold before the first submit */
  initial: Record<string, string>;
}) {
  const value = (name: string) => state.values[name] ?? initial[name] ?? '';
  return (
    <>
      <TextField
        name="name"
        label="Name"
        required
        maxLength={LIMITS.name}
        hint="Shown in the catalog, e.g. “Invoice orientation checker”."
        defaultValue={value('name')}
        error={state.fieldErrors.name}
      />
      <SelectField
        name="task"
        label="Task"
        options={MODEL_TASKS}
        defaultValue={value('task') || 'OTHER'}
        error={state.fieldErrors.task}
      />
      <TextField
        name="summary"
        label="Summary"
        maxLength={LIMITS.summary}
        hint="One line for the catalog card."
        defaultValue={value('summary')}
        error={state.fieldErrors.summary}
      />
      <TextareaField
        name="description"
        label="Model card (Markdown)"
        rows={8}
        maxLength={LIMITS.description}
        hint="What the model does, its inputs and outputs, how it was trained, its limits."
        defaultValue={value('description')}
        error={state.fieldErrors.description}
      />
      <div className="field-row">
        <TextField
          name="tags"
          label="Tags"
          hint="Separated by commas or spaces, e.g. ocr, invoices."
          defaultValue={value('tags')}
          error={state.fieldErrors.tags}
        />
        <TextField
          name="license"
          label="License"
          maxLength={LIMITS.license}
          hint="An SPDX identifier such as Apache-2.0."
          defaultValue={value('license')}
          error={state.fieldErrors.license}
        />
      </div>
      <fieldset
        className={state.fieldErrors.visibility ? 'field field--invalid' : 'field'}
        aria-describedby={state.fieldErrors.visibility ? 'field-visibility-error' : undefined}
      >
        <legend className="field__label">Visibility</legend>
        <ul className="checkbox-list">
          {VISIBILITIES.map((visibility) => (
            <li key={visibility.value}>
              <label className="checkbox">
                <input
                  type="radio"
                  name="visibility"
                  value={visibility.value}
                  defaultChecked={(value('visibility') || 'PRIVATE') === visibility.value}
                />
                <span>
                  <strong>{visibility.label}</strong>{' '}
                  <span className="muted">— {visibility.description}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
        {state.fieldErrors.visibility ? (
          <p id="field-visibility-error" className="field__error">
            {state.fieldErrors.visibility}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}
