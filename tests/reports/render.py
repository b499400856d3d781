"""Render a .docx with LibreOffice (headless) to PDF, then pages to PNG with poppler's pdftoppm,
and read the PDF back as text lines and word boxes with pdftotext. The PDFs and PNGs are kept
under tests/artifacts/word/ (``publish``) for a person to look at."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "word"

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
MISSING = None if SOFFICE and shutil.which("pdftoppm") and shutil.which("pdftotext") else (
    "LibreOffice (soffice) or poppler-utils is not installed: "
    "apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk (.ci/run installs them)")


def to_pdf(docx: Path, out: Path, profile: Path) -> Path:
    """docx → PDF in ``out``; ``profile`` is a throwaway LibreOffice user profile."""
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                   check=True, capture_output=True, timeout=180)
    return out / (docx.stem + ".pdf")


def to_pngs(pdf: Path, prefix: Path, dpi: int = 60) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(prefix)], check=True, timeout=120)
    return sorted(prefix.parent.glob(prefix.name + "*.png"))


def text_pages(pdf: Path) -> list[str]:
    """The text of each page (``pdftotext -layout``)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                         text=True, timeout=60).stdout
    return out.split("\f")


@dataclass
class Word:
    page: int
    x_min: float
    y_min: float
    x_max: float
    text: str


def words(pdf: Path) -> list[Word]:
    """Every word with its box (``pdftotext -bbox``), in points from the page's top left."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True,
                         timeout=60).stdout
    found, page = [], 0
    for line in out.splitlines():
        if "<page " in line:
            page += 1
        elif m := re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*)</word>', line):
            found.append(Word(page, float(m[1]), float(m[2]), float(m[3]), html.unescape(m[4])))
    return found


def publish(pdf: Path, name: str, pages: str) -> list[Path]:
    """Keep ``pdf`` as ARTIFACTS/<name>.pdf and its pages as ARTIFACTS/<pages>-N.png, replacing
    what an earlier run left under those names (and only those: other tests keep theirs)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{pages}-*.png"):
        old.unlink()
    shutil.copy(pdf, ARTIFACTS / f"{name}.pdf")
    return to_pngs(pdf, ARTIFACTS / pages)


@contextmanager
def rolled_back(django_db_blocker):
    """Database writes for a module-scoped fixture, undone when it is done."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def flat(page: str) -> str:
    """A page's text without any whitespace (pdftotext spaces CJK and Latin apart)."""
    return re.sub(r"\s+", "", page)
