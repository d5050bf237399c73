"""Generate a large, valid gc-cli calendar root for the benchmarks.

The root holds a ``settings.yaml`` (time zone America/Toronto, six channels, a
team of four with one external agency, posting slots and rules) and
``posts`` posts spread over ``files`` YAML files, written the way people write
them by hand: French texts with accents and a few emoji, blog-article shares
with a link, product, facility and team posts with pictures and alt text,
a ``defaults:`` block in some files, a few recurring posts
(``repeat: FREQ=WEEKLY;COUNT=4``), a few posts with a date but no time and a
few not scheduled yet.

Every timed post (and every occurrence of a recurring one) gets its own slot
on a grid of distinct hours between 06:00 and 22:45 local time, so no two
posts on one channel are closer than 60 minutes, nothing falls in the night
(and so never in a daylight-saving gap or overlap), and every text is unique.
The root is meant to pass ``gc-cli check --no-images --now
2026-12-01T00:00:00-05:00`` with no error and no warning. With ``images=N``
(N > 0) it also draws N small, distinct JPEG/PNG files with Pillow (1080x1080
or 1080x1350) under ``images/`` and shares them among the posts, so the root
passes ``gc-cli check`` with the image rules too.

Use it as a module::

    from benchmarks.generate import generate_calendar
    generate_calendar(Path("/tmp/big"), posts=20000, files=250)

or as a script (``--verify`` re-reads the result with PyYAML and checks ids,
image paths, channel spacing, text limits and unique texts)::

    python benchmarks/generate.py OUT_DIR [--posts N] [--files N] [--images N]
                                          [--seed N] [--start YYYY-MM-DD] [--verify]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

TIMEZONE = "America/Toronto"
CHANNELS = ("facebook", "instagram", "linkedin", "x", "mastodon", "bluesky")
TEAM: dict[str, dict[str, Any]] = {
    "marie": {"name": "Marie Tremblay", "roles": ["content", "interactions"]},
    "julien": {"name": "Julien Gagnon", "roles": ["content"]},
    "sophie": {"name": "Sophie Côté", "roles": ["interactions"]},
    "agence": {"name": "Agence Bleu", "roles": ["content"], "external": True},
}
OWNERS = tuple(TEAM)
#: In-house, with the content role: may approve the agency's posts.
APPROVER = "marie"

#: First and last hour of the posting grid (local time): nothing before 06:00.
FIRST_HOUR = 6
LAST_HOUR = 22
HOURS_PER_DAY = LAST_HOUR - FIRST_HOUR + 1
RECURRING_COUNT = 4
MAX_TEXT = 200  # code points; leaves room under X's 280 even with a link counted 23
MAX_X_WEIGHT = 230  # X's weighted count of the text alone (emoji and most symbols weigh 2)
MAX_HASHTAGS = 3
MAX_IMAGES = 4
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")

PRODUCTS = (
    "le croissant aux amandes",
    "la chocolatine",
    "le pain de campagne au levain",
    "la tarte au sucre",
    "la baguette tradition",
    "la brioche à l'érable",
    "le pouding chômeur",
    "la galette des rois",
    "la bûche de Noël",
    "le muffin aux bleuets",
    "le scone aux canneberges",
    "le kouign-amann",
    "le pain aux olives",
    "la focaccia au romarin",
    "les sablés à la fleur de sel",
    "les macarons à l'érable",
    "le chausson aux pommes",
    "la tartelette au citron",
    "le pain au seigle",
    "la fougasse aux herbes",
    "le biscuit à l'avoine",
    "le carré aux dattes",
    "la tarte aux pacanes",
    "le latte à l'avoine",
    "le chocolat chaud maison",
    "le café filtre du jour",
    "le sandwich jambon-beurre",
    "la soupe du jour",
    "la quiche aux poireaux",
    "le pain brioché aux raisins",
)
QUALITIES = (
    "encore tiède",
    "fait avec du beurre d'ici",
    "préparé à la main chaque matin",
    "avec une farine moulue sur pierre au Québec",
    "cuit au four à sole",
    "sans agent de conservation",
    "doré à point",
    "croustillant dehors, moelleux dedans",
    "garni généreusement",
    "à l'érable de la Beauce",
    "selon la recette de grand-maman",
    "en version format familial",
)
WHEN = (
    "dès ce matin",
    "ce week-end",
    "jusqu'à dimanche",
    "pour la rentrée",
    "tout le mois",
    "dès 7 h",
    "à partir de jeudi",
    "pour quelques jours seulement",
    "cette semaine",
    "le samedi matin",
)
CTAS = (
    "Passez nous voir !",
    "On vous le garde de côté ?",
    "Réservez au comptoir ou par téléphone.",
    "Premier arrivé, premier servi.",
    "Dites-nous ce que vous en pensez !",
    "À partager… ou pas.",
    "Venez goûter !",
    "Quantités limitées.",
    "Bon appétit !",
    "On vous attend avec le café chaud.",
)
EMOJI = ("🥐", "🍞", "☕", "🍁", "✨", "🎉", "❤️", "🌿", "📸", "👋", "🧁", "🍂", "❄️", "🥖", "🍰")
HASHTAGS = (
    "#boulangerie",
    "#montreal",
    "#faitmaison",
    "#levain",
    "#cafe",
    "#quebec",
    "#patisserie",
    "#equipe",
    "#achatlocal",
    "#viennoiseries",
)
PLACES = (
    "la terrasse",
    "la nouvelle vitrine",
    "le comptoir en bois",
    "le fournil",
    "la salle à l'étage",
    "le coin lecture",
    "le four à sole",
    "la cuisine",
    "l'entrée décorée",
    "la grande table commune",
    "le présentoir à pains",
    "le jardin d'herbes",
)
PLACE_FACTS = (
    "tout est prêt pour vous accueillir",
    "on vient de la rafraîchir",
    "les plantes ont bien poussé",
    "la lumière du matin y est parfaite",
    "c'est l'endroit préféré des habitués",
    "on y prépare la pâte dès 4 h",
    "vingt places vous y attendent",
    "les enfants l'adorent",
    "on y tient nos ateliers du dimanche",
    "c'est là que tout commence",
)
PEOPLE = (
    "Marie, notre boulangère en chef",
    "Julien, au four depuis 2015",
    "Sophie, notre pâtissière",
    "Karim, notre barista",
    "Élodie, à la caisse le samedi",
    "Mathieu, apprenti boulanger",
    "Nadia, responsable des commandes",
    "Léa, reine des macarons",
    "Olivier, livreur à vélo",
    "Chloé, aux fourneaux le midi",
)
PEOPLE_FACTS = (
    "Son péché mignon : la tarte au sucre.",
    "Sa viennoiserie préférée : le kouign-amann.",
    "Arrivée avant l'aube, toujours le sourire.",
    "Le latte art n'a plus de secret pour cette personne.",
    "Connaît le prénom de tous les habitués.",
    "Douze ans de métier et toujours la même passion.",
    "A façonné plus de 10 000 baguettes cette année.",
    "Fan de jazz et de pain au seigle.",
    "Toujours partant·e pour une nouvelle recette.",
    "Pédale par tous les temps, même en février.",
)
TOPICS = (
    "nos horaires des fêtes",
    "le levain expliqué en cinq étapes",
    "pourquoi on choisit des farines d'ici",
    "la recette de notre pouding chômeur",
    "trois façons de réchauffer une baguette",
    "l'histoire de la tarte au sucre",
    "bien conserver son pain",
    "notre nouveau partenaire laitier",
    "les coulisses d'une nuit au fournil",
    "accords café et viennoiseries",
    "le zéro déchet au comptoir",
    "nos engagements pour l'année",
    "les épices d'hiver",
    "la galette des rois, une tradition",
    "comment on choisit notre café",
    "le beurre, la clé du croissant",
)
TEASERS = (
    "Bonne lecture !",
    "Vos questions sont les bienvenues en commentaire.",
    "Un article à garder sous la main.",
    "On vous dit tout.",
    "Cinq minutes de lecture, promis.",
    "Partagez-le à un ami gourmand.",
    "Avec photos à l'appui.",
)
VIDEO_TOPICS = (
    "le façonnage des baguettes",
    "une fournée de croissants en accéléré",
    "le latte art de Karim",
    "la pâte feuilletée, pli après pli",
    "une matinée au comptoir",
    "le montage d'une bûche",
    "la livraison à vélo sous la neige",
)
OTHER_TOPICS = (
    "Fermé lundi pour inventaire",
    "Merci pour vos 5 000 abonnés",
    "Concours : gagnez une boîte de viennoiseries",
    "Sondage : sucré ou salé le matin ?",
    "Nouvelles heures d'ouverture le dimanche",
    "On recrute un ou une boulanger·ère de nuit",
    "Les commandes des fêtes sont ouvertes",
)
CAMPAIGNS = ("fetes", "rentree", "cabane-a-sucre", "terrasse", "saint-valentin", "paques")
KINDS = ("article", "product", "facility", "team", "video", "other")
KIND_WEIGHTS = (30, 30, 12, 12, 6, 10)
CHANNEL_ODDS = {
    "facebook": 0.8,
    "instagram": 0.6,
    "linkedin": 0.3,
    "x": 0.35,
    "mastodon": 0.25,
    "bluesky": 0.35,
}


@dataclass
class _Post:
    """One post as it will be written (timing fields filled by the scheduler)."""

    index: int
    kind: str
    title: str
    channels: list[str]
    text: str
    status: str = "scheduled"
    when: datetime | date | None = None  # naive local datetime, a date, or nothing
    with_offset: bool = False
    repeat: str | None = None
    owner: str | None = None
    campaign: str | None = None
    link: str | None = None
    images: list[tuple[str, str]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    channel_text: dict[str, str] = field(default_factory=dict)
    notes: str | None = None
    post_id: str = ""


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _bare(phrase: str) -> str:
    """``la tarte au sucre`` -> ``tarte au sucre``."""
    for article in ("le ", "la ", "les ", "l'"):
        if phrase.startswith(article):
            return phrase[len(article) :]
    return phrase


def slugify(text: str) -> str:
    """Lowercase ASCII slug of a French phrase (accents dropped)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def fold(text: str) -> str:
    """The form two texts are compared in: NFC, whitespace runs folded to one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def x_weight(text: str) -> int:
    """X's weighted length, approximately: Latin, Latin-1 and common punctuation weigh 1."""
    total = 0
    for char in unicodedata.normalize("NFC", text):
        code = ord(char)
        light = code <= 4351 or 8192 <= code <= 8205 or 8208 <= code <= 8223 or 8242 <= code <= 8247
        total += 1 if light else 2
    return total


