"""``import feed``: the blog's articles (RSS 0.9x–2.0 or Atom) as ``article`` drafts.

Each article not yet in the calendar (matched by its link, normalised:
:func:`gc_cli.planning.importing.normal_link`) becomes a draft: its title,
its link, a text drafted from its summary (HTML removed, WordPress's "The
post … appeared first on …" footer and "[…]" tails dropped, cut on a word
within the tightest limit of the channels), its categories as tags, and the
image the feed names kept in ``notes`` until a file is added.

**Hostile feeds.** feedparser (6.x) resolves no external entity, but it
expands internal ones: a 56 KB feed declaring one large entity used 2,000
times makes a title of 100 million characters (measured with feedparser
6.0.14; its sanitiser lets such "plain" entities through, and its loose
parser expands them once expat's amplification limit stops the strict one).
Real feeds declare no entity, so a feed holding ``<!ENTITY`` or a DOCTYPE
with an internal subset is refused before parsing. The bytes read are capped
(:data:`MAX_FEED_BYTES`), and feedparser is always given a file object: given
a string or bytes, it would open a path or fetch a URL named by the content.
A URL is fetched here (feedparser 7 drops its own fetching), with a timeout.
"""

from __future__ import annotations

import html
import io
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from gc_cli import __version__
from gc_cli.errors import GcError
from gc_cli.i18n import Message
from gc_cli.planning.importing import ImportResult, import_posts, load_root
from gc_cli.planning.rows import Candidate, slug, validate, when_text
from gc_cli.planning.sheets import RowProblem
from gc_cli.store.calendar import Calendar
from gc_cli.store.loader import display_path
from gc_cli.store.safeio import read_regular
from gc_cli.store.textcount import text_length

#: The YAML reader's own cap on a post file is 8 MiB; a blog's feed is far smaller.
MAX_FEED_BYTES = 8 * 1024 * 1024
MAX_ENTRIES = 1000
TIMEOUT_SECONDS = 15
#: When no channel is given, a text is cut to this many characters.
DEFAULT_TEXT = 500
_ENTITY = re.compile(rb"<!ENTITY|<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_FOOTERS = re.compile(
    r"(?:The post .{1,400} appeared first on .{1,200}\.?"
    r"|L['’]article .{1,400} est apparu en premier sur .{1,200}\.?)\s*\Z",
    re.DOTALL,
)
_TAILS = re.compile(r"\s*(?:\[(?:…|\.\.\.)\]|\[&#8230;\]|Read More\.*|Lire la suite\.*|…)\s*\Z")


@dataclass(frozen=True)
class Article:
    """One entry of a feed, as gc-cli uses it."""

    title: str
    link: str
    summary: str
    tags: tuple[str, ...]
    image: str | None
    published: datetime | None


class _Text(HTMLParser):
    """The text of an HTML fragment: paragraphs and line breaks as new lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.images: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("p", "br", "div", "li", "h1", "h2", "h3", "h4"):
            self.parts.append("\n")
        if tag == "img":
            src = dict(attrs).get("src")
            if src:
                self.images.append(src)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def strip_html(fragment: str) -> tuple[str, list[str]]:
    """The text of an HTML fragment (entities decoded) and the images it shows."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    text = html.unescape("".join(parser.parts))
    paragraphs = [" ".join(p.split()) for p in text.split("\n")]
    return "\n".join(p for p in paragraphs if p), parser.images


def draft_text(summary: str, limit: int | None, fits: Any = None) -> str:
    """A post's text from an article's summary: footers and tails dropped, cut on a word.

    ``fits(text)`` says whether a text is within the channels' limits (by
    default, ``limit`` characters).
    """
    text = _FOOTERS.sub("", summary.strip()).strip()
    text = _TAILS.sub("", text).strip()
    check = fits or (lambda t: limit is None or len(t) <= limit)
    if check(text):
        return text
    words = text.split(" ")
    low, high = 0, len(words)
    while low < high:  # the most words that fit, with an ellipsis
        middle = (low + high + 1) // 2
        if check(" ".join(words[:middle]).rstrip(" ,;:.") + "…"):
            low = middle
        else:
            high = middle - 1
    return (" ".join(words[:low]).rstrip(" ,;:.") + "…") if low else ""


