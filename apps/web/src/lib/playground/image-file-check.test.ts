import { describe, expect, it } from 'vitest';
import { checkImageDimensions, checkImageFile, MAX_IMAGE_BYTES } from './image-file-check';

describe('checkImageFile', () => {
  it.each(['image/png', 'image/jpeg', 'image/webp', 'IMAGE/PNG'])('accepts %s', (type) => {
    expect(checkImageFile({ name: 'a', type, size: 10 })).toEqual({
      ok: true,
      contentType: type.toLowerCase(),
    });
  });

  it('refuses other types, naming the file and the accepted ones', () => {
    expect(checkImageFile({ name: 'scan.gif', type: 'image/gif', size: 10 })).toEqual({
      ok: false,
      message: 'scan.gif is a image/gif file. Choose a PNG, JPEG or WebP image.',
    });
    const unknown = checkImageFile({ name: 'notes', type: '', size: 10 });
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.message).toContain('not an image the browser recognises');
  });

  it('refuses empty and too large files with their size', () => {
    expect(checkImageFile({ name: 'e.png', type: 'image/png', size: 0 })).toEqual({
      ok: false,
      message: 'e.png is empty.',
    });
    expect(
      checkImageFile({ name: 'b.png', type: 'image/png', size: MAX_IMAGE_BYTES }),
    ).toMatchObject({
      ok: true,
    });
    expect(
      checkImageFile({ name: 'b.png', type: 'image/png', size: MAX_IMAGE_BYTES + 512 * 1024 }),
    ).toEqual({ ok: false, message: 'b.png is 10.5 MiB; images can be at most 10.0 MiB.' });
    expect(checkImageFile({ name: 'c.jpg', type: 'image/jpeg', size: 12.5 * 1024 * 1024 })).toEqual(
      { ok: false, message: 'c.jpg is 12.5 MiB; images can be at most 10.0 MiB.' },
    );
  });
});

describe('checkImageDimensions', () => {
  it('accepts up to 20 megapixels', () => {
    expect(checkImageDimensions(5000, 4000)).toBeNull();
    expect(checkImageDimensions(5001, 4000)).toBe(
      'The image is 5001 × 4000 pixels; images can have at most 20 megapixels.',
    );
    expect(checkImageDimensions(0, 10)).toBe('The image has no pixels.');
  });
});
