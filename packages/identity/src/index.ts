export {
  hashPassword,
  passwordProblem,
  verifyPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  UNUSED_PASSWORD_HASH,
} from './password.ts';
export {
  mayAssignRole,
  permissionsOfRole,
  permissionsOfScopes,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  SCOPE_PERMISSIONS,
  type Permission,
} from './permissions.ts';
export { createOneTimeToken, hashOneTimeToken, type OneTimeToken } from './one-time-token.ts';
export { createMailer, type Email, type Mailer, type StoredEmail } from './mailer.ts';