def fetch(source: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The bytes at an http(s) URL, at most :data:`MAX_FEED_BYTES`; :class:`GcError` otherwise."""
    request = urllib.request.Request(source, headers={"User-Agent": f"gc-cli/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read(MAX_FEED_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise GcError(
            Message("{url}: the server answered {status}", url=source, status=exc.code)
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise GcError(
            Message("{url}: cannot fetch the feed ({reason})", url=source, reason=str(reason))
        ) from None
    if len(data) > MAX_FEED_BYTES:
        raise GcError(Message("{url}: the feed is larger than 8 MiB", url=source))
    return data


def parse_feed(data: bytes, name: str, base: str | None = None) -> list[Article]:
    """The articles of a feed; :class:`GcError` for what is not a feed or is refused."""
    import feedparser  # type: ignore[import-untyped]  # about 50 ms: only import feed needs it

    if _ENTITY.search(data):
        raise GcError(
            Message(
                "{file}: the feed declares entities (ENTITY, or an internal DOCTYPE subset): "
                "refused, as no real feed does and they can expand without bound",
                file=name,
            )
        )
    headers = {"content-location": base} if base else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.get("version"):
        raise GcError(Message("{file}: not an RSS or Atom feed", file=name))
    articles = []
    for entry in parsed.entries[:MAX_ENTRIES]:
        link = str(entry.get("link") or "")
        if link and base and not urlsplit(link).scheme:
            link = urljoin(base, link)
        if not link.startswith(("http://", "https://")):
            continue
        summary_html = str(entry.get("summary") or "")
        if not summary_html and entry.get("content"):
            summary_html = str(entry.content[0].get("value") or "")
        summary, images = strip_html(summary_html)
        title, _ = strip_html(str(entry.get("title") or ""))
        articles.append(
            Article(
                title=title or link,
                link=link,
                summary=summary,
                tags=tuple(
                    str(t.get("term")).strip() for t in entry.get("tags", []) if t.get("term")
                ),
                image=_image(entry, images),
                published=_published(entry),
            )
        )
    return articles


def _image(entry: Any, in_summary: list[str]) -> str | None:
    for key in ("media_content", "media_thumbnail"):
        for media in entry.get(key, []):
            if media.get("url"):
                return str(media["url"])
    for enclosure in entry.get("enclosures", []):
        if str(enclosure.get("type", "")).startswith("image/") and enclosure.get("href"):
            return str(enclosure["href"])
    if not in_summary and entry.get("content"):
        _, in_summary = strip_html(str(entry.content[0].get("value") or ""))
    return in_summary[0] if in_summary else None


def _published(entry: Any) -> datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    try:
        # feedparser gives UTC (time.struct_time); the post's notes show the root's time.
        return datetime(*stamp[:6]).replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def drafts(
    calendar: Calendar,
    articles: Sequence[Article],
    *,
    channels: Sequence[str] = (),
    owner: str | None = None,
    since: date | None = None,
) -> list[Candidate]:
    """A draft post per article (published on or after ``since``)."""
    profiles = [calendar.profiles[c] for c in channels if c in calendar.profiles]

    def fits(text: str) -> bool:
        if not profiles:
            return len(text) <= DEFAULT_TEXT
        return all(text_length(text, p) <= p.max_text for p in profiles)

    found = []
    for article in articles:
        if since is not None and article.published is not None:
            day = article.published.date()
            if day < (since.date() if isinstance(since, datetime) else since):
                continue
        values: dict[str, Any] = {
            "id": slug(article.title),
            "kind": "article",
            "title": article.title[:200],
            "status": "draft",
            "link": article.link,
        }
        if channels:
            values["channels"] = list(channels)
        if owner:
            values["owner"] = owner
        text = draft_text(article.summary, None, fits)
        if text:
            values["text"] = text
        tags = [t for t in dict.fromkeys(article.tags) if t]
        if tags:
            values["tags"] = tags
        notes = []
        if article.published is not None:
            assert calendar.zone is not None
            notes.append(f"Published on the blog: {when_text(article.published, calendar.zone)}")
        if article.image:
            notes.append(f"Image: {article.image}")
        if notes:
            values["notes"] = "\n".join(notes)
        found.append(Candidate(0, values, {}, named=False))
    return found


def import_feed(
    root: Path,
    source: str,
    *,
    channels: Sequence[str] = (),
    owner: str | None = None,
    since: date | None = None,
    base: str | None = None,
    file: str | None = None,
    dry_run: bool = False,
    now: datetime | None = None,
    cwd: Path | None = None,
    images: bool = True,
) -> ImportResult:
    """Import a feed from an http(s) URL or a file (``base``: the address its relative links
    are relative to, for a file)."""
    cwd = cwd or Path.cwd()
    if source.startswith(("http://", "https://")):
        data, name, base = fetch(source), source, base or source
    else:
        name = display_path(Path(source), cwd)
        data = read_regular(Path(source), name, MAX_FEED_BYTES)
    articles = parse_feed(data, name, base)
    calendar, snapshots = load_root(root, cwd)
    candidates = drafts(calendar, articles, channels=channels, owner=owner, since=since)
    problems: list[RowProblem] = []
    for candidate in candidates:
        validate(name, candidate, problems)
    if problems:
        return ImportResult(name, "feed", problems, dry_run=dry_run)
    result = import_posts(
        root,
        candidates,
        name,
        calendar=calendar,
        snapshots=snapshots,
        file=file,
        dry_run=dry_run,
        now=now,
        cwd=cwd,
        images=images,
    )
    result.format = "feed"
    return result
