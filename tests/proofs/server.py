"""The production server for the fault and load proofs: gunicorn on a free 127.0.0.1 port
against a PostgreSQL database, and a browser-like sign-in through the real pages (password,
then the second step with a one-time code prepared beforehand; two-factor stays on)."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(database_url: str, *, workers: int = 1, threads: int = 2, log=None):
    """Start gunicorn bound to 127.0.0.1 only and wait (at most 30 s) until it answers."""
    port = free_port()
    env = {**os.environ, "JAGA_DATABASE_URL": database_url, "JAGA_DEBUG": "0"}
    # With DEBUG off pages name their static files through the manifest: on a fresh clone it
    # does not exist until collectstatic has run (make run does it; tests may come first).
    subprocess.run(
        [sys.executable, "-m", "jaga.cli", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    process = subprocess.Popen(
        [GUNICORN, "jaga.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--threads", str(threads), "--graceful-timeout", "5", "--keep-alive", "75"],
        cwd=ROOT, env=env, stdout=log or subprocess.DEVNULL, stderr=log or subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/sehat/", timeout=2)  # noqa: S310 - local only
            return process, base
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("gunicorn stopped while starting") from None
            time.sleep(0.3)
    stop(process)
    raise RuntimeError("gunicorn did not answer within 30 s")


def stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def one_time_codes(person, count: int = 1) -> list[str]:
    """Give a person who needs the second step an authenticator (so the page asks for a code)
    and ``count`` recovery codes to type, as an enrolled person has."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.get_or_create(user=person, name="proof", defaults={"confirmed": True})
    device, _ = StaticDevice.objects.get_or_create(
        user=person, name="recovery", defaults={"confirmed": True}
    )
    codes = [secrets.token_hex(4) for _ in range(count)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def production_password(person, password: str) -> None:
    """Store the password with the server's hasher (the test settings use a fast one the
    production server does not accept)."""
    from django.contrib.auth.hashers import Argon2PasswordHasher

    hasher = Argon2PasswordHasher()
    person.password = hasher.encode(password, hasher.salt())
    person.save(update_fields=["password"])


def csrf_from(html: str) -> str:
    match = CSRF_INPUT.search(html)
    if not match:
        raise AssertionError("no CSRF token on the page")
    return match.group(1)


def sign_in(session, username: str, password: str, code: str | None = None, base: str = ""):
    """Sign in like a browser: ``session`` is a requests (or locust) session."""
    page = session.get(f"{base}/masuk/")
    data = {"username": username, "password": password, "csrfmiddlewaretoken": csrf_from(page.text)}
    answer = session.post(f"{base}/masuk/", data=data)
    if code is not None:
        step = session.get(f"{base}/keamanan/dua-langkah/")
        form = {"code": code, "csrfmiddlewaretoken": csrf_from(step.text)}
        answer = session.post(f"{base}/keamanan/dua-langkah/", data=form)
    if "/masuk/" in answer.url or "dua-langkah" in answer.url:
        raise AssertionError(f"sign-in of {username} did not finish: {answer.url}")
    return answer
