import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { NoSchemaIntrospectionCustomRule, ValidationRule } from 'graphql';

/**
 * What one GraphQL request may ask for, whoever sends it: the deepest screen of the admin UI nests
 * five levels, the largest document is a few hundred tokens, no screen aliases more than a couple of
 * fields. The limits leave room above that and refuse what only an attack needs (a query 30 levels
 * deep, thousands of aliased fields, a megabyte of tokens). Every list is paginated: `perPage` is
 * capped by ListArgs, and nested lists take a bounded `limit`.
 */
export const QUERY_LIMITS = {
  depth: 12,
  aliases: 20,
  tokens: 10_000,
  cost: 20_000,
} as const;

export interface QueryLimitOptions {
  /** Schema introspection (`__schema`, `__type`): off in production unless GRAPHIQL=true. */
  introspection: boolean;
}

/** The validation rules Mercurius runs on every document, after the specified ones. */
export const queryValidationRules = ({ introspection }: QueryLimitOptions): ValidationRule[] => [
  maxDepthRule({ n: QUERY_LIMITS.depth, ignoreIntrospection: true, exposeLimits: true }) as ValidationRule,
  maxAliasesRule({ n: QUERY_LIMITS.aliases, exposeLimits: true }) as ValidationRule,
  costLimitRule({ maxCost: QUERY_LIMITS.cost, ignoreIntrospection: true, exposeLimits: true }) as ValidationRule,
  ...(introspection ? [] : [NoSchemaIntrospectionCustomRule]),
];

/** graphql-js stops parsing a document past this many tokens, before it is validated or cached. */
export const queryParseOptions = { maxTokens: QUERY_LIMITS.tokens };
