/** The form-level message: an error (announced at once) or a confirmation. */
export function FormAlert({
  message,
  tone = 'error',
}: {
  message: string | undefined;
  tone?: 'error' | 'success';
}) {
  if (!message) return null;
  return (
    <div
      className={
        tone === 'error' ? 'form-alert form-alert--error' : 'form-alert form-alert--success'
      }
      role={tone === 'error' ? 'alert' : 'status'}
    >
      {message}
    </div>
  );
}
