from ninja import Schema

from jaga.access.api import JagaRouter
from jaga.access.decorators import api_rule
from jaga.access.policy import memberships

router = JagaRouter(tags=["akun"])


class MembershipOut(Schema):
    role: str
    organisation: str | None
    area_code: str


class MeOut(Schema):
    username: str
    full_name: str
    memberships: list[MembershipOut]


@router.get("/me", response=MeOut, summary="Akun yang sedang masuk")
@api_rule("home.view")
def me(request):
    return {
        "username": request.user.username,
        "full_name": request.user.full_name,
        "memberships": [
            {
                "role": m.role,
                "organisation": m.organisation.name if m.organisation_id else None,
                "area_code": m.scope_area.code,
            }
            for m in memberships(request.user)
        ],
    }
