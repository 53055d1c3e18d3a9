"""Read the pixels of a PNG (8-bit RGB or RGBA, not interlaced, as chromium writes screenshots), with the standard library only."""

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _paeth(left, up, up_left):
    estimate = left + up - up_left
    distances = (abs(estimate - left), abs(estimate - up), abs(estimate - up_left))
    return (left, up, up_left)[distances.index(min(distances))]


def pixels(path):
    """(width, height, set of (r, g, b) colours present)."""
    data = open(path, "rb").read()
    assert data.startswith(SIGNATURE), f"{path} is not a PNG"
    position, idat, header = len(SIGNATURE), [], None
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind, body = data[position + 4:position + 8], data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        position += 12 + length
    width, height, depth, colour_type, _compression, _filter, interlace = header
    assert depth == 8 and colour_type in (2, 6) and not interlace, f"unsupported PNG layout {header}"
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    previous = bytearray(stride)
    colours = set()
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for index in range(stride):
            left = line[index - channels] if index >= channels else 0
            up = previous[index]
            if kind == 1:
                line[index] = (line[index] + left) & 0xFF
            elif kind == 2:
                line[index] = (line[index] + up) & 0xFF
            elif kind == 3:
                line[index] = (line[index] + (left + up) // 2) & 0xFF
            elif kind == 4:
                up_left = previous[index - channels] if index >= channels else 0
                line[index] = (line[index] + _paeth(left, up, up_left)) & 0xFF
        colours.update(bytes(line[index:index + 3]) for index in range(0, stride, channels))
        previous = line
    return width, height, {tuple(colour) for colour in colours}
