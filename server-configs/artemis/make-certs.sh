#!/usr/bin/env bash
# Understudy: the certificates of a TLS broker (broker-tls.xml), made with keytool only (a JDK is all it needs).
#
#   make-certs.sh OUT_DIR NODE_ID...        e.g. make-certs.sh /srv/understudy-certs node-1 node-2 node-3
#
# Writes into OUT_DIR (created, mode 700; every file mode 600):
#   ca.p12            the cluster's certificate authority (its private key: keep it offline once done)
#   ca.pem            the CA certificate
#   truststore.p12    the CA certificate only: the broker trusts the node certificates it signed, the nodes
#                     trust the broker certificate it signed
#   broker.p12        the broker's key and certificate (CN=understudy-broker, SAN from BROKER_SAN)
#   <node>.p12        each node's key and client certificate (CN=node-<node>, the node's broker user)
#   store-password    the one password of every store above (random; give it to the broker and to each node
#                     by a file readable by them only, never on a command line)
# Environment: BROKER_SAN (default "ip:127.0.0.1,dns:localhost"): the names the nodes use to reach the broker;
#              VALIDITY_DAYS (default 365); STORE_PASSWORD (default: 32 random hex characters).
# Adding a node later: run it again with the same OUT_DIR and the new node id only; the CA, the broker store and
# the password are kept (and reused) when they exist.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "Usage: $0 OUT_DIR NODE_ID..." >&2
    exit 2
fi
out=$1
shift
for node in "$@"; do
    if [[ ! $node =~ ^[a-z0-9-]{1,32}$ ]]; then
        echo "Node id must match [a-z0-9-]{1,32}: $node" >&2
        exit 2
    fi
done
san=${BROKER_SAN:-ip:127.0.0.1,dns:localhost}
days=${VALIDITY_DAYS:-365}
umask 077
mkdir -p "$out"
chmod 700 "$out"
cd "$out"

if [[ -f store-password ]]; then
    pass=$(cat store-password)
else
    pass=${STORE_PASSWORD:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}
    printf '%s' "$pass" > store-password
fi
kt() {
    keytool -noprompt -storetype PKCS12 -storepass:env UNDERSTUDY_STORE_PASSWORD "$@" 2>&1 \
        | grep -v '^Certificate was added\|^Certificate reply was installed' || true
}
export UNDERSTUDY_STORE_PASSWORD=$pass

if [[ ! -f ca.p12 ]]; then
    kt -genkeypair -keystore ca.p12 -alias ca -keyalg EC -groupname secp256r1 -validity "$days" \
        -dname "CN=understudy-ca" -ext bc:c -ext ku:c=keyCertSign,cRLSign
    kt -exportcert -keystore ca.p12 -alias ca -rfc -file ca.pem
    kt -importcert -keystore truststore.p12 -alias understudy-ca -file ca.pem
fi

# signed NAME ALIAS DNAME EXT...: a key pair in NAME.p12 with a certificate the CA signed, and the CA chain
signed() {
    local name=$1 alias=$2 dname=$3
    shift 3
    rm -f "$name.p12"
    kt -genkeypair -keystore "$name.p12" -alias "$alias" -keyalg EC -groupname secp256r1 -validity "$days" \
        -dname "$dname"
    kt -certreq -keystore "$name.p12" -alias "$alias" -file "$name.csr"
    kt -gencert -keystore ca.p12 -alias ca -infile "$name.csr" -outfile "$name.crt" -validity "$days" "$@"
    kt -importcert -keystore "$name.p12" -alias understudy-ca -file ca.pem
    kt -importcert -keystore "$name.p12" -alias "$alias" -file "$name.crt"
    rm -f "$name.csr" "$name.crt"
}

if [[ ! -f broker.p12 ]]; then
    signed broker broker "CN=understudy-broker" -ext "san=$san" -ext ku:c=digitalSignature,keyEncipherment \
        -ext eku=serverAuth
fi
for node in "$@"; do
    signed "$node" "$node" "CN=node-$node" -ext ku:c=digitalSignature,keyEncipherment -ext eku=clientAuth
done
chmod 600 ./*
echo "Certificates in $out: ca.p12 ca.pem truststore.p12 broker.p12 $(printf '%s.p12 ' "$@")store-password"
