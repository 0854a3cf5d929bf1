// Checks requests against GitHub's published REST description (npm @octokit/openapi), so the
// local GitHub stand-in rejects anything api.github.com would not accept: unknown method+path,
// bad path or query parameters, request bodies that do not match the operation's schema.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";

interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: Record<string, unknown>;
}

interface OperationObject {
  operationId: string;
  parameters?: Array<ParameterObject | { $ref: string }>;
  requestBody?: {
    required?: boolean;
    content: Record<string, { schema?: Record<string, unknown> }>;
  };
}

interface Spec {
  paths: Record<string, Record<string, OperationObject>>;
  components: Record<string, Record<string, unknown>>;
}

interface CompiledOperation {
  method: string;
  template: string;
  operationId: string;
  pattern: RegExp;
  pathNames: string[];
  parameters: ParameterObject[];
  validateParams: ValidateFunction;
  requestBody: OperationObject["requestBody"];
  bodyValidator?: ValidateFunction;
}

export interface MatchedOperation {
  operationId: string;
  template: string;
  pathParams: Record<string, string>;
}

export type CheckResult =
  | { ok: true; operation: MatchedOperation; body: unknown }
  | { ok: false; message: string };

export interface RequestToCheck {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const METHODS = new Set(["get", "post", "put", "patch", "delete", "head"]);
const SCHEMA_REF = /"#\/components\/schemas\/([^"/]+)"/g;

/** Loads the api.github.com description once per process (13 MB of JSON). */
export function loadGitHubOpenApi(): OpenApiChecker {
  const require = createRequire(import.meta.url);
  const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
  return new OpenApiChecker(JSON.parse(readFileSync(file, "utf8")) as Spec);
}

// A class because it owns compiled validators, built lazily per operation as requests arrive.
export class OpenApiChecker {
  private readonly operations: Array<
    Omit<CompiledOperation, "validateParams"> & { validateParams?: ValidateFunction }
  > = [];
  private readonly bodyAjv: Ajv;
  private readonly paramAjv: Ajv;

