"""The demo's pictures, drawn by the project at demo build (Pillow): simple landscapes
of the province -- rice terraces, hills, a river, a commune hall, a buckwheat field
-- each with its Vietnamese alternative text.

Drawing is deterministic (a seeded random generator): the same scene and seed give
the same bytes, so the demo and the tests see the same files. A 960×540 JPEG is
about 20–40 KB. They are illustrations, and their titles say so.
"""

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 960, 540


@dataclass(frozen=True)
class Scene:
    title: str
    #: alternative text (Vietnamese): what the picture shows
    alt: str


SCENES = {
    "ruong-bac-thang": Scene(
        "Ruộng bậc thang (ảnh minh họa)",
        "Ruộng bậc thang lúa chín vàng trên sườn đồi, núi xanh phía xa dưới bầu trời trong",
    ),
    "doi-che": Scene(
        "Đồi chè (ảnh minh họa)",
        "Những luống chè xanh chạy theo triền đồi thoai thoải, nắng sớm trên các đỉnh núi",
    ),
    "dong-song": Scene(
        "Dòng sông Lô (ảnh minh họa)",
        "Dòng sông uốn khúc giữa hai dãy núi, bờ sông có hàng cây và cánh đồng",
    ),
    "nha-van-hoa": Scene(
        "Trụ sở xã (ảnh minh họa)",
        "Trụ sở Ủy ban nhân dân xã mái ngói đỏ, cột cờ và sân rộng, phía sau là đồi núi",
    ),
    "hoa-tam-giac-mach": Scene(
        "Cánh đồng hoa tam giác mạch (ảnh minh họa)",
        "Cánh đồng hoa tam giác mạch hồng tím giữa các núi đá tai mèo xám trên cao nguyên",
    ),
}


def _sky(draw, rng, top, bottom):
    for y in range(HEIGHT):
        t = y / HEIGHT
        colour = tuple(int(top[i] + (bottom[i] - top[i]) * t) for i in range(3))
        draw.line([(0, y), (WIDTH, y)], fill=colour)
    sun_x = rng.randint(120, WIDTH - 120)
    draw.ellipse([sun_x - 40, 60, sun_x + 40, 140], fill=(255, 236, 179))


def _ridge(rng, base, height, roughness=6):
    """Points of a mountain ridge across the picture, closed at the bottom."""
    points = [(0, HEIGHT)]
    step = WIDTH // roughness
    for x in range(0, WIDTH + step, step):
        points.append((x, base - rng.randint(0, height)))
    points.append((WIDTH, HEIGHT))
    return points


def _mountains(draw, rng, colours, base=300):
    for i, colour in enumerate(colours):
        draw.polygon(_ridge(rng, base + i * 45, 140 - i * 30, 5 + i * 2), fill=colour)


def _terraces(draw, rng, top, colours):
    y = top
    i = 0
    while y < HEIGHT:
        band = rng.randint(22, 34)
        wobble = [(x, y + rng.randint(-6, 6)) for x in range(0, WIDTH + 80, 80)]
        draw.polygon([*wobble, (WIDTH, HEIGHT), (0, HEIGHT)], fill=colours[i % len(colours)])
        draw.line(wobble, fill=(120, 100, 40), width=2)
        y += band
        i += 1


def _river(draw, rng):
    left = [(WIDTH * 0.45 + rng.randint(-30, 30) + (y - 330) * 0.9, y) for y in range(330, 560, 20)]
    right = [(x + 30 + (y - 330) * 0.8, y) for x, y in left]
    draw.polygon([*left, *reversed(right)], fill=(93, 156, 196))


def _hall(draw):
    # the commune hall: walls, a red tiled roof, columns, a flag pole
    draw.rectangle([300, 330, 660, 440], fill=(245, 222, 160))
    draw.polygon([(280, 335), (480, 250), (680, 335)], fill=(178, 34, 34))
    for x in range(330, 660, 60):
        draw.rectangle([x, 350, x + 12, 440], fill=(255, 248, 225))
    draw.rectangle([455, 380, 505, 440], fill=(121, 85, 72))
    draw.rectangle([740, 230, 746, 470], fill=(90, 90, 90))
    draw.rectangle([746, 232, 806, 272], fill=(218, 37, 29))
    draw.regular_polygon((776, 252, 10), 5, fill=(255, 205, 0))
    draw.rectangle([0, 440, WIDTH, HEIGHT], fill=(170, 170, 160))


def _field_of_flowers(draw, rng):
    draw.rectangle([0, 380, WIDTH, HEIGHT], fill=(216, 140, 190))
    for _i in range(900):
        x, y = rng.randint(0, WIDTH), rng.randint(385, HEIGHT)
        r = 2 + (y - 380) // 60
        colour = rng.choice([(236, 170, 210), (200, 110, 170), (250, 220, 235)])
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    for _i in range(5):  # grey limestone peaks
        x = rng.randint(40, WIDTH - 40)
        draw.polygon(
            [(x - 60, 390), (x, 250 + rng.randint(0, 60)), (x + 60, 390)], fill=(130, 130, 135)
        )


def draw_scene(name: str, seed: int = 0) -> bytes:
    """The picture ``name`` (a key of ``SCENES``) as JPEG bytes."""
    rng = random.Random(f"{name}:{seed}")
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    _sky(draw, rng, (96, 160, 220), (214, 234, 248))
    greens = [(92, 130, 110), (70, 120, 80), (52, 100, 60)]
    if name == "ruong-bac-thang":
        _mountains(draw, rng, greens[:2], base=250)
        _terraces(draw, rng, 300, [(222, 184, 65), (205, 170, 50), (230, 200, 90)])
    elif name == "doi-che":
        _mountains(draw, rng, greens[:2], base=260)
        _terraces(draw, rng, 320, [(60, 140, 60), (80, 160, 70), (50, 120, 55)])
    elif name == "dong-song":
        _mountains(draw, rng, greens, base=280)
        draw.rectangle([0, 380, WIDTH, HEIGHT], fill=(120, 170, 90))
        _river(draw, rng)
    elif name == "nha-van-hoa":
        _mountains(draw, rng, greens[:2], base=280)
        _hall(draw)
    elif name == "hoa-tam-giac-mach":
        _mountains(draw, rng, [(140, 140, 150), (115, 115, 125)], base=300)
        _field_of_flowers(draw, rng)
    else:
        raise KeyError(name)
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=78, optimize=True)
    return buffer.getvalue()


def demo_image(name: str, seed: int = 0):
    """A Wagtail image of the scene in the active site's library (made once per scene
    and seed), its description the scene's Vietnamese alternative text."""
    from django.core.files.images import ImageFile

    from wagtail.images import get_image_model

    Image_ = get_image_model()
    scene = SCENES[name]
    filename = f"demo-{name}-{seed}.jpg"
    existing = Image_.objects.filter(title=scene.title, file__endswith=filename).first()
    if existing is not None:
        return existing
    return Image_.objects.create(
        title=scene.title,
        description=scene.alt,
        file=ImageFile(io.BytesIO(draw_scene(name, seed)), name=filename),
    )
