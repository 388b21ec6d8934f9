"""Checks for uploaded files: only the types we expect, and not too large."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

DOCUMENT_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv", "png", "jpg", "jpeg"]
IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


@deconstructible
class MaxSizeValidator:
    def __init__(self, megabytes: int):
        self.megabytes = megabytes

    def __call__(self, file):
        if file.size > self.megabytes * 1024 * 1024:
            raise ValidationError(
                _("The file is too large: at most %(megabytes)d MB."), code="file_too_large",
                params={"megabytes": self.megabytes},
            )

    def __eq__(self, other):
        return isinstance(other, MaxSizeValidator) and other.megabytes == self.megabytes


document_validators = [FileExtensionValidator(DOCUMENT_EXTENSIONS), MaxSizeValidator(25)]
image_validators = [FileExtensionValidator(IMAGE_EXTENSIONS), MaxSizeValidator(15)]


def stored_name(name: str, suffix: str = "") -> str:
    """A file name a user typed or sent, made safe to store: no folders ("../", "a/b" stays one file), no spaces or
    characters a file system or a URL would trip on, not too long; letters such as ā or ė are kept."""
    parts = [p for p in name.replace("\\", "/").split("/") if p.strip(" .")]
    flat = "-".join(parts).strip(" .") or "file"
    return get_valid_filename(flat)[:100] + suffix
