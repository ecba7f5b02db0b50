/** Where a version's file is uploaded: the api's path, which the portal's route mirrors under /api. */
export interface UploadTarget {
  org: string;
  model: string;
  version: string;
}

export function uploadApiPath({ org, model, version }: UploadTarget): string {
  return `/uploads/models/${encodeURIComponent(org)}/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`;
}
