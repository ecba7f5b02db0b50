import { ApiErrorNotice } from '@/components/api-error-notice';
import type { ApiError } from '@/lib/api-error';

/** A FORBIDDEN answer in words; any other failure as the usual error notice. */
export function AdminRefusal({ error, action }: { error: ApiError; action: string }) {
  if (error.hasGraphqlCode('FORBIDDEN')) {
    return (
      <p className="notice notice--info" role="note">
        Only platform administrators can see this page.
      </p>
    );
  }
  return <ApiErrorNotice error={error} action={action} />;
}
