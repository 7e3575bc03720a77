import pytest
from django.core.exceptions import ValidationError

from stations.validators import (
    credit_code_check_char,
    validate_credit_code,
    validate_mobile,
)

# A published example code (GB 32100-2015 style) with a correct check character.
VALID = "91350100M000100Y43"


def test_known_valid_code_passes():
    validate_credit_code(VALID)
    validate_credit_code(VALID.lower())


def test_check_character_is_computed_per_gb_32100():
    assert credit_code_check_char(VALID[:17]) == "3"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M000100Y44", "check"),
        ("91350100M000100Y4", "length"),
        ("91350100M000100Y433", "length"),
        ("9135010OM000100Y43", "shape"),  # letter O is not in the alphabet
        ("91ABCDEFM000100Y43", "shape"),  # region code must be digits
    ],
)
def test_bad_codes_are_rejected_with_a_reason(code, reason):
    with pytest.raises(ValidationError) as caught:
        validate_credit_code(code)
    assert caught.value.code == reason


def test_mobile_numbers():
    validate_mobile("13800000000")
    for bad in ["12800000000", "1380000000", "138000000000", "138-0000-0000"]:
        with pytest.raises(ValidationError):
            validate_mobile(bad)
