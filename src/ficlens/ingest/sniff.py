"""Which reader a file needs, decided from its content (the extension is only a hint)."""

from __future__ import annotations

import re

from ficlens.ingest.ao3 import looks_like_ao3
from ficlens.ingest.fanficfare import looks_like_fanficfare_html
from ficlens.ingest.ffnet import looks_like_ffnet

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
HTML_SNIFF_CHARS = 65536
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p)\b",
    re.IGNORECASE | re.DOTALL,
)


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def looks_like_html(text: str) -> bool:
    head = text[:HTML_SNIFF_CHARS].lstrip("\ufeff")
    return bool(_HTML_START.match(head))


def html_flavour(text: str) -> str:
    """``ao3-html``, ``ffnet-html``, ``fanficfare-html`` or plain ``html``."""
    head = text[:HTML_SNIFF_CHARS]
    if looks_like_ao3(head):
        return "ao3-html"
    if looks_like_fanficfare_html(head):
        return "fanficfare-html"
    if looks_like_ffnet(head):
        return "ffnet-html"
    return "html"
