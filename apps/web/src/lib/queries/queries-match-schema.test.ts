// The portal's queries against the api's committed schema (apps/api/schema.graphql, itself
// checked against the running schema by the api's tests): a renamed field fails here, not in a
// browser.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as account from '@/lib/mutations/account';
import * as apiKeyMutations from '@/lib/mutations/api-keys';
import * as billingMutations from '@/lib/mutations/billing';
import * as organizations from '@/lib/mutations/organizations';
import * as publishingMutations from '@/lib/mutations/publishing';
import * as webhookMutations from '@/lib/mutations/webhooks';
import { API_KEYS_QUERY } from './get-api-keys';
import { AUDIT_LOG_QUERY } from './get-audit-log';
import { BILLING_QUERY } from './get-billing';
import { CATALOG_QUERY } from './get-catalog';
import { DEV_MAILBOX_QUERY, MAIL_MODE_QUERY } from './get-dev-mailbox';
import { INVITATIONS_QUERY, MEMBERS_QUERY } from './get-members';
import { MODEL_QUERY } from './get-model';
import {
  IS_PLATFORM_ADMIN_QUERY,
  PLATFORM_RUNNERS_QUERY,
  PLATFORM_TENANTS_QUERY,
} from './get-platform-admin';
import { PUBLISHER_MODEL_QUERY, PUBLISHER_MODELS_QUERY } from './get-publisher-models';
import { USAGE_DASHBOARD_QUERY } from './get-usage-dashboard';
import { VIEWER_QUERY } from './get-viewer';
import { ASYNC_PREDICTIONS_QUERY, WEBHOOK_SECRET_QUERY } from './get-webhooks';
import {
  PREDICT_IMAGE_MUTATION,
  RECOGNIZE_TEXT_MUTATION,
} from '@/lib/playground/playground-operations';

const schema = buildSchema(
  readFileSync(
    path.join(import.meta.dirname, '..', '..', '..', '..', 'api', 'schema.graphql'),
    'utf8',
  ),
);

/** Every exported `…_MUTATION` document of a module. */
function mutationsOf(module: Record<string, unknown>): [string, string][] {
  return Object.entries(module).filter(
    (entry): entry is [string, string] =>
      entry[0].endsWith('_MUTATION') && typeof entry[1] === 'string',
  );
}

const MUTATIONS = [
  ...mutationsOf(account),
  ...mutationsOf(organizations),
  ...mutationsOf(apiKeyMutations),
  ...mutationsOf(billingMutations),
  ...mutationsOf(publishingMutations),
  ...mutationsOf(webhookMutations),
];

describe('portal queries', () => {
  it.each([
    ['Catalog', CATALOG_QUERY],
    ['Model', MODEL_QUERY],
    ['Viewer', VIEWER_QUERY],
    ['MailMode', MAIL_MODE_QUERY],
    ['DevMailbox', DEV_MAILBOX_QUERY],
    ['ApiKeys', API_KEYS_QUERY],
    ['Members', MEMBERS_QUERY],
    ['Invitations', INVITATIONS_QUERY],
    ['AuditLog', AUDIT_LOG_QUERY],
    ['Billing', BILLING_QUERY],
    ['PublisherModels', PUBLISHER_MODELS_QUERY],
    ['PublisherModel', PUBLISHER_MODEL_QUERY],
    ['IsPlatformAdmin', IS_PLATFORM_ADMIN_QUERY],
    ['PlatformRunners', PLATFORM_RUNNERS_QUERY],
    ['PlatformTenants', PLATFORM_TENANTS_QUERY],
    ['UsageDashboard', USAGE_DASHBOARD_QUERY],
    ['WebhookSigningSecret', WEBHOOK_SECRET_QUERY],
    ['AsyncPredictions', ASYNC_PREDICTIONS_QUERY],
    ['PlaygroundRecognizeText', RECOGNIZE_TEXT_MUTATION],
    ['PlaygroundPredictImage', PREDICT_IMAGE_MUTATION],
    ...MUTATIONS,
  ])('%s is valid against the api schema', (_name, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
  });

  it('covers every mutation of the contract the portal calls', () => {
    expect(MUTATIONS.map(([name]) => name).sort()).toEqual([
      'ACCEPT_INVITATION_MUTATION',
      'CREATE_API_KEY_MUTATION',
      'CREATE_MODEL_MUTATION',
      'CREATE_ORGANIZATION_MUTATION',
      'CREATE_TOP_UP_CHECKOUT_MUTATION',
      'INVITE_MEMBER_MUTATION',
      'LEAVE_ORGANIZATION_MUTATION',
      'PUBLISH_MODEL_VERSION_MUTATION',
      'REMOVE_MEMBER_MUTATION',
      'REQUEST_PASSWORD_RESET_MUTATION',
      'RESET_PASSWORD_MUTATION',
      'REVOKE_API_KEY_MUTATION',
      'ROTATE_WEBHOOK_SECRET_MUTATION',
      'SET_DRAFT_PRICE_MUTATION',
      'SET_MONTHLY_SPEND_LIMIT_MUTATION',
      'SIGN_IN_WITH_OAUTH_MUTATION',
      'SIGN_IN_WITH_PASSWORD_MUTATION',
      'SIGN_UP_MUTATION',
      'UPDATE_MEMBER_ROLE_MUTATION',
      'UPDATE_MODEL_MUTATION',
      'VERIFY_EMAIL_MUTATION',
    ]);
  });
});
