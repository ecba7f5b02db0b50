'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { TextField } from '@/components/forms/text-field';
import { uploadApiPath } from '@/lib/publishing/upload-path';
import { networkFailure, uploadOutcome, type UploadOutcome } from '@/lib/publishing/upload-outcome';
import { UploadedVersionSummary } from './uploaded-version-summary';

type UploadState =
  | { phase: 'idle' }
  | { phase: 'sending'; loaded: number; total: number }
  | { phase: 'validating'; total: number }
  | { phase: 'done'; outcome: UploadOutcome };

const percent = (loaded: number, total: number) =>
  total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;

/**
 * Uploads a new version's .onnx file to the portal's upload route, which streams it to the api.
 * XMLHttpRequest rather than fetch: only it reports upload progress. Once every byte is sent the
 * api still validates the model (the bar stays at 100% with "Checking the model…").
 */
export function VersionUploadForm({
  organization,
  model,
  suggestedVersion,
}: {
  organization: string;
  model: string;
  suggestedVersion: string;
}) {
  const router = useRouter();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const request = useRef<XMLHttpRequest | null>(null);
  const busy = state.phase === 'sending' || state.phase === 'validating';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const versionField = form.get('version');
    const version = typeof versionField === 'string' ? versionField.trim() : '';
    const file = form.get('file');
    const errors: Record<string, string> = {};
    if (!version) errors.version = 'Enter a version such as 1.0.0.';
    if (!(file instanceof File) || file.size === 0) errors.file = 'Choose an .onnx file.';
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0 || !(file instanceof File)) return;

    const xhr = new XMLHttpRequest();
    request.current = xhr;
    xhr.open('PUT', `/api${uploadApiPath({ org: organization, model, version })}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (progress) => {
      const total = progress.lengthComputable ? progress.total : file.size;
      setState(
        progress.loaded >= total
          ? { phase: 'validating', total }
          : { phase: 'sending', loaded: progress.loaded, total },
      );
    };
    xhr.upload.onload = () => setState({ phase: 'validating', total: file.size });
    xhr.onload = () => {
      request.current = null;
      const outcome = uploadOutcome(xhr.status, xhr.responseText);
      setState({ phase: 'done', outcome });
      // the new draft appears in the versions list, with its price and publish forms
      if (outcome.ok) router.refresh();
    };
    xhr.onerror = () => {
      request.current = null;
      setState({ phase: 'done', outcome: networkFailure() });
    };
    xhr.onabort = () => {
      request.current = null;
      setState({ phase: 'idle' });
    };
    setState({ phase: 'sending', loaded: 0, total: file.size });
    xhr.send(file);
  }

  const progressValue =
    state.phase === 'sending'
      ? percent(state.loaded, state.total)
      : state.phase === 'validating' || (state.phase === 'done' && state.outcome.ok)
        ? 100
        : 0;

  return (
    <>
      <form className="form" onSubmit={submit} aria-labelledby="upload-heading" noValidate>
        <h2 id="upload-heading">Upload a version</h2>
        <p className="muted">
          The .onnx file becomes a draft: Modelhub checks that it loads and reads its inputs,
          outputs, opset and size. Drafts are not callable until you publish them.
        </p>
        <div className="field-row">
          <TextField
            name="version"
            label="Version"
            required
            defaultValue={suggestedVersion}
            hint="A semantic version, e.g. 1.0.0."
            error={fieldErrors.version}
            disabled={busy}
          />
          <TextField
            name="file"
            label="ONNX file"
            type="file"
            accept=".onnx,application/octet-stream"
            required
            error={fieldErrors.file}
            disabled={busy}
          />
        </div>
        <div className="upload-progress" hidden={state.phase === 'idle'}>
          <label htmlFor="upload-progress-bar" className="field__label">
            Upload progress
          </label>
          <progress
            id="upload-progress-bar"
            className="upload-progress__bar"
            max={100}
            value={progressValue}
            aria-valuetext={`${progressValue}%`}
          />
          <p className="upload-progress__text" role="status" aria-live="polite">
            {state.phase === 'sending'
              ? `${progressValue}% sent`
              : state.phase === 'validating'
                ? '100% sent. Checking the model…'
                : state.phase === 'done'
                  ? state.outcome.ok
                    ? '100% sent. The draft is ready.'
                    : 'The upload was refused.'
                  : ''}
          </p>
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
            {busy ? 'Uploading…' : 'Upload'}
          </button>
          {state.phase === 'sending' ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => request.current?.abort()}
            >
              Cancel upload
            </button>
          ) : null}
        </div>
      </form>
      {state.phase === 'done' && !state.outcome.ok ? (
        <div className="upload-error" data-testid="upload-error">
          <FormAlert message={state.outcome.title} />
          {state.outcome.detail ? <p className="muted">{state.outcome.detail}</p> : null}
          <p className="muted">
            Error code: <code>{state.outcome.code}</code>
          </p>
        </div>
      ) : null}
      {state.phase === 'done' && state.outcome.ok ? (
        <UploadedVersionSummary version={state.outcome.version} />
      ) : null}
    </>
  );
}
