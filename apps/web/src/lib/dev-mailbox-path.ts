/** `/dev/mailbox?email=…`: where the dev mailbox shows the messages sent to `email`. */
export function devMailboxPath(email: string): string {
  return `/dev/mailbox?${new URLSearchParams({ email }).toString()}`;
}
