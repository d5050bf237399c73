"""Find a calendar root and load it into a :class:`~gc_cli.store.calendar.Calendar`.

Loading never stops at the first problem: every file is read, every post is
validated on its own, and each problem is recorded with its position.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from gc_cli import timeutil
from gc_cli.errors import GcError, message_of
from gc_cli.i18n import N_, Message
from gc_cli.problems import Rule
from gc_cli.store.calendar import Calendar, Entry, Source, locate
from gc_cli.store.codes import (
    FILE_UNREADABLE,
    MAX_FILE_PROBLEMS,
    SCHEMA,
    SETTINGS,
    TOO_MANY_PROBLEMS,
    YAML_SYNTAX,
)
from gc_cli.store.model import (
    INTERACTIONS_KEYS,
    POST_KEYS,
    SETTINGS_KEYS,
    Defaults,
    Event,
    FileLimits,
    Image,
    Post,
    Rules,
    Settings,
    TeamMember,
    resolve_profile,
)
from gc_cli.store.profile import ChannelProfile
from gc_cli.store.replies import REPLIES_DIR, REPLY_FILE_KEYS, REPLY_KEYS, Reply, ReplyEntry, fill
from gc_cli.store.safeio import Limits, UnsafeFile, read_regular
from gc_cli.store.yamlsafe import YamlDocument, YamlFatal, YMap, YSeq, decode, load
from gc_cli.timeutil import WallTime

SETTINGS_NAME = "settings.yaml"
POST_FILE_KEYS = ("defaults", "posts")


class _TooManyProblems(Exception):
    """A file reached :data:`MAX_FILE_PROBLEMS`; where the next one was found."""

    def __init__(self, file: str, pos: tuple[int, int]) -> None:
        super().__init__(file)
        self.file = file
        self.pos = pos


class RootNotFound(GcError):
    """No calendar root where one was asked for or searched."""


def find_root(option: str | None, env: Mapping[str, str], cwd: Path) -> Path:
    """The calendar root: ``--calendars``, else ``GC_CALENDARS``, else ``./calendars``,
    else the nearest parent folder holding ``calendars/settings.yaml``."""
    for given, origin in ((option, "--calendars"), (env.get("GC_CALENDARS"), "GC_CALENDARS")):
        if given:
            path = (cwd / given).resolve() if not Path(given).is_absolute() else Path(given)
            if not path.is_dir():
                raise RootNotFound(
                    Message("{origin}: {path} is not a folder", origin=origin, path=given)
                )
            return path
    local = cwd / "calendars"
    if local.is_dir():
        return local
    for parent in cwd.parents:
        if (parent / "calendars" / SETTINGS_NAME).is_file():
            return parent / "calendars"
    raise RootNotFound(
        Message(
            "no calendar root found: no ./calendars folder here nor calendars/settings.yaml "
            "in a parent folder (give one with --calendars PATH or GC_CALENDARS, "
            "or create one with gc-cli init)"
        )
    )


def display_path(path: Path, cwd: Path) -> str:
    """``path`` relative to ``cwd`` when it is below it, else as it is."""
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return str(path)


def post_files(root: Path, unreadable: list[OSError] | None = None) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` below ``root`` but its settings, in a stable order.

    Hidden folders (``.git``) are skipped. A folder that cannot be listed is
    added to ``unreadable`` (the system's error, naming it), never skipped in
    silence: its files would be missing from every report.
    """
    found: list[Path] = []
    # os.walk drops the error of a folder it cannot list unless given onerror.
    report = unreadable.append if unreadable is not None else None
    for folder, dirs, files in os.walk(root, onerror=report):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if folder == str(root) and REPLIES_DIR in dirs:
            dirs.remove(REPLIES_DIR)  # saved replies, read by reply_files
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                path = Path(folder, name)
                if folder == str(root) and name == SETTINGS_NAME:
                    continue
                found.append(path)
    # The order of reports (by path), so "the later one" means the same everywhere.
    found.sort(key=lambda p: p.relative_to(root).as_posix())
    return found


