// The catalog as a caller may see it: public models plus their own organization's.
import type { Db, ModelTask, Prisma } from '@modelhub/db';

export interface ListModelsInput {
  viewerOrganizationId: string | null;
  query?: string | null;
  task?: ModelTask | null;
  offset: number;
  limit: number;
}

export function visibleModelsWhere(viewerOrganizationId: string | null): Prisma.ModelWhereInput {
  return {
    OR: [
      { visibility: 'PUBLIC' },
      ...(viewerOrganizationId ? [{ organizationId: viewerOrganizationId }] : []),
    ],
    versions: { some: { status: 'PUBLISHED' } },
  };
}

function filters(input: ListModelsInput): Prisma.ModelWhereInput {
  const and: Prisma.ModelWhereInput[] = [visibleModelsWhere(input.viewerOrganizationId)];
  if (input.task) and.push({ task: input.task });
  const q = input.query?.trim();
  if (q) {
    and.push({
      OR: [
        { name: { contains: q, mode: 'insensitive' } },
        { slug: { contains: q, mode: 'insensitive' } },
        { summary: { contains: q, mode: 'insensitive' } },
        { tags: { has: q.toLowerCase() } },
      ],
    });
  }
  return { AND: and };
}

export async function listModels(db: Db, input: ListModelsInput) {
  const where = filters(input);
  const [models, totalCount] = await Promise.all([
    db.model.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      skip: input.offset,
      take: input.limit,
    }),
    db.model.count({ where }),
  ]);
  return { models, totalCount };
}
