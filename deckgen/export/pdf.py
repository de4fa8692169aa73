"""PDF and PNG export through LibreOffice (headless) and poppler.

Both tools are optional: a deck builds without them, and every failure here is an
:class:`~deckgen.errors.ExportError` that says what to install or what went wrong.

LibreOffice needs care to run unattended (see docs on PowerPoint files):

* each run gets a throw-away profile (``-env:UserInstallation``) and ``HOME``, so runs can
  go in parallel; a second soffice on a shared profile hands its job to the first and exits;
* its exit status lies (0 for a file it could not load), so only the PDF's presence counts,
  and a stale PDF of the same name is deleted first;
* the theme fonts ship as PyPI packages, not system fonts; a fontconfig file in the run's
  temp folder adds their folders to the system configuration for that process only.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from deckgen.errors import ExportError
from deckgen.theming.fonts import font_dirs

INSTALL_LIBREOFFICE = (
    "install LibreOffice (Debian: apt-get install libreoffice-impress) to export PDF"
)
INSTALL_POPPLER = "install poppler (Debian: apt-get install poppler-utils) to render PDF pages"

#: The export filter and its options, as LibreOffice (7.4+) reads them after ``--convert-to``.
#: ``UseTaggedPDF`` writes the structure tree: without it the PDF loses the deck's alt text,
#: reading order and titles, and a screen reader finds only loose strings.
#: ``UseLosslessCompression`` keeps every picture as drawn: by default LibreOffice writes
#: them as JPEG, which put a visible off-white box (254 on 255) around each chart on its
#: page and blurred the edges of its labels.
PDF_FILTER = ('pdf:impress_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
              '"UseLosslessCompression":{"type":"boolean","value":"true"}}')  # fmt: skip

#: stderr lines LibreOffice prints on every run that mean nothing.
_NOISE = ("failed to launch javaldx",)


def libreoffice() -> str | None:
    """Path of ``soffice`` (or ``libreoffice``) on PATH, or ``None``."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(pptx: Path, out_dir: Path, *, timeout: float = 180) -> Path:
    """Convert ``pptx`` to ``out_dir/<stem>.pdf`` with LibreOffice; return the PDF's path.

    The PDF is tagged (structure tree, alt text, reading order). Hidden slides are not
    exported. Raises :class:`ExportError` if LibreOffice is missing,
    runs longer than ``timeout`` seconds, or writes no PDF.
    """
    pptx = Path(pptx).resolve()
    if not pptx.is_file():
        raise ExportError(f"{pptx}: cannot export to PDF: no such file")
    soffice = libreoffice()
    if soffice is None:
        raise ExportError(f"{pptx}: cannot export to PDF: {INSTALL_LIBREOFFICE}")
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / f"{pptx.stem}.pdf"
    pdf.unlink(missing_ok=True)

    with tempfile.TemporaryDirectory(prefix="deckgen-lo-", ignore_cleanup_errors=True) as tmp:
        run_dir = Path(tmp)
        home = run_dir / "home"
        home.mkdir()
        env = {
            **os.environ,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "FONTCONFIG_FILE": str(write_fontconfig(run_dir)),
        }
        cmd = [
            soffice,
            f"-env:UserInstallation={(run_dir / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(out_dir),
            str(pptx),
        ]
        stdout, stderr = _run(cmd, env=env, cwd=run_dir, timeout=timeout, what=str(pptx))

    if not pdf.is_file() or pdf.stat().st_size == 0:
        pdf.unlink(missing_ok=True)
        said = _tail(stderr) or _tail(stdout) or "(LibreOffice printed nothing)"
        raise ExportError(
            f"{pptx}: LibreOffice produced no PDF (is it a PowerPoint deck?); it said:\n{said}"
        )
    return pdf


