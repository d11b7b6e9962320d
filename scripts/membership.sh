#!/usr/bin/env bash
# Membership API from the command line: register a calling system, seed members, and send a
# signed createOrRenewMember the way a calling system would (bash + openssl + curl).
#
#   scripts/membership.sh create-system SYSTEM_ID [KEY_FILE]
#       Generates an RSA-2048 key pair with openssl (the private key stays in KEY_FILE, default
#       ./SYSTEM_ID.pem) and registers the public key. Needs PAYONCE_ADMIN_TOKEN.
#   scripts/membership.sh seed SYSTEM_ID [COUNT] [DAYS] [USER_ID_PREFIX]
#       Creates members PREFIX1..PREFIXCOUNT (default 2000, 30 days, "user-"). Needs PAYONCE_ADMIN_TOKEN.
#   scripts/membership.sh renew SYSTEM_ID KEY_FILE USER_ID ORDER_NO DAYS
#       Signs and sends createOrRenewMember; exits 1 unless the answer's code is 0.
#   scripts/membership.sh show SYSTEM_ID USER_ID
#       GET /api/member/SYSTEM_ID/USER_ID. Needs PAYONCE_API_KEY (a key with the members scope)
#       or PAYONCE_ADMIN_TOKEN.
#
# PAYONCE_URL is the service (default http://localhost:8080). Seeding is a test helper: sandbox
# mode only.
set -euo pipefail

url="${PAYONCE_URL:-http://localhost:8080}"

die() { echo "membership.sh: $*" >&2; exit 2; }

# Values go into JSON and into the signed string unescaped, so they are held to the API's own
# character sets, which need no escaping.
check() { [[ "$2" =~ $3 ]] || die "$1 '$2' does not match $3"; }

admin_post() {
  [ -n "${PAYONCE_ADMIN_TOKEN:-}" ] || die "set PAYONCE_ADMIN_TOKEN (printed by 'payonce serve' when generated)"
  curl -sS -X POST "$url$1" -H "Authorization: Bearer $PAYONCE_ADMIN_TOKEN" \
       -H 'Content-Type: application/json' --data "$2"
  echo
}

create_system() {
  local system="$1" key="${2:-./$1.pem}"
  check systemId "$system" '^[A-Za-z0-9._-]{1,64}$'
  [ -e "$key" ] && die "$key exists; choose another KEY_FILE"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null
  chmod 600 "$key"
  local pem
  pem="$(openssl pkey -in "$key" -pubout | awk '{printf "%s\\n", $0}')"
  admin_post /v1/admin/systems "{\"systemId\":\"$system\",\"publicKeyPem\":\"$pem\"}"
  echo "private key: $key (keep it; payonce only has the public key)" >&2
}

seed() {
  local system="$1" count="${2:-2000}" days="${3:-30}" prefix="${4:-user-}"
  check systemId "$system" '^[A-Za-z0-9._-]{1,64}$'
  check count "$count" '^[0-9]{1,6}$'
  check days "$days" '^[0-9]{1,4}$'
  check userIdPrefix "$prefix" '^[A-Za-z0-9._:@-]{0,64}$'
  admin_post "/v1/admin/systems/$system/members/seed" \
      "{\"count\":$count,\"days\":$days,\"userIdPrefix\":\"$prefix\"}"
}

renew() {
  local system="$1" key="$2" user="$3" order="$4" days="$5"
  check systemId "$system" '^[A-Za-z0-9._-]{1,64}$'
  check userId "$user" '^[A-Za-z0-9._:@-]{1,128}$'
  check orderNo "$order" '^[A-Za-z0-9._:-]{1,64}$'
  check days "$days" '^-?[0-9]{1,10}$'
  [ -r "$key" ] || die "cannot read private key $key"
  local timestamp nonce canonical sign body answer
  timestamp="$(date +%s%3N)"
  nonce="$(openssl rand -hex 16)"
  # Every field but sign, as key=value, keys sorted ascending, joined with & (API.md).
  canonical="days=$days&nonce=$nonce&orderNo=$order&systemId=$system&timestamp=$timestamp&userId=$user"
  sign="$(printf '%s' "$canonical" | openssl dgst -sha256 -sign "$key" | openssl base64 -A)"
  body="{\"systemId\":\"$system\",\"orderNo\":\"$order\",\"userId\":\"$user\",\"days\":$days,\"timestamp\":$timestamp,\"nonce\":\"$nonce\",\"sign\":\"$sign\"}"
  answer="$(curl -sS -X POST "$url/api/member/createOrRenewMember" -H 'Content-Type: application/json' --data "$body")"
  echo "$answer"
  [[ "$answer" == '{"code":0,'* ]]
}

show() {
  check systemId "$1" '^[A-Za-z0-9._-]{1,64}$'
  check userId "$2" '^[A-Za-z0-9._:@-]{1,128}$'
  local credential="${PAYONCE_API_KEY:-${PAYONCE_ADMIN_TOKEN:-}}"
  [ -n "$credential" ] || die "set PAYONCE_API_KEY (a key with the members scope) or PAYONCE_ADMIN_TOKEN"
  curl -sS "$url/api/member/$1/$2" -H "Authorization: Bearer $credential"
  echo
}

command="${1:-}"
shift || true
case "$command" in
  create-system) [ $# -ge 1 ] || die "usage: create-system SYSTEM_ID [KEY_FILE]"; create_system "$@" ;;
  seed)          [ $# -ge 1 ] || die "usage: seed SYSTEM_ID [COUNT] [DAYS] [USER_ID_PREFIX]"; seed "$@" ;;
  renew)         [ $# -eq 5 ] || die "usage: renew SYSTEM_ID KEY_FILE USER_ID ORDER_NO DAYS"; renew "$@" ;;
  show)          [ $# -eq 2 ] || die "usage: show SYSTEM_ID USER_ID"; show "$@" ;;
  *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2 ;;
esac
