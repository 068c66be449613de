"""Downloads of a round's evidence: the computed items' figures (aggregates only), each
download audited."""

from django.views.decorators.http import require_GET

from jaga.access.decorators import rule
from jaga.audit.files import audited_export
from jaga.core.tabular import XLSX
from jaga.kla import documents, selectors


@rule("kla.view")
@require_GET
def computed_xlsx(request, pk):
    kla_round = selectors.round_get(request.user, pk)
    content = documents.computed_xlsx(kla_round, selectors.score_of(kla_round))
    return audited_export(
        request=request,
        target=kla_round,
        fields=["computed"],
        reason="xlsx",
        content=content,
        content_type=XLSX,
        filename=f"kla-{kla_round.year}-angka-jaga.xlsx",
    )
