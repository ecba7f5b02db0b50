import type { ComponentPropsWithoutRef } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import { cardLinkRel } from '@/lib/markdown-links';
import './model-card-markdown.css';

/**
 * The card sits under the page's h1 and the section's h2, so its own headings move down two
 * levels (a card's `# Title` becomes an h3), keeping the page outline in order.
 */
function shifted(level: 3 | 4 | 5 | 6) {
  const Tag = `h${level}` as const;
  return function CardHeading(props: ComponentPropsWithoutRef<'h3'>) {
    const { node: _node, ...rest } = props as ComponentPropsWithoutRef<'h3'> & { node?: unknown };
    return <Tag {...rest} />;
  };
}

const COMPONENTS: Components = {
  h1: shifted(3),
  h2: shifted(4),
  h3: shifted(5),
  h4: shifted(6),
  h5: shifted(6),
  h6: shifted(6),
  a({ node: _node, href, children, ...rest }) {
    return (
      <a href={href} rel={cardLinkRel(href)} {...rest}>
        {children}
      </a>
    );
  },
  // Wide tables and code scroll inside the card instead of widening the page on a phone.
  table({ node: _node, ...rest }) {
    return (
      <div className="table-wrap" tabIndex={0}>
        <table {...rest} />
      </div>
    );
  },
  pre({ node: _node, ...rest }) {
    return <pre tabIndex={0} {...rest} />;
  },
};

/**
 * A model card: Markdown written by the publisher, with GitHub's extensions (tables, task lists,
 * autolinks). Raw HTML is not rendered (react-markdown drops it) and the result is sanitized
 * with GitHub's schema on top, so a card can carry no script, style or event handler.
 */
export function ModelCardMarkdown({ markdown }: { markdown: string }) {
  if (markdown.trim() === '') {
    return <p className="muted">The publisher has not written a model card yet.</p>;
  }
  return (
    <div className="markdown-body">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeSanitize]}
        components={COMPONENTS}
        skipHtml
      >
        {markdown}
      </ReactMarkdown>
    </div>
  );
}
