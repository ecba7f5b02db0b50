'use client';

import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import Link from 'next/link';
import { formatMicros } from '@/lib/format';
import {
  ACCEPTED_IMAGE_TYPES,
  checkImageDimensions,
  checkImageFile,
} from '@/lib/playground/image-file-check';
import type { PlaygroundSample } from '@/lib/playground/playground-samples';
import { blobToBase64, imageSize, newIdempotencyKey } from '@/lib/playground/read-image';
import { runPlayground, type PlaygroundOutcome } from '@/lib/playground/run-playground';
import { ClassificationResultView } from './classification-result-view';
import { OcrLineList, OcrOverlayImage } from './ocr-result-view';
import './model-playground.css';

/** The image to run: a committed sample, or a file the person chose (checked already). */
type ImageSource =
  | { kind: 'sample'; sample: PlaygroundSample }
  | { kind: 'upload'; file: File; url: string; contentType: string };

interface ModelPlaygroundProps {
  modelRef: string;
  kind: 'ocr' | 'image';
  samples: PlaygroundSample[];
  /** The organization the run is charged to, named next to the button. */
  organizationName: string;
}

const UPLOAD = 'upload';

function sourceUrl(source: ImageSource): string {
  return source.kind === 'sample' ? source.sample.src : source.url;
}

function sourceAlt(source: ImageSource): string {
  return source.kind === 'sample' ? source.sample.alt : `Your image ${source.file.name}`;
}

/**
 * Runs the model on an image as the signed-in person, charged to their current organization,
 * and shows the answer as a person wants it: OCR lines boxed on the image and listed with their
 * confidence, classes as bars, what it cost, and the raw JSON on demand.
 */
