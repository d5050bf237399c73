"""The interface in the user's language: English (the source) or French.

The language comes from ``GC_LANG``, else ``LC_ALL``, ``LC_MESSAGES`` or
``LANG`` (any ``fr*`` value selects French), else English. Catalogs are
standard gettext files shipped in the package (``locale/*/LC_MESSAGES``,
compiled from the ``.po`` files when the package is built), so no locale
needs to be installed on the machine.

Only what people read is translated. Everything machine-readable — problem
codes, JSON keys and values, CSV headers of the bulk formats, ICS
properties, exit codes — is the same in every language. That is why a
problem's message is a :class:`Message`: its ``str`` value is the English
sentence that goes into JSON, and :meth:`Message.translated` renders it for
a person.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

DOMAIN = "gc_cli"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "fr")


def language(environ: Mapping[str, str] | None = None) -> str:
    """``"fr"`` or ``"en"``, from ``GC_LANG`` then the POSIX locale variables."""
    env = os.environ if environ is None else environ
    for name in ("GC_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            # POSIX: the first variable that is set decides ("C" means English).
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The translations of ``lang`` (English: none, the source is English)."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """``message`` in the user's language."""
    return catalog(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the user's language."""
    return catalog(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog; it is translated where it is shown."""
    return message


def _identity(message: str) -> str:
    return message


def _render(template: str, args: Mapping[str, Any], translate: Callable[[str], str]) -> str:
    if not args:
        return translate(template)
    values = {
        key: value.translated()
        if isinstance(value, Message) and translate is not _identity
        else value
        for key, value in args.items()
    }
    return translate(template).format(**values)


class Message(str):
    """A sentence: its ``str`` value in English, :meth:`translated` for people.

    ``Message("text is {length} characters", length=312)`` formats like
    ``str.format``. An argument may itself be a :class:`Message` (a word that
    needs translating too).
    """

    template: str
    args: Mapping[str, Any]

    def __new__(cls, template: str, /, **args: Any) -> Message:
        self = super().__new__(cls, _render(template, args, _identity))
        self.template = template
        self.args = args
        return self

    def translated(self) -> str:
        """The sentence in the user's language."""
        return _render(self.template, self.args, _)


def translated(text: str) -> str:
    """``text`` for a person: a :class:`Message` in the user's language, else as is."""
    return text.translated() if isinstance(text, Message) else text


# -- dates ---------------------------------------------------------------------
# Québec French writes days and months in lower case, the day without a
# leading zero, and times as "9 h 00" (Office québécois de la langue
# française). English keeps the forms the commands have always printed.

FR_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
FR_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day_name(weekday: int, *, short: bool = False) -> str:
    """The name of a weekday (0 is Monday): ``Mon``/``Monday``, ``lun.``/``lundi``."""
    if language() == "fr":
        name = FR_DAYS[weekday]
        return name[:3] + "." if short else name
    name = EN_DAYS[weekday]
    return name[:3] if short else name


def month_name(month: int) -> str:
    """The name of a month (1 is January)."""
    return (FR_MONTHS if language() == "fr" else EN_MONTHS)[month - 1]


def long_date(day: Any) -> str:
    """``Tuesday 1 December 2026`` / ``mardi 1 décembre 2026``."""
    return f"{day_name(day.weekday())} {day.day} {month_name(day.month)} {day.year}"


def clock(moment: Any) -> str:
    """``09:00`` in English, ``9 h 00`` in French."""
    if language() == "fr":
        return f"{moment.hour} h {moment.minute:02d}"
    return f"{moment:%H:%M}"


def long_datetime(moment: Any) -> str:
    """``Tuesday 1 December 2026, 09:00`` / ``mardi 1 décembre 2026, 9 h 00``."""
    return f"{long_date(moment)}, {clock(moment)}"


#: French punctuation: a no-break space before ":" and a narrow no-break
#: space before ";", "!" and "?"; « guillemets » hold no-break spaces.
NBSP = "\u00a0"
NNBSP = "\u202f"
