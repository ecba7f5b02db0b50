import { formatFreeAllowance, formatPrice } from '@/lib/format';
import type { Price } from '@/lib/model-schemas';

export function PriceList({ prices }: { prices: readonly Price[] }) {
  if (prices.length === 0) return <p className="muted">No price listed.</p>;
  return (
    <ul className="price-list">
      {prices.map((price) => {
        const allowance = formatFreeAllowance(price);
        return (
          <li key={`${price.unit}-${price.currency}-${price.amountMicros}`}>
            <strong>{formatPrice(price)}</strong>
            {allowance ? <span className="muted"> · {allowance}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
