"""Rendering pages that hold POST forms."""

from django.shortcuts import render


def render_form_page(request, template: str, context: dict, status: int = 200):
    """Render a page whose forms post back to Jaga. With the site-wide ``Referrer-Policy:
    no-referrer``, Chromium sends ``Origin: null`` on a form POST, which Django's CSRF check
    rightly refuses; ``same-origin`` still never sends a referrer to another site."""
    response = render(request, template, context, status=status)
    response.headers["Referrer-Policy"] = "same-origin"
    return response
