"""Time the image pipeline on a 24-megapixel photo: `make bench-images`.

The photo is made here (a noisy 6000×4000 JPEG with EXIF, as a camera writes
it), so the figure does not depend on any file outside the project.
"""

import io
import statistics
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from PIL import Image

from newsroom.media.images import prepare_image


def camera_photo(width=6000, height=4000) -> bytes:
    # Noise at a quarter of the size, scaled up: realistic detail, quick to make.
    image = Image.effect_noise((width // 4, height // 4), 60).convert("RGB")
    image = image.resize((width, height), Image.Resampling.BILINEAR)
    exif = Image.Exif()
    exif[0x010F], exif[0x0112] = "Camera", 6
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, exif=exif.tobytes())
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Time checking, re-encoding and making the renditions of a 24 MP JPEG."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args, repeat, **options):
        content = camera_photo()
        timings = []
        for _ in range(repeat):
            upload = SimpleUploadedFile("photo.jpg", content)
            start = time.perf_counter()
            prepared = prepare_image(upload)
            timings.append(time.perf_counter() - start)
        kinds = ", ".join(f"{r.format} {r.width}px" for r in prepared.renditions)
        self.stdout.write(
            f"24 MP JPEG ({len(content) / 1e6:.1f} MB) -> {prepared.width}x"
            f"{prepared.height} {prepared.format} + {kinds}\n"
            f"median {statistics.median(timings):.2f} s, "
            f"max {max(timings):.2f} s over {repeat} runs"
        )
