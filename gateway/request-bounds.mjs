// The gateway refuses what the apps refuse before GraphQL sees it, with the same status and body
// (docs/errors.md, docs/security.md "Limits"): a body over GRAPHQL_MAX_BODY_SIZE (256K) is 413, a
// POST that is neither application/json nor application/graphql is 415, each VALIDATION_FAILED.
// GraphQL Yoga's own bound (25 MB) is far above the apps', and its 415 has no body.
import { GraphQLError } from 'graphql';

/** A size as the apps' GRAPHQL_MAX_BODY_SIZE takes it (Quarkus MemorySize): bytes, or K, M, G (binary). */
export function parseSize(text) {
  const size = /^\s*(\d+)\s*([KMG]?)B?\s*$/i.exec(String(text));
  if (!size) {
    throw new Error(`gateway: GRAPHQL_MAX_BODY_SIZE ${text}: expected a size such as 262144, 256K or 1M`);
  }
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[size[2].toUpperCase()];
  return Number(size[1]) * unit;
}

function refusal(status, message) {
  return new GraphQLError(message, { extensions: { code: 'VALIDATION_FAILED', http: { status } } });
}

function refusalResponse(fetchAPI, status, message) {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: 'VALIDATION_FAILED' } }] }), {
    status,
    headers: { 'Content-Type': 'application/graphql-response+json; charset=utf-8' },
  });
}

/** Passes the body on while it stays within the bound; past it the parser fails with a 413. */
function bounded(request, maxBytes, fetchAPI, tooLarge) {
  if (!request.body) {
    return request;
  }
  // As GraphQL Yoga's own body limit does: a native stream needs the native TransformStream.
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytes = 0;
  const body = request.body.pipeThrough(new Transform({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) {
        controller.error(refusal(413, tooLarge));
        return;
      }
      controller.enqueue(chunk);
    },
  }));
  return new fetchAPI.Request(request.url, {
    method: request.method, headers: request.headers, signal: request.signal, body, duplex: 'half',
  });
}

/**
 * A GraphQL Yoga plugin bounding requests as the apps do. It must come after Yoga's request
 * parsers, which it wraps, as any plugin of the gateway config does.
 */
export function useRequestBounds({ maxBodyBytes }) {
  const tooLarge = `the request body is larger than ${maxBodyBytes} bytes`;
  return {
    onRequestParse({ request, requestParser, setRequestParser, endResponse, fetchAPI }) {
      if (request.method !== 'POST') {
        return;
      }
      const type = (request.headers.get('content-type') ?? '').toLowerCase();
      const graphql = type.startsWith('application/json') || type.startsWith('application/graphql');
      // Yoga also takes form posts; the apps do not, and a form is the one body a browser posts
      // across origins without asking first.
      if (!graphql || requestParser == null) {
        endResponse(refusalResponse(fetchAPI, 415, 'send the request as application/json or application/graphql'));
        return;
      }
      const length = request.headers.get('content-length');
      if (length != null && !/^\d+$/.test(length)) {
        endResponse(refusalResponse(fetchAPI, 400, 'the Content-Length header is not a number of bytes'));
        return;
      }
      if (length != null && Number(length) > maxBodyBytes) {
        endResponse(refusalResponse(fetchAPI, 413, tooLarge));
        return;
      }
      // Without a Content-Length (chunked), the body is counted as it arrives.
      setRequestParser((parsed) => requestParser(bounded(parsed, maxBodyBytes, fetchAPI, tooLarge)));
    },
    // A subscription arrives in a WebSocket message, which no HTTP bound covers: its payload is
    // held to the same size.
    onParams({ params, context, setResult }) {
      if (context && 'connectionParams' in context
          && Buffer.byteLength(JSON.stringify(params ?? {}), 'utf8') > maxBodyBytes) {
        setResult({ errors: [new GraphQLError(`the subscribe message is larger than ${maxBodyBytes} bytes`,
          { extensions: { code: 'VALIDATION_FAILED' } })] });
      }
    },
  };
}
