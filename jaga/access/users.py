"""Who is asking: a signed-in person or an anonymous visitor (the public pages, a refused
request). Every selector and rule check takes this, never ``Any``."""

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:  # a type only: people builds on access, never the other way round
    from django.contrib.auth.models import AnonymousUser

    from jaga.people.models import Person

User: TypeAlias = "Person | AnonymousUser"
