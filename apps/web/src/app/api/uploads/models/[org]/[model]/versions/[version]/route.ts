import { env } from '@/env';
import { proxyModelUpload, UPLOAD_TIMEOUT_MS } from '@/lib/publishing/model-upload-proxy';

export const dynamic = 'force-dynamic';

/** A new version's .onnx file, streamed on to the api with the session; see model-upload-proxy.ts. */
export async function PUT(
  request: Request,
  { params }: { params: Promise<{ org: string; model: string; version: string }> },
): Promise<Response> {
  return proxyModelUpload(request, await params, {
    apiUrl: env.API_URL,
    timeoutMs: Math.max(UPLOAD_TIMEOUT_MS, env.API_TIMEOUT_MS),
  });
}
