#!/usr/bin/env bash
# The openssl side of the DKIM key differential test
# (Tests/SenderAuthCoreTests/Differential/DKIMKeyDifferentialTests.swift).
#
#   openssl_keys.sh generate DIR SPEC...
#       SPEC is NAME:rsa:BITS or NAME:ed25519. Generates the key with `openssl genpkey` and
#       writes its public half as DIR/NAME.spki.der (SubjectPublicKeyInfo) and, for RSA, as
#       DIR/NAME.pkcs1.der (PKCS#1 RSAPublicKey). The private key is removed.
#   openssl_keys.sh version
#       openssl's version line (nothing when openssl is missing).
#   openssl_keys.sh judge FILE...
#       For each DER file: a line "=== FILE EXIT" with the exit status of
#       `openssl pkey -pubin -inform DER -noout -text_pub`, then everything it printed.
set -uo pipefail
# Key generation keeps both cores busy for seconds: at a lower priority, the timing-sensitive
# tests that run beside it in `swift test` are not starved.
renice -n 10 $$ >/dev/null 2>&1 || true

command=${1:-}
shift || true
case "$command" in
generate)
  dir=$1
  shift
  for spec in "$@"; do
    IFS=: read -r name algorithm bits <<<"$spec"
    key="$dir/$name.pem"
    if [ "$algorithm" = rsa ]; then
      openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:$bits" -out "$key" 2>/dev/null &&
        openssl rsa -in "$key" -RSAPublicKey_out -outform DER -out "$dir/$name.pkcs1.der" \
          2>/dev/null
    else
      openssl genpkey -algorithm ED25519 -out "$key" 2>/dev/null
    fi || { echo "openssl_keys.sh: cannot generate $spec" >&2; exit 1; }
    openssl pkey -in "$key" -pubout -outform DER -out "$dir/$name.spki.der" ||
      { echo "openssl_keys.sh: cannot export $spec" >&2; exit 1; }
    rm -f "$key"
  done
  ;;
version)
  command -v openssl >/dev/null 2>&1 && openssl version
  ;;
judge)
  for file in "$@"; do
    output=$(openssl pkey -pubin -inform DER -in "$file" -noout -text_pub 2>&1)
    echo "=== $file $?"
    printf '%s\n' "$output"
  done
  ;;
*)
  echo "usage: openssl_keys.sh generate DIR SPEC... | version | judge FILE..." >&2
  exit 2
  ;;
esac
