// Limits on the shape of GraphQL operations (graphql-armor): depth, static cost, aliases,
// directives and tokens, so one request cannot make the server walk an enormous tree. Tensors
// belong in variables, which these limits do not count. A refusal answers HTTP 400 with
// `extensions.code = QUERY_TOO_COMPLEX` and a message naming the limit.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError } from 'graphql';

export const QUERY_LIMITS = {
  maxDepth: 12,
  maxCost: 5_000,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 5_000,
} as const;

export function queryLimitProtection() {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth },
    costLimit: { maxCost: QUERY_LIMITS.maxCost },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    // Field suggestions stay: the schema is public and introspection is on.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}

const LIMIT_MESSAGE = /^Syntax Error: (Query depth|Query Cost|Aliases|Directives|Token) limit/;

/** Gives graphql-armor's refusals their own code (they arrive as validation failures). */
export function withQueryLimitCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!LIMIT_MESSAGE.test(formatted.message)) return formatted;
  return {
    ...formatted,
    extensions: { ...formatted.extensions, code: 'QUERY_TOO_COMPLEX', limits: QUERY_LIMITS },
  };
}
