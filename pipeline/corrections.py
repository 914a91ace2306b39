"""A person's corrections of an extracted record: `FIELD=VALUE` read, checked and applied.

Extraction is never right on every PDF, and the fix belongs to the person who read the document,
not to the extraction: the stored record stays exactly as extracted and the corrected record is
computed from it plus the corrections, so an auditor can always see both. Everything here is
pure (no store, no I/O); `pipeline.store` keeps the corrections and `thaikpi correct` calls it.

A field is named by a dotted path, the same one `pipeline.quality` names its reasons with:

* `organization`, `parent_organization`, `fiscal_year`, `period.start`, `period.end`
* `parties.grantor.name|position|signed_on`, `parties.maker.…`
* `kpis.3.name|weight|category|status|scoring|unit|deduction_points` (the KPI by its number)
* `kpis.3.criteria.2.text|value` (the criterion by its position 1..n among the KPI's criteria
  sorted by level, so `.1` is the lowest level whatever order the document lists them in)

A value is read the way the field's type asks: numbers and dates also with Thai digits, dates as
ISO `YYYY-MM-DD` (a year from 2400 on is taken as Buddhist Era) or Thai (`๑ ตุลาคม ๒๕๖๕`), `null`
for an empty optional field, text as typed (in double quotes for the literal text `null`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from parsers.errors import ThaiKPIError, ValueParseError
from parsers.messages import Message
from parsers.thai.dates import MAX_BE_YEAR, MIN_BE_YEAR, be_to_ce, parse_thai_date
from parsers.thai.numbers import thai_to_arabic_digits
from pipeline.models import KPI, Agreement, Correction, Criterion, Party, Period, Quality, Reason
from pipeline.quality import assess

#: the fields a correction may name, per part of the record (checked against the models in tests)
TOP_FIELDS = ("organization", "parent_organization", "fiscal_year")
PERIOD_FIELDS = ("start", "end")
ROLES = ("grantor", "maker")
PARTY_FIELDS = ("name", "position", "signed_on")
KPI_FIELDS = ("name", "weight", "category", "status", "scoring", "unit", "deduction_points")
CRITERION_FIELDS = ("text", "value")

#: the quality reason of a correction a new version's extraction contradicts
CONFLICT_WHY = ("การแก้ไขขัดแย้งกับฉบับใหม่", "a correction conflicts with the new version")

PATHS_HELP = (
    "organization, parent_organization, fiscal_year, period.start, period.end, "
    "parties.grantor|maker.name|position|signed_on, "
    "kpis.N.name|weight|category|status|scoring|unit|deduction_points, kpis.N.criteria.I.text|value"
)

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class CorrectionError(ThaiKPIError):
    """A correction the record cannot take (unknown field, wrong value); nothing is written."""


@dataclass(frozen=True)
class Assignment:
    """One `FIELD=VALUE` as the person wrote it, with the note of its review-sheet row if any."""

    field: str
    text: str
    note: str | None = None


@dataclass(frozen=True)
class FieldPath:
    """Where a dotted path points: the part of the record (`part`, its key) and the attribute."""

    field: str
    part: Literal["top", "period", "party", "kpi", "criterion"]
    attr: str
    model: type[BaseModel]
    role: str | None = None
    kpi: int | None = None
    position: int | None = None

    @property
    def info(self) -> FieldInfo:
        return self.model.model_fields[self.attr]


# --- paths ------------------------------------------------------------------------------------


def parse_assignment(arg: str) -> Assignment:
    """`FIELD=VALUE` → Assignment; the value may itself contain `=`."""
    field, sep, value = arg.partition("=")
    if not sep or not field.strip():
        raise CorrectionError("corr.expected", arg=arg)
    return Assignment(field.strip(), value)


def parse_path(field: str) -> FieldPath:
    """The dotted path → what it names; Thai digits are accepted in the numbers."""
    parts = thai_to_arabic_digits(field.strip()).split(".")
    found = _path(parts)
    if found is None:
        raise CorrectionError("corr.unknown_field", field=field, fields=PATHS_HELP)
    return found


def _path(parts: list[str]) -> FieldPath | None:
    match parts:
        case [attr] if attr in TOP_FIELDS:
            return FieldPath(attr, "top", attr, Agreement)
        case ["period", attr] if attr in PERIOD_FIELDS:
            return FieldPath(f"period.{attr}", "period", attr, Period)
        case ["parties", role, attr] if role in ROLES and attr in PARTY_FIELDS:
            return FieldPath(f"parties.{role}.{attr}", "party", attr, Party, role=role)
        case ["kpis", n, attr] if _positive(n) and attr in KPI_FIELDS:
            return FieldPath(f"kpis.{int(n)}.{attr}", "kpi", attr, KPI, kpi=int(n))
        case ["kpis", n, "criteria", i, attr] if _positive(n) and _positive(i) and attr in CRITERION_FIELDS:
            return FieldPath(f"kpis.{int(n)}.criteria.{int(i)}.{attr}", "criterion", attr, Criterion, kpi=int(n), position=int(i))
    return None


def _positive(text: str) -> bool:
    return text.isdigit() and int(text) >= 1


# --- reading and writing the record as JSON data ------------------------------------------------


def _container(data: dict[str, Any], path: FieldPath, *, create: bool) -> dict[str, Any] | None:
    """The dict that holds the field; a missing period or party is made when writing (so a
    correction can supply what extraction did not find), a missing KPI or criterion is not."""
    if path.part == "top":
        return data
    if path.part == "period":
        if data.get("period") is None and create:
            data["period"] = {}
        period: dict[str, Any] | None = data.get("period")
        return period
    if path.part == "party":
        party = next((p for p in data.get("parties", []) if p.get("role") == path.role), None)
        if party is None and create:
            party = {"role": path.role, "name": "", "position": ""}
            data.setdefault("parties", []).append(party)
        return party
    kpi = next((k for k in data.get("kpis", []) if k.get("number") == path.kpi), None)
    if kpi is None:
        if create:
            raise CorrectionError("corr.no_kpi", field=path.field, kpi=path.kpi)
        return None
    if path.part == "kpi":
        return kpi
    return _criterion(kpi, path, create=create)


def _criterion(kpi: dict[str, Any], path: FieldPath, *, create: bool) -> dict[str, Any] | None:
    criteria = kpi.get("criteria", [])
    ordered = sorted(range(len(criteria)), key=lambda i: criteria[i].get("level", 0))
    assert path.position is not None
    if path.position > len(ordered):
        if create:
            has = Message("corr.criteria", n=len(ordered)) if ordered else Message("corr.no_criteria")
            raise CorrectionError("corr.kpi_has", field=path.field, kpi=path.kpi, has=has)
        return None
    found: dict[str, Any] = criteria[ordered[path.position - 1]]
    return found


def read(data: dict[str, Any], path: FieldPath) -> object:
    """The field's value in the record's JSON data; None where the record does not have it."""
    holder = _container(data, path, create=False)
    return None if holder is None else holder.get(path.attr)


def write(data: dict[str, Any], path: FieldPath, value: object) -> None:
    holder = _container(data, path, create=True)
    assert holder is not None
    holder[path.attr] = value


# --- values -----------------------------------------------------------------------------------


def _types(annotation: Any) -> tuple[list[Any], bool]:
    """The field's non-None types and whether it may be None."""
    if get_origin(annotation) in (Union, UnionType):
        args = get_args(annotation)
        return [a for a in args if a is not NoneType], NoneType in args
    return [annotation], False


