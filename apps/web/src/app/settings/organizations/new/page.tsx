import type { Metadata } from 'next';
import { requireSession } from '@/auth/session';
import { CreateOrganizationForm } from './create-organization-form';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Create an organization' };

export default async function NewOrganizationPage() {
  await requireSession('/settings/organizations/new');
  return (
    <>
      <div className="page-intro">
        <h1>Create an organization</h1>
        <p className="lead">
          A team organization has its own members, API keys, models and balance. You become its
          owner, and it becomes your current organization.
        </p>
      </div>
      <CreateOrganizationForm />
    </>
  );
}
