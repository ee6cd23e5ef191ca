"""A user's own vocabulary: entries added to or removed from any concept, per portal if need be.

An overlay names concepts: the text vocabularies (``related_headers``, ``navigation``, … see
``vocab.VOCABULARIES``), the DOM token concepts as ``dom.<concept>`` (``dom.related``,
``dom.content``, … see ``dom_tokens.CONCEPTS``), and ``hints.related``: class or id tokens of a
portal's related boxes, whose blocks are labelled related by rule (``site_related_container``).
Each concept takes ``add`` and ``remove`` lists; ``sites`` holds the same for one host and its
subdomains, applied when the page's URL is known.

>>> overlay = VocabularyOverlay.from_mapping({
...     "related_headers": {"add": ["Đừng bỏ lỡ"], "remove": ["Tin khác"]},
...     "dom": {"related": {"add": ["box-goiy"]}},
...     "sites": {"baomau.vn": {"hints": {"related": {"add": ["box-goiy"]}}}},
... })
>>> added, removed = overlay.changes("related_headers")  # canonical keys (see canon_key)
>>> canon_key("Đừng bỏ lỡ") in added, canon_key("Tin khác") in removed
(True, True)
>>> overlay.for_host("www.baomau.vn").changes("hints.related")
(frozenset({'boxgoiy'}), frozenset())
"""

from __future__ import annotations

import dataclasses
import functools
import json
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .dom_tokens import CONCEPTS, canon_fragment, package_fragments
from .errors import CleanError
from .normalize import canon_key
from .vocab import VOCABULARIES, package_entries

DOM_CONCEPTS = tuple(f"dom.{name}" for name in CONCEPTS)
HINTS = ("hints.related",)
KNOWN = VOCABULARIES + DOM_CONCEPTS + HINTS
_GROUPS = ("dom", "hints")  # nested tables: {"dom": {"related": ...}} is "dom.related"
_OPS = ("add", "remove")
_OVERLAYS = 32  # see vocab._OVERLAYS

Change = tuple[str, str, str]  # (concept, "add" | "remove", canonical entry)


@dataclasses.dataclass(frozen=True)
class VocabularyOverlay:
    """Changes to the package's vocabularies, for ``CleanConfig.vocabulary``.

    Frozen and made of frozensets, so it hashes (in O(1) after the first time: frozensets
    keep their hash), compares by content and pickles to worker processes. Build it with
    :meth:`from_mapping` or :meth:`from_file`, which check and canonicalise the entries.
    """

    entries: frozenset[Change] = frozenset()
    sites: frozenset[tuple[str, VocabularyOverlay]] = frozenset()

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> VocabularyOverlay:
        """An overlay from ``{concept: {"add": [...], "remove": [...]}, "sites": {host: {...}}}``.

        Raises :class:`CleanError` (a ``ValueError``) naming the problem: an unknown concept
        (the message lists the known ones), an entry that is not a string or is empty once
        canonicalised, an entry both added and removed, or one removed that the concept does
        not hold.
        """
        if not isinstance(mapping, Mapping):
            raise CleanError(f"a vocabulary overlay is a mapping, not {type(mapping).__name__}")
        entries = _scope(mapping, "", allow_sites=True, added=frozenset())
        added = frozenset(e for e in entries if e[1] == "add")
        sites = mapping.get("sites", {})
        if not isinstance(sites, Mapping):
            raise CleanError("'sites' maps host names to overlays")
        scoped: dict[str, VocabularyOverlay] = {}
        for host, section in sites.items():
            site = _site_key(host)
            if site in scoped:
                raise CleanError(f"sites: {host!r} is given twice")
            if not isinstance(section, Mapping):
                raise CleanError(f"sites.{host}: expected a mapping of concepts")
            found = _scope(section, f"sites.{host}.", allow_sites=False, added=added)
            scoped[site] = cls(found)
        return cls(entries, frozenset(scoped.items()))

    @classmethod
    def from_file(cls, path: str | Path) -> VocabularyOverlay:
        """An overlay from a ``.toml`` file (Python 3.11+, or the ``tomli`` package) or a
        ``.json`` file holding the mapping :meth:`from_mapping` takes."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".json", ".toml"):
            raise CleanError(f"{path}: a vocabulary file ends in .toml or .json")
        loads = json.loads if suffix == ".json" else _toml().loads
        text = path.read_text("utf-8")
        try:
            data = loads(text)
        except ValueError as e:  # JSONDecodeError and TOMLDecodeError are ValueErrors
            raise CleanError(f"{path}: not a valid {suffix[1:].upper()} file: {e}") from e
        try:
            return cls.from_mapping(data)
        except CleanError as e:
            raise CleanError(f"{path}: {e}") from e

    def changes(self, concept: str) -> tuple[frozenset[str], frozenset[str]]:
        """The canonical entries this overlay adds to and removes from a concept."""
        if concept not in KNOWN:
            raise CleanError(_unknown(concept))
        return _grouped(self).get(concept, (frozenset(), frozenset()))

    def for_host(self, host: str) -> VocabularyOverlay:
        """This overlay's own changes, then those of every site that is ``host`` or one of its
        parent domains, the most specific last; the result has no sites."""
        if not self.sites:
            return self
        return _resolve(self, host.lower().rstrip("."))


def _toml() -> Any:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        try:
            import tomli as tomllib  # type: ignore[no-redef,import-not-found,unused-ignore]
        except ModuleNotFoundError:
            raise CleanError(
                "reading a TOML vocabulary file needs Python 3.11 or the tomli package; "
                "write the same mapping as a .json file instead"
            ) from None
    return tomllib


def _unknown(concept: str) -> str:
    return f"unknown vocabulary concept {concept!r}; known: {', '.join(KNOWN)}"


def _scope(
    mapping: Mapping[str, Any], where: str, *, allow_sites: bool, added: frozenset[Change]
) -> frozenset[Change]:
    """The checked, canonical changes of one scope (the whole overlay or one site); ``added``
    are the whole overlay's additions, which a site may remove again."""
    out: set[Change] = set()
    for concept, change in _flatten(mapping, where, allow_sites):
        if not isinstance(change, Mapping) or not set(change) <= set(_OPS):
            raise CleanError(f"{where}{concept}: expected {{'add': [...], 'remove': [...]}}")
        for op in _OPS:
            for entry in _strings(change.get(op, []), f"{where}{concept}.{op}"):
                out.add((concept, op, _canonical(concept, entry, where)))
    for concept, op, entry in sorted(out):  # sorted: the same message in every run
        if op == "add" and (concept, "remove", entry) in out:
            raise CleanError(f"{where}{concept}: {entry!r} is both added and removed")
    for concept, op, entry in sorted(out):
        if (
            op == "remove"
            and entry not in _package(concept)
            and (concept, "add", entry) not in added
        ):
            raise CleanError(f"{where}{concept}: cannot remove {entry!r}, which it does not hold")
    return frozenset(out)


