import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/auth/require-viewer';
import { ApiErrorNotice } from '@/components/api-error-notice';
import { can, Permission } from '@/lib/permissions';
import { CreateModelForm } from './create-model-form';
import '../publishing.css';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'New model' };

export default async function NewModelPage() {
  const context = await requireViewer('/settings/models/new');
  if ('error' in context) {
    return (
      <>
        <h1>New model</h1>
        <ApiErrorNotice error={context.error} action="load your account" />
      </>
    );
  }
  const { viewer } = context;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link href="/settings/models">Models</Link>
          </li>
          <li aria-current="page">New model</li>
        </ol>
      </nav>
      <div className="page-intro">
        <h1>New model</h1>
        <p className="lead">
          The catalog entry of <strong>{viewer.organization.name}</strong> that versions are
          uploaded to. Nothing is callable until a version is published.
        </p>
      </div>
      {can(viewer, Permission.ModelsPublish) ? (
        <section className="section section--first card">
          <CreateModelForm organizationSlug={viewer.organization.slug} />
        </section>
      ) : (
        <p className="notice notice--info">Your role in this organization cannot publish models.</p>
      )}
    </>
  );
}
