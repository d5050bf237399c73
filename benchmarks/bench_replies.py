"""Time ``gc-cli replies`` on 2,000 saved replies against ``check --no-images``.

What it measures, on a calendar generated into a temporary folder by
``benchmarks/generate.py`` (default 2,000 posts in 25 files), to which it adds
facts, a roster with away messages, and ``--replies`` saved replies (default
2,000) in 20 files of ``replies/``, French texts with accents that use facts:

(a) ``gc-cli check --no-images --format json`` on that root;
(b) ``gc-cli replies allergene --format json`` on the same root: every reply
    loaded, searched without accents, ranked and filled in.

Each figure is the best (lowest) wall time of ``--runs`` runs (default 5), the
two commands taking turns after one warm-up run of each. It prints both times
and the ratio (b)/(a) -- the target is at most 1.2 -- and how many replies
matched, so that a search that finds nothing is noticed rather than timed.

Run it with the interpreter gc-cli is installed in::

    .venv/bin/python benchmarks/bench_replies.py [--runs 5] [--replies 2000]
        [--posts 2000] [--files 25] [--seed 1] [--gc-cli PATH]
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from pathlib import Path

from bench_check import (  # benchmarks/ is on sys.path as a script
    bench_parser,
    find_gc_cli,
    generate_and_describe,
    timed,
)

NOW = "2026-12-01T00:00:00-05:00"
REPLY_FILES = 20

#: Appended to the generated settings, whose last block is rules: (continued here:
#: the generated posts of the agency carry no approval).
SETTINGS_TAIL = """\
  approval: none
language: fr
facts:
  horaire: "du mardi au dimanche, de 7 h à 18 h"
  telephone: "418 555-0142"
  commande: "https://lamiedoree.example/commandes"
  fetes: {text: "24 décembre : 7 h à 15 h ; 25 et 26 décembre : fermé", valid_until: 2027-01-02}
interactions:
  response_target: 72h
  roster:
    - {who: marie, days: mon-fri, hours: "08:30-17:00"}
    - {who: sophie, days: [sat, sun], hours: "09:00-21:00"}
  away:
    facebook: "Merci ! Nous vous répondrons {next_reply}. Heures : {horaire}."
    instagram: "Merci ! Nous vous répondrons {next_reply}."
"""
TOPICS = (
    ("Allergènes", "noix, arachides, gluten", "Nos produits peuvent contenir des traces de noix."),
    ("Heures des fêtes", "horaire, Noël", "Voici notre horaire des fêtes : {fetes}."),
    ("Commande de bûches", "bûche, commande", "Commandez votre bûche en ligne : {commande}."),
    ("Livraison", "livraison, domicile", "Nous livrons à Québec ; appelez le {telephone}."),
    ("Heures d'ouverture", "horaire, ouvert", "Nous sommes ouverts {horaire}."),
    ("Pain sans gluten", "gluten, céliaque", "Nous n'avons pas de pain sans gluten certifié."),
)


def add_replies(root: Path, count: int, seed: int) -> None:
    """Facts, a roster and away messages in settings.yaml, and ``count`` replies."""
    settings = root / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + SETTINGS_TAIL, encoding="utf-8")
    rng = random.Random(seed)
    folder = root / "replies"
    folder.mkdir()
    per_file = -(-count // REPLY_FILES)
    for number in range(REPLY_FILES):
        lines = ["replies:"]
        for index in range(number * per_file, min(count, (number + 1) * per_file)):
            title, keywords, body = TOPICS[rng.randrange(len(TOPICS))]
            lines += [
                f"  - id: reponse-{index}",
                f'    title: "{title} n° {index}"',
                "    channels: [facebook, instagram]",
                f"    keywords: [{keywords}]",
                "    text:",
                f'      fr: "Bonjour ! {body} Au plaisir de vous servir, l\'équipe."',
                f'      en: "Hello! Reply {index}: see you soon."',
            ]
        (folder / f"reponses-{number:02d}.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )


def main(argv: list[str] | None = None) -> int:
    """Generate the calendar, time both commands, print the figures."""
    parser = bench_parser(__doc__, posts=2000, files=25)
    parser.add_argument("--replies", type=int, default=2000)
    args = parser.parse_args(argv)
    gc_cli = find_gc_cli(args.gc_cli)

    with tempfile.TemporaryDirectory(prefix="gc-bench-") as tmp:
        root = Path(tmp) / "calendars"
        generate_and_describe(root, args.posts, args.files, args.seed)
        add_replies(root, args.replies, args.seed)
        print(f"replies: {args.replies} in {REPLY_FILES} files of replies/")
        common = ["--format", "json", "--now", NOW, "--calendars", str(root)]
        check_cmd = [gc_cli, "check", "--no-images", *common]
        replies_cmd = [gc_cli, "replies", "allergene", *common]
        print(f"interpreter: {sys.executable}")
        print(f"gc-cli:      {gc_cli}")

        check_times: list[float] = []
        replies_times: list[float] = []
        check_run = timed(check_cmd)[1]
        replies_run = timed(replies_cmd)[1]
        for _ in range(args.runs):
            seconds, check_run = timed(check_cmd)
            check_times.append(seconds)
            seconds, replies_run = timed(replies_cmd)
            replies_times.append(seconds)

    check = min(check_times)
    replies = min(replies_times)
    label = "(a) gc-cli check --no-images --format json:"
    print(f"{label:<48}{check:7.3f} s  (best of {args.runs})")
    label = "(b) gc-cli replies allergene --format json:"
    print(f"{label:<48}{replies:7.3f} s  (best of {args.runs})")
    print(f"ratio (b)/(a): {replies / check:.2f}  (target: at most 1.2)")
    print(f"exit codes: check {check_run.returncode}, replies {replies_run.returncode}")
    try:
        found = json.loads(replies_run.stdout)["replies"]
    except (ValueError, KeyError):
        print("replies output is not the expected JSON; its first lines:")
        print(replies_run.stdout.decode(errors="replace")[:800])
        print(replies_run.stderr.decode(errors="replace")[:800])
        return 1
    print(f"replies found: {len(found)}; first: {found[0]['id'] if found else None}")
    return 0 if check_run.returncode == 0 and replies_run.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
