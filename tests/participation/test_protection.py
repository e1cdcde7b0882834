"""The protections of visitors' forms (participation.protection), through HTTP where
a visitor meets them and on the base form where a page's form uses them."""

import base64
import json

import pytest

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from participation.protection import ProtectedForm, check_proof, clean_attachment, clean_text
from tests.conftest import in_site
from tests.participation.pow import fetch_proof, solve

pytestmark = pytest.mark.django_db


class AskForm(ProtectedForm):
    title = forms.CharField(max_length=100)


def test_challenge_is_fresh_and_never_cached(client, sites):
    first = client.get("/tham-gia/thu-thach/", HTTP_HOST="beta.test")
    second = client.get("/tham-gia/thu-thach/", HTTP_HOST="beta.test")
    assert first.status_code == 200
    assert "private" in first["Cache-Control"] or "no-cache" in first["Cache-Control"]
    assert first.json()["signature"] != second.json()["signature"]
    assert first.json()["algorithm"] == "SHA-256"
    assert "expires=" in first.json()["salt"]


def test_a_solved_proof_passes_once(client, sites):
    proof = fetch_proof(client, "beta.test")
    with in_site(sites.beta):
        form = AskForm({"title": "Hỏi", "altcha": proof, "website": ""})
        assert form.is_valid(), form.errors
        replay = AskForm({"title": "Hỏi", "altcha": proof, "website": ""})
        assert not replay.is_valid()
        assert "đã được dùng" in str(replay.non_field_errors())


def test_missing_forged_and_other_sites_proofs_are_refused(client, sites):
    proof = fetch_proof(client, "beta.test")
    data = json.loads(base64.b64decode(proof))
    forged = base64.b64encode(json.dumps({**data, "number": data["number"] + 1}).encode())
    with in_site(sites.beta):
        assert not AskForm({"title": "Hỏi"}).is_valid()
        assert "JavaScript" in str(AskForm({"title": "Hỏi"}).errors)
        for bad in (forged.decode(), "rác", "x" * 5000, base64.b64encode(b"[1]").decode()):
            form = AskForm({"title": "Hỏi", "altcha": bad})
            assert not form.is_valid()
            assert "không hợp lệ" in str(form.non_field_errors())
    # a proof of beta's is worthless on alpha
    with in_site(sites.alpha):
        assert not AskForm({"title": "Hỏi", "altcha": proof}).is_valid()


def test_an_expired_proof_is_refused(client, sites):
    with override_settings(PARTICIPATION_CHALLENGE_TTL=-10):
        challenge = client.get("/tham-gia/thu-thach/", HTTP_HOST="beta.test").json()
    with in_site(sites.beta), pytest.raises(forms.ValidationError):
        check_proof(solve(challenge))


def test_a_proof_is_kept_when_another_field_is_wrong(client, sites):
    proof = fetch_proof(client, "beta.test")
    with in_site(sites.beta):
        assert not AskForm({"title": "", "altcha": proof}).is_valid()
        assert AskForm({"title": "Hỏi", "altcha": proof}).is_valid()


def test_honeypot(client, sites):
    proof = fetch_proof(client, "beta.test")
    with in_site(sites.beta):
        form = AskForm({"title": "Hỏi", "altcha": proof, "website": "http://spam.example"})
        assert not form.is_valid()
        assert form.spam


def test_text_is_nfc_without_markup(sites):
    assert clean_text("  <b>Xin</b> <script>x</script>hỏi\x00 ve\u0301  ") == "Xin xhỏi vé"
    with in_site(sites.beta):
        form = AskForm({"title": "<i>Đất</i> đai", "altcha": "x"})
        form.is_valid()
        assert form.cleaned_data["title"] == "Đất đai"


def test_attachments_are_checked_by_content_and_size():
    pdf = SimpleUploadedFile("don.pdf", b"%PDF-1.4\n...", content_type="application/pdf")
    assert clean_attachment(pdf) is pdf
    spoof = SimpleUploadedFile("anh.png", b"MZ\x90\x00 a program", content_type="image/png")
    with pytest.raises(forms.ValidationError):
        clean_attachment(spoof)
    program = SimpleUploadedFile("x.exe", b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(forms.ValidationError):
        clean_attachment(program)
    with pytest.raises(forms.ValidationError, match="quá lớn"):
        clean_attachment(SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2000), max_size=1000)


def test_submissions_need_this_sites_origin(client, sites):
    url = "/tham-gia/gui/999999/"
    assert client.post(url, HTTP_HOST="beta.test").status_code == 403
    refused = client.post(url, HTTP_HOST="beta.test", HTTP_ORIGIN="https://evil.example")
    assert refused.status_code == 403
    assert "Không nhận được" in refused.content.decode()
    # same origin: on to the page (none here)
    assert (
        client.post(url, HTTP_HOST="beta.test", HTTP_ORIGIN="http://beta.test").status_code == 404
    )


@override_settings(PARTICIPATION_RATE_LIMIT=3)
def test_a_flood_gets_429_and_others_are_unaffected(client, sites):
    url = "/tham-gia/gui/999999/"
    origin = {"HTTP_HOST": "beta.test", "HTTP_ORIGIN": "http://beta.test"}
    codes = [client.post(url, REMOTE_ADDR="203.0.113.5", **origin).status_code for _ in range(5)]
    assert codes == [404, 404, 404, 429, 429]
    flood = client.post(url, REMOTE_ADDR="203.0.113.5", **origin)
    assert "quá nhiều lần" in flood.content.decode()
    assert flood["Retry-After"]
    # another visitor, and the same address on another site, are served
    assert client.post(url, REMOTE_ADDR="203.0.113.6", **origin).status_code == 404
    other_site = {"HTTP_HOST": "alpha.test", "HTTP_ORIGIN": "http://alpha.test"}
    assert client.post(url, REMOTE_ADDR="203.0.113.5", **other_site).status_code == 404
