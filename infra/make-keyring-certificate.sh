#!/usr/bin/env bash
# Makes the certificate that encrypts the services' Data Protection key rings where they are stored
# (webhook signing secrets in Notifications, sign-in cookies in the Studio). Outside Development a
# service without one refuses to start. Writes keyring.pfx into the folder given, by default
# infra/certs/keyring (git ignores infra/certs), which docker-compose.yml mounts read-only at
# /run/keyring, and prints the password for .env. infra/make-compose-certificates.sh runs it.
#
#   infra/make-keyring-certificate.sh            # a new random password
#   KEYRING_CERTIFICATE_PASSWORD=... infra/make-keyring-certificate.sh [folder]
#
# Keep the .pfx and its password as you keep database backups' keys: without them the stored key
# ring, and every webhook secret it protects, cannot be read (subscriptions would have to be made
# again). An existing file is never overwritten.
set -euo pipefail

folder="${1:-$(cd "$(dirname "$0")" && pwd)/certs/keyring}"
pfx="$folder/keyring.pfx"
if [[ -e "$pfx" ]]; then
  echo "$pfx already exists; move it away first if you really mean to replace it." >&2
  exit 1
fi
command -v openssl >/dev/null || { echo "openssl is needed (apt-get install openssl)." >&2; exit 1; }

password="${KEYRING_CERTIFICATE_PASSWORD:-$(openssl rand -base64 24)}"
mkdir -p "$folder"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# RSA, as Data Protection's XML encryption needs; ten years, since it only wraps keys and expiry is not checked.
openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes \
  -subj "/CN=Publishing Data Protection key ring" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
PFX_PASSWORD="$password" openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" \
  -out "$pfx" -passout env:PFX_PASSWORD
# The containers run as a non-root user and read it through a read-only mount.
chmod 644 "$pfx"

echo "Wrote $pfx"
if [[ -z "${KEYRING_CERTIFICATE_PASSWORD:-}" ]]; then
  echo "Add this line to the .env file beside docker-compose.yml:"
  echo "KEYRING_CERTIFICATE_PASSWORD=$password"
fi
