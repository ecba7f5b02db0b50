/**
 * Shown while a page's data loads from the api (every page renders per request), so a click
 * answers at once. Nested routes inherit it.
 */
export default function Loading() {
  return (
    <p className="muted" role="status" aria-live="polite">
      Loading…
    </p>
  );
}
