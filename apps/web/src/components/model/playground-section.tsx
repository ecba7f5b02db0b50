import Link from 'next/link';
import { ModelPlayground } from '@/components/playground/model-playground';
import type { PlaygroundMode } from '@/lib/playground/playground-mode';
import { samplesFor } from '@/lib/playground/playground-samples';
import { getApiContext } from '@/lib/portal-api';
import { signInPath } from '@/lib/return-path';

/** Small square inputs (MNIST's 28 x 28) want a digit sample first; wide ones a text line. */
const DIGIT_INPUT_MAX_SIDE = 64;

/**
 * What the "Try it" section shows: the playground for a signed-in member, a sign-in link that
 * comes back here otherwise, or why this model cannot be tried in the browser.
 */
export async function PlaygroundSection({
  modelRef,
  mode,
}: {
  modelRef: string;
  mode: PlaygroundMode;
}) {
  if (mode.kind === 'unsupported') return <p className="muted">{mode.reason}</p>;

  const { viewer } = await getApiContext();
  const organization = viewer?.organization;
  if (!organization) {
    return (
      <p>
        <Link href={signInPath(`/models/${modelRef}`)} className="button button--secondary">
          Sign in to try this model
        </Link>{' '}
        <span className="muted">Runs are charged to your organization at the price below.</span>
      </p>
    );
  }
  const preferDigits =
    mode.kind === 'image' &&
    mode.width !== null &&
    mode.height !== null &&
    Math.max(mode.width, mode.height) <= DIGIT_INPUT_MAX_SIDE;
  return (
    <ModelPlayground
      modelRef={modelRef}
      kind={mode.kind}
      samples={samplesFor(mode.kind, preferDigits)}
      organizationName={organization.name}
    />
  );
}
