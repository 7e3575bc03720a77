"""Validators for the identifiers Chinese enterprises and people use."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: GB 32100-2015 alphabet: digits and capitals without I, O, S, V and Z.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_CODE_SHAPE = re.compile(
    rf"^[{CREDIT_CODE_ALPHABET}]{{2}}\d{{6}}[{CREDIT_CODE_ALPHABET}]{{10}}$"
)
_MOBILE_SHAPE = re.compile(r"^1[3-9]\d{9}$")


def credit_code_check_char(first17: str) -> str:
    """The 18th character of a unified social credit code (GB 32100-2015)."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(char) * weight
        for char, weight in zip(first17, CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(value: str) -> str:
    return value.strip().upper()


def validate_credit_code(value: str) -> None:
    """Reject a unified social credit code of the wrong shape or check character."""
    code = normalize_credit_code(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters."), code="length"
        )
    if not _CREDIT_CODE_SHAPE.match(code):
        raise ValidationError(
            _(
                "A unified social credit code uses digits and capital letters "
                "(not I, O, S, V or Z), with a 6-digit region code."
            ),
            code="shape",
        )
    if credit_code_check_char(code[:17]) != code[17]:
        raise ValidationError(
            _("The check character of this unified social credit code is wrong."),
            code="check",
        )


def validate_mobile(value: str) -> None:
    """Accept a mainland China mobile number (11 digits starting 13–19)."""
    if not _MOBILE_SHAPE.match(value.strip()):
        raise ValidationError(
            _("Enter an 11-digit mobile number such as 13800000000."), code="mobile"
        )
