import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  /** The portal's session: `user.id` is the Modelhub user id (the token's `sub`). */
  interface Session {
    user: { id: string; email: string; name: string | null } & Omit<
      DefaultSession['user'],
      'email' | 'name'
    >;
  }
}
