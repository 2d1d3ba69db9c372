/**
 * The OpenAPI document, generated from the same zod schemas that validate requests (api/endpoint.ts).
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'The API_TOKEN of the service',
  });
  return registry;
}

export function openApiDocument(registry: OpenAPIRegistry): unknown {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'ConnectWise → Asset Panda sync API',
      version: '1.0.0',
      description:
        'Create integrations (tested before saving), map ConnectWise entities onto Asset Panda groups, run syncs now or on schedules, and watch and steer runs. Every route but /healthz needs `Authorization: Bearer <API_TOKEN>`. Errors have one shape: `{ "error": { "code", "message", "details"? } }`.',
    },
    servers: [{ url: '/' }],
  });
}
