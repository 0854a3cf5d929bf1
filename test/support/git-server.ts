// A git remote over HTTP that checks tokens as github.com does, for tests that push and fetch the
// ledger branch the way a workflow job does. Real git on both ends: requests are served by
// `git http-backend` (smart HTTP) over bare repositories. Like GitHub, it takes the token as the
// Basic password (`x-access-token:<token>`, what actions/checkout sends), answers 401 without
// one, refuses pushes with a read-only token (a fork's or Dependabot's GITHUB_TOKEN) with 403,
// and rejects a request carrying two Authorization headers (a persisted checkout credential plus
// another one) with 400.
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export type TokenAccess = "write" | "read";

export interface GitRequest {
  repository: string;
  service: "upload-pack" | "receive-pack";
  token: string | undefined;
  status: number;
}

export class GitHttpServer {
  readonly tokens = new Map<string, TokenAccess>();
  readonly requests: GitRequest[] = [];
  /** Anonymous reads, as for a public repository; a private one needs a token to fetch too. */
  publicRead = false;
  private readonly repositories = new Map<string, string>();
  private server: Server | undefined;
  private base = "";

  constructor(tokens: Record<string, TokenAccess> = {}) {
    for (const [token, access] of Object.entries(tokens)) this.tokens.set(token, access);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(error.message);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Whether a request with `token` (or none) may fetch, as the server decides for a request. */
  mayRead(token: string | undefined): boolean {
    return token === undefined ? this.publicRead : this.tokens.has(token);
  }

  /** The server's origin, e.g. for `http.<origin>/.extraheader` (what checkout persists). */
  get origin(): string {
    return this.base;
  }

  /** Serves the bare repository at `bare` as `<origin>/<name>.git`; returns that URL. */
  serve(name: string, bare: string): string {
    this.repositories.set(`/${name}.git`, bare);
    return `${this.base}/${name}.git`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.base);
    const match = [...this.repositories.entries()].find(([prefix]) => url.pathname.startsWith(`${prefix}/`));
    if (!match) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("Repository not found.\n");
      return;
    }
    const [prefix, bare] = match;
    const service =
      url.searchParams.get("service") === "git-receive-pack" || url.pathname.endsWith("/git-receive-pack")
        ? "receive-pack"
        : "upload-pack";
    const authorizations = req.rawHeaders.filter(
      (_, i) => i % 2 === 0 && _.toLowerCase() === "authorization",
    );
    const token = basicPassword(req.headers.authorization);
    const refuse = (status: number, message: string, headers: Record<string, string> = {}) => {
      this.requests.push({ repository: prefix, service, token, status });
      res.writeHead(status, { "content-type": "text/plain", ...headers });
      res.end(`${message}\n`);
    };
    if (authorizations.length > 1) return refuse(400, "Duplicate header: 'Authorization'");
    const access = token === undefined ? undefined : this.tokens.get(token);
    if (token !== undefined && access === undefined) {
      return refuse(401, "Invalid username or token.", { "www-authenticate": 'Basic realm="GitHub"' });
    }
    if (access === undefined && (service === "receive-pack" || !this.publicRead)) {
      return refuse(401, "Authentication required.", { "www-authenticate": 'Basic realm="GitHub"' });
    }
    if (service === "receive-pack" && access !== "write") {
      return refuse(403, `Permission to ${prefix.slice(1)} denied to github-actions[bot].`);
    }
    this.requests.push({ repository: prefix, service, token, status: 200 });
    await this.backend(req, res, bare, url.pathname.slice(prefix.length), url.search.slice(1));
  }

  /** Runs `git http-backend` as a CGI program for one request. */
  private backend(
    req: IncomingMessage,
    res: ServerResponse,
    bare: string,
    pathInfo: string,
    query: string,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn("git", ["http-backend"], {
        env: {
          PATH: process.env.PATH ?? "",
          GIT_PROJECT_ROOT: path.dirname(bare),
          GIT_HTTP_EXPORT_ALL: "1",
          PATH_INFO: `/${path.basename(bare)}${pathInfo}`,
          QUERY_STRING: query,
          REQUEST_METHOD: req.method ?? "GET",
          CONTENT_TYPE: req.headers["content-type"] ?? "",
          ...(req.headers["content-encoding"]
            ? { HTTP_CONTENT_ENCODING: req.headers["content-encoding"] }
            : {}),
          ...(req.headers["git-protocol"] ? { GIT_PROTOCOL: req.headers["git-protocol"] as string } : {}),
          // http-backend serves receive-pack only to an authenticated user.
          REMOTE_USER: "x-access-token",
          REMOTE_ADDR: "127.0.0.1",
        },
        stdio: ["pipe", "pipe", "pipe"],
      });
      req.pipe(child.stdin);
      let head = Buffer.alloc(0);
      let headersSent = false;
      child.stdout.on("data", (chunk: Buffer) => {
        if (headersSent) {
          res.write(chunk);
          return;
        }
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf("\r\n\r\n");
        if (end < 0) return;
        const headers: Record<string, string> = {};
        let status = 200;
        for (const line of head.subarray(0, end).toString("latin1").split("\r\n")) {
          const colon = line.indexOf(":");
          const name = line.slice(0, colon).trim();
          const value = line.slice(colon + 1).trim();
          if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
          else headers[name] = value;
        }
        res.writeHead(status, headers);
        headersSent = true;
        res.write(head.subarray(end + 4));
      });
      child.on("error", reject);
      child.on("close", () => {
        if (!headersSent) res.writeHead(500).end();
        else res.end();
        resolve();
      });
    });
  }
}

function basicPassword(header: string | undefined): string | undefined {
  const match = /^basic\s+(\S+)$/i.exec(header ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}
