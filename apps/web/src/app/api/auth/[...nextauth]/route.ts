import NextAuth from 'next-auth/next';
import type { NextRequest } from 'next/server';
import { AuthConfigError, getAuthOptions } from '@/auth/auth-options';

export const dynamic = 'force-dynamic';

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

/**
 * next-auth's endpoints (session, csrf, providers, OAuth callbacks, the Credentials callback).
 * The options are built per request, not at import, so `next build` needs no AUTH_SECRET.
 */
async function handler(request: NextRequest, context: RouteContext): Promise<Response> {
  let options;
  try {
    options = getAuthOptions();
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    return Response.json({ error: error.code, message: error.message }, { status: 503 });
  }
  return (await NextAuth(request, context, options)) as Response;
}

export { handler as GET, handler as POST };
