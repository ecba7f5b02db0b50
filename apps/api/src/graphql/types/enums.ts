import { DATATYPES } from '@modelhub/inference';
import {
  ApiKeyScope,
  ModelTask,
  ModelVersionStatus,
  PriceUnit,
  Role,
  Visibility,
} from '@modelhub/db';
import { builder } from '../builder.ts';

export const ModelTaskEnum = builder.enumType(ModelTask, {
  name: 'ModelTask',
  description: 'What a model does.',
});
export const VisibilityEnum = builder.enumType(Visibility, {
  name: 'Visibility',
  description:
    'PUBLIC models are listed for everyone; PRIVATE ones exist only for their organization.',
});
export const ModelVersionStatusEnum = builder.enumType(ModelVersionStatus, {
  name: 'ModelVersionStatus',
  description: 'DRAFT -> PUBLISHED -> DEPRECATED; YANKED versions cannot be called.',
});
export const PriceUnitEnum = builder.enumType(PriceUnit, {
  name: 'PriceUnit',
  description:
    'PER_CALL: per prediction; PER_1K_ITEMS: per 1,000 batch elements; PER_COMPUTE_SECOND: per second of runner compute.',
});
export const DatatypeEnum = builder.enumType('Datatype', {
  description: 'Tensor element types of the KServe v2 protocol.',
  values: DATATYPES,
});

export const RoleEnum = builder.enumType(Role, {
  name: 'Role',
  description:
    'A member’s role. OWNER and ADMIN manage everything; DEVELOPER builds (models, keys, predictions); BILLING pays. See the permission table in @modelhub/identity.',
});

export const ApiKeyScopeEnum = builder.enumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description:
    'What an API key may do: PREDICT runs models, READ reads private models and usage, PUBLISH publishes models, BILLING reads billing.',
});
