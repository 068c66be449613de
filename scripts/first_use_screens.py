"""Screenshots for docs/first-use.md: what each role sees first, in a 360 px phone window.

Runs against a server started by `make run` (demo data): `.venv/bin/python
scripts/first_use_screens.py http://127.0.0.1:8000`. Each picture is reduced to a small
palette so it stays well under 60 KB."""

import shutil
import sys
import tempfile
from io import BytesIO
from pathlib import Path

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

OUT = Path(__file__).resolve().parent.parent / "docs" / "img"
PASSWORD = "jaga-demo-2026"
DEMO_CODE = "12345678"  # the demo's recovery code for roles that sign in in two steps


def browser() -> tuple[webdriver.Chrome, str]:
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"  # Debian's
    profile = tempfile.mkdtemp(prefix="jaga-shots-")
    for flag in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--lang=id",
        "--hide-scrollbars",
        "--window-size=360,740",
        f"--user-data-dir={profile}",
    ]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_window_size(360, 740)
    return driver, profile


def shot(driver: webdriver.Chrome, name: str) -> None:
    image = Image.open(BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    image = image.resize((360, round(image.height * 360 / image.width)))
    image.quantize(colors=48).save(OUT / f"{name}.png", optimize=True)


def submit(driver: webdriver.Chrome) -> None:
    """Press the form's button and wait for the next page."""
    before = driver.current_url
    driver.find_element(By.CSS_SELECTOR, "main form button").click()
    WebDriverWait(driver, 15).until(lambda d: d.current_url != before)
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def sign_in(driver: webdriver.Chrome, base: str, username: str, then: str) -> None:
    driver.delete_all_cookies()
    driver.get(f"{base}/masuk/?next={then}")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    submit(driver)
    if "/keamanan/dua-langkah/" in driver.current_url:
        driver.find_element(By.NAME, "code").send_keys(DEMO_CODE)
        submit(driver)


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    driver, profile = browser()
    try:
        driver.get(f"{base}/masuk/")
        shot(driver, "first-use-sign-in")
        sign_in(driver, base, "rt.manggar.001", "/laporan/baru/")
        shot(driver, "first-use-rt-report")
        sign_in(driver, base, "manajer.kasus", "/laporan/antrean/")
        shot(driver, "first-use-queue")
        driver.delete_all_cookies()
        driver.get(f"{base}/lapor/")
        shot(driver, "first-use-public")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
