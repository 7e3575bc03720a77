"""The appointment letter as a PDF, with the Chinese text in an embedded font subset."""

import logging
import os
from functools import cache

import pylopdf_fonts_zh_cn
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos

from appointments.models import AppointmentLetter

FONT = "noto"

# fontTools logs every subsetting step at INFO: one letter would fill the log.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)


@cache
def font_path() -> str:
    return os.path.join(
        os.path.dirname(pylopdf_fonts_zh_cn.__file__), "NotoSansSC-Regular.otf"
    )


def _date(value) -> str:
    return _("%(year)d-%(month)02d-%(day)02d") % {
        "year": value.year,
        "month": value.month,
        "day": value.day,
    }


def letter_pdf(letter: AppointmentLetter, *, verify_url: str) -> bytes:
    """Render the letter (in Chinese, whatever the reader's language) as PDF bytes."""
    with translation.override("zh-hans"):
        return _render(letter, verify_url)


def _render(letter: AppointmentLetter, verify_url: str) -> bytes:
    expert = letter.expert
    station = letter.station.name if letter.station else _("the service station")
    pdf = FPDF(format="A4")
    pdf.set_title(_("Appointment letter") + " " + letter.number)
    pdf.set_creator("Xunjie")
    # fpdf2 embeds only the glyphs used: a letter weighs kilobytes, not megabytes.
    pdf.add_font(FONT, fname=font_path())
    pdf.set_margins(25, 30, 25)
    pdf.add_page()

    pdf.set_font(FONT, size=36)
    pdf.cell(w=0, h=24, text=_("Appointment letter"), align=Align.C)
    pdf.ln(28)
    pdf.set_font(FONT, size=11)
    pdf.cell(w=0, h=8, text=letter.number, align=Align.R)
    pdf.ln(14)

    pdf.set_font(FONT, size=14)
    details = [
        (_("Name"), expert.real_name),
        (_("Organisation"), expert.organisation),
        (_("Professional title"), expert.title or "—"),
    ]
    for label, value in details:
        pdf.cell(w=40, h=10, text=f"{label}：")
        pdf.cell(w=0, h=10, text=value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    text = _(
        "%(station)s hereby appoints %(name)s as an expert of the online expert "
        "team of the technical expert service station for small and micro "
        "enterprises. The term of appointment runs from %(start)s to %(end)s."
    ) % {
        "station": station,
        "name": expert.real_name,
        "start": _date(letter.start),
        "end": _date(letter.end),
    }
    pdf.multi_cell(w=0, h=10, text="　　" + text)
    if letter.previous_id:
        pdf.ln(2)
        pdf.set_font(FONT, size=11)
        pdf.multi_cell(
            w=0,
            h=8,
            text=_("This letter renews letter %(number)s.")
            % {"number": letter.previous.number},
        )
    pdf.ln(16)
    pdf.set_font(FONT, size=14)
    pdf.cell(
        w=0, h=10, text=station, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.cell(
        w=0,
        h=10,
        text=_date(letter.issued_on),
        align=Align.R,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_y(-50)
    pdf.set_font(FONT, size=9)
    pdf.multi_cell(
        w=0,
        h=6,
        text=_("Check that this letter is genuine and still valid at:")
        + "\n"
        + verify_url,
    )
    return bytes(pdf.output())