def parse_value(path: FieldPath, text: str) -> object:
    """`text` as the field's type asks, checked by the model's own constraints; JSON data back
    (a date as ISO text), as it is stored in the record."""
    info = path.info
    types, optional = _types(info.annotation)
    raw = text.strip()
    if raw.lower() in ("", "null"):
        if optional:
            return None
        raise CorrectionError("corr.required", field=path.field)
    kind = types[0]
    value: object
    if kind is str:
        value = _text(raw)
    elif get_origin(kind) is Literal:
        choices = get_args(kind)
        if raw not in choices:
            raise CorrectionError("corr.not_choice", field=path.field, raw=raw, choices=", ".join(map(str, choices)))
        value = raw
    elif kind is date:
        value = _date(path, raw)
    elif kind in (int, float):
        value = _number(path, raw, kind)
    else:  # pragma: no cover - every editable field is one of the above (tested)
        raise CorrectionError("corr.not_editable", field=path.field)
    return _checked(path, value)


def _text(raw: str) -> str:
    if len(raw) >= 2 and raw.startswith('"') and raw.endswith('"'):
        try:
            decoded = json.loads(raw)
        except json.JSONDecodeError:
            return raw
        if isinstance(decoded, str):
            return decoded
    return raw


def _number(path: FieldPath, raw: str, kind: type) -> int | float:
    clean = thai_to_arabic_digits(raw).replace(",", "").replace(" ", "").removesuffix("%")
    if not _NUMBER.fullmatch(clean):
        raise CorrectionError("corr.not_number", field=path.field, raw=raw)
    number = float(clean)
    if kind is int:
        if not number.is_integer():
            raise CorrectionError("corr.not_whole", field=path.field, raw=raw)
        whole = int(number)
        if path.attr == "fiscal_year" and not MIN_BE_YEAR <= whole <= MAX_BE_YEAR:
            raise CorrectionError("corr.not_be_year", field=path.field, year=whole, low=MIN_BE_YEAR, high=MAX_BE_YEAR)
        return whole
    return int(number) if number.is_integer() and "." not in clean else number


