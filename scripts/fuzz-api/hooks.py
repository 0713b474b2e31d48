"""Schemathesis hooks for `make fuzz-api` (loaded through SCHEMATHESIS_HOOKS).

Every request goes to the fuzz tenant's host and carries an owner's access
token. The token is fetched by signing in, and fetched again before it
expires (access tokens live at most 15 minutes), so a long run keeps
testing as the owner rather than meeting 401s.
"""

import os

import requests
import schemathesis

ORIGIN = os.environ["FUZZ_API_ORIGIN"]
TENANT_HOST = os.environ["FUZZ_API_TENANT_HOST"]
OWNER_EMAIL = os.environ["FUZZ_API_OWNER_EMAIL"]
OWNER_PASSWORD = os.environ["FUZZ_API_OWNER_PASSWORD"]


@schemathesis.auth(refresh_interval=600)
class OwnerToken:
    def get(self, case, context):
        answer = requests.post(
            f"{ORIGIN}/api/v1/auth/login",
            json={"email": OWNER_EMAIL, "password": OWNER_PASSWORD},
            headers={"Host": TENANT_HOST},
            timeout=30,
        )
        answer.raise_for_status()
        return answer.json()["access_token"]

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
