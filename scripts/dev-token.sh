#!/usr/bin/env bash
# Prints a bearer token signed with the development key (dev/jwt/private.pem), for the local run.
#
#   scripts/dev-token.sh admin [name]            an admin; name defaults to "dev-admin"
#   scripts/dev-token.sh customer [customer-id]  a customer; a new id when none is given
#
# Valid for JWT_TTL_SECONDS (28800, eight hours), issued by JWT_ISSUER (cqrs-shop-dev), as the
# apps expect by default. Never use the development key outside a developer's machine.
set -euo pipefail
cd "$(dirname "$0")/.."

role=${1:-}
case $role in
  admin) subject=${2:-dev-admin} ;;
  customer) subject=${2:-$(cat /proc/sys/kernel/random/uuid)} ;;
  *) echo "usage: $0 admin [name] | customer [customer-id]" >&2; exit 2 ;;
esac
now=$(date +%s)
base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '{"alg":"RS256","typ":"JWT"}' | base64url)
claims=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":["%s"],"iat":%d,"exp":%d}' \
  "${JWT_ISSUER:-cqrs-shop-dev}" "$subject" "$subject" "$role" "$now" "$((now + ${JWT_TTL_SECONDS:-28800}))" | base64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha256 -sign dev/jwt/private.pem -binary | base64url)
echo "$header.$claims.$signature"
