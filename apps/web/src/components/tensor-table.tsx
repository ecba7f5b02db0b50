import { formatShape } from '@/lib/format';
import type { TensorSpec } from '@/lib/model-schemas';

interface TensorTableProps {
  tensors: readonly TensorSpec[];
  caption: string;
}

/** A signature as a table: name, datatype and shape (`?` for dynamic dimensions). */
export function TensorTable({ tensors, caption }: TensorTableProps) {
  if (tensors.length === 0) return <p className="muted">None.</p>;
  return (
    <div className="table-wrap">
      <table className="tensor-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Datatype</th>
            <th scope="col">Shape</th>
          </tr>
        </thead>
        <tbody>
          {tensors.map((tensor) => (
            <tr key={tensor.name}>
              <th scope="row">
                <code>{tensor.name}</code>
              </th>
              <td>
                <code>{tensor.datatype}</code>
              </td>
              <td>
                <code title={`[${tensor.shape.join(', ')}]`}>{formatShape(tensor.shape)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
