"""Gunicorn's access log without the children's pages (``scripts/serve`` uses it).

A line "POST /suara/<code>/8-12/ 200 2140" at 09:14 would tell whoever reads the log that a
child of that session answered at that minute — and the size of the page would tell the help
screen from the thank-you page. So the survey's requests are not logged at all."""

from gunicorn.glogging import Logger

QUIET_PREFIX = "/suara/"


class QuietChildLogger(Logger):
    def access(self, resp, req, environ, request_time) -> None:  # type: ignore[no-untyped-def]
        if environ.get("PATH_INFO", "").startswith(QUIET_PREFIX):
            return
        super().access(resp, req, environ, request_time)
