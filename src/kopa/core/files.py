"""Checks for uploaded files: only the types we expect, and not too large."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.deconstruct import deconstructible
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
