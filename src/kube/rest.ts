// Raw JSON over HTTPS to the API server, authenticated by @kubernetes/client-node's KubeConfig.
// We use the raw API rather than client-node's typed clients: they convert objects into model
// classes (Date timestamps, dropped unknown fields), while hull must apply and compare manifests
// exactly as written. Transient failures (429, 5xx, connection errors) are retried with backoff;
// validation errors (4xx) never are.
import { kindName } from './ref.ts';
import { KubeConfig } from '@kubernetes/client-node';
import { HttpMethod, RequestContext } from '@kubernetes/client-node';
import pRetry, { AbortError } from 'p-retry';
import { fetch } from 'undici';
import { HullError } from '../errors.ts';
import { KubeApiError } from './errors.ts';
import type { ObjectRef } from './types.ts';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  /** Resource the request concerns, for error messages. */
  ref?: ObjectRef;
  /** Return the raw text instead of parsing JSON (pod logs). */
  text?: boolean;
  /** Accept header for a JSON response, when it is not plain application/json. */
  accept?: string;
  retries?: number;
}

interface Status {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: Array<{ field?: string; message?: string }> };
}

export class Rest {
  readonly kc: KubeConfig;
  readonly server: string;
  /**
   * client-node builds a new undici Agent on every applySecurityAuthentication(), so using each
   * request's own would open a new TCP+TLS connection per request (100 objects: 100 handshakes,
   * costly for the API server too). The first one is kept and its connections reused; headers
   * (tokens that refresh) are still taken from every request's context.
   */
  private dispatcher: unknown;

  constructor(kc: KubeConfig) {
    this.kc = kc;
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new KubeApiError(0, 'NoCluster', 'kubeconfig has no current cluster');
    this.server = cluster.server.replace(/\/$/, '');
  }

  async request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const attempt = async () => {
      const ctx = new RequestContext(url.toString(), method as HttpMethod);
      try {
        await this.kc.applySecurityAuthentication(ctx);
      } catch (e) {
        // Credentials or TLS settings the kubeconfig cannot provide: no retry will change that.
        throw new AbortError(new HullError('KUBECONFIG', `kubeconfig (context ${this.kc.getCurrentContext()}, server ${this.server}): ${(e as Error).message}`, { cause: e }));
      }
      const headers = ctx.getHeaders() as Record<string, string>;
      headers.Accept = opts.text ? '*/*' : (opts.accept ?? 'application/json');
      let body: string | undefined;
      if (opts.body !== undefined) {
        headers['Content-Type'] = opts.contentType ?? 'application/json';
        body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      }
      let res;
      try {
        this.dispatcher ??= ctx.getDispatcher();
        res = await fetch(url, { method, headers, body, dispatcher: this.dispatcher as never });
      } catch (e) {
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        const err = new KubeApiError(0, 'Unreachable', `cannot reach the API server at ${this.server}: ${cause?.code ?? cause?.message ?? (e as Error).message}`, opts.ref, e);
        // A POST or PUT may have reached the server before the connection broke: trying again
        // would turn our own create into "already exists", or our own update into a conflict.
        if (!IDEMPOTENT.has(method) && !CONNECT_ERRORS.has(cause?.code ?? '')) throw new AbortError(err);
        throw err;
      }
      const text = await res.text();
      if (res.ok) return (opts.text ? text : text ? JSON.parse(text) : undefined) as T;
      const err = toApiError(res.status, text, method, opts.ref);
      // Only transient failures are worth another try; a 4xx is the server's final word, and a 5xx
      // after a non-idempotent write may mean it was done (429 always means it was not). Some
      // validation answers come as 500 (server-side apply of an undeclared field): final too.
      if (res.status !== 429 && (res.status < 500 || !IDEMPOTENT.has(method) || isValidationAnswer(text))) throw new AbortError(err);
      throw err;
    };
    return pRetry(attempt, {
      retries: opts.retries ?? 4,
      minTimeout: 200,
      maxTimeout: 3000,
      shouldRetry: ({ error }) => !(error instanceof KubeApiError) || error.status === 0 || error.status === 429 || error.status >= 500,
    });
  }
}

/** Requests that can be repeated safely (a server-side apply PATCH converges to the same object). */
const IDEMPOTENT = new Set(['GET', 'PATCH', 'DELETE']);
/** Failures before the request left this machine. */
const CONNECT_ERRORS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * A 500 whose Status says the object itself is wrong, which no retry changes: server-side apply
 * answers an undeclared field or a malformed patch this way ("failed to create typed patch object
 * (...): .spec.x: field not declared in schema").
 */
export function isValidationAnswer(body: string): boolean {
  return /failed to create typed patch object|field not declared in schema|strict decoding error|cannot convert int64 to string|expected (map|list|string|numeric)/i.test(body);
}

function toApiError(status: number, text: string, method: string, ref?: ObjectRef): KubeApiError {
  let s: Status = {};
  try {
    s = JSON.parse(text) as Status;
  } catch {
    s = { message: text.trim() || `HTTP ${status}` };
  }
  const what = ref ? `${kindName(ref)}${ref.namespace ? ` in namespace ${ref.namespace}` : ''}` : method;
  const causes = (s.details?.causes ?? []).map((c) => `${c.field ? `${c.field}: ` : ''}${c.message}`).filter(Boolean);
  const message = causes.length > 1 ? `${s.message} (${causes.join('; ')})` : (s.message ?? `HTTP ${status}`);
  // A validation answer sent as 500 is, for every caller, the same as a 422.
  const reason = status >= 500 && isValidationAnswer(text) ? 'Invalid' : (s.reason ?? String(status));
  return new KubeApiError(status, reason, `${what}: ${message}`, ref);
}
