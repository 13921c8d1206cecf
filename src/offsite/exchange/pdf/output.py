"""Writing a PDF Offsite lays out: the destination checked first, the fonts loaded, the bytes made,
then written whole (a temporary file beside ``out``, flushed, renamed over it) or not at all.

The plan PDF and the results report both end here, so both refuse a folder or a missing folder
with the same sentence, and both leave ``out`` untouched when cancelled or when the disk fills.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from offsite.domain.errors import CancelledError, ExportError
from offsite.domain.language import translate
from offsite.exchange import fonts
from offsite.exchange.pdf.progress import CANCELLED_MESSAGE, Run
from offsite.store.files import write_whole


def write_pdf(out: Path | str, run: Run, produce: Callable[[], bytes]) -> Path:
    """Check ``out``, make the PDF's bytes with ``produce()`` and write them whole to ``out``.

    Raises CancelledError when ``run`` is cancelled (nothing is written), DiskFullError when the
    disk fills up, and ExportError when ``out`` cannot be written (a folder, a missing or read-only
    folder) or the bundled fonts are missing; a file already at ``out`` then stays as it was.
    """
    out = Path(out)
    if out.is_dir():
        raise ExportError(
            translate(
                "PdfExport", "“{file}” is a folder; choose a file name for the PDF, such as “plan.pdf”."
            ).format(file=out)
        )
    folder = out.parent
    if not folder.is_dir():
        raise ExportError(
            translate(
                "PdfExport",
                "The folder “{folder}” does not exist or is not a folder; choose another place for the PDF.",
            ).format(folder=folder)
        )
    run.check()
    try:
        fonts.font_chain()
    except (OSError, ValueError) as error:
        raise ExportError(
            translate(
                "PdfExport", "The fonts the PDF needs could not be loaded ({error}); reinstall Offsite."
            ).format(error=error)
        ) from error
    try:
        data = produce()
    except CancelledError:
        raise CancelledError(translate("PdfExport", CANCELLED_MESSAGE)) from None
    run.check()
    write_whole(out, data)
    run.finish()
    return out