def _date(path: FieldPath, raw: str) -> str:
    clean = thai_to_arabic_digits(raw)
    iso = _ISO_DATE.fullmatch(clean)
    try:
        if iso:
            year, month, day = (int(g) for g in iso.groups())
            if year >= MIN_BE_YEAR:
                year = be_to_ce(year)
            return date(year, month, day).isoformat()
        return parse_thai_date(raw).isoformat()
    except (ValueError, ValueParseError) as exc:
        reason = exc.reason if isinstance(exc, ValueParseError) else str(exc)
        raise CorrectionError("corr.not_date", field=path.field, raw=raw, reason=reason) from None


def _checked(path: FieldPath, value: object) -> object:
    """The model's own constraints (a weight is not negative …), with the model's message."""
    info = path.info
    annotation: Any = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    try:
        adapter.validate_python(value)
    except ValidationError as exc:
        raise CorrectionError("corr.model", field=path.field, detail=exc.errors()[0]["msg"].lower()) from None
    return value


def same(a: object, b: object) -> bool:
    """Equal as values: 20 and 20.0 are the same weight, spacing inside text does not count."""
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(a.split()) == " ".join(b.split())
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return float(a) == float(b)
    return a == b


def display(value: object) -> str:
    """A value as a person reads it (and as the review sheet writes it): 20 not 20.0, - for none."""
    if value is None:
        return "-"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- corrections ------------------------------------------------------------------------------


def prepare(
    record: Agreement,
    assignments: Iterable[Assignment],
    *,
    by: str | None = None,
    note: str | None = None,
    at: str | None = None,
) -> list[Correction]:
    """The corrections `assignments` make to `record` (the record as it now is, corrections
    included), all checked together: one bad field or value refuses them all."""
    data = record.to_json_dict()
    out: list[Correction] = []
    seen: set[str] = set()
    for item in assignments:
        path = parse_path(item.field)
        if path.field in seen:
            raise CorrectionError("corr.twice", field=path.field)
        seen.add(path.field)
        value = parse_value(path, item.text)
        old = read(data, path)
        if same(old, value):
            raise CorrectionError("corr.already", field=path.field, value="null" if old is None else display(old))
        write(data, path, value)
        out.append(Correction(field=path.field, old=old, new=value, by=by, at=at, note=item.note or note))
    if not out:
        raise CorrectionError("corr.nothing")
    # the new values as the model writes them (a weight 25 as 25.0, like the extraction's)
    checked = _validate(data).to_json_dict()
    return [c.model_copy(update={"new": read(checked, parse_path(c.field))}) for c in out]


def _validate(data: dict[str, Any]) -> Agreement:
    try:
        return Agreement.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CorrectionError("corr.model", field=_loc(data, first["loc"]), detail=first["msg"].lower()) from None