def reply_files(root: Path, unreadable: list[OSError] | None = None) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` below ``root/replies``, in a stable order."""
    folder = root / REPLIES_DIR
    if not folder.is_dir() or folder.is_symlink():
        return []
    return post_files(folder, unreadable)


def suggest(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a choice is close to ``word``, else ``""``.

    A :class:`Message`: put it in a message as an argument (``{hint}``) so
    that it is translated with the sentence it ends.
    """
    import difflib

    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return Message(" (did you mean {name!r}?)", name=close[0]) if close else ""


def _describe(value: Any) -> str:
    if value is None:
        return Message("nothing (null)")
    if isinstance(value, bool):
        return Message("{value} (a boolean)", value=str(value).lower())
    if isinstance(value, int | float):
        return Message("the number {value}", value=value)
    if isinstance(value, str):
        return Message("the text {value!r}", value=value) if len(value) < 40 else Message("a text")
    if isinstance(value, list):
        return Message("a list")
    if isinstance(value, dict):
        return Message("a mapping")
    return type(value).__name__


# Marked here, translated where they are put into a sentence.
_EXPECTED = {
    "string_type": N_("text"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "float_type": N_("a number"),
    "float_parsing": N_("a number"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
    "list_type": N_("a list"),
    "dict_type": N_("a mapping"),
    "model_type": N_("a mapping"),
    "model_attributes_type": N_("a mapping"),
    "tuple_type": N_("a list"),
}


def _field_name(loc: tuple[Any, ...]) -> str:
    name = ""
    for step in loc:
        if isinstance(step, int):
            name += f"[{step}]"
        else:
            name += f".{step}" if name else str(step)
    return name or Message("value")


def _choices(expected: str) -> list[str]:
    """The choices of pydantic's ``'a', 'b' or 'c'``, without their quotes."""
    choices = [c.strip().strip("'") for c in expected.replace(" or ", ",").split(",")]
    return [c for c in choices if c]


def _one_of(expected: str) -> str:
    """Pydantic's list of choices (``'a', 'b' or 'c'``), its "or" translatable.

    The list is written again from its choices; when that does not give
    pydantic's exact text back (quotes inside a choice), it is kept as is.
    """
    choices = _choices(expected)
    if len(choices) < 2:
        return expected
    quoted = [repr(c) for c in choices]
    rewritten = Message("{choices} or {last}", choices=", ".join(quoted[:-1]), last=quoted[-1])
    return rewritten if rewritten == expected else expected


#: Pydantic's own messages for the constraints of the models (ge=, gt=,
#: max_length=), written out so that they can be translated. Each is used
#: only when it gives pydantic's text back word for word.
_CONSTRAINTS = {
    "greater_than": N_("{name}: Input should be greater than {gt}"),
    "greater_than_equal": N_("{name}: Input should be greater than or equal to {ge}"),
    "less_than": N_("{name}: Input should be less than {lt}"),
    "less_than_equal": N_("{name}: Input should be less than or equal to {le}"),
    "string_too_long": N_("{name}: String should have at most {max_length} characters"),
}


def explain(error: Mapping[str, Any], known: Iterable[str]) -> str:
    """A pydantic error as a sentence a person understands (a :class:`Message`)."""
    loc = tuple(error["loc"])
    name = _field_name(loc)
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind in ("extra_forbidden", "invalid_key"):
        key = loc[-1] if kind == "extra_forbidden" else value
        return Message("unknown key {key!r}{hint}", key=key, hint=suggest(str(key), known))
    if kind == "missing":
        return Message("{name} is required", name=name)
    if kind in _EXPECTED:
        return Message(
            "{name} should be {expected}, not {value}",
            name=name,
            expected=Message(_EXPECTED[kind]),
            value=_describe(value),
        )
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        hint = suggest(value, _choices(expected)) if isinstance(value, str) else ""
        return Message(
            "{name}: {value} is not one of {expected}{hint}",
            name=name,
            value=_describe(value),
            expected=_one_of(expected),
            hint=hint,
        )
    if kind == "string_pattern_mismatch":
        if loc[-1] == "id" or loc == ("id",):
            return Message(
                "id {value!r} is not valid: use lowercase letters, digits and '-' "
                "(starting with a letter or digit)",
                value=value,
            )
        return Message("{name}: {value} is not valid here", name=name, value=_describe(value))
    if kind in ("string_too_short", "too_short"):
        return Message("{name} must not be empty", name=name)
    message = str(error.get("msg", "is not valid"))
    if kind in _CONSTRAINTS:
        try:
            written: str | None = Message(_CONSTRAINTS[kind], name=name, **ctx)
        except (KeyError, IndexError):  # a pydantic that names its bounds otherwise
            written = None
        if written is not None and written == f"{name}: {message}":
            return written
    # A ValueError of a validator: its Message, when it has one, stays translatable.
    reason = ctx.get("error")
    if kind == "value_error" and isinstance(reason, ValueError):
        return Message("{name}: {message}", name=name, message=message_of(reason))
    message = message.removeprefix("Value error, ")
    return Message("{name}: {message}", name=name, message=message)


class Loader:
    """Loads one calendar root; use :func:`load_calendar`."""

    def __init__(
        self, root: Path, cwd: Path, parsed: Mapping[str, YamlDocument] | None = None
    ) -> None:
        self.root = root
        self.cwd = cwd
        #: Documents already read from these very texts (a writer's verification).
        self.parsed: Mapping[str, YamlDocument] = parsed or {}
        settings_path = root / SETTINGS_NAME
        self.calendar = Calendar(root=root, settings_file=display_path(settings_path, cwd))
        self._counts: dict[str, int] = {}
        #: The facts' texts once settings are read: post texts are filled in with them.
        self.facts: dict[str, str] | None = None

    def problem(
        self,
        file: str,
        pos: tuple[int, int],
        rule: Rule,
        message: str,
        post: str | None = None,
        excerpt: str | None = None,
    ) -> None:
        count = self._counts[file] = self._counts.get(file, 0) + 1
        if count > MAX_FILE_PROBLEMS:
            raise _TooManyProblems(file, pos)
        self.calendar.problems.append(rule.at(file, *pos, message, post=post, excerpt=excerpt))

    def read(self, path: Path, file: str, empty: Rule, limit: int) -> Any:
        """The YAML value of ``path``, or ``None`` after recording why it can't be read
        (an ``empty`` problem when it holds nothing).

        Only a regular file of at most ``limit`` bytes is read: a FIFO would
        block for ever and a link to ``/dev/zero`` would never end.
        """
        try:
            raw = read_regular(path, file, limit)
        except UnsafeFile as exc:
            self.problem(
                file, (1, 1), FILE_UNREADABLE, Message("the file {reason}", reason=exc.reason)
            )
            return None
        try:
            text = decode(raw)
            known = self.parsed.get(text) if self.parsed else None
            document = known if known is not None else load(text)
        except YamlFatal as fatal:
            issue = fatal.issue
            where = (issue.line, issue.column)
            self.problem(file, where, issue.rule, issue.message, excerpt=issue.excerpt)
            return None
        for issue in document.issues:
            self.problem(file, (issue.line, issue.column), issue.rule, issue.message)
        if document.data is None:
            self.problem(file, (1, 1), empty, Message("the file is empty"))
        return document.data

    def located_errors(
        self,
        exc: ValidationError,
        file: str,
        node: YMap,
        known: Iterable[str],
        rule: Rule,
        post: str | None = None,
        fallback: YMap | None = None,
        prefix: tuple[Any, ...] = (),
    ) -> None:
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            keyish = error["type"] in ("extra_forbidden", "invalid_key")
            if error["type"] == "invalid_key":
                # A key that is not text (1:, ~:, true:): pydantic names it by value.
                loc = (*loc[:-1], error["input"])
            where = locate(node, loc, key=keyish)
            if where is None and fallback is not None:
                where = locate(fallback, loc, key=keyish)
            if where is None:
                where = node.keys_pos.get("id", node.pos)
            error_known = known
            if len(loc) > 1:
                error_known = _nested_keys(loc)
            message = explain({**error, "loc": prefix + loc}, error_known)
            self.problem(file, where, rule, message, post)

    # -- settings ---------------------------------------------------------

    def load_settings(self) -> None:
        cal = self.calendar
        path = self.root / SETTINGS_NAME
        file = cal.settings_file
        # Only a name that is not there at all is "missing"; a FIFO, a folder or an
        # unreadable file of that name is reported for what it is.
        if not os.path.lexists(path):
            self.problem(
                file,
                (1, 1),
                SETTINGS,
                Message(
                    "{name} is missing from the calendar root (gc-cli init creates one)",
                    name=SETTINGS_NAME,
                ),
            )
            return
        # Read with the default cap: the cap a settings file sets applies to post files.
        data = self.read(path, file, SETTINGS, Limits().yaml_bytes)
        if data is None:
            return
        if not isinstance(data, YMap):
            self.problem(
                file,
                (1, 1),
                SETTINGS,
                Message("settings.yaml must be a mapping (timezone:, channels:, ...)"),
            )
            return
        cal.settings_map = data
        try:
            settings = Settings.model_validate(data)
        except ValidationError as exc:
            self.located_errors(exc, file, data, SETTINGS_KEYS, SETTINGS)
            # Every problem at once: the channels' limits are judged as well,
            # when the channels themselves could be read.
            channels = data.get("channels")
            if isinstance(channels, YMap) and not any(
                error["loc"][:1] == ("channels",) for error in exc.errors()
            ):
                self.load_profiles(file, channels)
            return
        cal.limits = settings.limits.caps()
        if self.load_profiles(file, data["channels"]):
            self.facts = settings.fact_texts()
            cal.settings = settings
            cal.zone = timeutil.get_zone(settings.timezone)

    def load_profiles(self, file: str, channels: YMap) -> bool:
        """Each channel's profile, its limits applied; False after recording a problem."""
        ok = True
        for name, overrides in channels.items():
            if overrides is not None and not isinstance(overrides, dict):
                continue
            try:
                self.calendar.profiles[name] = resolve_profile(name, overrides)
            except ValidationError as exc:
                node = channels[name]
                if isinstance(node, YMap):
                    self.located_errors(
                        exc,
                        file,
                        node,
                        ChannelProfile.model_fields,
                        SETTINGS,
                        prefix=("channels", name),
                    )
                else:
                    self.problem(file, channels.keys_pos[name], SETTINGS, str(exc))
                ok = False
            except ValueError as exc:
                self.problem(file, channels.keys_pos[name], SETTINGS, message_of(exc))
                ok = False
        return ok

    # -- posts ------------------------------------------------------------

    def load_posts(self, path: Path) -> None:
        cal = self.calendar
        file = display_path(path, self.cwd)
        cal.files.append(file)
        data = self.read(path, file, SCHEMA, cal.limits.yaml_bytes)
        if data is None:
            return
        if not isinstance(data, YMap):
            self.problem(
                file,
                getattr(data, "pos", (1, 1)),
                SCHEMA,
                Message(
                    "a post file is a mapping with a 'posts:' list "
                    "(and optional 'defaults:'), not {value}",
                    value=_describe(data),
                ),
            )
            return
        for key in data:
            if key not in POST_FILE_KEYS:
                hint = suggest(key, POST_FILE_KEYS)
                if not hint and key in POST_KEYS:
                    hint = Message(" (posts are written as items of a 'posts:' list)")
                self.problem(
                    file,
                    data.keys_pos[key],
                    SCHEMA,
                    Message(
                        "unknown key {key!r} at the top of a post file{hint}", key=key, hint=hint
                    ),
                )
        defaults = data.get("defaults")
        if defaults is not None and not isinstance(defaults, YMap):
            self.problem(
                file,
                data.values_pos["defaults"],
                SCHEMA,
                Message("defaults should be a mapping, not {value}", value=_describe(defaults)),
            )
            defaults = None
        if defaults:
            try:
                Defaults.model_validate(defaults)
            except ValidationError as exc:
                self.located_errors(exc, file, defaults, POST_KEYS, SCHEMA)
                # Keep only the keys that validate, so each post is judged on its own.
                bad = {e["loc"][0] for e in exc.errors() if e["loc"]}
                defaults = _without(defaults, bad)
        posts = data.get("posts")
        if posts is None:
            if "posts" not in data:
                self.problem(file, data.pos, SCHEMA, Message("the file has no 'posts:' list"))
            return
        if not isinstance(posts, YSeq):
            self.problem(
                file,
                data.values_pos["posts"],
                SCHEMA,
                Message("posts should be a list, not {value}", value=_describe(posts)),
            )
            return
        # Counted at once: a file left unread halfway still counts its posts as unread.
        cal.post_count += len(posts)
        cal.file_posts[file] = len(posts)
        for index, raw in enumerate(posts):
            if not isinstance(raw, YMap):
                self.problem(
                    file,
                    posts.items_pos[index],
                    SCHEMA,
                    Message(
                        "each post is a mapping (id:, title:, ...), not {value}",
                        value=_describe(raw),
                    ),
                )
                continue
            merged = {**defaults, **raw} if defaults else raw
            post_id = raw.get("id") if isinstance(raw.get("id"), str) else None
            try:
                post = Post.model_validate(merged)
            except ValidationError as exc:
                self.located_errors(exc, file, raw, POST_KEYS, SCHEMA, post_id, fallback=defaults)
                partial = _partial_post(merged, exc)
                if partial is not None:
                    source = Source(file, path, raw, defaults, index)
                    cal.partial.append(Entry(partial[0], source, broken=partial[1]))
                continue
            if self.facts is not None:
                post = _filled(post, self.facts)
            cal.entries.append(Entry(post, Source(file, path, raw, defaults, index)))

    # -- saved replies ------------------------------------------------------

    def load_replies(self, path: Path) -> None:
        cal = self.calendar
        file = display_path(path, self.cwd)
        cal.reply_files.append(file)
        data = self.read(path, file, SCHEMA, cal.limits.yaml_bytes)
        if data is None:
            return
        replies = data.get("replies") if isinstance(data, YMap) else None
        if not isinstance(data, YMap) or not isinstance(replies, YSeq):
            self.problem(
                file,
                getattr(data, "pos", (1, 1)),
                SCHEMA,
                Message(
                    "a reply file is a mapping with a 'replies:' list, not {value}",
                    value=_describe(data),
                ),
            )
            return
        for key in data:
            if key not in REPLY_FILE_KEYS:
                self.problem(
                    file,
                    data.keys_pos[key],
                    SCHEMA,
                    Message(
                        "unknown key {key!r} at the top of a reply file{hint}",
                        key=key,
                        hint=suggest(key, REPLY_FILE_KEYS),
                    ),
                )
        for index, raw in enumerate(replies):
            if not isinstance(raw, YMap):
                self.problem(
                    file,
                    replies.items_pos[index],
                    SCHEMA,
                    Message(
                        "each reply is a mapping (id:, title:, text:), not {value}",
                        value=_describe(raw),
                    ),
                )
                continue
            reply_id = raw.get("id") if isinstance(raw.get("id"), str) else None
            try:
                reply = Reply.model_validate(raw)
            except ValidationError as exc:
                self.located_errors(exc, file, raw, REPLY_KEYS, SCHEMA, reply_id)
                continue
            cal.replies.append(ReplyEntry(reply, file, raw, index))

    def resolve_times(self) -> None:
        zone = self.calendar.zone
        assert zone is not None
        for entry in (*self.calendar.entries, *self.calendar.partial):
            try:
                self.resolve_entry(entry, zone)
            except Exception as exc:  # a defect must still name the file
                raise GcError(
                    Message(
                        "{file}: unexpected failure on post {post!r}: {error!r}",
                        file=entry.source.file,
                        post=entry.id,
                        error=exc,
                    )
                ) from exc

    def resolve_entry(self, entry: Entry, zone: ZoneInfo) -> None:
        """Resolve one post's time in ``zone`` and expand its recurrence."""
        event = entry.post.event
        if event is not None:
            entry.event_start = _resolved(event.starts, zone)
            entry.event_end = None if event.ends is None else _resolved(event.ends, zone)
        value = entry.post.publish_at
        if value is None:
            return
        if isinstance(value, datetime):
            if value.tzinfo is None:
                entry.wall = timeutil.classify(value, zone)
            entry.when = timeutil.to_aware(value, zone)
            start = entry.when.replace(tzinfo=None) if value.tzinfo else value
        else:
            entry.when = value
            start = datetime(value.year, value.month, value.day)
        if entry.post.repeat:
            try:
                starts = timeutil.expand_rrule(entry.post.repeat, start, zone)
            except ValueError as exc:
                entry.repeat_error = message_of(exc)  # its Message, to be translated
            else:
                post = entry.post
                entry.occurrences, entry.occurrence_issues = timeutil.occurrences(
                    starts,
                    zone,
                    skip=post.skip,
                    moved=post.moved,
                    marked=post.occurrences,
                    timed=isinstance(value, datetime),
                )


#: Fields that depend on each other: when one cannot be read, neither can be used
#: (a post of kind event needs its event:, and only such a post has one).
_TIED = {"kind": ("event",), "event": ("kind",)}
#: The fields a post cannot do without: without them it is not judged at all.
_REQUIRED = frozenset({"id"})


def _broken_fields(exc: ValidationError, merged: Mapping[Any, Any]) -> set[str]:
    """The top-level fields of a post that its validation errors make unusable.

    An unknown key is probably a field misspelt (``chanels:``): that field
    counts as unusable too, since what the post says of it is unknown.
    """
    import difflib  # only when a post has errors

    broken: set[str] = set()
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        key = loc[0] if loc else None
        if not isinstance(key, str):
            continue
        broken.add(key)
        if error["type"] == "extra_forbidden" and len(loc) == 1:
            broken.update(difflib.get_close_matches(key, POST_KEYS, n=1, cutoff=0.6))
        broken.update(tied for tied in _TIED.get(key, ()) if tied in merged)
    return broken


def _partial_post(
    merged: Mapping[Any, Any], exc: ValidationError
) -> tuple[Post, frozenset[str]] | None:
    """The post without the fields its errors make unusable, and those fields; None when
    even that does not validate (its id cannot be read).

    The rules that read none of those fields still judge it
    (:data:`gc_cli.rules.READS`), so that one mistake does not hide the others.
    A title that cannot be read is replaced by the id: no rule reads it.
    """
    broken = _broken_fields(exc, merged)
    for _attempt in range(3):  # each pass may reveal a field tied to a broken one
        if broken & _REQUIRED:
            return None
        kept: dict[Any, Any] = {k: v for k, v in merged.items() if k not in broken}
        if "title" in broken:
            kept["title"] = kept.get("id")
        try:
            return Post.model_validate(kept), frozenset(broken)
        except ValidationError as again:
            more = _broken_fields(again, merged)
            if not more - broken:
                return None
            broken |= more
    return None


def _resolved(value: date | datetime, zone: ZoneInfo) -> date | datetime:
    """A date as it is; a time in ``zone`` (naive: a wall time there, the first of a fold)."""
    return timeutil.to_aware(value, zone) if isinstance(value, datetime) else value


def _nested_keys(loc: tuple[Any, ...]) -> tuple[str, ...]:
    parent = next((s for s in reversed(loc[:-1]) if isinstance(s, str)), "")
    if loc[0] == "interactions" and parent in INTERACTIONS_KEYS:
        return INTERACTIONS_KEYS[parent]
    return {
        "images": tuple(Image.model_fields),
        "event": tuple(Event.model_fields),
        "rules": tuple(Rules.model_fields),
        "limits": tuple(FileLimits.model_fields),
        "team": tuple(TeamMember.model_fields),
    }.get(parent, tuple(TeamMember.model_fields) if loc[0] == "team" else ())


def _filled(post: Post, facts: Mapping[str, str]) -> Post:
    """``post`` with the facts used in its texts filled in, so that every view, count
    and export sees the text as it goes out (the file keeps the placeholders)."""
    text = fill(post.text, facts) if post.text else post.text
    channel_text = {channel: fill(t, facts) for channel, t in post.channel_text.items()}
    if text == post.text and channel_text == post.channel_text:
        return post
    return post.model_copy(update={"text": text, "channel_text": channel_text})


def _without(mapping: YMap, keys: set[Any]) -> YMap:
    kept = YMap((k, v) for k, v in mapping.items() if k not in keys)
    kept.pos = mapping.pos
    kept.keys_pos = mapping.keys_pos
    kept.values_pos = mapping.values_pos
    return kept


def _guarded(loader: Loader, path: Path, step: Callable[[], None]) -> None:
    """Run one file's ``step``; a defect must still name the file, never dump a traceback."""
    try:
        step()
    except GcError:
        raise
    except _TooManyProblems as stop:
        loader.calendar.problems.append(
            TOO_MANY_PROBLEMS.at(
                stop.file,
                *stop.pos,
                Message(
                    "more than {limit} problems in this file: the rest of it is not read "
                    "(fix these first)",
                    limit=MAX_FILE_PROBLEMS,
                ),
            )
        )
    except RecursionError:
        file = display_path(path, loader.cwd)
        # Not through loader.problem: a file at its cap of problems still says this.
        loader.calendar.problems.append(
            YAML_SYNTAX.at(file, 1, 1, Message("the file is nested too deeply to read"))
        )
    except Exception as exc:
        file = display_path(path, loader.cwd)
        raise GcError(
            Message("{file}: unexpected failure while reading: {error!r}", file=file, error=exc)
        ) from exc


def load_calendar(
    root: Path, cwd: Path | None = None, *, parsed: Mapping[str, YamlDocument] | None = None
) -> Calendar:
    """Load every file of ``root``: settings, then posts, then their times.

    Problems of shape (yaml-syntax, duplicate-key, schema, settings) are in
    ``calendar.problems``; the rules of :mod:`gc_cli.rules` find the rest.
    Raise :class:`GcError` only when a file cannot be read at all.

    ``parsed``: documents already read from some files' exact text (by the
    writer that just wrote and verified them), used instead of reading that
    text again.
    """
    # A loaded root is many small long-lived objects: the cyclic collector
    # would rescan them over and over while they are created, for nothing.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        calendar = _load(root, cwd or Path.cwd(), parsed)
    finally:
        if was_enabled:
            gc.freeze()  # what is loaded stays loaded: keep it out of later collections
            gc.enable()
    return calendar


def read_zone(root: Path) -> ZoneInfo | None:
    """The time zone of ``root``'s settings.yaml, or None when the settings are not usable
    (reading the whole root says why)."""
    loader = Loader(root, root)
    _guarded(loader, root / SETTINGS_NAME, loader.load_settings)
    return loader.calendar.zone


def _load(root: Path, cwd: Path, parsed: Mapping[str, YamlDocument] | None = None) -> Calendar:
    loader = Loader(root, cwd, parsed)
    _guarded(loader, root / SETTINGS_NAME, loader.load_settings)
    unreadable: list[OSError] = []
    for path in post_files(root, unreadable):
        _guarded(loader, path, lambda path=path: loader.load_posts(path))  # type: ignore[misc]
    for path in reply_files(root, unreadable):
        _guarded(loader, path, lambda path=path: loader.load_replies(path))  # type: ignore[misc]
    for error in unreadable:
        folder = display_path(Path(error.filename), cwd) if error.filename else str(root)
        loader.problem(
            folder,
            (1, 1),
            FILE_UNREADABLE,
            # The system's reason ("Permission denied") is left as the system words it.
            Message(
                "the folder cannot be read ({reason}): the files in it are not checked",
                reason=error.strerror or str(error),
            ),
        )
    if loader.calendar.usable:
        loader.resolve_times()
    return loader.calendar


def when_to_text(value: datetime | date | None) -> str | None:
    """``publish_at`` as JSON shows it: ISO 8601 with offset, a date, or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes" if not value.second else "seconds")
    return value.isoformat()


__all__ = ["RootNotFound", "WallTime", "find_root", "load_calendar", "read_zone"]