def _flatten(
    mapping: Mapping[str, Any], where: str, allow_sites: bool
) -> Iterable[tuple[str, Any]]:
    for key, value in mapping.items():
        if key == "sites" and allow_sites:
            continue
        if key in _GROUPS:
            if not isinstance(value, Mapping):
                raise CleanError(f"{where}{key}: expected a mapping of concepts")
            for name, change in value.items():
                concept = f"{key}.{name}"
                if concept not in KNOWN:
                    raise CleanError(f"{where.rstrip('.') or 'overlay'}: {_unknown(concept)}")
                yield concept, change
        elif key in KNOWN:
            yield key, value
        else:
            raise CleanError(f"{where.rstrip('.') or 'overlay'}: {_unknown(key)}")


def _strings(values: Any, where: str) -> list[str]:
    # A bare string would otherwise be read letter by letter.
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise CleanError(f"{where}: expected a list of strings")
    out: list[str] = []
    for value in values:
        if not isinstance(value, str):
            raise CleanError(f"{where}: {value!r} is not a string")
        out.append(value)
    return out


def _canonical(concept: str, entry: str, where: str) -> str:
    """An entry as the package data's are matched: canonical keys for text vocabularies (NFC
    first: decomposed tones would split the words), bare lower-case fragments for tokens."""
    if concept in VOCABULARIES:
        key = canon_key(unicodedata.normalize("NFC", entry))
    else:
        key = canon_fragment(entry)
        if any(c.isspace() for c in key):
            raise CleanError(f"{where}{concept}: {entry!r} is not one class or id token")
    if not key:
        raise CleanError(f"{where}{concept}: {entry!r} has no letters or digits")
    return key


def _package(concept: str) -> frozenset[str]:
    if concept in VOCABULARIES:
        return package_entries(concept)
    if concept in DOM_CONCEPTS:
        return package_fragments(concept[len("dom.") :])
    return frozenset()  # hints have no package entries


def _site_key(host: Any) -> str:
    site = host.strip().lower().rstrip(".") if isinstance(host, str) else ""
    site = site.removeprefix("www.")
    if not site or any(c in site for c in "/:@ "):
        raise CleanError(f"sites: {host!r} is not a host name such as 'vnexpress.net'")
    return site


@functools.lru_cache(maxsize=_OVERLAYS)
def _grouped(overlay: VocabularyOverlay) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    by_concept: dict[str, tuple[set[str], set[str]]] = {}
    for concept, op, entry in overlay.entries:
        add, remove = by_concept.setdefault(concept, (set(), set()))
        (add if op == "add" else remove).add(entry)
    return {c: (frozenset(a), frozenset(r)) for c, (a, r) in by_concept.items()}


@functools.lru_cache(maxsize=1024)
def _resolve(overlay: VocabularyOverlay, host: str) -> VocabularyOverlay:
    matching = sorted(
        (site for site in overlay.sites if host == site[0] or host.endswith("." + site[0])),
        key=lambda site: len(site[0]),
    )
    add: dict[str, frozenset[str]] = {}
    remove: dict[str, frozenset[str]] = {}
    for scope in (overlay, *(site[1] for site in matching)):
        for concept, (more, fewer) in _grouped(scope).items():
            # Applied in turn, remove then add: a later scope undoes an earlier one.
            add[concept] = (add.get(concept, frozenset()) - fewer) | more
            remove[concept] = (remove.get(concept, frozenset()) - more) | fewer
    entries = {(c, "add", e) for c, es in add.items() for e in es}
    entries |= {(c, "remove", e) for c, es in remove.items() for e in es}
    return VocabularyOverlay(frozenset(entries))
