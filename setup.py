"""Compile the gettext catalogs (.po -> .mo) when the package is built.

Everything else is declared in pyproject.toml. The .po files are the source
kept in git; the .mo files the program reads are built here, into the build
tree for a wheel and beside the .po files for an editable install.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path("src/gc_cli/locale")


def compile_catalogs(out_root: Path) -> list[Path]:
    """Write a .mo beside (under ``out_root``) each .po of the package; return them."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as source:
            catalog = read_po(source)
        mo = out_root / po.relative_to("src").with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as target:
            write_mo(target, catalog, use_fuzzy=False)
        written.append(mo)
    return written


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        # A wheel takes the package from build_lib; an editable install reads src/.
        target = Path("src") if self.editable_mode else Path(self.build_lib)
        compile_catalogs(target)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = super().get_outputs(include_bytecode)
        mos = [
            str(Path(self.build_lib) / po.relative_to("src").with_suffix(".mo"))
            for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
        ]
        return outputs + mos


setup(cmdclass={"build_py": BuildWithCatalogs})
