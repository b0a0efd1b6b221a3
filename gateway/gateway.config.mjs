// Hive Gateway's settings (docs/federation.md). The CLI reads this file from its working directory.
import { defineConfig } from '@graphql-hive/gateway';
import { bearerTokenVerifier, useVerifiedBearerTokens } from './bearer-tokens.mjs';
import { useDocumentedErrorCodes } from './error-codes.mjs';
import { parseSize, useRequestBounds } from './request-bounds.mjs';

// Read at start, so that a gateway without a key, or with a bound it cannot read, does not start.
const verifyToken = await bearerTokenVerifier(process.env);
const maxBodyBytes = parseSize(process.env.GRAPHQL_MAX_BODY_SIZE ?? '256K');

export const gatewayConfig = defineConfig({
  supergraph: process.env.SUPERGRAPH ?? './supergraph.graphql',
  port: Number(process.env.GATEWAY_PORT ?? 4000),
  host: process.env.GATEWAY_HOST ?? '0.0.0.0',
  graphqlEndpoint: '/graphql',
  // In this order: the bounds first, then the token, before anything is planned.
  plugins: () => [useRequestBounds({ maxBodyBytes }), useVerifiedBearerTokens(verifyToken), useDocumentedErrorCodes()],
  // The gateway answers introspection itself, from the supergraph, whatever the subgraphs allow:
  // GATEWAY_INTROSPECTION=false hides the schema as the apps' GRAPHQL_FIELD_VISIBILITY does (the
  // Helm chart sets it from graphql.introspection). Shown by default, as in the local run.
  ...(process.env.GATEWAY_INTROSPECTION === 'false' ? { disableIntrospection: { disableIf: () => true } } : {}),
  // Each subgraph checks the caller's token again, as on a direct call; the correlation id ties
  // the gateway's request to the events it causes.
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      return {
        authorization: request.headers.get('authorization'),
        'x-correlation-id': request.headers.get('x-correlation-id'),
      };
    },
  },
  transportEntries: {
    // Subscriptions reach the query-app over WebSocket (graphql-transport-ws). The client signs in
    // once, in its connection_init payload to the gateway, as it would with the query-app itself.
    'query-app': {
      options: {
        subscriptions: {
          kind: 'ws',
          location: '/graphql',
          options: { connectionParams: { Authorization: '{context.connectionParams.Authorization}' } },
        },
      },
    },
  },
});
