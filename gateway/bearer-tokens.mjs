// The gateway verifies the caller's bearer token itself, with the identity provider's key and
// issuer the apps use (JWT_PUBLIC_KEY_LOCATION, JWT_ISSUER), and refuses a token that fails before
// it plans anything: HTTP 401 and UNAUTHENTICATED over HTTP, as the apps answer; over WebSocket, an
// UNAUTHENTICATED error then `complete` for each subscription, as an anonymous subscriber gets.
// The subgraphs still verify the token they are forwarded (docs/security.md, ADR 0008).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GraphQLError } from 'graphql';
import { createLocalJWKSet, createRemoteJWKSet, errors, importJWK, importSPKI, jwtVerify } from 'jose';

/** The apps' defaults: RS256 only, smallrye-jwt's 60 s of clock skew, and `exp` is required. */
const VERIFICATION = { algorithms: ['RS256'], clockTolerance: 60, requiredClaims: ['exp'] };

const INVALID_TOKEN = 'the bearer token is not valid: it must be signed by our identity provider and unexpired';

/**
 * The key to verify tokens with, from JWT_PUBLIC_KEY_LOCATION: an http(s) URL of a JWK set, or a
 * file (`file:/path` or a plain path) holding a PEM public key, a JWK or a JWK set. There is no
 * default, as in the apps: a gateway without a key does not start.
 */
async function verificationKey(location) {
  if (!location) {
    throw new Error('gateway: JWT_PUBLIC_KEY_LOCATION is not set; give it the identity provider\'s public key'
      + ' (a PEM file, or a JWK set URL), as the apps have (docs/security.md)');
  }
  if (/^https?:/.test(location)) {
    return createRemoteJWKSet(new URL(location));
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(location) && !location.startsWith('file:')) {
    throw new Error(`gateway: JWT_PUBLIC_KEY_LOCATION ${location}: the gateway reads a file: path or an http(s) JWK set URL`);
  }
  const path = location.startsWith('file:') ? fileURLToPath(new URL(location.startsWith('file://') ? location
    : `file://${location.slice('file:'.length)}`)) : location;
  const text = readFileSync(path, 'utf8').trim();
  if (text.startsWith('-----BEGIN')) {
    return importSPKI(text, 'RS256');
  }
  const json = JSON.parse(text);
  return Array.isArray(json.keys) ? createLocalJWKSet(json) : importJWK(json, 'RS256');
}

/** Verifies tokens with the key and issuer named in `env`; fails, and so stops the gateway, without a key. */
export async function bearerTokenVerifier(env = process.env) {
  const key = await verificationKey(env.JWT_PUBLIC_KEY_LOCATION);
  const options = { ...VERIFICATION, issuer: env.JWT_ISSUER || 'cqrs-shop-dev' };
  return async (token) => {
    try {
      await jwtVerify(token, key, options);
      return true;
    } catch (refused) {
      // A key set that cannot be fetched is our failure, not the caller's: it surfaces as INTERNAL.
      if (refused instanceof errors.JOSEError && !['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID'].includes(refused.code)) {
        return false;
      }
      throw refused;
    }
  };
}

/**
 * The credential a request presents: the Authorization header, or for a subscription over
 * WebSocket the `Authorization` of its connection_init payload. Undefined when there is none.
 */
function presentedCredential(request, context) {
  if (context && 'connectionParams' in context) {
    const params = context.connectionParams ?? {};
    const value = params.Authorization ?? params.authorization;
    if (value !== undefined && value !== null && value !== '') {
      return String(value);
    }
  }
  const header = request?.headers?.get('authorization');
  return header ? header : undefined;
}

function unauthenticated(overWebSocket) {
  return new GraphQLError(INVALID_TOKEN, {
    extensions: overWebSocket
      ? { code: 'UNAUTHENTICATED' }
      : { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } } },
  });
}

/**
 * A GraphQL Yoga plugin that refuses a request whose credential fails verification; one with no
 * credential passes on, and the subgraphs refuse the fields that need a caller, as they would
 * directly. A credential that is not `Bearer <token>` (Basic, an empty token) fails too.
 */
export function useVerifiedBearerTokens(verify) {
  return {
    onParams({ request, context, setResult }) {
      const credential = presentedCredential(request, context);
      if (credential === undefined) {
        return undefined;
      }
      const overWebSocket = Boolean(context && 'connectionParams' in context);
      const bearer = /^Bearer +(\S+)\s*$/i.exec(credential);
      if (!bearer) {
        setResult({ errors: [unauthenticated(overWebSocket)] });
        return undefined;
      }
      return verify(bearer[1]).then((valid) => {
        if (!valid) {
          setResult({ errors: [unauthenticated(overWebSocket)] });
        }
      });
    },
  };
}