def hashtag_count(text: str) -> int:
    """Number of ``#word`` hashtags in a text."""
    return len(re.findall(r"(?<!\w)#\w+", text))


class _Writer:
    """Builds texts, titles and picture lists, all drawn from one seeded RNG."""

    def __init__(self, rng: random.Random, image_pool: list[str]) -> None:
        self.rng = rng
        self.seen_texts: set[str] = set()
        self.jpegs = [p for p in image_pool if p.endswith(".jpg")]
        self.others = [p for p in image_pool if not p.endswith(".jpg")]
        # Every image is used once before any is used twice, then they are shared.
        self.unused = list(image_pool)
        rng.shuffle(self.unused)

    def _tags(self) -> str:
        count = self.rng.choice((0, 1, 1, 2, 2, 3))
        return " ".join(self.rng.sample(HASHTAGS, count))

    def _compose(self, kind: str) -> tuple[str, str]:
        """A (title, text) pair for one post of ``kind``."""
        rng = self.rng
        emoji = rng.choice(EMOJI)
        if kind == "product":
            product = rng.choice(PRODUCTS)
            title = _cap(_bare(product))
            body = rng.choice(
                (
                    f"{emoji} {_cap(product)} est de retour {rng.choice(WHEN)} ! "
                    f"{_cap(rng.choice(QUALITIES))}. {rng.choice(CTAS)}",
                    f"Nouveauté au comptoir : {_bare(product)}, {rng.choice(QUALITIES)}. "
                    f"{rng.choice(CTAS)} {emoji}",
                    f"{_cap(product)}, {rng.choice(QUALITIES)}, {rng.choice(WHEN)}.\n"
                    f"{rng.choice(CTAS)} {emoji}",
                )
            )
        elif kind == "facility":
            place = rng.choice(PLACES)
            title = f"Les lieux — {_bare(place)}"
            body = rng.choice(
                (
                    f"Petit tour dans {place} : {rng.choice(PLACE_FACTS)}. "
                    f"{rng.choice(CTAS)} {emoji}",
                    f"{emoji} {_cap(place)}, {rng.choice(WHEN)} : {rng.choice(PLACE_FACTS)}.",
                    f"{_cap(place)} vue d'en haut 📸 {_cap(rng.choice(PLACE_FACTS))}.\n"
                    f"{rng.choice(CTAS)}",
                )
            )
        elif kind == "team":
            person = rng.choice(PEOPLE)
            title = f"L'équipe — {person.split(',')[0]}"
            body = rng.choice(
                (
                    f"On vous présente {person} ! {rng.choice(PEOPLE_FACTS)} {emoji}",
                    f"{emoji} {person}. {rng.choice(PEOPLE_FACTS)} {rng.choice(CTAS)}",
                    f"Dans les coulisses avec {person}.\n{rng.choice(PEOPLE_FACTS)} {emoji}",
                )
            )
        elif kind == "article":
            topic = rng.choice(TOPICS)
            title = f"Blogue — {topic}"
            body = rng.choice(
                (
                    f"Sur le blogue : {topic}. {rng.choice(TEASERS)} {emoji}",
                    f"Nouvel article {emoji} {_cap(topic)}. {rng.choice(TEASERS)}",
                    f"À lire {rng.choice(WHEN)} : {topic}.\n{rng.choice(TEASERS)}",
                )
            )
        elif kind == "video":
            topic = rng.choice(VIDEO_TOPICS)
            title = f"Vidéo — {topic}"
            body = f"En vidéo {emoji} {topic}. {rng.choice(CTAS)} {rng.choice(TEASERS)}"
        else:
            topic = rng.choice(OTHER_TOPICS)
            title = topic.split(" :")[0]
            body = f"{topic} {emoji} {rng.choice(CTAS)} {rng.choice(WHEN)}."
        tags = self._tags()
        text = f"{body} {tags}" if tags else body
        return title, text

    def _fits(self, text: str) -> bool:
        return (
            len(text) <= MAX_TEXT
            and x_weight(text) <= MAX_X_WEIGHT
            and hashtag_count(text) <= MAX_HASHTAGS
            and fold(text) not in self.seen_texts
        )

    def title_and_text(self, kind: str, serial: int) -> tuple[str, str]:
        """A title and a text that no earlier post used."""
        for _ in range(20):
            title, text = self._compose(kind)
            if self._fits(text):
                break
        else:  # a rare clash: make it unique with a reference number
            title, text = self._compose(kind)
            text = f"{text.split(' #')[0][: MAX_TEXT - 20]} (réf. {serial})"
        self.seen_texts.add(fold(text))
        return title, text

    def short_text(self, title: str, serial: int) -> str:
        """A unique short variant for one channel (``channel_text``)."""
        text = f"{title} → {self.rng.choice(CTAS)} ({serial})"
        self.seen_texts.add(fold(text))
        return text

    def _next_unused(self, jpeg_only: bool, chosen: list[str]) -> str | None:
        """Pop a not-yet-used image (looking a few deep for a JPEG if needed)."""
        for i in range(len(self.unused) - 1, max(-1, len(self.unused) - 9), -1):
            candidate = self.unused[i]
            if candidate not in chosen and (not jpeg_only or candidate.endswith(".jpg")):
                return self.unused.pop(i)
        return None

    def pictures(self, count: int, jpeg_only: bool, subject: str) -> list[tuple[str, str]]:
        """``count`` distinct (path, alt) pairs; JPEG only when Instagram is among the channels."""
        pool = self.jpegs if jpeg_only else self.jpegs + self.others
        chosen: list[str] = []
        while len(chosen) < count:
            path = self._next_unused(jpeg_only, chosen) or self.rng.choice(pool)
            if path not in chosen:
                chosen.append(path)
        alts = (
            f"{subject} en gros plan",
            f"{subject}, photo prise à la boutique",
            f"Photo : {subject}",
            f"{subject} sous la lumière du matin",
        )
        return [(path, alts[n % len(alts)]) for n, path in enumerate(chosen)]


