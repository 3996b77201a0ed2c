"""The interface texts: the Swedish message catalogue (`catalogue/sv.po`, read with Babel) with a
site's own overrides (`content/texter.yml`) and the identity's facts filled in.

Templates and code ask for a text by key (`texts["nyheter.ingress"]`); placeholders such as
{program} come from content/webbplats.yml, so no text names a municipality.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.messages.pofile import read_po

from trygg.core.sv import LOCALE
from trygg.core.validation import suggest

if TYPE_CHECKING:
    from trygg.core.loading import LoadContext
    from trygg.models.identity import Identity

CATALOGUE = Path(__file__).parent / "catalogue" / f"{LOCALE}.po"
OVERRIDES_FILE = "texter.yml"
# The texts the site's script shows or speaks (docs/assets/trygg.js: the search's results and
# messages, "Kopiera länk"'s message, a scrolling table's name). The theme writes them into every
# page as a JSON block (overrides/main.html), their own placeholders left for the script to fill.
SCRIPT_TEXTS = (
    "sök.inga_träffar", "sök.en_träff", "sök.träffar", "sök.du_skrev", "sök.inte_alla_ord",
    "sök.några_av_orden", "sök.menade_du", "sök.kunde_inte_laddas", "sök.resultat", "sök.visa_alla",
    "sök.sida", "sida.länken_kopierad", "sida.tabell_i_sidled",
)


@functools.cache
def catalogue() -> dict[str, str]:
    """Key → Swedish text, from the package's catalogue (read once per process)."""
    with CATALOGUE.open("rb") as handle:
        po = read_po(handle, locale=LOCALE)
    return {message.id: message.string for message in po if message.id}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class Texts(Mapping[str, str]):
    """The site's texts: the catalogue, overridden in part, with the identity's facts filled in.

    A placeholder only the caller knows (e.g. {målprogram}, the goal areas' own title) is given
    to `format`; `resolved` leaves out texts whose placeholders the site cannot fill.
    """

    def __init__(self, overrides: Mapping[str, str], values: Mapping[str, str]) -> None:
        self._raw = {**catalogue(), **overrides}
        self._values = dict(values)
        # Part of the preview's memo keys (trygg.core.rendering.Renderer.remembered): complete, stable, made once.
        self._key = f"Texts({sorted(self._raw.items())!r}, {sorted(self._values.items())!r})"

    def __getitem__(self, key: str) -> str:
        return self.format(key)

    def __iter__(self):
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def format(self, key: str, **values: Any) -> str:
        return self._raw[key].format(**{**self._values, **values})

    def for_script(self) -> dict[str, str]:
        """SCRIPT_TEXTS with the site's facts filled in and the script's own placeholders
        ({antal}, {sökning} …) left as they are, for trygg.js to fill."""
        return {key: self._raw[key].format_map(_KeepUnknown(self._values)) for key in SCRIPT_TEXTS}

    def resolved(self) -> dict[str, str]:
        """Every text whose placeholders the site can fill (what the theme's templates read)."""
        return {key: self.format(key) for key, text in self._raw.items() if placeholders(text) <= self._values.keys()}

    def __repr__(self) -> str:
        return self._key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Texts) and self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)


class _KeepUnknown(dict):
    """Format values that leave a placeholder they do not know as it is: '{antal}' stays '{antal}'."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def identity_values(identity: Identity | None) -> dict[str, str]:
    if identity is None:
        return {}
    return {"program": identity.programme.name, "syfte": identity.programme.aim,
            "utgivare": identity.publisher.name}


def load_texts(ctx: LoadContext, identity: Identity | None) -> Texts:
    """The catalogue with content/texter.yml's overrides, each checked against its key."""
    return Texts(_load_overrides(ctx), identity_values(identity))


def _load_overrides(ctx: LoadContext) -> dict[str, str]:
    from trygg.core.source import read_yaml_file

    path = ctx.root / "content" / OVERRIDES_FILE
    if not path.is_file():
        return {}
    report = ctx.reporter(path)
    parsed = read_yaml_file(path, ctx.rel(path), report)
    if parsed is None or parsed.data is None:
        return {}
    if not isinstance(parsed.data, dict):
        report.error(1, "filen ska ha en text per rad: 'nyckel: text'", "se skrivguiden, avsnittet Webbplatsens texter")
        return {}
    known = catalogue()
    overrides: dict[str, str] = {}
    for key, text in parsed.data.items():
        line = parsed.line((key,))
        key = str(key)
        if key not in known:
            guess = suggest(key, list(known))
            report.error(line, f"texten '{key}' finns inte", f"menade du '{guess}'?" if guess else
                         "nycklarna står i skrivguiden, avsnittet Webbplatsens texter")
            continue
        if not isinstance(text, str) or not text.strip():
            report.error(line, f"texten '{key}' ska vara en text", "skriv texten efter kolonet")
            continue
        try:
            unknown = placeholders(text) - placeholders(known[key]) - {"program", "syfte", "utgivare"}
        except ValueError:  # an unpaired { or }
            report.error(line, f"texten '{key}' har en klammer {{ eller }} utan sin motsvarighet",
                         "skriv platshållare som {program}; ta bort ensamma klamrar")
            continue
        if unknown:
            report.error(line, f"texten '{key}' har en okänd platshållare {{{sorted(unknown)[0]}}}",
                         "tillåtna: " + ", ".join(f"{{{p}}}" for p in sorted(placeholders(known[key]) |
                                                                            {"program", "syfte", "utgivare"})))
            continue
        overrides[key] = text.strip()
    return overrides
