import { ApiErrorCode, type ApiError } from '@/lib/api-error';

const TITLES: Record<ApiErrorCode, string> = {
  [ApiErrorCode.Unreachable]: 'The Modelhub API is unreachable',
  [ApiErrorCode.Timeout]: 'The Modelhub API did not answer in time',
  [ApiErrorCode.HttpError]: 'The Modelhub API answered with an error',
  [ApiErrorCode.GraphqlError]: 'The Modelhub API reported an error',
  [ApiErrorCode.BadResponse]: 'The Modelhub API sent an unexpected response',
};

interface ApiErrorNoticeProps {
  error: ApiError;
  /** What the page was doing, e.g. `load the catalog`. */
  action: string;
}

/** The error state of a page whose API call failed: says what happened instead of crashing. */
export function ApiErrorNotice({ error, action }: ApiErrorNoticeProps) {
  const hint =
    error.code === ApiErrorCode.Unreachable || error.code === ApiErrorCode.Timeout
      ? 'Check that the API is running and that API_URL points to it, then reload this page.'
      : 'Reload this page; if the problem persists, the API logs have the details.';
  return (
    <section className="notice notice--error" role="alert" aria-labelledby="api-error-title">
      <h2 id="api-error-title" className="notice__title">
        {TITLES[error.code]}
      </h2>
      <p>
        Could not {action}. {error.message}
      </p>
      <p className="muted">
        {hint} Error code: <code>{error.code}</code>
      </p>
    </section>
  );
}
