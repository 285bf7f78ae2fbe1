"""How big a statement may be, so that a hostile or runaway file is refused before it costs anything.

A real statement is at most tens of thousands of rows and a few MB. Three caps, each a setting:
- the upload's bytes (checked before anything is decoded or unzipped),
- the rows of the statement (reading stops as soon as there are more),
- how far an Excel file unpacks (the sizes its zip archive declares, checked before openpyxl opens it;
  Python's zipfile never inflates a member beyond its declared size, so the declaration is a real bound).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fintrack.errors import ValidationError

if TYPE_CHECKING:  # the settings declare their defaults from here
    from fintrack.config import Settings

MB = 1024 * 1024  # what Streamlit's server.maxUploadSize calls a megabyte
DEFAULT_MAX_BYTES = 10 * MB
DEFAULT_MAX_ROWS = 100_000
DEFAULT_MAX_XLSX_EXPANDED = 100 * MB


@dataclass(frozen=True)
class ImportLimits:
    """The caps one import is read under (the defaults are the settings' defaults)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_rows: int = DEFAULT_MAX_ROWS
    max_xlsx_expanded: int = DEFAULT_MAX_XLSX_EXPANDED

    @classmethod
    def from_settings(cls, settings: Settings) -> ImportLimits:
        return cls(settings.import_max_bytes, settings.import_max_rows, settings.import_max_xlsx_expanded)

    @property
    def max_upload_megabytes(self) -> int:
        """The bytes cap in whole MB, rounded up, for the file uploader's own limit."""
        return -(-self.max_bytes // MB)

    def check_bytes(self, size: int) -> None:
        if size > self.max_bytes:
            raise _refused(f"{_is_more(size, self.max_bytes)} a statement may be (setting "
                           "FINTRACK_IMPORT_MAX_BYTES); export a shorter period and upload that")

    def check_rows(self, rows: int) -> None:
        """`rows` is what was read before reading stopped: more than the cap means the file has more."""
        if rows > self.max_rows:
            raise _refused(f"has more than {self.max_rows:,} rows, the most a statement may have (setting "
                           "FINTRACK_IMPORT_MAX_ROWS); export a shorter period and upload that")

    def check_expanded(self, size: int) -> None:
        if size > self.max_xlsx_expanded:
            raise _refused(f"{_is_more(size, self.max_xlsx_expanded, verb='unpacks to')} an Excel statement "
                           "may unpack to (setting FINTRACK_IMPORT_MAX_XLSX_EXPANDED); export a shorter period, "
                           "or as CSV, and upload that")


def _refused(problem: str) -> ValidationError:
    return ValidationError({"file": problem})


def _is_more(size: int, cap: int, *, verb: str = "is") -> str:
    """'is 12 MB, more than the 10 MB' ('is more than the 10 MB' when both round to the same text)."""
    shown, most = describe_size(size), describe_size(cap)
    return f"{verb} {shown}, more than the {most}" if shown != most else f"{verb} more than the {most}"


def describe_size(size: int) -> str:
    """'10 MB', '2.5 MB', '800 KB' or '12 bytes' (1 MB = 1024 KB, as Streamlit counts)."""
    for unit, name in ((MB, "MB"), (1024, "KB")):
        if size >= unit:
            return f"{size / unit:,.1f}".removesuffix(".0") + f" {name}"
    return f"{size} bytes"
