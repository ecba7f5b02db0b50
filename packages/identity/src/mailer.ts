// Outgoing email. With SMTP_URL set it goes out through nodemailer; without it (offline
// development) every message is logged and kept in a small in-memory dev mailbox that the
// portal shows, so sign-up, reset and invitation links work with no mail server.
import nodemailer from 'nodemailer';

export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface StoredEmail extends Email {
  createdAt: Date;
}

export interface Mailer {
  readonly mode: 'smtp' | 'dev-mailbox';
  send(email: Email): Promise<void>;
  /** dev-mailbox mode only: the messages sent to one address, newest first */
  inbox(address: string): StoredEmail[];
}

const DEV_MAILBOX_SIZE = 500;

export function createMailer(options: {
  smtpUrl?: string | undefined;
  from: string;
  log: (message: string) => void;
}): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      mode: 'smtp',
      async send(email) {
        await transport.sendMail({ from: options.from, ...email });
      },
      inbox: () => [],
    };
  }
  const messages: StoredEmail[] = [];
  return {
    mode: 'dev-mailbox',
    async send(email) {
      messages.unshift({ ...email, to: email.to.toLowerCase(), createdAt: new Date() });
      messages.length = Math.min(messages.length, DEV_MAILBOX_SIZE);
      options.log(`dev mailbox: "${email.subject}" to ${email.to}\n${email.text}`);
    },
    inbox: (address) => messages.filter((m) => m.to === address.toLowerCase()),
  };
}
