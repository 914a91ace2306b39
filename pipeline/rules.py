"""Scoring rule sets: the rules live in YAML files, this module only finds, merges and checks them.

ก.พ.ร. changes its scoring rules from time to time; keeping them as data (``pipeline/rules/*.yaml``)
lets an admin change them per fiscal year without touching code. The file format is documented
in ``docs/scoring.md``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from parsers.messages import Message
from pipeline.errors import InputError
from pipeline.models import Scoring

RULES_DIR = Path(__file__).with_name("rules")
"""The rule sets shipped with thaikpi (``default.yaml``, optionally ``fy<YEAR>.yaml``)."""

RULES_DIR_ENV = "THAIKPI_RULES_DIR"
"""An extra directory searched before :data:`RULES_DIR`, for sites that keep their own rules."""

DEFAULT_NAME = "default"
_MAX_EXTENDS = 8

BelowLowest = Literal["zero", "lowest_level", "extrapolate"]
Deductions = Literal["per_round", "once", "none"]
Rounding = Literal["half_up", "half_even", "down"]

_ROUNDING_MODES = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN}


class _Strict(BaseModel):
    # A misspelt key in a rule file must fail loudly, not fall back to a silent default.
    model_config = ConfigDict(extra="forbid", frozen=True)


class KindRules(_Strict):
    """How one scoring kind (threshold, direct, milestone) turns a result into a score."""

    below_lowest: BelowLowest
    interpolate: bool
    cap_at_top: bool
    deductions: Deductions
    floor: Decimal


class KindsRules(_Strict):
    threshold: KindRules
    direct: KindRules
    milestone: KindRules

    @model_validator(mode="after")
    def _consistent(self) -> KindsRules:
        # Settings that contradict each other would make a score depend on evaluation order.
        for kind in ("threshold", "direct"):
            rules: KindRules = getattr(self, kind)
            if rules.below_lowest == "extrapolate" and not rules.interpolate:
                raise ValueError(f"{kind}: below_lowest 'extrapolate' needs interpolate: true")
        if self.milestone.below_lowest == "extrapolate":
            raise ValueError("milestone: below_lowest must be 'zero' or 'lowest_level' (results are levels)")
        return self


class DisplayRules(_Strict):
    """Display only: arithmetic is exact, numbers are rounded when they are shown."""

    decimals: int = Field(ge=0, le=12)
    rounding: Rounding

    def quantize(self, value: Decimal) -> Decimal:
        return value.quantize(Decimal(1).scaleb(-self.decimals), rounding=_ROUNDING_MODES[self.rounding])

    def format(self, value: Decimal) -> str:
        return f"{self.quantize(value):f}"


class RuleSet(_Strict):
    """One complete rule set, as read from a rule file (after ``extends`` is merged)."""

    name: str
    description: str = ""
    """What the rule set does, in English (``--lang en``)."""
    description_th: str = ""
    """The same in Thai, shown by default; a rule file without it shows ``description``."""
    kinds: KindsRules
    display: DisplayRules
    source: str | None = Field(default=None, description="The file the rule set was read from.")

    def describe(self, lang: str = "th") -> str:
        return self.description_th if lang == "th" and self.description_th else self.description

    def for_kind(self, scoring: Scoring) -> KindRules:
        rules: KindRules = getattr(self.kinds, scoring)
        return rules


def search_dirs() -> list[Path]:
    """Where rule files are looked for: ``$THAIKPI_RULES_DIR`` (if set), then the shipped rules."""
    dirs: list[Path] = []
    extra = os.environ.get(RULES_DIR_ENV)
    if extra:
        dirs.append(Path(extra))
    dirs.append(RULES_DIR)
    return dirs


def rules_path(fiscal_year: int | None = None) -> Path:
    """The rule file for a fiscal year: the first ``fy<YEAR>.yaml`` found, else ``default.yaml``."""
    dirs = search_dirs()
    names = ([f"fy{fiscal_year}.yaml"] if fiscal_year is not None else []) + [f"{DEFAULT_NAME}.yaml"]
    for name in names:
        for directory in dirs:
            candidate = directory / name
            if candidate.is_file():
                return candidate
    raise InputError("rules.not_found", name=names[-1], dirs=", ".join(str(d) for d in dirs))


def load_rules(rules_file: str | Path | None = None, fiscal_year: int | None = None) -> RuleSet:
    """The rule set to score with: ``rules_file`` when given, else the one for ``fiscal_year``."""
    path = Path(rules_file) if rules_file is not None else rules_path(fiscal_year)
    data = _read_merged(path, depth=0)
    return parse_rules(data, source=str(path))


def parse_rules(data: Mapping[str, Any], source: str | None = None) -> RuleSet:
    """Check rule data (already merged) and build the rule set; errors name the offending key."""
    payload = {key: value for key, value in data.items() if key != "extends"}
    payload["source"] = source
    try:
        return RuleSet.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        more = Message("rules.more", n=exc.error_count() - 1) if exc.error_count() > 1 else ""
        raise InputError("rules.invalid", file=source, where=where, detail=first["msg"], more=more) from None


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError("rules.unreadable", file=str(path), why=exc.strerror or str(exc)) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            raise InputError("rules.bad_yaml_at", file=str(path), line=mark.line + 1) from None
        raise InputError("rules.bad_yaml", file=str(path)) from None
    if not isinstance(data, dict):
        raise InputError("rules.not_mapping", file=str(path))
    return data


def _resolve_extends(name: str, relative_to: Path) -> Path:
    """``extends: default`` means default.yaml beside the file, else in the search directories."""
    file_name = name if name.endswith((".yaml", ".yml")) else f"{name}.yaml"
    candidates = [relative_to.parent / file_name] + [d / file_name for d in search_dirs()]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise InputError("rules.base_missing", file=str(relative_to), name=name)


def _read_merged(path: Path, depth: int) -> dict[str, Any]:
    if depth > _MAX_EXTENDS:
        raise InputError("rules.loop", file=str(path))
    data = _read_yaml(path)
    base_name = data.get("extends")
    if base_name is None:
        return data
    if not isinstance(base_name, str):
        raise InputError("rules.extends_type", file=str(path))
    base_path = _resolve_extends(base_name, path)
    if base_path.resolve() == path.resolve():
        raise InputError("rules.extends_self", file=str(path))
    merged = _deep_merge(_read_merged(base_path, depth + 1), data)
    merged.pop("extends", None)
    if "name" not in data:
        # A derived rule set must not pass itself off as the one it extends.
        merged["name"] = path.stem
    return merged


def _deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Mappings merge key by key; anything else in ``override`` replaces what ``base`` had."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged
