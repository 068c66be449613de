"""Uploaded files are made harmless before they are kept (issue 19, item 4): a photo loses
its EXIF metadata (GPS position included), a PDF with JavaScript or embedded files is refused,
and every attachment is served as a download, never inline."""

import io

from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from jaga.cases.services import case_attachment_add
from jaga.cases.tests.helpers import open_case
from jaga.reports.tests.helpers import PDF_BYTES, make_report
from jaga.testing import JagaTestCase

GPS_IFD = 0x8825


def photo_with_gps() -> bytes:
    """A JPEG as a phone writes it: camera make and a GPS position in its EXIF."""
    image = Image.new("RGB", (8, 6), "blue")
    exif = Image.Exif()
    exif[0x010F] = "KameraHP"  # Make
    exif[0x0112] = 6  # Orientation: rotated 90 degrees
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (1.0, 14.0, 30.0), 3: "E", 4: (116.0, 51.0, 2.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def pdf_with(**parts) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    if "javascript" in parts:
        writer.add_open_action(JavaScript(parts["javascript"]))
    if "attachment" in parts:
        writer.add_attachment("rahasia.txt", parts["attachment"])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(data: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


class UploadSafetyTests(JagaTestCase):
    def test_photo_metadata_is_stripped_and_the_photo_stays_upright(self):
        data = photo_with_gps()
        self.assertIn(GPS_IFD, Image.open(io.BytesIO(data)).getexif())
        report = make_report(self, attachment=upload(data, "rumah.jpg"), attachment_size=len(data))
        stored = report.attachment.open("rb").read()
        kept = Image.open(io.BytesIO(stored))
        self.assertEqual(dict(kept.getexif()), {})
        self.assertNotIn(b"KameraHP", stored)
        self.assertEqual(kept.size, (6, 8))  # turned by its orientation before the tag went

    def test_case_attachment_photo_is_stripped_too(self):
        case = open_case(self)
        data = photo_with_gps()
        attachment = case_attachment_add(
            case=case, by=self.manager, upload=upload(data, "foto.jpg"), size=len(data)
        )
        stored = attachment.file.open("rb").read()
        self.assertEqual(dict(Image.open(io.BytesIO(stored)).getexif()), {})
        self.assertEqual(attachment.size, len(stored))

    def test_pdf_with_javascript_or_embedded_file_is_refused(self):
        case = open_case(self)
        for data in (pdf_with(javascript="app.alert('x');"), pdf_with(attachment=b"NIK")):
            with self.assertRaises(ValidationError) as caught:
                case_attachment_add(
                    case=case, by=self.manager, upload=upload(data, "surat.pdf"), size=len(data)
                )
            self.assertIn("skrip (JavaScript)", str(caught.exception))
        plain = pdf_with()
        kept = case_attachment_add(
            case=case, by=self.manager, upload=upload(plain, "surat.pdf"), size=len(plain)
        )
        self.assertEqual(kept.content_type, "application/pdf")
        self.assertEqual(kept.file.open("rb").read(), plain)

    def test_attachments_are_served_as_downloads(self):
        case = open_case(self)
        attachment = case_attachment_add(
            case=case, by=self.manager, upload=upload(PDF_BYTES, "a.pdf"), size=len(PDF_BYTES)
        )
        self.login(self.manager)
        response = self.client.get(reverse("cases:attachment", args=[case.pk, attachment.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response["Content-Disposition"].startswith("attachment;"))
