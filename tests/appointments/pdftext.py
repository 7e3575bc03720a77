"""Read the text back out of an fpdf2 PDF: content streams decoded through the
embedded font's ToUnicode CMap (no PDF library is installed)."""

import re
import zlib

_STREAM = re.compile(rb"/Length (\d+)[^>]*>>\s*stream\r?\n", re.S)
_BFCHAR = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _streams(pdf: bytes) -> list[bytes]:
    out = []
    for match in _STREAM.finditer(pdf):
        raw = pdf[match.end() : match.end() + int(match.group(1))]
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)
    return out


def _literal(body: bytes) -> bytes:
    """Undo PDF literal-string escapes."""
    out, i = bytearray(), 0
    while i < len(body):
        c = body[i : i + 1]
        if c == b"\\":
            nxt = body[i + 1 : i + 2]
            octal = re.match(rb"[0-7]{1,3}", body[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                i += 1 + len(octal.group())
                continue
            out += _ESCAPES.get(nxt, nxt)
            i += 2
            continue
        out += c
        i += 1
    return bytes(out)


def _strings(content: bytes) -> list[bytes]:
    """Every literal string shown with Tj."""
    found, i = [], 0
    while (start := content.find(b"(", i)) != -1:
        depth, j = 1, start + 1
        while depth:
            if content[j : j + 1] == b"\\":
                j += 2
                continue
            depth += {b"(": 1, b")": -1}.get(content[j : j + 1], 0)
            j += 1
        found.append(_literal(content[start + 1 : j - 1]))
        i = j
    return found


def pdf_text(pdf: bytes) -> str:
    streams = _streams(pdf)
    cmap = {}
    for stream in streams:
        if b"beginbfchar" in stream:
            for code, uni in _BFCHAR.findall(stream):
                cmap[int(code, 16)] = bytes.fromhex(uni.decode()).decode("utf-16-be")
    lines = []
    for stream in streams:
        if b" Tj" not in stream:
            continue
        for raw in _strings(stream):
            codes = [
                int.from_bytes(raw[k : k + 2], "big") for k in range(0, len(raw), 2)
            ]
            lines.append("".join(cmap.get(code, "?") for code in codes))
    return "\n".join(lines)
