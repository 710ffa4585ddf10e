"""One exception per kind of failure. The CLI, the flows and the web app turn them into a quarantine
reason or a message; nothing below them prints."""

from __future__ import annotations


class HotichError(Exception):
    """Base of every error hotich raises on purpose. ``reason`` is a short, stable code."""

    reason = "error"
    exit_code = 1


class InputFileError(HotichError):
    """The input cannot be used. Subclasses say why; the file is quarantined, the batch goes on."""

    reason = "input_error"
    exit_code = 2


class UnsupportedFormatError(InputFileError):
    reason = "unsupported_format"


class CorruptFileError(InputFileError):
    reason = "corrupt"


class EmptyFileError(InputFileError):
    reason = "empty"


class EncryptedFileError(InputFileError):
    reason = "encrypted"


class FileTooLargeError(InputFileError):
    reason = "too_large"


class OcrTimeoutError(HotichError):
    reason = "ocr_timeout"
    exit_code = 3


class OcrEngineError(HotichError):
    """Tesseract is missing or failed in a way that is not the input's fault."""

    reason = "ocr_engine"
    exit_code = 4


class SearchBackendError(HotichError):
    reason = "search_backend"
    exit_code = 5


class ConfigurationError(HotichError):
    reason = "configuration"
    exit_code = 6
