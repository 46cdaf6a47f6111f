#!/usr/bin/env bash
# Makes the keys and certificates docker-compose.yml needs, in a folder git ignores (infra/certs by default):
#
#   ca/ca.crt                  a private certificate authority for this deployment (the public half). Every
#                              service trusts Keycloak through it (Auth__AuthorityCaCertificate); a browser
#                              that should trust https://localhost:8443 imports it (see infra/README.md).
#   ca-private/ca.key          the CA's private key. It signs the server certificate and is mounted nowhere.
#   keycloak/tls.crt, tls.key  Keycloak's TLS certificate for the names keycloak (the services, on the compose
#                              network), localhost and 127.0.0.1 (browsers), signed by the CA.
#   keyring/keyring.pfx        the certificate that encrypts the key rings (infra/make-keyring-certificate.sh).
#
#   infra/make-compose-certificates.sh            # into infra/certs
#   infra/make-compose-certificates.sh <folder>   # elsewhere
#
# Files that exist are kept: run it again to make only what is missing, e.g. delete keycloak/ to renew
# the server certificate under the same CA (browsers that trust the CA keep trusting it). Prints the
# lines .env needs the first time it makes the key ring.
set -euo pipefail

folder="${1:-$(cd "$(dirname "$0")" && pwd)/certs}"
here="$(cd "$(dirname "$0")" && pwd)"
command -v openssl >/dev/null || { echo "openssl is needed (apt-get install openssl)." >&2; exit 1; }

# The server certificate stays within what browsers accept from any CA (398 days); the CA outlives a
# few renewals but not forever, since whoever holds its key can impersonate any host to those who trust it.
CA_DAYS=1095
SERVER_DAYS=397
SERVER_NAMES="DNS:keycloak,DNS:localhost,IP:127.0.0.1"

mkdir -p "$folder/ca" "$folder/ca-private" "$folder/keycloak"
chmod 700 "$folder/ca-private"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

ca_crt="$folder/ca/ca.crt"
ca_key="$folder/ca-private/ca.key"
if [[ -e "$ca_crt" && -e "$ca_key" ]]; then
  echo "Keeping the CA in $folder/ca"
elif [[ -e "$ca_crt" || -e "$ca_key" ]]; then
  echo "Only half of the CA exists ($ca_crt, $ca_key); move what is there away first." >&2
  exit 1
else
  cat >"$work/ca.cnf" <<'EOF'
[req]
prompt = no
distinguished_name = dn
[dn]
CN = Publishing compose local CA
[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$ca_key" 2>/dev/null)
  openssl req -x509 -new -config "$work/ca.cnf" -extensions ca -key "$ca_key" -sha256 -days "$CA_DAYS" -out "$ca_crt"
  chmod 644 "$ca_crt"
  echo "Wrote the CA: $ca_crt (its key: $ca_key)"
fi

server_crt="$folder/keycloak/tls.crt"
server_key="$folder/keycloak/tls.key"
if [[ -e "$server_crt" && -e "$server_key" ]]; then
  echo "Keeping Keycloak's certificate in $folder/keycloak"
else
  cat >"$work/server.cnf" <<EOF
[server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = $SERVER_NAMES
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/tls.key" 2>/dev/null
  openssl req -new -key "$work/tls.key" -subj "/CN=keycloak" -out "$work/tls.csr"
  openssl x509 -req -in "$work/tls.csr" -CA "$ca_crt" -CAkey "$ca_key" -set_serial "0x$(openssl rand -hex 16)" \
    -sha256 -days "$SERVER_DAYS" -extfile "$work/server.cnf" -extensions server -out "$work/tls.crt" 2>/dev/null
  # Keycloak runs as its own user (uid 1000) and reads both through a read-only mount, whoever owns them here.
  install -m 644 "$work/tls.key" "$server_key"
  install -m 644 "$work/tls.crt" "$server_crt"
  echo "Wrote Keycloak's certificate for $SERVER_NAMES: $server_crt"
fi

if [[ -e "$folder/keyring/keyring.pfx" ]]; then
  echo "Keeping the key ring certificate in $folder/keyring"
else
  "$here/make-keyring-certificate.sh" "$folder/keyring"
fi
