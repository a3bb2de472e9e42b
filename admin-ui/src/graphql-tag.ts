/**
 * Marks a GraphQL document in the admin UI's sources: `gql\`query Leads { ... }\``. It returns the
 * text as written; the tests collect every `gql` document and validate it against the server's
 * schema, so the UI cannot ask for a field the API lacks.
 */
export const gql = (strings: TemplateStringsArray, ...values: unknown[]): string => String.raw({ raw: strings }, ...values);