def _image_pool(images: int, posts: int) -> list[str]:
    """Paths of the attachments posts may use (relative to the root, with ``/``)."""
    if images > 0:
        pngs = images // 5
        return [f"images/photos/photo-{n:04d}.jpg" for n in range(1, images - pngs + 1)] + [
            f"images/visuels/visuel-{n:04d}.png" for n in range(1, pngs + 1)
        ]
    # No files: posts still need picture lists (check them with --no-images).
    return [f"images/photos/photo-{n:04d}.jpg" for n in range(1, max(50, posts // 16) + 1)]


def draw_images(root: Path, paths: list[str], seed: int) -> None:
    """Write each path as a small real image: two colour bands with its number drawn on it.

    Sizes alternate between 1080x1080 (1:1) and 1080x1350 (4:5), both accepted by
    every built-in channel, Instagram included; files weigh 3 to 15 KB.
    """
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(seed)
    try:
        font: Any = ImageFont.load_default(size=220)
    except (TypeError, OSError):  # Pillow without FreeType
        font = ImageFont.load_default()
    for n, rel in enumerate(paths, start=1):
        width, height = (1080, 1080) if n % 3 else (1080, 1350)
        background = (rng.randrange(40, 140), rng.randrange(40, 140), rng.randrange(40, 140))
        band = (rng.randrange(150, 256), rng.randrange(150, 256), rng.randrange(150, 256))
        # A three-colour palette image: fast to draw and to encode as PNG.
        image = Image.new("P", (width, height), 0)
        image.putpalette([*background, *band, 255, 255, 255])
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, height * 2 // 3, width, height), fill=1)
        draw.text((80, 80), str(n), fill=2, font=font)
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".png"):
            image.save(target, "PNG")
        else:
            image.convert("RGB").save(target, "JPEG", quality=80, optimize=True)


def _channels(rng: random.Random, has_images: bool) -> list[str]:
    chosen = [
        c for c in CHANNELS if (c != "instagram" or has_images) and rng.random() < CHANNEL_ODDS[c]
    ]
    return chosen or ["facebook"]


def _make_posts(rng: random.Random, writer: _Writer, posts: int) -> list[_Post]:
    """All posts in timeline order, with kinds, channels, texts and pictures."""
    width = max(5, len(str(posts)))
    result: list[_Post] = []
    for index in range(posts):
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        needs_image = kind in ("product", "facility", "team")
        if needs_image:
            n_images = rng.choices((1, 2, 3, 4), (60, 20, 12, 8))[0]
        elif kind in ("article", "other"):
            n_images = rng.choices((0, 1, 2), (50, 40, 10))[0]
        else:
            n_images = 0
        channels = _channels(rng, n_images > 0)
        title, text = writer.title_and_text(kind, index + 1)
        post = _Post(index=index, kind=kind, title=title, channels=channels, text=text)
        post.post_id = f"{slugify(title)[:40].strip('-')}-{index + 1:0{width}d}"
        if n_images:
            subject = _cap(title.split(" — ")[-1])
            post.images = writer.pictures(n_images, "instagram" in channels, subject)
        if kind == "article":
            post.link = f"https://exemple.org/blogue/{slugify(title)[7:47].strip('-')}"
        elif kind == "video":
            post.link = f"https://exemple.org/videos/{post.post_id}"
        elif kind == "other" and rng.random() < 0.3:
            post.link = "https://exemple.org/nouvelles"
        post.tags = rng.sample(("produits", "blogue", "equipe", "lieux", "saison", "promo"), 2)
        if "x" in channels and rng.random() < 0.05:
            post.channel_text["x"] = writer.short_text(title, index + 1)
        if rng.random() < 0.08:
            post.notes = rng.choice(
                (
                    "Valider la photo avec Marie avant publication.",
                    "Texte relu par l'agence.",
                    "Vérifier le prix en boutique.",
                    "Idée venue d'un commentaire client.",
                )
            )
        result.append(post)
    return result


class _Grid:
    """Hourly posting slots, 06:xx to 22:xx local time, one post per slot."""

    def __init__(self, start: date) -> None:
        self.start = start
        self.taken: set[tuple[int, int]] = set()
        self.cursor = 0  # day * HOURS_PER_DAY + hour index
        self.dated_days: set[int] = set()

    def local(self, day: int, hour: int) -> datetime:
        when = self.start + timedelta(days=day)
        minute = (day % 7) * 15 % 60  # varies by weekday, so weekly repeats keep it
        return datetime(when.year, when.month, when.day, FIRST_HOUR + hour, minute)

    def take(self, occurrences: int) -> datetime:
        """The next free slot whose weekly repeats (``occurrences`` in all) are free too."""
        while True:
            day, hour = divmod(self.cursor, HOURS_PER_DAY)
            self.cursor += 1
            wanted = [(day + 7 * k, hour) for k in range(occurrences)]
            if not any(slot in self.taken for slot in wanted):
                self.taken.update(wanted)
                return self.local(day, hour)

    def take_day(self) -> date:
        """A day (near the cursor) that no other date-only post uses."""
        day = self.cursor // HOURS_PER_DAY
        while day in self.dated_days:
            day += 1
        self.dated_days.add(day)
        return self.start + timedelta(days=day)


def _schedule(rng: random.Random, all_posts: list[_Post], start: date) -> None:
    """Give every post a status and a place in time (or none)."""
    grid = _Grid(start)
    total = len(all_posts)
    for post in all_posts:
        late = post.index >= total * 0.9
        roll = rng.random()
        if roll < 0.005:  # not scheduled yet
            post.status = rng.choice(("idea", "draft", "ready"))
        elif roll < 0.01:  # a day chosen, the time not yet
            post.when = grid.take_day()
            post.status = rng.choice(("idea", "draft", "ready"))
        elif roll < 0.02 and not late:  # recurring
            post.when = grid.take(RECURRING_COUNT)
            post.repeat = f"FREQ=WEEKLY;COUNT={RECURRING_COUNT}"
            post.status = rng.choice(("ready", "scheduled"))
        else:
            post.when = grid.take(1)
            post.with_offset = rng.random() < 0.005
            if late:  # far in the future: still being worked on
                post.status = rng.choices(("idea", "draft", "ready"), (30, 40, 30))[0]
            else:
                post.status = rng.choices(
                    ("scheduled", "ready", "draft", "cancelled"), (56, 42, 1, 1)
                )[0]


_PLAIN_RE = re.compile(r"[A-Za-zÀ-ÿŒœ][\w ’'.,!?()/&·–—-]*")
_YAML11_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def _scalar(text: str) -> str:
    """A YAML scalar: plain where safe, else double-quoted (JSON escapes are valid YAML)."""
    if (
        _PLAIN_RE.fullmatch(text)
        and not text.endswith(" ")
        and text.lower() not in _YAML11_WORDS
        and " #" not in text
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _publish_at(post: _Post, zone: ZoneInfo) -> str | None:
    when = post.when
    if when is None:
        return None
    if isinstance(when, datetime):
        if post.with_offset:
            return when.replace(tzinfo=zone).isoformat()
        return when.strftime("%Y-%m-%d %H:%M")
    return when.isoformat()


def _post_yaml(post: _Post, zone: ZoneInfo, defaults: dict[str, str], rng: random.Random) -> str:
    lines = [
        f"  - id: {post.post_id}",
        f"    kind: {post.kind}",
        f"    title: {_scalar(post.title)}",
    ]
    publish_at = _publish_at(post, zone)
    if publish_at is not None:
        lines.append(f"    publish_at: {publish_at}")
    lines.append(f"    channels: [{', '.join(post.channels)}]")
    lines.append(f"    status: {post.status}")
    if post.owner is not None and post.owner != defaults.get("owner"):
        lines.append(f"    owner: {post.owner}")
    if post.owner is not None and TEAM[post.owner].get("external"):
        # An external owner's post needs an in-house approval from ready on (not-approved).
        lines.append(f"    approved_by: {APPROVER}")
    if rng.random() < 0.7:
        lines.append("    text: |")
        lines.extend(f"      {line}" for line in post.text.split("\n"))
    else:
        lines.append(f"    text: {json.dumps(post.text, ensure_ascii=False)}")
    if post.channel_text:
        lines.append("    channel_text:")
        lines.extend(
            f"      {ch}: {json.dumps(t, ensure_ascii=False)}"
            for ch, t in post.channel_text.items()
        )
    if post.link is not None:
        lines.append(f"    link: {post.link}")
    if post.images:
        lines.append("    images:")
        for path, alt in post.images:
            lines.append(f"      - path: {path}")
            lines.append(f"        alt: {_scalar(alt)}")
    lines.append(f"    tags: [{', '.join(post.tags)}]")
    if post.campaign is not None and post.campaign != defaults.get("campaign"):
        lines.append(f"    campaign: {post.campaign}")
    if post.repeat is not None:
        lines.append(f"    repeat: {post.repeat}")
    if post.notes is not None:
        lines.append(f"    notes: {_scalar(post.notes)}")
    return "\n".join(lines) + "\n"


def _settings_yaml() -> str:
    team = "\n".join(
        f"  {key}: {{name: {info['name']}, roles: [{', '.join(info['roles'])}]"
        + (", external: true}" if info.get("external") else "}")
        for key, info in TEAM.items()
    )
    channels = "\n".join(f"  {c}: {{}}" for c in CHANNELS)
    return (
        "# Calendrier de démonstration à grande échelle (bancs d'essai de gc-cli)\n"
        f"timezone: {TIMEZONE}\n"
        f"channels:\n{channels}\n"
        f"team:\n{team}\n"
        'slots: ["mon 09:00", "wed 12:00", "fri 15:00"]\n'
        "rules:\n"
        "  min_gap_minutes: 60\n"
        "  max_posts_per_day: 20\n"
        "  ready_before_hours: 48\n"
        "  alt_text: error\n"
        "  duplicate_window_days: 30\n"
    )


def _chunks(count: int, parts: int) -> list[range]:
    parts = max(1, min(parts, count)) if count else 1
    size, extra = divmod(count, parts)
    result: list[range] = []
    begin = 0
    for n in range(parts):
        end = begin + size + (1 if n < extra else 0)
        result.append(range(begin, end))
        begin = end
    return result


def generate_calendar(
    root: Path,
    *,
    posts: int = 20000,
    files: int = 250,
    images: int = 0,
    seed: int = 1,
    start: date = date(2027, 1, 4),
) -> None:
    """Write a valid calendar root with ``posts`` posts in ``files`` files under ``root``.

    ``root`` must not exist or be empty. With ``images > 0``, that many distinct
    small image files are drawn under ``root/images`` (Pillow needed) and shared
    among the posts; with ``images == 0`` posts refer to picture paths that do
    not exist (check such a root with ``--no-images``).
    """
    if root.exists() and any(root.iterdir()):
        raise FileExistsError(f"{root} is not empty")
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    zone = ZoneInfo(TIMEZONE)
    pool = _image_pool(images, posts)
    writer = _Writer(rng, pool)
    all_posts = _make_posts(rng, writer, posts)
    _schedule(rng, all_posts, start)
    (root / "settings.yaml").write_text(_settings_yaml(), encoding="utf-8")

    for number, chunk in enumerate(_chunks(posts, files), start=1):
        members = [all_posts[i] for i in chunk]
        first_day = next((p.when for p in members if isinstance(p.when, datetime)), start)
        year = first_day.year
        defaults: dict[str, str] = {}
        if number % 5 == 2:  # a campaign file: owner and campaign given once for all posts
            theme = CAMPAIGNS[number % len(CAMPAIGNS)]
            defaults = {"campaign": f"{theme}-{year}", "owner": rng.choice(OWNERS)}
            rel = f"campagnes/{theme}-{year}-{number:03d}.yaml"
        else:
            suffix = "yml" if number % 50 == 9 else "yaml"
            rel = f"{year}/{number:03d}-{first_day:%Y-%m-%d}.{suffix}"
        for post in members:
            post.owner = (
                rng.choice(OWNERS) if not defaults or rng.random() < 0.1 else defaults["owner"]
            )
            if defaults:
                post.campaign = defaults["campaign"]
            elif rng.random() < 0.2:
                post.campaign = f"{rng.choice(CAMPAIGNS)}-{year}"
        parts = [f"# Publications du fichier {number} — à partir du {first_day:%Y-%m-%d}\n"]
        if defaults:
            parts.append(
                f"defaults:\n  campaign: {defaults['campaign']}\n  owner: {defaults['owner']}\n"
            )
        parts.append("posts:\n")
        parts.extend(_post_yaml(post, zone, defaults, rng) for post in members)
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(parts), encoding="utf-8")

    if images > 0:
        draw_images(root, pool, seed)


# --------------------------------------------------------------------------- verification


def _local_time(value: Any, zone: ZoneInfo) -> datetime | None:
    """A timed ``publish_at`` as read by PyYAML (text or datetime) -> aware datetime."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", value):
        return datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=zone)
    return None


def verify_calendar(root: Path) -> tuple[list[str], Counter[str]]:
    """Re-read a generated root with PyYAML and check what ``gc-cli check`` will check.

    Returns (problems, figures). Checks: ids well-formed and unique, owners and
    channels known, image paths existing (when ``images/`` exists), pictures where
    needed, at most 4 images, text length / X weight / hashtags, unique texts per
    channel, no local time before 06:00, and the 60-minute gap per channel with
    recurring occurrences expanded.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    settings = yaml.load((root / "settings.yaml").read_text(encoding="utf-8"), Loader=loader)
    zone = ZoneInfo(settings["timezone"])
    gap = timedelta(minutes=settings["rules"]["min_gap_minutes"])
    check_files = (root / "images").is_dir()
    problems: list[str] = []
    figures: Counter[str] = Counter()
    first_seen: dict[str, str] = {}
    times: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
    texts: dict[str, dict[str, str]] = defaultdict(dict)
    paths = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml"))
    for path in paths:
        if path.name == "settings.yaml" and path.parent == root:
            continue
        figures["files"] += 1
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        defaults = doc.get("defaults", {})
        for raw in doc["posts"]:
            post = {**defaults, **raw}
            pid = post["id"]
            where = f"{path.relative_to(root)}:{pid}"
            figures["posts"] += 1
            figures[f"status {post['status']}"] += 1
            if not ID_RE.fullmatch(pid):
                problems.append(f"{where}: bad id")
            if pid in first_seen:
                problems.append(f"{where}: duplicate id (first in {first_seen[pid]})")
            first_seen[pid] = str(path)
            if post.get("owner") not in settings["team"]:
                problems.append(f"{where}: unknown owner {post.get('owner')!r}")
            images = post.get("images", [])
            figures["image references"] += len(images)
            if len(images) > MAX_IMAGES:
                problems.append(f"{where}: {len(images)} images")
            needs = (
                post["kind"] in ("product", "facility", "team") or "instagram" in post["channels"]
            )
            if needs and not images:
                problems.append(f"{where}: needs a picture")
            if post["kind"] == "article" and not post.get("link"):
                problems.append(f"{where}: article without link")
            for image in images:
                if not image.get("alt"):
                    problems.append(f"{where}: image without alt text")
                if check_files and not (root / image["path"]).is_file():
                    problems.append(f"{where}: missing file {image['path']}")
            when = _local_time(post.get("publish_at"), zone)
            occurrences: list[datetime] = []
            if when is not None:
                repeat = re.search(r"COUNT=(\d+)", post.get("repeat") or "")
                count = int(repeat.group(1)) if repeat else 1
                figures["recurring posts"] += 1 if repeat else 0
                naive = when.astimezone(zone).replace(tzinfo=None)
                occurrences = [
                    (naive + timedelta(weeks=k)).replace(tzinfo=zone) for k in range(count)
                ]
                if naive.hour < FIRST_HOUR:
                    problems.append(f"{where}: posted at night ({naive:%H:%M})")
            elif post.get("publish_at") is not None:
                figures["date-only posts"] += 1
            else:
                figures["unscheduled posts"] += 1
            for channel in post["channels"]:
                if channel not in settings["channels"]:
                    problems.append(f"{where}: unknown channel {channel}")
                text = post.get("channel_text", {}).get(channel, post["text"])
                if len(text.strip()) > MAX_TEXT or x_weight(text.strip()) > MAX_X_WEIGHT:
                    problems.append(f"{where}: text too long for {channel}")
                if hashtag_count(text) > MAX_HASHTAGS:
                    problems.append(f"{where}: too many hashtags")
                key = fold(text)
                if key in texts[channel] and texts[channel][key] != pid:
                    problems.append(f"{where}: same text as {texts[channel][key]} on {channel}")
                texts[channel][key] = pid
                times[channel].extend((t, pid) for t in occurrences)
    for channel, entries in times.items():
        entries.sort()
        figures[f"slots on {channel}"] = len(entries)
        for (t1, p1), (t2, p2) in pairwise(entries):
            if t2 - t1 < gap:
                problems.append(f"{channel}: {p1} and {p2} only {t2 - t1} apart")
    every = sorted(t for entries in times.values() for t, _ in entries)
    if every:
        figures[f"first {every[0]:%Y-%m-%d}"] = 1
        figures[f"last {every[-1]:%Y-%m-%d}"] = 1
    return problems, figures


def main(argv: list[str] | None = None) -> int:
    """Command line: generate a root, print what was written, optionally verify it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="calendar root to create (must be empty)")
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument("--files", type=int, default=250)
    parser.add_argument("--images", type=int, default=0, help="distinct image files to draw")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=date.fromisoformat, default=date(2027, 1, 4))
    parser.add_argument("--verify", action="store_true", help="re-read and check the result")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    try:
        generate_calendar(
            args.out_dir,
            posts=args.posts,
            files=args.files,
            images=args.images,
            seed=args.seed,
            start=args.start,
        )
    except FileExistsError as exc:
        print(f"generate.py: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - began
    size = sum(p.stat().st_size for p in args.out_dir.rglob("*.y*ml"))
    print(
        f"wrote {args.posts} posts in {args.files} files ({size / 1e6:.1f} MB of YAML)"
        f" and {args.images} images to {args.out_dir} in {elapsed:.2f} s"
    )
    if not args.verify:
        return 0
    problems, figures = verify_calendar(args.out_dir)
    for name, value in sorted(figures.items()):
        print(f"  {name}: {value}")
    for problem in problems[:50]:
        print(f"  PROBLEM {problem}")
    print(f"verify: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
