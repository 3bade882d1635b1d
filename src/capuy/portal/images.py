"""Uploaded photos: checked with Pillow and re-encoded at web sizes (the original is not kept).

Accepted: JPEG, PNG, WebP and GIF up to ``MAX_BYTES``; at least ``MIN_SIDE`` pixels on the short side
and at most ``MAX_PIXELS`` pixels (decompression bombs are refused). Output: a JPEG at most
``LARGE_WIDTH`` wide for the article and one at most ``THUMB_WIDTH`` wide for lists.
"""

import io
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

from capuy.core import uploads

FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_BYTES = 15 * 1024 * 1024
PHOTOS = uploads.Accepts(("jpeg", "png", "webp", "gif"), max_mb=MAX_BYTES / 1024 / 1024)
MAX_PIXELS = 50_000_000
MIN_SIDE = 120
LARGE_WIDTH = 1200
THUMB_WIDTH = 480


def _resized(image: Image.Image, width: int) -> ContentFile:
    copy = image.copy()
    if copy.width > width:
        copy = copy.resize((width, max(1, round(copy.height * width / copy.width))), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return ContentFile(out.getvalue())


def web_sizes(upload) -> tuple[ContentFile, ContentFile, str, tuple[int, int]]:
    """(large, thumbnail, base name, (width, height) of the large one) for an uploaded file; ValidationError with a Vietnamese message if bad."""
    if upload is None:
        raise ValidationError("Hãy chọn một tệp ảnh.")
    uploads.check(upload, PHOTOS)
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            kind = probe.format
            probe.verify()
        if kind not in FORMATS:
            raise ValidationError("Định dạng ảnh không được hỗ trợ; chỉ nhận JPEG, PNG, WebP hoặc GIF.")
        upload.seek(0)
        with Image.open(upload) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError("Ảnh có kích thước điểm ảnh quá lớn; hãy thu nhỏ ảnh trước khi tải lên.")
            if min(image.size) < MIN_SIDE:
                raise ValidationError(f"Ảnh quá nhỏ ({image.width}×{image.height} điểm ảnh); cạnh ngắn cần từ "
                                      f"{MIN_SIDE} điểm ảnh trở lên.")
            image = ImageOps.exif_transpose(image)
            if image.mode in ("RGBA", "LA", "P"):
                image = image.convert("RGBA")
                background = Image.new("RGB", image.size, "white")
                background.paste(image, mask=image.getchannel("A"))
                image = background
            else:
                image = image.convert("RGB")
            large, thumb = _resized(image, LARGE_WIDTH), _resized(image, THUMB_WIDTH)
            width = min(image.width, LARGE_WIDTH)
            size = (width, max(1, round(image.height * width / image.width)))
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError) as exc:
        raise ValidationError("Tệp tải lên không phải là ảnh hợp lệ hoặc đã bị hỏng; chỉ nhận ảnh JPEG, PNG, "
                              "WebP hoặc GIF.") from exc
    stem = os.path.splitext(os.path.basename(getattr(upload, "name", "") or "anh"))[0][:60] or "anh"
    return large, thumb, stem, size