def export_beside(pptx: Path, *, timeout: float = 180) -> Path:
    """Write ``<stem>.pdf`` beside ``pptx`` atomically; return its path.

    LibreOffice converts into a temporary folder in the same directory, and the PDF is then
    renamed into place: a failed or interrupted export leaves an earlier PDF untouched.
    Raises :class:`ExportError` as :func:`to_pdf` does; the message says the deck itself
    was written, so a user knows only the PDF is missing.
    """
    pptx = Path(pptx)
    target = pptx.with_suffix(".pdf")
    written = f"The deck {str(pptx)!r} was written and is complete; only the PDF is missing."
    if libreoffice() is None:
        raise ExportError(
            f"no PDF written: LibreOffice is not installed (no 'soffice' on PATH)\n"
            f"  hint: {INSTALL_LIBREOFFICE}, then run again with --pdf\n{written}"
        )
    staging = Path(tempfile.mkdtemp(prefix=f".{pptx.stem}.pdf.", dir=pptx.parent))
    try:
        try:
            pdf = to_pdf(pptx, staging, timeout=timeout)
        except ExportError as exc:
            raise ExportError(f"{exc.format_message()}\n{written}") from None
        os.replace(pdf, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def to_pngs(pdf: Path, out_dir: Path, *, dpi: int = 50) -> list[Path]:
    """Render each page of ``pdf`` to ``out_dir/<stem>-<n>.png``; return them in page order.

    PNGs left in ``out_dir`` by an earlier render of the same PDF are deleted first.
    """
    pdf = Path(pdf).resolve()
    if not pdf.is_file():
        raise ExportError(f"{pdf}: cannot render pages: no such file")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ExportError(f"{pdf}: cannot render pages: {INSTALL_POPPLER}")
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in _pages(out_dir, pdf.stem):
        stale.unlink()
    cmd = [pdftoppm, "-r", str(dpi), "-png", str(pdf), str(out_dir / pdf.stem)]
    try:
        done = subprocess.run(
            cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600
        )
    except subprocess.TimeoutExpired as exc:
        raise ExportError(f"{pdf}: pdftoppm timed out after 600 s") from exc
    pages = _pages(out_dir, pdf.stem)
    if done.returncode != 0 or not pages:
        said = _tail(done.stderr) or "(pdftoppm printed nothing)"
        raise ExportError(f"{pdf}: pdftoppm rendered no pages; it said:\n{said}")
    return pages


def pdf_page_count(pdf: Path) -> int:
    """Number of pages in ``pdf`` (``pdfinfo`` if installed, else a scan of the file)."""
    pdf = Path(pdf)
    if not pdf.is_file():
        raise ExportError(f"{pdf}: cannot count pages: no such file")
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is not None:
        try:
            done = subprocess.run(
                [pdfinfo, str(pdf)],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                errors="replace",
                timeout=60,
            )
        except subprocess.TimeoutExpired as exc:
            raise ExportError(f"{pdf}: pdfinfo timed out after 60 s") from exc
        found = re.search(r"^Pages:\s+(\d+)\s*$", done.stdout, re.MULTILINE)
        if done.returncode == 0 and found:
            return int(found.group(1))
        said = _tail(done.stderr) or "(pdfinfo printed nothing)"
        raise ExportError(f"{pdf}: not a readable PDF; pdfinfo said:\n{said}")
    data = pdf.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise ExportError(f"{pdf}: not a PDF")
    # Count page objects (not ``/Type /Pages``, the tree nodes). LibreOffice writes them in
    # the clear; a PDF that hides them in compressed object streams needs pdfinfo.
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    if pages == 0:
        raise ExportError(f"{pdf}: cannot count pages: {INSTALL_POPPLER}")
    return pages


def write_fontconfig(run_dir: Path) -> Path:
    """Write ``run_dir/fonts.conf``: the system configuration plus the bundled font folders.

    Point ``FONTCONFIG_FILE`` at it to let one process (LibreOffice) use the theme fonts
    without installing them. The cache folder (in ``run_dir``) comes first: fontconfig
    writes to the first writable one, so the bundled folders' cache never lands in the
    system's cache, even as root.
    """
    dirs = "\n".join(f"  <dir>{escape(str(d))}</dir>" for d in font_dirs())
    conf = run_dir / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n'
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig>\n"
        f"  <cachedir>{escape(str(run_dir / 'fontconfig-cache'))}</cachedir>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{dirs}\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


# -- helpers -----------------------------------------------------------------------------


def _run(
    cmd: list[str], *, env: dict[str, str], cwd: Path, timeout: float, what: str
) -> tuple[str, str]:
    """Run ``cmd`` in its own process group; on timeout kill the whole group.

    ``soffice`` is a script that starts ``oosplash`` which starts ``soffice.bin``: killing
    only the first would leave the converter running.
    """
    with subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        env=env,
        cwd=cwd,
        start_new_session=True,
    ) as proc:
        try:
            return proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            proc.communicate()
            raise ExportError(
                f"{what}: LibreOffice timed out after {timeout:g} s converting to PDF"
            ) from None
        except BaseException:
            _kill_group(proc)
            raise


def _kill_group(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)


def _tail(text: str, lines: int = 8) -> str:
    kept = [
        line.rstrip()
        for line in text.splitlines()
        if line.strip() and not any(noise in line for noise in _NOISE)
    ]
    return "\n".join(f"  {line}" for line in kept[-lines:])


def _pages(out_dir: Path, stem: str) -> list[Path]:
    """``<stem>-<n>.png`` files in ``out_dir``, sorted by page number (pdftoppm zero-pads)."""
    pattern = re.compile(rf"{re.escape(stem)}-(\d+)\.png")
    numbered = []
    for path in out_dir.glob(f"{glob.escape(stem)}-*.png"):
        found = pattern.fullmatch(path.name)
        if found:
            numbered.append((int(found.group(1)), path))
    return [path for _, path in sorted(numbered)]
