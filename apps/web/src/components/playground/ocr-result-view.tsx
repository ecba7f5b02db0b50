import type { TextRecognition } from '@/lib/playground/playground-operations';

/** `0.9731` -> `97%`. */
function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/**
 * The image with the recognised lines drawn over it. The SVG uses the image's own pixel
 * coordinates (viewBox = the size the api read) and is stretched over the picture, so the boxes
 * stay on the text at any width, a phone's included.
 */
export function OcrOverlayImage({
  src,
  alt,
  result,
}: {
  src: string;
  alt: string;
  result: TextRecognition;
}) {
  return (
    <div className="ocr-overlay">
      {/* A plain img: the source is an uploaded blob: URL or a sample, not for next/image. */}
      <img src={src} alt={alt} className="ocr-overlay__image" />
      <svg
        className="ocr-overlay__boxes"
        viewBox={`0 0 ${result.width} ${result.height}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${result.lines.length} text ${result.lines.length === 1 ? 'line' : 'lines'} marked on the image`}
      >
        {result.lines.map((line, index) => (
          <polygon
            key={index}
            className="ocr-overlay__box"
            points={line.polygon.map((point) => `${point.x},${point.y}`).join(' ')}
            vectorEffect="non-scaling-stroke"
          >
            <title>{`${index + 1}: ${line.text}`}</title>
          </polygon>
        ))}
      </svg>
    </div>
  );
}

/** The recognised lines as text, top to bottom, with how sure the model was of each. */
export function OcrLineList({ result }: { result: TextRecognition }) {
  if (result.lines.length === 0) {
    return <p className="muted">No text was found in this image.</p>;
  }
  return (
    <ol className="ocr-lines" aria-label="Recognised text">
      {result.lines.map((line, index) => (
        <li key={index} className="ocr-lines__line">
          <span className="ocr-lines__text">{line.text}</span>{' '}
          <span className="ocr-lines__confidence muted">
            <span className="visually-hidden">confidence </span>
            {percent(line.confidence)}
          </span>
        </li>
      ))}
    </ol>
  );
}
