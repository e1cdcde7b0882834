"""Solving the proof of work in tests, as the widget (themes/base/js/altcha.js) does."""

import base64
import hashlib
import json


def solve(challenge: dict) -> str:
    """The ALTCHA v1 payload for ``challenge`` (the JSON of /tham-gia/thu-thach/)."""
    for number in range(challenge["maxNumber"] + 1):
        digest = hashlib.sha256(f"{challenge['salt']}{number}".encode()).hexdigest()
        if digest == challenge["challenge"]:
            data = {**{k: challenge[k] for k in ("algorithm", "challenge", "salt", "signature")}}
            data["number"] = number
            return base64.b64encode(json.dumps(data).encode()).decode()
    raise AssertionError("unsolvable challenge")


def fetch_proof(client, host: str) -> str:
    response = client.get("/tham-gia/thu-thach/", HTTP_HOST=host)
    assert response.status_code == 200
    return solve(response.json())
