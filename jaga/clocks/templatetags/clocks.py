"""Clock badges in templates. ``{% clock_badge clock %}`` renders a computed ``Clock``;
``{% report_clock_badge report %}`` and ``{% case_clock_badges case %}`` compute them, with the
targets read once per page render (kept in the render context)."""

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from jaga.clocks.models import Step
from jaga.clocks.selectors import TargetBook, case_clocks_for, report_clock
from jaga.clocks.timing import Clock

register = template.Library()


def _book(context) -> TargetBook:
    cache = context.render_context
    if "jaga_target_book" not in cache:
        cache["jaga_target_book"] = TargetBook()
    return cache["jaga_target_book"]


def _title(clock: Clock) -> str:
    return _("%(step)s, tenggat %(due)s WITA") % {
        "step": Step(clock.step).label,
        "due": date_filter(clock.due, "d-m-Y H:i"),
    }


@register.simple_tag
def clock_badge(clock: Clock) -> str:
    """A running clock's label names what it waits for; a done one needs its step's name."""
    text = f"{Step(clock.step).label}: {clock.label}" if clock.done_at else clock.label
    return format_html(
        '<span class="badge {} clock" data-step="{}" title="{}">{}</span>',
        clock.badge,
        clock.step,
        _title(clock),
        text,
    )


@register.simple_tag(takes_context=True)
def report_clock_badge(context, report) -> str:
    return clock_badge(report_clock(report, _book(context)))


@register.simple_tag
def case_clock_badges(case) -> str:
    return format_html_join(" ", "{}", ((clock_badge(c),) for c in case_clocks_for(case)))
