/**
 * Browser-side reading of the playground's image: its bytes as base64 for the GraphQL
 * `ImageInput`, and its pixel size for the 20-megapixel check. Client code only.
 */

/** A blob's bytes as base64, without the `data:` prefix. */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      // readAsDataURL always answers a string
      const url = reader.result as string;
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(blob);
  });
}

/** The decoded size of an image at `url`; rejects when the browser cannot decode it. */
export function imageSize(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve({ width: image.naturalWidth, height: image.naturalHeight });
    image.onerror = () => reject(new Error('not a decodable image'));
    image.src = url;
  });
}

/**
 * A key for one run. `crypto.randomUUID` exists only in secure contexts (https, localhost), so
 * a portal served over plain http elsewhere falls back to random bytes, which exist everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return `playground-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `playground-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
