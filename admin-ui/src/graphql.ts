import { HttpError } from 'react-admin';

export const TOKEN_KEY = 'annals.token';

export const getToken = () => localStorage.getItem(TOKEN_KEY);

type GraphQLErrorItem = { message: string; extensions?: { code?: string; [key: string]: unknown } };
type GraphQLResponse<T> = { data?: T | null; errors?: GraphQLErrorItem[] };

/** HTTP status a react-admin HttpError carries for each API error code (401 triggers checkError). */
const statusOf = (code: string | undefined): number => {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'BAD_USER_INPUT':
      return 400;
    case 'INTERNAL_SERVER_ERROR':
    case undefined:
      return 500;
    default:
      // Domain refusals (LEAD_NOT_NEW, LEAD_NOT_QUALIFIED, ...) are the user's to act on.
      return 422;
  }
};

/** A mutation's document (every command the UI sends): it carries an Idempotency-Key. */
const isMutation = (query: string) => /^\s*mutation\b/.test(query.replace(/^\s*#.*$/gm, ''));

const newKey = (): string =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/** A double click's second click comes within this long of the first's answer: it is the same click. */
const SAME_CLICK_MS = 1_500;
/** Keys of the commands sent lately, by document and variables: the second click of a double click reuses the first's. */
const recentKeys = new Map<string, { key: string; pending: number; settledAt: number }>();

const keyFor = (query: string, variables: Record<string, unknown>, clickKey: string | undefined) => {
  const id = `${query}\u0000${JSON.stringify(variables)}`;
  const now = Date.now();
  for (const [other, entry] of recentKeys) if (entry.pending === 0 && now - entry.settledAt > SAME_CLICK_MS) recentKeys.delete(other);
  let entry = recentKeys.get(id);
  if (!entry) {
    entry = { key: clickKey ?? newKey(), pending: 0, settledAt: now };
    recentKeys.set(id, entry);
  }
  entry.pending += 1;
  const done = () => {
    entry.pending -= 1;
    entry.settledAt = Date.now();
  };
  return { key: entry.key, done };
};

/** How long a request may take before it is given up and sent again (with the same key). */
const TIMEOUT_MS = 30_000;
/** Waits before the retries of a request the network lost or an instance refused while stopping. */
const RETRY_DELAYS_MS = [500, 1_500];
const RETRY_STATUSES = new Set([502, 503, 504]);

const post = async (body: string, headers: Record<string, string>): Promise<Response> => {
  for (let attempt = 0; ; attempt++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const response = await fetch(new URL('/graphql', window.location.origin), { method: 'POST', headers, body, signal: controller.signal });
      if (!RETRY_STATUSES.has(response.status) || attempt >= RETRY_DELAYS_MS.length) return response;
    } catch {
      if (attempt >= RETRY_DELAYS_MS.length) throw new HttpError('The server cannot be reached. Check your connection and try again.', 0);
    } finally {
      clearTimeout(timer);
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
  }
};

export interface GraphQLOptions {
  /** The click's Idempotency-Key, when the screen made one; otherwise graphql() makes it (see below). */
  idempotencyKey?: string;
}

/**
 * POST one operation to /graphql (same origin). GraphQL errors become HttpErrors carrying the
 * server's message, so the notification says what is wrong ("Only a QUALIFIED lead can be converted").
 *
 * Every command (mutation) carries an Idempotency-Key: one per click. The retries of a request
 * (the network lost it, it timed out, an instance was stopping) send the same key, and so does the
 * same command with the same input sent again while the first is pending or within a moment of its
 * answer (a double click whose second click got past the disabled button): that is the same click,
 * whatever key its second call came with. The server runs it once and answers each the same.
 */
export const graphql = async <T>(query: string, variables: Record<string, unknown> = {}, options: GraphQLOptions = {}): Promise<T> => {
  const token = getToken();
  const command = isMutation(query) ? keyFor(query, variables, options.idempotencyKey) : null;
  let response: Response;
  try {
    response = await post(JSON.stringify({ query, variables }), {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(command ? { 'Idempotency-Key': command.key } : {}),
    });
  } finally {
    command?.done();
  }
  let body: GraphQLResponse<T>;
  try {
    body = (await response.json()) as GraphQLResponse<T>;
  } catch {
    throw new HttpError(`The server answered ${response.status} ${response.statusText}`.trim(), response.status || 500);
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code;
    const status = response.status === 401 ? 401 : statusOf(code);
    // Not under `errors`: react-admin's forms read `body.errors` as per-field validation errors and
    // would mark the form invalid (on fields named "0", "1"...) instead of showing the server's message.
    throw new HttpError(first.message, status, { code, graphqlErrors: body.errors });
  }
  if (!response.ok || body.data == null) {
    throw new HttpError(`The server answered ${response.status} ${response.statusText}`.trim(), response.status || 500);
  }
  return body.data;
};

/** The error code the server gave, if the error came from graphql(). */
export const errorCode = (error: unknown): string | undefined => (error as { body?: { code?: string } } | null)?.body?.code;
