/**
 * GraphQL subscriptions over WebSocket (`graphql-transport-ws` at /graphql): the Mercurius
 * `subscription` options of the app's GraphQLModule. A connection says who it is in its
 * `connection_init` payload, `{ "authorization": "Bearer <token>" }`; the token is checked like an
 * HTTP request's when it subscribes: UNAUTHENTICATED, with what to do, for none or a bad one.
 */
const bearer = (payload: unknown): string | null => {
  const p = (payload ?? {}) as { authorization?: unknown; Authorization?: unknown; headers?: { authorization?: unknown } };
  const value = p.authorization ?? p.Authorization ?? p.headers?.authorization;
  return typeof value === 'string' && /^bearer\s+\S+$/i.test(value.trim()) ? value.trim() : null;
};

export const subscriptionOptions = {
  onConnect: ({ payload }: { payload: unknown }) => {
    const authorization = bearer(payload);
    return { req: { headers: authorization ? { authorization } : {} } };
  },
  keepAlive: 15_000,
};
