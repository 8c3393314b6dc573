// The operations of the app's OpenAPI document (the one served at /openapi.json,
// generated from the routes' TypeBox schemas), in a shape the fuzzer and the
// generated authorization matrix walk: method, path template, path and query
// parameters, the JSON body schema.
import type { App } from '../src/app.js';

/** The subset of JSON Schema the routes' TypeBox schemas use (no $ref in the document). */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

export interface Param {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** `GET /api/tickets/{id}`: the key of snapshots and figures. */
  key: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path template, `{name}` per parameter. */
  path: string;
  pathParams: Param[];
  query: Param[];
  body?: JsonSchema;
  bodyRequired: boolean;
  /** Server-Sent Events: never ends under `inject` for a signed-in user. */
  streaming: boolean;
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
        requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
        responses?: Record<string, { content?: Record<string, unknown> }>;
      }
    >
  >;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function operationsOf(doc: unknown): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries((doc as OpenApiDoc).paths)) {
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const params = op.parameters ?? [];
      const pick = (where: string): Param[] =>
        params
          .filter((p) => p.in === where)
          .map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema }));
      const body = op.requestBody?.content['application/json']?.schema;
      const streaming = Object.values(op.responses ?? {}).some(
        (r) => r.content && 'text/event-stream' in r.content,
      );
      ops.push({
        key: `${m.toUpperCase()} ${path}`,
        method: m.toUpperCase() as Operation['method'],
        path,
        pathParams: pick('path'),
        query: pick('query'),
        ...(body ? { body } : {}),
        bodyRequired: op.requestBody?.required ?? false,
        streaming,
      });
    }
  }
  return ops.sort((a, b) => a.key.localeCompare(b.key));
}

/** The document exactly as the running app serves it. */
export async function fetchOperations(app: App): Promise<Operation[]> {
  const res = await app.inject({ method: 'GET', url: '/openapi.json' });
  if (res.statusCode !== 200) throw new Error(`/openapi.json answered ${res.statusCode}`);
  return operationsOf(res.json());
}

/**
 * encodeURIComponent that does not throw on a lone surrogate: it goes out as
 * the bytes a careless encoder writes (ED A0 80, not valid UTF-8), which a
 * server must refuse cleanly.
 */
export function encodeLoose(s: string): string {
  return s
    .split(/([\ud800-\udfff])/)
    .map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');
}

/** `/api/tickets/{id}/x` with `{ id: 'abc' }` → `/api/tickets/abc/x` (values URL-encoded). */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeLoose(values[name] ?? ''));
}
