/**
 * One place where a route is declared: its path, inputs and responses. Declaring it validates the inputs
 * (400 naming each bad field; 404 for a path parameter that names nothing) and registers it in the
 * OpenAPI document, so the document describes exactly what the code accepts.
 */
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { ApiError, zodProblems } from './errors.js';
import { errorSchema } from './schemas.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Reply {
  status: number;
  body?: unknown;
}

export interface EndpointSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Express notation: /api/integrations/:id */
  path: string;
  summary: string;
  tag: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
  /** false: served without the bearer token (mount this router before the auth middleware). */
  auth?: false;
  handler: (
    input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> },
    req: Request,
    res: Response,
  ) => Promise<Reply>;
}

export class Endpoints {
  readonly router = Router();

  constructor(private readonly registry: OpenAPIRegistry) {}

  add<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(spec: EndpointSpec<P, Q, B>): void {
    const openApiPath = spec.path.replace(/:(\w+)/g, '{$1}');
    const responses: RouteConfig['responses'] = {};
    for (const [status, r] of Object.entries(spec.responses))
      responses[status] = r.schema
        ? { description: r.description, content: { 'application/json': { schema: r.schema } } }
        : { description: r.description };
    const common = [['400', 'Invalid input: one entry per problem in error.details']] as Array<
      [string, string]
    >;
    if (spec.auth !== false) common.push(['401', 'Missing or wrong bearer token']);
    for (const [status, description] of common)
      responses[status] ??= { description, content: { 'application/json': { schema: errorSchema } } };
    this.registry.registerPath({
      method: spec.method,
      path: openApiPath,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      security: spec.auth === false ? [] : [{ bearerAuth: [] }],
      request: {
        ...(spec.params ? { params: spec.params as never } : {}),
        ...(spec.query ? { query: spec.query as never } : {}),
        ...(spec.body
          ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } }
          : {}),
      },
      responses,
    });

    this.router[spec.method](spec.path, async (req, res) => {
      const params = spec.params ? spec.params.safeParse(req.params) : { success: true as const, data: {} };
      if (!params.success)
        throw new ApiError(404, 'not_found', `No such resource: ${req.path}`, zodProblems(params.error));
      const query = spec.query ? spec.query.safeParse(req.query) : { success: true as const, data: {} };
      if (!query.success)
        throw new ApiError(400, 'invalid_request', 'Invalid query string', zodProblems(query.error));
      let body: unknown = {};
      if (spec.body) {
        // No body at all reads as {}: routes whose fields all have defaults need none.
        const parsed = spec.body.safeParse(req.body ?? {});
        if (!parsed.success)
          throw new ApiError(400, 'invalid_request', 'Invalid request body', zodProblems(parsed.error));
        body = parsed.data;
      }
      const reply = await spec.handler(
        { params: params.data as z.output<P>, query: query.data as z.output<Q>, body: body as z.output<B> },
        req,
        res,
      );
      if (reply.body === undefined) res.status(reply.status).end();
      else res.status(reply.status).json(reply.body);
    });
  }
}
