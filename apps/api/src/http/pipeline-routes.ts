// Plain HTTP routes of task pipelines (e.g. binary image uploads for prediction).
import type { FastifyInstance } from 'fastify';
import type { ApiServices } from '../context.ts';

export function registerPipelineRoutes(_app: FastifyInstance, _services: ApiServices): void {}
