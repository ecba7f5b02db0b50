import { CopyButton } from '@/components/copy-button';

interface CodeBlockProps {
  code: string;
  /** Shown above the code, e.g. `curl` or `GraphQL`; also names the block for screen readers. */
  label: string;
}

export function CodeBlock({ code, label }: CodeBlockProps) {
  return (
    <figure className="code-block">
      <figcaption className="code-block__bar">
        <span>{label}</span>
        <CopyButton text={code} label={`Copy ${label}`} />
      </figcaption>
      {/* tabIndex: the block scrolls sideways, so keyboard users must be able to focus it. */}
      <pre className="code-block__pre" tabIndex={0}>
        <code>{code}</code>
      </pre>
    </figure>
  );
}
