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
    case 'CONFLICT':
      return 409;
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

/**
 * POST one operation to /graphql (same origin). GraphQL errors become HttpErrors carrying the
 * server's message, so the notification says what is wrong ("Only a QUALIFIED lead can be converted").
 */
export const graphql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
  const token = getToken();
  let response: Response;
  try {
    response = await fetch(new URL('/graphql', window.location.origin), {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new HttpError('The server cannot be reached. Check your connection and try again.', 0);
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
