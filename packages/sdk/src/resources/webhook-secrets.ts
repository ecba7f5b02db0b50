// The organization's webhook signing secret (`whsec_…`), which `verifyWebhook` checks deliveries
// with. Reading and rotating it needs keys.manage: a member's `sessionToken`, not an API key.
import {
  RotateWebhookSigningSecretDocument,
  WebhookSigningSecretDocument,
} from '../generated/graphql.ts';
import type { GraphQLTransport } from '../graphql-transport.ts';

export class WebhookSecretsResource {
  constructor(private readonly transport: GraphQLTransport) {}

  /** The current secret (made on first read). */
  async get(): Promise<string> {
    const data = await this.transport.execute(
      WebhookSigningSecretDocument,
      {},
      { idempotent: true },
    );
    return data.webhookSigningSecret;
  }

  /** A new secret; deliveries from now on are signed with it. */
  async rotate(): Promise<string> {
    const data = await this.transport.execute(
      RotateWebhookSigningSecretDocument,
      {},
      { idempotent: false },
    );
    return data.rotateWebhookSigningSecret;
  }
}
