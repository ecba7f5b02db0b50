import { env } from '@/env';
import { proxyUsageCsv } from '@/lib/billing/usage-csv-proxy';

export const dynamic = 'force-dynamic';

/** The usage report as CSV, fetched from the api with the session; see usage-csv-proxy.ts. */
export async function GET(request: Request): Promise<Response> {
  return proxyUsageCsv(request, { apiUrl: env.API_URL, timeoutMs: env.API_TIMEOUT_MS });
}
