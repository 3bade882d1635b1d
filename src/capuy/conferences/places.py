"""Vietnamese districts, communes and wards, to restore a place that a report gives only in its web address
("huongson.hatinh.gov.vn", "…/dang-bo-huyen-dinh-hoa/…") with its marks: "Hương Sơn", "Định Hóa".

The list is the General Statistics Office's register of administrative units before the 2025 reorganization (the
years most reports come from), as packaged by ``vietnam-provinces`` 0.6 (GPL-3.0-or-later; its data file only is
read here, lazily, without importing its code). Without the package the lookup finds nothing.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from capuy.core import vietnamese

# The unit word of a name in the register → how a web address writes it.
UNIT_SLUGS = {"huyện": ("huyen",), "quận": ("quan",), "thị xã": ("thi-xa", "tx"), "thành phố": ("thanh-pho", "tp"),
              "xã": ("xa",), "phường": ("phuong",), "thị trấn": ("thi-tran", "tt")}


def fold(text: str) -> str:
    """"Định Hóa" → "dinhhoa": a name as a web address writes it."""
    return re.sub(r"[^a-z0-9]", "", vietnamese.search_key(text))


def _register_file() -> Path | None:
    spec = importlib.util.find_spec("vietnam_provinces")  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "flat-divisions.json"
    return path if path.exists() else None


@functools.cache
def register() -> dict[str, dict[str, str]]:
    """unit word → {folded name: name as written}; where two spellings fold alike, the commoner one."""
    path = _register_file()
    if path is None:
        return {}
    spellings: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    seen_districts = set()
    for row in json.loads(path.read_text(encoding="utf-8")):
        names = [row.get("ward_name") or ""]
        if row.get("district_code") not in seen_districts:
            seen_districts.add(row.get("district_code"))
            names.append(row.get("district_name") or "")
        for full in names:
            unit = next((u for u in sorted(UNIT_SLUGS, key=len, reverse=True) if full.lower().startswith(u + " ")),
                        None)
            if unit:
                name = full[len(unit) + 1:].strip()
                spellings[unit][fold(name)][name] += 1
    return {unit: {key: counts.most_common(1)[0][0] for key, counts in names.items()}
            for unit, names in spellings.items()}


def place_in_address(unit: str, host_labels: list[str], path_words: list[str]) -> str | None:
    """The name of a ``unit`` ("huyện", "phường"…) that a web address gives: written after its unit word in the path
    ("…-huyen-dinh-hoa-…", the longest name that is in the register), else a whole host label ("huongson")."""
    names = register().get(unit)
    if not names:
        return None
    slugs = "|".join(UNIT_SLUGS[unit])
    for word in path_words:
        for found in re.finditer(rf"(?:^|-)(?:{slugs})-([a-z0-9]+(?:-[a-z0-9]+){{0,3}})", word):
            parts = found.group(1).split("-")
            for n in range(len(parts), 0, -1):
                if "".join(parts[:n]) in names:
                    return names["".join(parts[:n])]
    return next((names[label] for label in host_labels if label in names), None)