def _loc(data: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """A validation error's location as a dotted path (`kpis.3`, `parties.grantor`)."""
    parts = [str(p) for p in loc]
    if len(loc) > 1 and loc[0] == "kpis" and isinstance(loc[1], int):
        parts[1] = str(data["kpis"][loc[1]].get("number", loc[1] + 1))
    elif len(loc) > 1 and loc[0] == "parties" and isinstance(loc[1], int):
        parts[1] = str(data["parties"][loc[1]].get("role", loc[1] + 1))
    return ".".join(parts)


def apply(record: Agreement, corrections: Iterable[Correction]) -> Agreement:
    """The corrected record: `record` (as extracted) with the applied corrections, every
    correction listed in it, and its quality assessed again. Without corrections, `record`."""
    listed = list(corrections)
    if not listed:
        return record
    data = record.to_json_dict()
    applied = [c for c in listed if c.status == "applied"]
    for c in applied:
        write(data, parse_path(c.field), c.new)
    data["corrections"] = [c.model_dump(mode="json") for c in listed]
    data["quality"] = None
    corrected = _validate(data)
    corrected.quality = _quality(corrected, listed)
    return corrected


def _quality(record: Agreement, corrections: list[Correction]) -> Quality:
    fixed = [c.field for c in corrections if c.status == "applied"]
    quality = assess(record, corrected=fixed)
    conflicts = conflict_reasons(record, corrections)
    if not conflicts:
        return quality
    return Quality(status="needs_review", reasons=[*quality.reasons, *conflicts])


def open_conflicts(corrections: Iterable[Correction]) -> list[Correction]:
    """Conflicts not yet settled: no applied correction of the same field came after them."""
    listed = list(corrections)
    out: list[Correction] = []
    for i, c in enumerate(listed):
        later = listed[i + 1 :]
        if c.status == "conflict" and not any(x.field == c.field and x.status == "applied" for x in later):
            if not any(o.field == c.field for o in out):
                out.append(c)
    return out


def conflict_reasons(record: Agreement, corrections: Iterable[Correction]) -> list[Reason]:
    thai, english = CONFLICT_WHY
    return [
        Reason(field=c.field, why=f"{thai}: {c.field}", why_en=f"{english}: {c.field}", page=page_of(record, c.field))
        for c in open_conflicts(corrections)
    ]


def inherit(previous: Iterable[Correction], extraction: Agreement) -> list[Correction]:
    """The previous version's applied corrections as they carry to a new version: still applied
    where the new extraction gives what the first correction of that field found (`old`),
    `conflict` where the document now says something else (a person must look again)."""
    applied = [c for c in previous if c.status == "applied"]
    data = extraction.to_json_dict()
    status: dict[str, Literal["applied", "conflict"]] = {}
    for c in applied:
        if c.field not in status:
            now = read(data, parse_path(c.field))
            status[c.field] = "applied" if same(now, c.old) else "conflict"
    return [c.model_copy(update={"status": status[c.field]}) for c in applied]


def corrected_fields(record: Agreement) -> set[str]:
    """Fields an applied correction changed (for marking them with `*`)."""
    return {c.field for c in record.corrections if c.status == "applied"}


# --- the review sheet -------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRow:
    """One field of the review sheet: its path, value now, page, and why to look at it."""

    field: str
    value: str
    page: int | None
    why: str


def field_paths(record: Agreement) -> list[str]:
    """Every field a person may correct, in the order of the document."""
    paths = [*TOP_FIELDS, *(f"period.{a}" for a in PERIOD_FIELDS)]
    paths += [f"parties.{role}.{a}" for role in ROLES for a in PARTY_FIELDS]
    for kpi in sorted(record.kpis, key=lambda k: k.number):
        paths += [f"kpis.{kpi.number}.{a}" for a in KPI_FIELDS]
        for i in range(1, len(kpi.criteria) + 1):
            paths += [f"kpis.{kpi.number}.criteria.{i}.{a}" for a in CRITERION_FIELDS]
    return paths


def page_of(record: Agreement, field: str) -> int | None:
    """The page a field was read from, where the record knows it (cover fields: the parties'
    page; KPI fields: the KPI's first page)."""
    parts = field.split(".")
    if parts[0] == "kpis" and len(parts) > 1 and parts[1].isdigit():
        kpi = record.kpi(int(parts[1]))
        return kpi.pages[0] if kpi and kpi.pages else None
    if parts[0] == "parties" and len(parts) > 1:
        party = record.party(parts[1]) if parts[1] in ROLES else None  # type: ignore[arg-type]
        if party and party.page:
            return party.page
    return next((p.page for p in record.parties if p.page), None)


def review_rows(record: Agreement) -> list[ReviewRow]:
    data = record.to_json_dict()
    reasons = (record.quality or assess(record)).reasons
    rows = []
    for field in field_paths(record):
        value = read(data, parse_path(field))
        why = "; ".join(r.why for r in reasons if _concerns(r.field, field))
        rows.append(ReviewRow(field, "" if value is None else display(value), page_of(record, field), why))
    return rows


def _concerns(reason_field: str, field: str) -> bool:
    return bool(reason_field) and (field == reason_field or field.startswith(reason_field + "."))
