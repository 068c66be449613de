"""Demo only: a known second-step code for the demo accounts that must use two-factor sign-in,
so a person trying `make run` can walk every role without an authenticator app. Flagged demo
accounts only; a production set-up never loads demo data."""

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from jaga.access.policy import identifying_roles
from jaga.core.demo import DEMO_NOTES, register_demo
from jaga.people.models import Membership, Person

DEMO_CODE = "12345678"
DEMO_CODE_USES = 200  # a static code is spent when used: keep enough for a long walk-through
DEMO_NOTES.append(f"Peran yang melihat identitas wajib masuk dua langkah; kode demo: {DEMO_CODE}")


@register_demo
def demo_second_step() -> None:
    people = Person.objects.filter(
        is_demo=True,
        pk__in=Membership.objects.active().filter(role__in=identifying_roles()).values("person"),
    )
    for person in people:
        # An enrolled (random, unknown) authenticator sends the person to the code page, where
        # the demo code is accepted as a recovery code.
        TOTPDevice.objects.get_or_create(user=person, name="demo", defaults={"confirmed": True})
        device, _created = StaticDevice.objects.get_or_create(
            user=person, name="demo", defaults={"confirmed": True}
        )
        missing = DEMO_CODE_USES - device.token_set.count()
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=DEMO_CODE) for _ in range(max(0, missing))
        )
