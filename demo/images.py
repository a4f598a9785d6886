"""Small abstract images drawn with Pillow, so that the demo ships no binary files.

Each image is drawn from a fixed description, so every run produces the same picture. The
description is the alt text and says what is actually drawn.
"""

from __future__ import annotations

import hashlib
import io
import math
from collections.abc import Callable

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection

from core import wagtail_patches

from .base import DemoContext

WIDTH, HEIGHT = 1200, 675
COLLECTION_NAME = "Demo"
RGB = tuple[int, int, int]


def _gradient(top: RGB, bottom: RGB) -> PILImage.Image:
    canvas = PILImage.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(canvas)
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=colour)
    return canvas


def _numbers(seed: str, count: int) -> list[float]:
    """Deterministic numbers in [0, 1) derived from the image key (no random module needed)."""
    digest = b""
    counter = 0
    while len(digest) < count * 2:
        digest += hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        counter += 1
    return [int.from_bytes(digest[i * 2 : i * 2 + 2], "big") / 65536 for i in range(count)]


def _overlay(canvas: PILImage.Image, draw_on: Callable[[ImageDraw.ImageDraw], None]):
    layer = PILImage.new("RGBA", canvas.size, (0, 0, 0, 0))
    draw_on(ImageDraw.Draw(layer))
    return PILImage.alpha_composite(canvas.convert("RGBA"), layer).convert("RGB")


def _circles(canvas, colours: list[RGB], seed: str):
    n = _numbers(seed, 3 * 7)

    def draw(d):
        for i in range(7):
            x, y, r = n[i * 3] * WIDTH, n[i * 3 + 1] * HEIGHT, 90 + n[i * 3 + 2] * 170
            d.ellipse([x - r, y - r, x + r, y + r], fill=(*colours[i % len(colours)], 150))

    return _overlay(canvas, draw)


