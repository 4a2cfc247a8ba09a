"""A small OpenID Connect provider for the tests, on a free loopback port.

It speaks the authorization code flow as a real provider does, over HTTP (mozilla-django-oidc
calls the token, JWKS and userinfo endpoints with `requests`): /authorize redirects back with a
code and the state, /token answers an RS256 id_token (signed with a key made for the test run)
and an access token, /userinfo the claims, /jwks the public key, /logout ends the session.

`login` holds the claims of the next person to log in; `tamper` makes /token answer a bad
id_token ("signature", "nonce", "audience", "expired") for the refusal tests.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "samverka"
CLIENT_SECRET = "hemligt-for-test"  # noqa: S105
KID = "testnyckel"


class Provider:
    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.login: dict = {}
        self.tamper: str | None = None
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.logouts: list[dict] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.issuer = self.url
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Provider":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def settings(self) -> dict:
        """The environment's settings, as settings.py reads them, for this provider."""
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
            "OIDC_OP_ISSUER": self.issuer,
            "OIDC_RP_SIGN_ALGO": "RS256",
        }

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [jwk | {"kid": KID, "alg": "RS256", "use": "sig"}]}

    def id_token(self, grant: dict) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": grant["claims"]["sub"],
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
        } | {k: v for k, v in grant["claims"].items() if k == "groups"}
        if self.tamper == "nonce":
            claims["nonce"] = "en-annan-nonce"
        if self.tamper == "audience":
            claims["aud"] = "ett-annat-program"
        if self.tamper == "expired":
            claims["iat"], claims["exp"] = now - 600, now - 300
        token = jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": KID})
        if self.tamper == "signature":
            header, payload, signature = token.split(".")
            forged = json.loads(base64.urlsafe_b64decode(payload + "=="))
            forged["groups"] = ["samverka-admin"]
            payload = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
            token = f"{header}.{payload}.{signature}"
        return token


def _handler(provider: Provider):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def _json(self, data: dict, status: int = 200) -> None:
            body = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _redirect(self, url: str) -> None:
            self.send_response(302)
            self.send_header("Location", url)
            self.end_headers()

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/authorize":
                code = secrets.token_urlsafe(16)
                provider.codes[code] = {
                    "claims": dict(provider.login),
                    "nonce": query.get("nonce"),
                    "redirect_uri": query["redirect_uri"],
                    "challenge": query.get("code_challenge"),
                }
                back = urlencode({"code": code, "state": query["state"]})
                self._redirect(f"{query['redirect_uri']}?{back}")
            elif url.path == "/jwks":
                self._json(provider.jwks())
            elif url.path == "/userinfo":
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if token not in provider.tokens:
                    self._json({"error": "invalid_token"}, 401)
                else:
                    self._json(provider.tokens[token])
            elif url.path == "/logout":
                provider.logouts.append(query)
                self._redirect(query.get("post_logout_redirect_uri", "/"))
            else:
                self._json({"error": "not_found"}, 404)

        def do_POST(self) -> None:
            if urlparse(self.path).path != "/token":
                self._json({"error": "not_found"}, 404)
                return
            length = int(self.headers.get("Content-Length", 0))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            grant = provider.codes.pop(form.get("code", ""), None)
            verifier = form.get("code_verifier", "")
            challenge = (
                base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                .rstrip(b"=")
                .decode()
            )
            if (
                grant is None
                or form.get("client_id") != CLIENT_ID
                or form.get("client_secret") != CLIENT_SECRET
                or form.get("redirect_uri") != grant["redirect_uri"]
                or (grant["challenge"] and challenge != grant["challenge"])
            ):
                self._json({"error": "invalid_grant"}, 400)
                return
            access = secrets.token_urlsafe(16)
            provider.tokens[access] = grant["claims"]
            self._json(
                {
                    "access_token": access,
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "id_token": provider.id_token(grant),
                }
            )

    return Handler