  constructor(private readonly spec: Spec) {
    // OpenAPI 3.0 schemas use `nullable`, `example` and x- extensions: not strict JSON Schema.
    const options = { strict: false, validateFormats: false, allErrors: true } as const;
    this.bodyAjv = new Ajv(options);
    this.paramAjv = new Ajv({ ...options, coerceTypes: true });
    for (const [template, item] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!METHODS.has(method)) continue;
        const pathNames: string[] = [];
        const source = template
          .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
          .replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
            pathNames.push(name);
            return "([^/]+)";
          });
        const parameters = (op.parameters ?? []).map((p) => this.resolveParameter(p));
        this.operations.push({
          method: method.toUpperCase(),
          template,
          operationId: op.operationId,
          pattern: new RegExp(`^${source}$`),
          pathNames,
          parameters,
          requestBody: op.requestBody,
        });
      }
    }
    // Literal segments beat parameters: /issues/comments/{id} must win over /issues/{number}/...
    this.operations.sort((a, b) => literalLength(b.template) - literalLength(a.template));
  }

  check(request: RequestToCheck): CheckResult {
    const path = request.path.replace(/\/+$/, "") || "/";
    const candidates = this.operations.filter((op) => op.pattern.test(path));
    if (candidates.length === 0) return { ok: false, message: `no operation has the path ${path}` };
    const op = candidates.find((c) => c.method === request.method);
    if (!op) {
      const allowed = [...new Set(candidates.map((c) => c.method))].join(", ");
      return { ok: false, message: `${request.method} ${path}: the path takes only ${allowed}` };
    }
    const match = op.pattern.exec(path) as RegExpExecArray;
    const pathParams: Record<string, string> = {};
    op.pathNames.forEach((name, i) => {
      pathParams[name] = decodeURIComponent(match[i + 1] ?? "");
    });
    const where = `${request.method} ${op.template} (${op.operationId})`;

    const problems: string[] = [];
    const query: Record<string, string> = {};
    for (const [key, value] of request.query) query[key] = value;
    const known = new Set(op.parameters.filter((p) => p.in === "query").map((p) => p.name));
    for (const key of Object.keys(query)) {
      if (!known.has(key)) problems.push(`unknown query parameter ${key}`);
    }
    op.validateParams ??= this.compileParams(op.parameters);
    const params = { path: { ...pathParams }, query: { ...query } };
    if (!op.validateParams(params)) problems.push(...describe(op.validateParams));

    if (!request.headers["user-agent"]) problems.push("no User-Agent header (GitHub rejects such requests)");
    if (!request.headers.accept) problems.push("no Accept header");
    if (request.body.length > 0 && !request.headers["content-type"])
      problems.push("a body without a Content-Type");

    let body: unknown;
    const contentType =
      String(request.headers["content-type"] ?? "")
        .split(";")[0]
        ?.trim() ?? "";
    if (op.requestBody) {
      const media =
        op.requestBody.content[contentType] ??
        (contentType === "" ? undefined : op.requestBody.content["*/*"]);
      if (request.body.length === 0 && !op.requestBody.required) {
        body = undefined;
      } else if (!media) {
        const accepted = Object.keys(op.requestBody.content).join(", ");
        problems.push(`content-type ${contentType || "(none)"} is not one of ${accepted}`);
      } else if (contentType === "application/json") {
        try {
          body = JSON.parse(request.body.toString("utf8"));
        } catch {
          problems.push("the body is not valid JSON");
        }
        if (body !== undefined && media.schema) {
          const validator = this.bodyValidator(op, media.schema);
          if (!validator(body)) problems.push(...describe(validator, "body"));
        }
      } else {
        body = request.body;
      }
    } else if (request.body.length > 0) {
      problems.push("the operation takes no request body");
    }
    if (problems.length > 0) return { ok: false, message: `${where}: ${problems.join("; ")}` };
    return { ok: true, operation: { operationId: op.operationId, template: op.template, pathParams }, body };
  }

  private resolveParameter(p: ParameterObject | { $ref: string }): ParameterObject {
    if ("$ref" in p) {
      const name = p.$ref.replace("#/components/parameters/", "");
      return this.spec.components.parameters?.[name] as ParameterObject;
    }
    return p;
  }

  private compileParams(parameters: ParameterObject[]): ValidateFunction {
    const group = (where: "path" | "query") => {
      const own = parameters.filter((p) => p.in === where);
      return {
        type: "object",
        properties: Object.fromEntries(
          own.map((p) => [p.name, toJsonSchema(resolveSchemaRefs(p.schema ?? {}, this.spec))]),
        ),
        required: own.filter((p) => p.required || where === "path").map((p) => p.name),
      };
    };
    return this.paramAjv.compile({
      type: "object",
      properties: { path: group("path"), query: group("query") },
    });
  }

  private bodyValidator(
    op: { bodyValidator?: ValidateFunction },
    schema: Record<string, unknown>,
  ): ValidateFunction {
    op.bodyValidator ??= this.bodyAjv.compile(this.withComponents(schema));
    return op.bodyValidator;
  }

  /**
   * `schema` with the component schemas it refers to, directly or through others, at the place its
   * `#/components/schemas/…` references point to. Only those: the description has ~1,000 of them
   * (2.7 MB), which Ajv would walk whole for every process that starts the stand-in, though a test
   * file sends bodies to a handful of operations.
   */
  private withComponents(schema: Record<string, unknown>): Record<string, unknown> {
    const all = this.spec.components.schemas ?? {};
    const used: Record<string, unknown> = {};
    const pending = [schema];
    for (let next = pending.pop(); next; next = pending.pop()) {
      for (const [, name] of JSON.stringify(next).matchAll(SCHEMA_REF)) {
        if (name === undefined || name in used || !(name in all)) continue;
        used[name] = all[name];
        pending.push(all[name] as Record<string, unknown>);
      }
    }
    // Wrapped in allOf: keywords beside a root `$ref` would be ignored, and `components` is no
    // keyword at all, only where the references lead.
    return toJsonSchema({ allOf: [schema], components: { schemas: used } });
  }
}

/**
 * OpenAPI 3.0's `nullable: true` is not JSON Schema (and Ajv refuses it beside `$ref`/`anyOf`):
 * turn it into an explicit alternative with `null`, everywhere, on a copy.
 */
// biome-ignore lint/suspicious/noExplicitAny: JSON Schema documents are untyped JSON.
function toJsonSchema(node: unknown): any {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node))
    out[key] = key === "example" || key === "examples" ? undefined : toJsonSchema(value);
  if (out.nullable !== true) {
    delete out.nullable;
    return out;
  }
  delete out.nullable;
  return { anyOf: [out, { type: "null" }] };
}

/** Parameter schemas are small; inline their refs so the coercing validator needs no registry. */
function resolveSchemaRefs(schema: Record<string, unknown>, spec: Spec): Record<string, unknown> {
  const ref = schema.$ref;
  if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
    return resolveSchemaRefs(spec.components.schemas?.[ref.slice(21)] as Record<string, unknown>, spec);
  }
  return schema;
}

function literalLength(template: string): number {
  return template.replace(/\{[^}]+\}/g, "").length;
}

function describe(validate: ValidateFunction, prefix = ""): string[] {
  return (validate.errors ?? []).map((e) => {
    const at = `${prefix}${e.instancePath.replaceAll("/", ".")}` || "request";
    return `${at} ${e.message ?? "is invalid"}${e.params && "allowedValues" in e.params ? ` (${(e.params.allowedValues as unknown[]).join(", ")})` : ""}`;
  });
}
