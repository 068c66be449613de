from django.utils.translation import gettext_lazy as _

from jaga.core.forms import TableUploadForm


class RtUploadForm(TableUploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Kolom: kode_kelurahan, nomor_rt, nama (boleh kosong).")
