"""JSON Schemas of the calendar files, for editors (the YAML language server)."""

from __future__ import annotations

from typing import Any

from gc_cli.store.model import CHANNEL_PATTERN, ID_PATTERN, Defaults, Post, Settings
from gc_cli.store.profile import ChannelProfile
from gc_cli.store.replies import Reply

DRAFT = "https://json-schema.org/draft/2020-12/schema"

_WHEN = {
    "type": ["string", "null"],
    "description": "Local time in the root's zone (2026-12-01 09:00), an ISO 8601 time with "
    "an offset, a date alone (2026-12-01), or absent.",
    "pattern": r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$",
}


def _fix_when(schema: dict[str, Any]) -> None:
    """publish_at is text in the file, whatever Python type it becomes."""
    for node in [schema, *schema.get("$defs", {}).values()]:
        props = node.get("properties", {})
        if "publish_at" in props:
            props["publish_at"] = {**_WHEN, "title": "Publish At"}


def post_file_schema() -> dict[str, Any]:
    """The schema of a post file: ``defaults:`` and ``posts:``."""
    post = Post.model_json_schema(mode="validation")
    defaults = Defaults.model_json_schema(mode="validation")
    defs = {**post.pop("$defs", {}), **defaults.pop("$defs", {})}
    defs["Post"] = post
    defs["Defaults"] = defaults
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "title": "gc-cli post file",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "defaults": {"$ref": "#/$defs/Defaults"},
            "posts": {"type": "array", "items": {"$ref": "#/$defs/Post"}},
        },
        "required": ["posts"],
        "$defs": defs,
    }
    for node in (post, defaults):
        _fix_when({"properties": node["properties"]})
    post["properties"]["id"]["pattern"] = ID_PATTERN
    return schema


def settings_schema() -> dict[str, Any]:
    """The schema of ``settings.yaml``, channel overrides included."""
    schema = Settings.model_json_schema(mode="validation")
    profile = ChannelProfile.model_json_schema(mode="validation")
    profile.pop("required", None)
    schema.setdefault("$defs", {})["ChannelLimits"] = profile
    channels = schema["properties"]["channels"]
    # The model keeps overrides as free mappings (each is validated against
    # the profile later, with its position); editors should see the limits.
    channels.pop("patternProperties", None)
    channels["propertyNames"] = {"pattern": CHANNEL_PATTERN}
    channels["minProperties"] = 1
    channels["additionalProperties"] = {
        "anyOf": [{"$ref": "#/$defs/ChannelLimits"}, {"type": "null"}]
    }
    schema["properties"]["slots"]["items"] = {
        "type": "string",
        "pattern": r"^(?i:(mon|tue|wed|thu|fri|sat|sun)|monday|tuesday|wednesday|thursday"
        r"|friday|saturday|sunday) \d{1,2}:\d{2}$",
    }
    return {"$schema": DRAFT, "title": "gc-cli settings.yaml", **schema}


def reply_file_schema() -> dict[str, Any]:
    """The schema of a file of ``replies/``: a ``replies:`` list."""
    reply = Reply.model_json_schema(mode="validation")
    defs = reply.pop("$defs", {})
    defs["Reply"] = reply
    reply["properties"]["id"]["pattern"] = ID_PATTERN
    return {
        "$schema": DRAFT,
        "title": "gc-cli reply file",
        "type": "object",
        "additionalProperties": False,
        "properties": {"replies": {"type": "array", "items": {"$ref": "#/$defs/Reply"}}},
        "required": ["replies"],
        "$defs": defs,
    }
