"""The agreement record: every pydantic model of thaikpi lives here.

These models are the source of truth in code for the interchange record described by
``agreement.schema.json`` (schema_version "1"). Their ``model_dump(mode="json")`` output must
validate against that schema; fields the schema does not name (``scoring_rule``, ``ocr_pages``,
``source_pages`` …) are allowed extras there and are kept here because later stages need them.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Literal["1"] = "1"

Role = Literal["grantor", "maker"]
ScaleKind = Literal["three_level", "five_level"]
Scoring = Literal["milestone", "threshold", "direct"]
Status = Literal["continuing", "new"]
Severity = Literal["error", "warning", "info"]

THREE_LEVELS: tuple[int, ...] = (50, 75, 100)
FIVE_LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Source(_Model):
    """Which file the record came from; sha256 identifies the exact bytes."""

    file: str
    sha256: str
    pages: int
    ocr_pages: list[int] = Field(default_factory=list)


class Period(_Model):
    start: date
    end: date


class Party(_Model):
    role: Role
    name: str
    position: str
    signed_on: date | None = None
    page: int | None = None


class Scale(_Model):
    kind: ScaleKind
    levels: list[float]

    @classmethod
    def three(cls) -> Scale:
        return cls(kind="three_level", levels=list(THREE_LEVELS))

    @classmethod
    def five(cls) -> Scale:
        return cls(kind="five_level", levels=list(FIVE_LEVELS))

    @property
    def top(self) -> float:
        return max(self.levels)


class Category(_Model):
    name: str
    weight: float
    kpi_numbers: list[int] = Field(default_factory=list)


class Criterion(_Model):
    level: float
    text: str
    value: float | None = None


class YearValue(_Model):
    """One cell of a baseline or roadmap row: the year (BE), the number if it is one, the text."""

    year: int
    value: float | None = None
    text: str | None = None


class Round(_Model):
    month: Literal[6, 9, 12]
    goal: str | None = None
    steps: list[str] = Field(default_factory=list)


class KPI(_Model):
    number: int = Field(ge=1)
    name: str
    weight: float = Field(ge=0)
    category: str | None = None
    status: Status | None = None
    scoring: Scoring
    unit: str | None = None
    criteria: list[Criterion] = Field(default_factory=list)
    baseline: list[YearValue] = Field(default_factory=list)
    roadmap: list[YearValue] = Field(default_factory=list)
    rounds: list[Round] = Field(default_factory=list)
    deduction_points: float | None = None
    pages: list[int] = Field(default_factory=list)
    scoring_rule: str | None = None


class Finding(_Model):
    """One disagreement or gap in the document. ``code`` is stable (scripts and tests key on it);
    ``message`` is English, as the shared contract has it, and ``message_th`` the same sentence in
    Thai for reports (None in records made before it existed: reports then translate the English
    message by its code, see :func:`pipeline.findings.finding_message`)."""

    severity: Severity
    code: str
    message: str
    message_th: str | None = None
    page: int | None = None
    #: the record field it concerns, as a dotted path (`kpis.3.weight`), where there is one
    field: str | None = None


class Reason(_Model):
    """Why a record needs a person's review: the field concerned (a dotted path, as `thaikpi
    correct` takes it), the reason in Thai (`why`) and in English (`why_en`), and the page."""

    field: str
    why: str
    why_en: str
    page: int | None = None


class Quality(_Model):
    """The record's verdict on itself: `ok`, or `needs_review` with the reasons."""

    status: Literal["ok", "needs_review"] = "ok"
    reasons: list[Reason] = Field(default_factory=list)


class Correction(_Model):
    """A person's fix of one field: what the extraction said, what it is, who, when and why.

    `status` is `applied` on the version it was made on and on later versions whose extraction
    still gives `old`; `conflict` where a later version extracts something else (kept for review,
    never silently applied or dropped)."""

    field: str
    old: object = None
    new: object = None
    by: str | None = None
    at: str | None = None
    note: str | None = None
    status: Literal["applied", "conflict"] = "applied"


class Agreement(_Model):
    """One performance agreement (คำรับรองการปฏิบัติราชการ) as extracted from one PDF."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    source: Source
    fiscal_year: int
    period: Period | None = None
    organization: str
    parent_organization: str | None = None
    parties: list[Party] = Field(default_factory=list)
    scale: Scale
    categories: list[Category] = Field(default_factory=list)
    kpis: list[KPI] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    #: the record's own verdict (`pipeline.quality`); None only for records stored before it existed
    quality: Quality | None = None
    #: corrections applied to this record (`thaikpi correct`); empty for a record as extracted
    corrections: list[Correction] = Field(default_factory=list)

    def kpi(self, number: int) -> KPI | None:
        return next((k for k in self.kpis if k.number == number), None)

    def party(self, role: Role) -> Party | None:
        return next((p for p in self.parties if p.role == role), None)

    def to_json_dict(self) -> dict[str, object]:
        """The record as plain JSON data (dates ISO, numbers plain), as written to disk."""
        return self.model_dump(mode="json", exclude_none=False)
