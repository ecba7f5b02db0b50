'use client';

import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { CodeBlock } from '@/components/code-block';
import type { SnippetTab } from '@/lib/snippets/model-snippets';
import './snippet-tabs.css';

/**
 * Copy-ready examples in tabs (WAI-ARIA tabs pattern): arrow keys, Home and End move between
 * tabs, Tab moves into the panel. Without JavaScript the first panel shows.
 */
export function SnippetTabs({ tabs, label }: { tabs: SnippetTab[]; label: string }) {
  const [selected, setSelected] = useState(0);
  const baseId = useId();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  function select(index: number) {
    const next = (index + tabs.length) % tabs.length;
    setSelected(next);
    tabRefs.current[next]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = {
      ArrowRight: selected + 1,
      ArrowLeft: selected - 1,
      Home: 0,
      End: tabs.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  }

  return (
    <div className="snippet-tabs">
      <div role="tablist" aria-label={label} className="snippet-tabs__list" onKeyDown={onKeyDown}>
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            ref={(element) => {
              tabRefs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${tab.id}`}
            aria-controls={`${baseId}-panel-${tab.id}`}
            aria-selected={index === selected}
            tabIndex={index === selected ? 0 : -1}
            className="snippet-tabs__tab"
            onClick={() => setSelected(index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab, index) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${baseId}-panel-${tab.id}`}
          aria-labelledby={`${baseId}-tab-${tab.id}`}
          hidden={index !== selected}
          className="snippet-tabs__panel"
        >
          <p className="muted">{tab.intro}</p>
          {tab.blocks.map((block) => (
            <CodeBlock key={block.label} label={block.label} code={block.code} />
          ))}
        </div>
      ))}
    </div>
  );
}
