import type { ModelSignature } from '@modelhub/inference';

/** What the validation worker tells its parent over the IPC channel. */
export type WorkerMessage =
  | { type: 'rss'; rssBytes: number }
  | { type: 'loaded'; signature: ModelSignature; peakRssBytes: number }
  | { type: 'failed'; message: string };
