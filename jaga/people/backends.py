from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from jaga.people.models import index_of_phone
from jaga.people.phone import looks_like_phone, normalise_phone


class UsernameOrPhoneBackend(ModelBackend):
    """Sign in with a username or a mobile number, whichever the person remembers."""

    @staticmethod
    def find(login: str):
        """The account a typed username or phone number names, or None."""
        people = get_user_model().objects
        if looks_like_phone(login):
            try:
                return people.filter(phone_index=index_of_phone(normalise_phone(login))).first()
            except ValidationError:
                pass
        return people.filter(username=login).first() if login else None

    def authenticate(self, request, username=None, password=None, **kwargs):
        person = self.find(username or "")
        if person is not None:
            username = person.username
        return super().authenticate(request, username=username, password=password, **kwargs)
