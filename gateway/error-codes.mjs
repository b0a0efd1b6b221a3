// Every error leaves the gateway with an extensions.code from the documented set (docs/errors.md),
// as it leaves each app: the subgraphs' codes pass unchanged, and the errors the gateway makes
// itself are given the code that means the same. ErrorCatalogTest keeps this list equal to
// the ErrorCode enum.
import { GraphQLError } from 'graphql';

export const DOCUMENTED_CODES = new Set([
  'VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONCURRENCY_CONFLICT',
  'PRODUCT_ALREADY_EXISTS', 'PRODUCT_DELETED', 'DUPLICATE_SKU', 'INSUFFICIENT_STOCK', 'ITEM_NOT_IN_CART',
  'CART_EMPTY', 'CURRENCY_MISMATCH', 'PRICE_CHANGED', 'ORDER_ALREADY_EXISTS', 'INVALID_STATE_TRANSITION',
  'IDEMPOTENCY_KEY_REUSED', 'READ_MODEL_LAGGING', 'REBUILD_IN_PROGRESS', 'SUBSCRIBER_TOO_SLOW',
  'SUBSCRIPTION_INTERRUPTED', 'TOO_MANY_SUBSCRIPTIONS', 'UNAVAILABLE', 'INTERNAL',
]);

/** The gateway's own codes (GraphQL Yoga's, Hive Gateway's), as the documented code of the same meaning. */
const GATEWAY_CODES = {
  GRAPHQL_PARSE_FAILED: 'VALIDATION_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'VALIDATION_FAILED',
  BAD_USER_INPUT: 'VALIDATION_FAILED',
  BAD_REQUEST: 'VALIDATION_FAILED',
  OPERATION_RESOLUTION_FAILURE: 'VALIDATION_FAILED',
  REQUEST_ENTITY_TOO_LARGE: 'VALIDATION_FAILED',
  DOWNSTREAM_SERVICE_ERROR: 'UNAVAILABLE',
  SUBREQUEST_HTTP_ERROR: 'UNAVAILABLE',
};

/**
 * An error of the gateway's own, with only the code (and, for Yoga, the HTTP status it answers
 * with, which Yoga keeps out of the body): none of the internals Yoga may attach, such as the
 * JSON parser's own error.
 */
function ours(error, code) {
  let http = error.extensions?.http;
  // Yoga marks a body that is not JSON a "spec" error, answered 200 to application/json clients;
  // the apps answer it 400, as a request that is not GraphQL at all.
  if (http?.spec && error.extensions?.code === 'BAD_REQUEST') {
    const { spec, ...rest } = http;
    http = rest;
  }
  return new GraphQLError(error.message, {
    nodes: error.nodes, source: error.source, positions: error.positions, path: error.path,
    extensions: http ? { code, http } : { code },
  });
}

function documented(error) {
  const code = error.extensions?.code;
  if (DOCUMENTED_CODES.has(code)) {
    if (error.extensions?.originalError === undefined) {
      return error;
    }
    const { originalError, ...extensions } = error.extensions;
    return new GraphQLError(error.message, {
      nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions,
    });
  }
  const mapped = GATEWAY_CODES[code];
  if (mapped) {
    return ours(error, mapped);
  }
  // Anything else is ours to fix; as in the apps, the client learns nothing more.
  console.error('gateway: an error without a documented code', code, error.message);
  return new GraphQLError('internal error', { path: error.path, extensions: { code: 'INTERNAL' } });
}

/**
 * A request error (GraphQL spec, "Response"): the operation was refused before it began, so the
 * result has no `data` at all, and no error has a path. graphql-js refuses so the variables that
 * do not fit their declared types (`$q: Int` given 2147483648 or "7"), a missing required
 * variable, or an operation name that names none; its errors carry no code. The literal in the
 * query text gets VALIDATION_FAILED at validation; the variable gets the same, and the same
 * status (400 for application/graphql-response+json, 200 for application/json).
 */
function requestErrorsDocumented(result, webSocket) {
  if (!result || isStream(result) || 'data' in result || !result.errors?.length) {
    return result;
  }
  if (!result.errors.every((error) => error.path === undefined && !DOCUMENTED_CODES.has(error.extensions?.code))) {
    return result;
  }
  return {
    ...result,
    errors: result.errors.map((error) => new GraphQLError(error.message, {
      nodes: error.nodes, source: error.source, positions: error.positions,
      extensions: webSocket ? { code: 'VALIDATION_FAILED' }
        : { code: 'VALIDATION_FAILED', http: { spec: true, status: 400 } },
    })),
  };
}

const overWebSocket = (context) => Boolean(context && 'connectionParams' in context);
const isStream = (result) => Boolean(result) && typeof result[Symbol.asyncIterator] === 'function';
const withDocumentedErrors = (one) => (one?.errors?.length ? { ...one, errors: one.errors.map(documented) } : one);

/** Over WebSocket no HTTP status applies, and Yoga does not take it out of the message. */
function withoutHttp(one) {
  if (!one?.errors?.length) {
    return one;
  }
  return {
    ...one,
    errors: one.errors.map((error) => {
      if (error.extensions?.http === undefined) {
        return error;
      }
      const { http, ...extensions } = error.extensions;
      return new GraphQLError(error.message, {
        nodes: error.nodes, source: error.source, positions: error.positions, path: error.path, extensions,
      });
    }),
  };
}

/** The stream's results, each through `map`; ending it early still ends the stream it reads. */
function mapStream(stream, map) {
  const iterator = stream[Symbol.asyncIterator]();
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => iterator.next().then((step) => (step.done ? step : { done: false, value: map(step.value) })),
    return: (value) => (iterator.return ? iterator.return(value) : Promise.resolve({ done: true, value })),
    throw: (error) => (iterator.throw ? iterator.throw(error) : Promise.reject(error)),
  };
}

/**
 * A GraphQL Yoga plugin that gives every error of a result a documented code: over HTTP as the
 * response is made; over WebSocket, where Yoga makes no response, as each result is sent.
 */
export function useDocumentedErrorCodes() {
  const requestErrors = ({ args }) => ({ result, setResult }) =>
    setResult(requestErrorsDocumented(result, overWebSocket(args.contextValue)));
  const overSocket = (one) => withoutHttp(withDocumentedErrors(one));
  return {
    onExecute(payload) {
      return { onExecuteDone: requestErrors(payload) };
    },
    onSubscribe(payload) {
      // As the apps: subscriptions are served over WebSocket only. Over HTTP (server-sent events)
      // their errors would also escape the mapping below, which sees only whole results.
      if (!overWebSocket(payload.args.contextValue)) {
        payload.setResultAndStopExecution({ errors: [new GraphQLError(
          'subscriptions are served over WebSocket (graphql-transport-ws), not HTTP',
          { extensions: { code: 'VALIDATION_FAILED', http: { status: 400 } } })] });
        return undefined;
      }
      return { onSubscribeResult: requestErrors(payload) };
    },
    onExecutionResult({ result, setResult, context }) {
      if (!overWebSocket(context)) {
        return;
      }
      setResult(isStream(result) ? mapStream(result, overSocket) : overSocket(result));
    },
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) {
        setResult(result.map(withDocumentedErrors));
      } else if (result && !isStream(result)) {
        setResult(withDocumentedErrors(result));
      }
    },
  };
}
