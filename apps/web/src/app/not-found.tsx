import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="page-intro">
      <h1>Not found</h1>
      <p className="lead">
        There is no public model or page at this address. It may be private, or it may have been
        renamed.
      </p>
      <p>
        <Link href="/models">Browse the model catalog</Link>
      </p>
    </div>
  );
}
