"""The register as a website, for members who never open a terminal."""

from __future__ import annotations

from pathlib import Path

import click

from consensus import language
from consensus.language import _

from .app import App, pass_app
from .options import complete_folder


def _base_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--base-url``: where the site will be served, as an http(s) address."""
    if value is None:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value.strip()):
        raise click.BadParameter(_("{value} is not a web address — give one like https://example.org/decisions/").format(
            value=repr(value)))
    return value.strip()


@click.command()
@click.option("-o", "--output", metavar="DIR", required=True, shell_complete=complete_folder,
              help="The folder to write the website into (created if missing; a rebuild writes only what changed).")
@click.option("--lang", type=click.Choice(language.LANGUAGES), help="Language of the pages (default: the register's).")
@click.option("--base-url", metavar="URL", callback=_base_url,
              help="Where the site will be served (e.g. https://example.org/decisions/), for each page's "
              "canonical address; links between pages stay relative.")
@pass_app
def site(app: App, *, output: str, lang: str | None, base_url: str | None) -> None:
    """Write the register as a static website: every decision, meeting and report.

    A start page with what is in force (by tag), open proposals and what is due for review,
    searchable; a page per decision with every version, why it is better, the change from the
    one before and each consent round; a page per meeting (its minutes); the latest summary;
    participation; and a drawing of what replaced what. Plain HTML with relative links and no
    outside resources: open DIR/index.html from disk, or serve DIR from any static host.

    \b
    Examples:
      consensus site -o site && xdg-open site/index.html
      consensus site -o public --lang de --base-url https://example.org/beschluesse/
    """
    from consensus import gather
    from consensus.publish import publish
    from consensus.render.site import SiteRenderer

    register = app.register
    renderer = SiteRenderer()
    planned, context, problems = gather.website(register, renderer, lang=lang or language.current(),
                                                base_url=base_url, now=app.now)
    done = publish(Path(output).expanduser(), planned, lambda page, path: renderer.render(page, path, context))
    removed = _(", removed {n}").format(n=len(done.removed)) if done.removed else ""
    app.say(_("Wrote {written} of {total} files to {path}{removed}; open {index} in a browser.").format(
        written=len(done.written), total=done.total, path=output, removed=removed, index=Path(output) / "index.html"))
    app.warn(problems)
