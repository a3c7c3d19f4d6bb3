"""A corpus of credentials in their real formats, all fake: made from a seeded random source
at import time, so the repository holds no string a secret scanner would flag, yet every
value has the exact shape of the real thing. Also the placeholders that must stay silent."""

from __future__ import annotations

import base64
import random
import string

_RANDOM = random.Random(11)
_UPPER, _LOWER, _DIGITS = string.ascii_uppercase, string.ascii_lowercase, string.digits
_ALNUM = _UPPER + _LOWER + _DIGITS
_HEX = "0123456789abcdef"
_BASE64 = _ALNUM + "+/"


def _pick(alphabet: str, length: int) -> str:
    while True:
        value = "".join(_RANDOM.choice(alphabet) for _ in range(length))
        # Every class the alphabet offers appears, as in a real generated key.
        if all(
            any(char in cls for char in value)
            for cls in (_UPPER, _LOWER, _DIGITS)
            if any(char in cls for char in alphabet)
        ):
            return value


def _jwt() -> str:
    def part(data: str) -> str:
        return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")

    header = part('{"alg":"HS256","typ":"JWT"}')
    body = part('{"sub":"' + _pick(_DIGITS, 10) + '","name":"Agent ' + _pick(_UPPER, 6) + '"}')
    return f"{header}.{body}.{_pick(_ALNUM + '_-', 43)}"


def _private_key(kind: str) -> str:
    body = "\n".join(_pick(_BASE64, 64) for _ in range(4))
    return f"-----BEGIN {kind}PRIVATE KEY-----\n{body}\n-----END {kind}PRIVATE KEY-----"


_OPENAI_HALF = _pick(_ALNUM + "_-", 74)
_BASIC = base64.b64encode(f"svc-{_pick(_LOWER, 5)}:{_pick(_ALNUM, 14)}".encode()).decode()
_STRIPE = _pick(_ALNUM, 24)

# kind -> text holding a credential, as people paste it into a procedure.
CREDENTIALS: dict[str, str] = {
    "AWS access key id": "AKIA" + _pick(_UPPER + "234567", 16),
    "AWS secret access key (bare)": _pick(_BASE64, 40),
    "GitHub personal access token": "ghp_" + _pick(_ALNUM, 36),
    "GitHub fine-grained token": "github_pat_" + _pick(_ALNUM, 22) + "_" + _pick(_ALNUM, 59),
    "GitHub OAuth token": "gho_" + _pick(_ALNUM, 36),
    "GitLab personal access token": "glpat-" + _pick(_ALNUM, 20),
    "Slack bot token": f"xoxb-{_pick(_DIGITS, 11)}-{_pick(_DIGITS, 13)}-{_pick(_ALNUM, 24)}",
    "Slack user token": f"xoxp-{_pick(_DIGITS, 11)}-{_pick(_DIGITS, 12)}-{_pick(_DIGITS, 13)}"
    f"-{_pick(_HEX, 32)}",
    "Slack app token": f"xapp-1-A{_pick(_UPPER + _DIGITS, 10)}-{_pick(_DIGITS, 13)}-"
    f"{_pick(_HEX, 64)}",
    "Slack webhook": "https://hooks.slack.com/services/T"
    f"{_pick(_UPPER + _DIGITS, 8)}/B{_pick(_UPPER + _DIGITS, 10)}/{_pick(_ALNUM, 24)}",
    "Stripe live secret key": "sk_live_" + _STRIPE,
    "Stripe restricted key": "rk_live_" + _pick(_ALNUM, 24),
    "Stripe webhook secret": "whsec_" + _pick(_ALNUM, 32),
    "RSA private key": _private_key("RSA "),
    "OpenSSH private key": _private_key("OPENSSH "),
    "JWT": _jwt(),
    "JWT as a Bearer header": "Authorization: Bearer " + _jwt(),
    "opaque Bearer token": "Authorization: Bearer " + _pick(_ALNUM, 40),
    "Basic auth header": "Authorization: Basic " + _BASIC,
    "PostgreSQL URL with a password": f"postgres://support:{_pick(_ALNUM, 14)}@db.internal:5432/cx",
    "MongoDB URL with a password": f"mongodb+srv://cx:{_pick(_ALNUM, 16)}@cluster0.mongo.test/app",
    "HTTPS URL with a password": f"https://agent:{_pick(_ALNUM, 12)}@portal.example.test/login",
    "Google API key": "AIza" + _pick(_ALNUM + "_-", 35),
    "SendGrid API key": f"SG.{_pick(_ALNUM, 22)}.{_pick(_ALNUM, 43)}",
    "npm token": "npm_" + _pick(_LOWER + _DIGITS, 36),
    "OpenAI project key": f"sk-proj-{_pick(_ALNUM + '_-', 74)}T3BlbkFJ{_OPENAI_HALF}",
    "Azure storage account key": "DefaultEndpointsProtocol=https;AccountName=cxfiles;"
    f"AccountKey={_pick(_BASE64, 86)}==;EndpointSuffix=core.windows.net",
    "Shopify access token": "shpat_" + _pick(_HEX, 32),
    "Twilio API key": "SK" + _pick(_HEX, 32),
    "PyPI upload token": "pypi-AgEIcHlwaS5vcmc" + _pick(_ALNUM, 60),
    "DigitalOcean token": "dop_v1_" + _pick(_HEX, 64),
    "short password": "password: hunter2",
    "password with a dash": "Password - " + _pick(_ALNUM, 10) + "!",
    "password in front-matter style": "mailbox_password: " + _pick(_ALNUM, 12),
    "PIN": "PIN: 4" + _pick(_DIGITS, 3).replace("4", "7"),
    "user and password pair": "Log in with cx-admin / " + _pick(_ALNUM, 10) + "#",
    "API key assignment": "api_key=" + _pick(_ALNUM, 32),
    "client secret": "client_secret: " + _pick(_ALNUM + "~_", 34),
    "token assignment": "token: " + _pick(_ALNUM, 30),
}

# Text that talks about a credential, or stands in for one: never a finding.
PLACEHOLDERS: tuple[str, ...] = (
    "//registry.npmjs.org/:_authToken=$OAUTH_TOKEN",
    "export TOKEN=$(gcloud auth print-access-token)",
    "password=REDACTED",
    "https://app.example.test/callback?secret=YOUR_SECRET",
    "api_key=YOUR_API_KEY_HERE",
    "token: ${SUPPORT_BOT_TOKEN}",
    "password: <your password>",
    "password: '********'",
    "client_secret: {{ client_secret }}",
    "In the example config, set `password: 'Password1'` and change it on first login.",
    "password: changeme",
    "Password: ask the team lead for the shared mailbox.",
    "The password is never written here.",
    "token = see vault",
    "PIN: 1234",
    "postgres://user:password@localhost/db",
    "https://user:${PASSWORD}@host.example.test/",
    "Authorization: Bearer <token>",
    "Authorization: Bearer YOUR_ACCESS_TOKEN",
    "Keys are AKIAXXXXXXXXXXXXXXXX or ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx in the form.",
    "sk_test_" + _pick(_ALNUM, 24) + " is the training key.",
    "Reset the password: send the reset link from the user page.",
    "Rotate the API key every 90 days; the token expires after 30.",
)
