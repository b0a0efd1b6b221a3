// Every error leaves the gateway with an extensions.code from the documented set (docs/errors.md),
// as it leaves each app: the subgraphs' codes pass unchanged, and the errors the gateway makes
// itself are given the code that means the same. ErrorCatalogTest keeps this list equal to
// the ErrorCode enum.
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
  DOWNSTREAM_SERVICE_ERROR: 'UNAVAILABLE',
  SUBREQUEST_HTTP_ERROR: 'UNAVAILABLE',
};

function documented(error) {
  const code = error.extensions?.code;
  if (DOCUMENTED_CODES.has(code)) {
    return error;
  }
  const mapped = GATEWAY_CODES[code];
  const plain = { message: error.message, locations: error.locations, path: error.path };
  if (mapped) {
    return { ...plain, extensions: { ...error.extensions, code: mapped } };
  }
  // Anything else is ours to fix; as in the apps, the client learns nothing more.
  console.error('gateway: an error without a documented code', code, error.message);
  return { ...plain, message: 'internal error', extensions: { code: 'INTERNAL' } };
}

/** A GraphQL Yoga plugin that gives every error of a result a documented code. */
export function useDocumentedErrorCodes() {
  return {
    onResultProcess({ result, setResult }) {
      const fix = (one) => (one?.errors?.length ? { ...one, errors: one.errors.map(documented) } : one);
      if (Array.isArray(result)) {
        setResult(result.map(fix));
      } else if (result && typeof result[Symbol.asyncIterator] !== 'function') {
        setResult(fix(result));
      }
    },
  };
}
