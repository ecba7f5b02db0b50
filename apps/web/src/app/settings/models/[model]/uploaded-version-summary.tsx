import { TensorTable } from '@/components/tensor-table';
import { formatBytes, formatInteger } from '@/lib/format';
import type { UploadedVersion } from '@/lib/publishing/publishing-schemas';

/** What the api extracted from an accepted upload: the signature and the graph's facts. */
export function UploadedVersionSummary({ version }: { version: UploadedVersion }) {
  return (
    <section
      className="notice notice--success"
      aria-labelledby="uploaded-heading"
      data-testid="upload-result"
    >
      <h3 id="uploaded-heading" className="notice__title">
        Version {version.version} uploaded as a draft
      </h3>
      <dl className="facts facts--plain">
        <dt>Size</dt>
        <dd>{formatBytes(version.sizeBytes)}</dd>
        <dt>Opset</dt>
        <dd>{version.opset ?? 'not declared'}</dd>
        <dt>Parameters</dt>
        <dd>
          {version.parameterCount === null ? 'unknown' : formatInteger(version.parameterCount)}
        </dd>
        {version.producer ? (
          <>
            <dt>Producer</dt>
            <dd>{version.producer}</dd>
          </>
        ) : null}
        <dt>SHA-256</dt>
        <dd>
          <code className="break-all">{version.sha256}</code>
        </dd>
      </dl>
      <h4>Inputs</h4>
      <TensorTable tensors={version.inputs} caption={`Inputs of version ${version.version}`} />
      <h4>Outputs</h4>
      <TensorTable tensors={version.outputs} caption={`Outputs of version ${version.version}`} />
      <p>Next: set its price below, then publish it.</p>
    </section>
  );
}