export function ModelPlayground({
  modelRef,
  kind,
  samples,
  organizationName,
}: ModelPlaygroundProps) {
  const ids = useId();
  const [choice, setChoice] = useState<string>(samples[0]?.id ?? UPLOAD);
  const [upload, setUpload] = useState<Extract<ImageSource, { kind: 'upload' }> | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<PlaygroundOutcome | null>(null);
  // The image the shown result belongs to (the person may pick another one afterwards).
  const [resultSource, setResultSource] = useState<ImageSource | null>(null);

  // Blob URLs hold the file in memory until revoked.
  useEffect(() => {
    return () => {
      if (upload) URL.revokeObjectURL(upload.url);
    };
  }, [upload]);

  const sample = samples.find((entry) => entry.id === choice);
  const source: ImageSource | null =
    choice === UPLOAD ? upload : sample ? { kind: 'sample', sample } : null;

  async function onFileChange(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    setOutcome(null);
    setFileError(null);
    setUpload(null);
    if (!file) return;
    const check = checkImageFile(file);
    if (!check.ok) {
      setFileError(check.message);
      return;
    }
    const url = URL.createObjectURL(file);
    try {
      const size = await imageSize(url);
      const tooBig = checkImageDimensions(size.width, size.height);
      if (tooBig) {
        URL.revokeObjectURL(url);
        setFileError(tooBig);
        return;
      }
    } catch {
      URL.revokeObjectURL(url);
      setFileError(`${file.name} could not be read as an image. Is the file damaged?`);
      return;
    }
    setUpload({ kind: 'upload', file, url, contentType: check.contentType });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!source || running) return;
    setRunning(true);
    setOutcome(null);
    try {
      let blob: Blob;
      let contentType: string;
      if (source.kind === 'sample') {
        const response = await fetch(source.sample.src);
        if (!response.ok) throw new Error(`sample answered ${response.status}`);
        blob = await response.blob();
        contentType = source.sample.contentType;
      } else {
        blob = source.file;
        contentType = source.contentType;
      }
      const result = await runPlayground({
        kind,
        modelRef,
        base64: await blobToBase64(blob),
        contentType,
        idempotencyKey: newIdempotencyKey(),
      });
      setOutcome(result);
      setResultSource(source);
    } catch {
      setOutcome({
        ok: false,
        error: {
          code: 'IMAGE_UNREADABLE',
          message: 'The image could not be loaded. Choose it again.',
        },
      });
    } finally {
      setRunning(false);
    }
  }

  const fileHintId = `${ids}-file-hint`;
  const fileErrorId = `${ids}-file-error`;
  const showResult = outcome?.ok ? outcome.value : null;

  return (
    <div className="playground">
      <form className="playground__form" onSubmit={(event) => void onSubmit(event)}>
        <fieldset className="playground__choices">
          <legend>Image</legend>
          {samples.map((entry) => (
            <label key={entry.id} className="playground__choice">
              <input
                type="radio"
                name="playground-image"
                value={entry.id}
                checked={choice === entry.id}
                onChange={() => {
                  setChoice(entry.id);
                  setOutcome(null);
                }}
              />
              {/* plain img: samples and blob: URLs need no image optimisation */}
              <img src={entry.src} alt="" className="playground__thumb" />
              <span>Sample: {entry.label}</span>
            </label>
          ))}
          <label className="playground__choice">
            <input
              type="radio"
              name="playground-image"
              value={UPLOAD}
              checked={choice === UPLOAD}
              onChange={() => {
                setChoice(UPLOAD);
                setOutcome(null);
              }}
            />
            <span>Your own image</span>
          </label>
          {choice === UPLOAD ? (
            <div className={fileError ? 'field field--invalid' : 'field'}>
              <label htmlFor={`${ids}-file`} className="field__label">
                Image file
              </label>
              <input
                id={`${ids}-file`}
                type="file"
                accept={ACCEPTED_IMAGE_TYPES.join(',')}
                className="field__input"
                aria-describedby={fileError ? `${fileHintId} ${fileErrorId}` : fileHintId}
                aria-invalid={fileError ? true : undefined}
                onChange={(event) => void onFileChange(event)}
              />
              <p id={fileHintId} className="field__hint">
                PNG, JPEG or WebP, up to 10 MiB and 20 megapixels.
              </p>
              {fileError ? (
                <p id={fileErrorId} className="field__error" role="alert">
                  {fileError}
                </p>
              ) : null}
            </div>
          ) : null}
        </fieldset>

        {source && !showResult ? (
          // plain img: samples and blob: URLs need no image optimisation
          <img src={sourceUrl(source)} alt={sourceAlt(source)} className="playground__preview" />
        ) : null}

        <div className="button-row">
          <button
            type="submit"
            className="button"
            disabled={!source || running}
            aria-busy={running}
          >
            {running ? 'Running…' : 'Run model'}
          </button>
          <span className="muted playground__charge">Charged to {organizationName}</span>
        </div>
        <p role="status" className="visually-hidden">
          {running ? 'Running the model…' : outcome?.ok ? 'The result is below.' : ''}
        </p>
      </form>

      {outcome && !outcome.ok ? (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">{outcome.error.message}</p>
          {outcome.error.code === 'PAYMENT_REQUIRED' ? (
            <p>
              <Link href="/settings/billing">Go to billing</Link>
            </p>
          ) : null}
          <p className="muted">
            {outcome.error.detail ? `${outcome.error.detail} · ` : ''}
            Code: <code>{outcome.error.code}</code>
          </p>
        </div>
      ) : null}

      {showResult && resultSource ? (
        <section className="playground__result" aria-labelledby={`${ids}-result`}>
          <h3 id={`${ids}-result`}>Result</h3>
          <p className="playground__cost">
            Cost of this call:{' '}
            <strong>
              {formatMicros(showResult.result.costMicros, showResult.result.currency)}
            </strong>
            <span className="muted">
              {' '}
              · {Math.round(showResult.result.timings.totalMs)} ms · {showResult.result.model}
            </span>
          </p>
          {showResult.kind === 'ocr' ? (
            <div className="playground__ocr">
              <OcrOverlayImage
                src={sourceUrl(resultSource)}
                alt={sourceAlt(resultSource)}
                result={showResult.result}
              />
              <OcrLineList result={showResult.result} />
            </div>
          ) : (
            <div className="playground__classes">
              {/* plain img: samples and blob: URLs need no image optimisation */}
              <img
                src={sourceUrl(resultSource)}
                alt={sourceAlt(resultSource)}
                className="playground__preview playground__preview--small"
              />
              <ClassificationResultView result={showResult.result} />
            </div>
          )}
          <details className="playground__raw">
            <summary>Raw JSON answer</summary>
            <pre className="code-block__pre" tabIndex={0}>
              <code>{JSON.stringify(showResult.raw, null, 2)}</code>
            </pre>
          </details>
        </section>
      ) : null}
    </div>
  );
}
