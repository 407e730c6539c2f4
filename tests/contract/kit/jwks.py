"""The auth provider's side of sign-in, played locally: signing keys, the JWKS they are
published in, and the OpenID userinfo endpoint.

The backend under test is pointed at these servers by its auth provider's own settings
(kit/auth.py), so it fetches, caches and rotates keys exactly as it would against Clerk,
Auth0 or Supabase. The same document is served over plain HTTP and over HTTPS (Auth0's
settings accept only https:// URLs); the HTTPS certificate for 127.0.0.1 is signed by a
local CA handed to the backend through SSL_CERT_FILE, which Python's httpx and Rust's
rustls-native-certs both honour.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import ssl
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID


@dataclass
class SigningKey:
    """One private key with its key id and algorithm (RS256 or ES256)."""

    kid: str
    algorithm: str
    private: Any

    @classmethod
    def new(cls, algorithm: str) -> SigningKey:
        private = (rsa.generate_private_key(public_exponent=65537, key_size=2048)
                   if algorithm == "RS256" else ec.generate_private_key(ec.SECP256R1()))
        return cls(f"contract-{algorithm.lower()}-{uuid.uuid4().hex[:8]}", algorithm, private)

    def jwk(self) -> dict[str, Any]:
        algo = jwt.algorithms.RSAAlgorithm if self.algorithm == "RS256" else jwt.algorithms.ECAlgorithm
        public: dict[str, Any] = json.loads(algo.to_jwk(self.private.public_key()))
        return {**public, "kid": self.kid, "alg": self.algorithm, "use": "sig"}

    def sign(self, claims: dict[str, Any], headers: dict[str, Any] | None = None) -> str:
        return jwt.encode(claims, self.private, algorithm=self.algorithm,
                          headers={"kid": self.kid, **(headers or {})})


@dataclass
class KeySet:
    """The keys the provider publishes now; `rotate` publishes a new one (old ones stay)."""

    published: list[SigningKey] = field(default_factory=lambda: [SigningKey.new("RS256"),
                                                                 SigningKey.new("ES256")])
    fetches: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def key(self, algorithm: str = "RS256") -> SigningKey:
        return next(k for k in self.published if k.algorithm == algorithm)

    def rotate(self, algorithm: str = "RS256") -> SigningKey:
        new = SigningKey.new(algorithm)
        with self.lock:
            self.published.insert(0, new)
        return new

    def document(self) -> bytes:
        with self.lock:
            self.fetches += 1
            return json.dumps({"keys": [k.jwk() for k in self.published]}).encode()


class _Handler(BaseHTTPRequestHandler):
    keys: KeySet

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path.endswith("jwks.json"):
            self._send(200, self.keys.document())
        elif self.path.rstrip("/").endswith("userinfo"):
            self._send(*self._userinfo())
        else:
            self._send(404, b'{"error": "not found"}')

    def _userinfo(self) -> tuple[int, bytes]:
        """Auth0's /userinfo: the profile claims of the bearer token (signature not checked:
        the backend has verified it before asking)."""
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return 401, b'{"error": "invalid_token"}'
        profile = {k: claims[k] for k in ("sub", "email", "email_verified", "name") if k in claims}
        return 200, json.dumps(profile).encode()

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence access logs
        pass


def _certificate(subject: x509.Name, key: ec.EllipticCurvePrivateKey, issuer: x509.Name,
                 signer: ec.EllipticCurvePrivateKey, ca: bool) -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if not ca:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    return builder.sign(signer, hashes.SHA256())


def self_signed_certificate(folder: Path) -> tuple[Path, Path, Path]:
    """A CA, and a certificate for 127.0.0.1 it signed, with that certificate's key: PEM files
    in `folder` (CA, certificate, key). Two certificates, not one self-signed: rustls (the Axum
    backend) refuses a CA certificate as the server's own (webpki's CaUsedAsEndEntity)."""
    ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "saasgen contract suite CA")])
    server_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    ca = _certificate(ca_name, ca_key, ca_name, ca_key, ca=True)
    server = _certificate(server_name, server_key, ca_name, ca_key, ca=False)
    ca_path, cert_path, key_path = folder / "jwks-ca.pem", folder / "jwks-cert.pem", folder / "jwks-key.pem"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(server.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(server_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()))
    return ca_path, cert_path, key_path


class IdentityServer:
    """The JWKS (and userinfo) over HTTP and HTTPS on free loopback ports."""

    def __init__(self, keys: KeySet, folder: Path) -> None:
        handler = type("Handler", (_Handler,), {"keys": keys})
        self.http = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.https = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.ca_file, cert_file, key_file = self_signed_certificate(folder)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        self.https.socket = context.wrap_socket(self.https.socket, server_side=True)
        for server in (self.http, self.https):
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def url(self, secure: bool) -> str:
        server = self.https if secure else self.http
        scheme = "https" if secure else "http"
        return f"{scheme}://127.0.0.1:{server.server_address[1]}"

    def close(self) -> None:
        for server in (self.http, self.https):
            server.shutdown()
            server.server_close()
