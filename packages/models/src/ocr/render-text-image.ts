// Text rendered to an image with the installed fonts (Pango, through sharp): the reference
// images of the OCR tests, whose expected text is known exactly. Exported so that the platform's
// end-to-end tests read the same kind of images through the api.
import sharp from 'sharp';

export interface TextImageOptions {
  /** lines separated by \n */
  text: string;
  /** a Pango font description, default 'DejaVu Sans' */
  font?: string;
  /** default 200 */
  dpi?: number;
  color?: string;
  background?: string;
  /** degrees clockwise, the whole image turned on a white background */
  rotate?: number;
  /** a scan-like image: blurred, then saved as a low-quality JPEG */
  degraded?: boolean;
}

/** The margin around the text, in pixels. */
export const TEXT_IMAGE_PADDING = 24;

/** PNG bytes (JPEG when degraded) of the text on its background with a margin all round. */
export async function renderTextImage({
  text,
  font = 'DejaVu Sans',
  dpi = 200,
  color = 'black',
  background = '#ffffff',
  rotate = 0,
  degraded = false,
}: TextImageOptions): Promise<Buffer> {
  const markup = `<span foreground="${color}">${text.replaceAll('&', '&amp;').replaceAll('<', '&lt;')}</span>`;
  const glyphs = await sharp({ text: { text: markup, font, dpi, rgba: true } })
    .flatten({ background })
    .png()
    .toBuffer();
  const pad = TEXT_IMAGE_PADDING;
  const page = await sharp(glyphs)
    .extend({ top: pad, bottom: pad, left: pad, right: pad, background })
    .rotate(rotate, { background: '#ffffff' })
    .toBuffer();
  return degraded
    ? sharp(page).blur(1.2).jpeg({ quality: 30 }).toBuffer()
    : sharp(page).png().toBuffer();
}