def _bubbles(canvas, colours: list[RGB], seed: str):
    n = _numbers(seed, 2 * 6)

    def draw(d):
        for i in range(6):
            x = 80 + (i % 3) * 370 + n[i * 2] * 60
            y = 90 + (i // 3) * 290 + n[i * 2 + 1] * 40
            d.rounded_rectangle([x, y, x + 300, y + 190], radius=60, fill=(*colours[i % 2], 200))
            d.polygon(
                [(x + 60, y + 185), (x + 110, y + 185), (x + 50, y + 250)], fill=colours[i % 2]
            )

    return _overlay(canvas, draw)


def _hills(canvas, colours: list[RGB], seed: str):
    n = _numbers(seed, 12)

    def draw(d):
        for layer, colour in enumerate(colours):
            base = 330 + layer * 110
            points = [(0, HEIGHT)]
            for step in range(0, WIDTH + 40, 40):
                wave = math.sin(step / (180 + layer * 60) + n[layer] * 6) * (50 - layer * 8)
                points.append((step, base + wave))
            points.append((WIDTH, HEIGHT))
            d.polygon(points, fill=(*colour, 235))
        for i in range(6):
            x, y = 100 + i * 180 + n[i + 4] * 60, 420 + n[i + 5] * 140
            d.rectangle([x, y, x + 26, y + 20], fill=(255, 244, 214, 255))
            d.polygon([(x - 4, y), (x + 13, y - 14), (x + 30, y)], fill=(190, 60, 50, 255))

    return _overlay(canvas, draw)


def _network(canvas, colours: list[RGB], seed: str):
    n = _numbers(seed, 2 * 9)
    points = [(120 + n[i * 2] * 960, 100 + n[i * 2 + 1] * 475) for i in range(9)]

    def draw(d):
        for i, a in enumerate(points):
            for b in points[i + 1 :]:
                if math.dist(a, b) < 470:
                    d.line([a, b], fill=(*colours[0], 170), width=6)
        for i, (x, y) in enumerate(points):
            d.ellipse([x - 34, y - 34, x + 34, y + 34], fill=(*colours[1 + i % 2], 255))

    return _overlay(canvas, draw)


def _grid(canvas, colours: list[RGB], seed: str):
    def draw(d):
        for i in range(6):
            x, y = 110 + (i % 3) * 340, 90 + (i // 3) * 270
            d.rounded_rectangle([x, y, x + 300, y + 230], radius=24, fill=(*colours[i], 225))

    return _overlay(canvas, draw)


def _blocks(canvas, colours: list[RGB], seed: str):
    n = _numbers(seed, 9)

    def draw(d):
        for i in range(9):
            x, height = 40 + i * 128, 200 + n[i] * 330
            d.rectangle([x, HEIGHT - height, x + 110, HEIGHT], fill=(*colours[i % 3], 240))
            for row in range(int(height // 60)):
                wy = HEIGHT - height + 24 + row * 60
                d.rectangle([x + 22, wy, x + 44, wy + 26], fill=(255, 236, 170, 220))
                d.rectangle([x + 66, wy, x + 88, wy + 26], fill=(255, 236, 170, 220))

    return _overlay(canvas, draw)


def _table(canvas, colours: list[RGB], seed: str):
    def draw(d):
        d.rounded_rectangle([200, 250, 1000, 425], radius=30, fill=(*colours[0], 255))
        for i in range(5):
            for y in (180, 495):
                x = 260 + i * 170
                d.ellipse([x - 55, y - 55, x + 55, y + 55], fill=(*colours[1], 255))
                d.ellipse([x - 32, y - 32, x + 32, y + 32], fill=(*colours[2 + i % 2], 255))

    return _overlay(canvas, draw)


MOTIFS = {
    "circles": _circles,
    "bubbles": _bubbles,
    "hills": _hills,
    "network": _network,
    "grid": _grid,
    "blocks": _blocks,
    "table": _table,
}

# key: (title, Swedish description used as alt text, motif, gradient, shape colours)
DEMO_IMAGES: dict[str, tuple[str, str, str, tuple[RGB, RGB], list[RGB]]] = {
    "lokalen": (
        "Demo: Lokalen i Härnösand",
        "Abstrakt illustration: färgade cirklar som överlappar varandra mot en varm bakgrund.",
        "circles",
        ((252, 228, 196), (240, 180, 140)),
        [(214, 90, 60), (245, 170, 40), (60, 120, 170), (120, 170, 90)],
    ),
    "sprakcafe": (
        "Demo: Språkcafé i Härnösand",
        "Abstrakt illustration: rundade pratbubblor i grönt och gult mot en ljus bakgrund.",
        "bubbles",
        ((244, 247, 236), (214, 232, 214)),
        [(70, 140, 90), (232, 184, 50)],
    ),
    "ornskoldsvik": (
        "Demo: Byar i Örnsköldsvik",
        "Abstrakt illustration: gröna kullar under en blå himmel med små hus utspridda som byar.",
        "hills",
        ((150, 196, 230), (226, 238, 246)),
        [(90, 150, 100), (60, 120, 80), (40, 90, 60)],
    ),
    "ornskoldsvik-middag": (
        "Demo: Internationell middag i byn",
        "Abstrakt illustration: runda tallrikar kring ett långt bord, sett ovanifrån.",
        "table",
        ((250, 240, 226), (236, 220, 200)),
        [(150, 95, 60), (245, 245, 245), (214, 90, 60), (70, 140, 90)],
    ),
    "soderhamn": (
        "Demo: Integrationsnätverket i Söderhamn",
        "Abstrakt illustration: runda punkter förbundna med linjer, som ett nätverk, mot blått.",
        "network",
        ((36, 70, 120), (70, 120, 170)),
        [(220, 230, 245), (245, 190, 60), (120, 200, 170)],
    ),
    "halland": (
        "Demo: Sex kommuner i Halland",
        "Abstrakt illustration: sex färgade rutor i två rader, en för varje kommun i samarbetet.",
        "grid",
        ((238, 242, 246), (214, 224, 236)),
        [
            (46, 110, 160),
            (70, 140, 90),
            (214, 90, 60),
            (232, 170, 40),
            (120, 90, 160),
            (40, 150, 150),
        ],
    ),
    "stockholm": (
        "Demo: Etableringsboenden i Hässelby-Vällingby",
        "Abstrakt illustration: höga hus i olika färger med tända fönster mot en kvällshimmel.",
        "blocks",
        ((40, 50, 100), (230, 140, 110)),
        [(70, 80, 120), (110, 90, 130), (60, 110, 120)],
    ),
}


def render_image(key: str) -> bytes:
    """The JPEG bytes of one demo image (about 20–50 kB)."""
    _title, _description, motif, (top, bottom), colours = DEMO_IMAGES[key]
    canvas = MOTIFS[motif](_gradient(top, bottom), colours, key)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=72, optimize=True, progressive=True)
    return buffer.getvalue()


def _demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def ensure_images(ctx: DemoContext) -> dict:
    """Every demo image by key; found by title, so a second run draws nothing."""
    image_model = get_image_model()
    found = {
        image.title: image
        for image in image_model.objects.filter(title__in=[v[0] for v in DEMO_IMAGES.values()])
    }
    images = {}
    collection = None
    for key, (title, description, *_rest) in DEMO_IMAGES.items():
        image = found.get(title)
        if image is None:
            collection = collection or _demo_collection()
            image = image_model(
                title=title,
                description=description,
                collection=collection,
                file=ImageFile(io.BytesIO(render_image(key)), name=f"demo-{key}.jpg"),
            )
            # The admin's upload form sets size and hash; do the same so duplicates are found.
            wagtail_patches.set_image_file_metadata(image)
            image.save()
            ctx.count("images", True)
        images[key] = image
    return images
