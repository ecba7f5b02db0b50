// The role the api connects as. It is created without BYPASSRLS by the row-level-security
// migration (NOLOGIN there, so no password lives in a migration); whoever owns the database
// gives it a login here. With the embedded PostgreSQL, which listens on loopback only, the
// password is a fixed development value, like the embedded owner's own.
import pg from 'pg';

export const APP_ROLE = 'modelhub_app';
export const DEV_APP_ROLE_PASSWORD = 'modelhub_app';

/** The same server and database as `ownerUrl`, signed in as the app role. */
export function appRoleUrl(ownerUrl: string, password = DEV_APP_ROLE_PASSWORD): string {
  const u = new URL(ownerUrl);
  u.username = APP_ROLE;
  u.password = password;
  return u.toString();
}

/** Lets the app role log in with `password`. Does nothing while the role does not exist yet (a
 * database not migrated: `migrate dev` creates it with the migrations). */
export async function enableAppRoleLogin(
  ownerUrl: string,
  password = DEV_APP_ROLE_PASSWORD,
): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    if (role.rowCount === 0) return;
    const escaped = client.escapeLiteral(password);
    await client.query(`ALTER ROLE ${APP_ROLE} LOGIN PASSWORD ${escaped}`);
  } finally {
    await client.end();
  }
}
