"""Every sentence the command line says to a person, in Thai (the default) and English.

One catalogue, at the bottom of the tree so that both the parsers and the pipeline use it: a key
names a sentence, and each language has its own wording with the same ``str.format``
placeholders. An error carries its key and values (:class:`Message`), so the reason is written in
the language chosen when it is printed (``--lang``, else ``$THAIKPI_LANG``, else Thai). Text
quoted from a PDF, a file name or a system error is a value and stays as it is.
"""

from __future__ import annotations

import os
import string
from collections.abc import Iterable, Mapping
from typing import Any

LANGS = ("th", "en")
#: the environment variable that picks the language once for every command (th or en)
LANG_ENV = "THAIKPI_LANG"

# fmt: off
MESSAGES: dict[str, dict[str, str]] = {
    # --- reading a PDF (parsers.pdf) ------------------------------------------------------------
    "input.directory": {"th": "เป็นโฟลเดอร์ ไม่ใช่ไฟล์ PDF", "en": "is a directory, not a PDF"},
    "input.no_file": {"th": "ไม่พบไฟล์", "en": "no such file"},
    "input.unreadable": {"th": "อ่านไฟล์ไม่ได้ ({why})", "en": "cannot read file ({why})"},
    "input.empty": {"th": "ไฟล์ว่าง (0 ไบต์)", "en": "empty file (0 bytes)"},
    "input.not_pdf": {"th": "ไม่ใช่ไฟล์ PDF (ไม่มีส่วนหัว %PDF)", "en": "not a PDF (no %PDF header)"},
    "input.truncated": {"th": "ไฟล์ PDF ไม่ครบ (ไม่มีเครื่องหมายท้ายไฟล์)", "en": "truncated PDF (no end-of-file marker)"},
    "input.encrypted": {"th": "PDF เข้ารหัสไว้ (ต้องใช้รหัสผ่าน)", "en": "encrypted PDF (password required)"},
    "input.corrupt": {"th": "PDF เสียหาย (อ่านโครงสร้างไม่ได้)", "en": "corrupt PDF (cannot be parsed)"},
    "input.cannot_open": {"th": "เปิด PDF ไม่ได้ ({why})", "en": "cannot open PDF ({why})"},
    "input.no_pages": {"th": "PDF ไม่มีหน้าใดเลย", "en": "PDF has no pages"},
    "input.too_many_pages": {"th": "จำนวนหน้ามากเกินไป ({pages} > --max-pages {limit})", "en": "too many pages ({pages} > --max-pages {limit})"},
    "input.cannot_read": {"th": "อ่านไม่ได้: {why}", "en": "cannot read: {why}"},
    "input.bad_json": {"th": "ไม่ใช่ JSON ที่ถูกต้อง (บรรทัด {line} คอลัมน์ {column})", "en": "not valid JSON (line {line}, column {column})"},
    "input.not_record": {"th": "ไม่ใช่ระเบียนคำรับรอง: {where}: {detail}", "en": "not an agreement record: {where}: {detail}"},
    "pages.bad_range_hint": {"th": "ช่วงหน้าไม่ถูกต้อง {spec!r} (ใช้เช่น 1-5,8)", "en": "bad page range {spec!r} (use e.g. 1-5,8)"},
    "pages.bad_range": {"th": "ช่วงหน้าไม่ถูกต้อง {spec!r}", "en": "bad page range {spec!r}"},
    "pages.out_of_range": {"th": "หน้า {page} อยู่นอกช่วง (1–{count})", "en": "page {page} out of range (1–{count})"},
    # --- reading an agreement (parsers.sections, pipeline.reading) -----------------------------
    "agreement.no_text": {"th": "ไม่มีข้อความใน PDF (เป็นภาพสแกน?) และไม่ได้ทำ OCR", "en": "no text in the PDF (scanned?) and no OCR was run"},
    "agreement.not_agreement": {
        "th": "ไม่ใช่คำรับรองการปฏิบัติราชการ (ไม่พบคำว่า คำรับรองการปฏิบัติราชการ และไม่มีตารางค่าเป้าหมาย)",
        "en": "not a performance agreement (no คำรับรองการปฏิบัติราชการ, no targets table)",
    },
    "agreement.no_kpi_table": {"th": "ไม่พบตารางตัวชี้วัด (ตารางกรอบการประเมินหรือตารางค่าเป้าหมาย)", "en": "no KPI table found (framework or targets table)"},
    "ocr.forced_unavailable": {"th": "สั่งให้ทำ OCR (--ocr always) แต่ไม่มี OCR ให้ใช้", "en": "OCR was asked for (--ocr always) but is not available"},
    "ocr.unavailable_one": {"th": "หน้า {pages}: ไม่มีชั้นข้อความที่ใช้ได้ และไม่มี OCR ให้ใช้", "en": "page {pages}: no usable text layer and OCR is not available"},
    "ocr.unavailable_many": {"th": "หน้า {pages}: ไม่มีชั้นข้อความที่ใช้ได้ และไม่มี OCR ให้ใช้", "en": "pages {pages}: no usable text layer and OCR is not available"},
    # --- Thai numbers and dates (parsers.thai) --------------------------------------------------
    "number.unreadable": {"th": "อ่านตัวเลข '{body}' ไม่ได้", "en": "cannot read number '{body}'"},
    "number.none": {"th": "ไม่มีตัวเลขใน {text}", "en": "no number in {text}"},
    "number.several": {"th": "มีตัวเลขมากกว่าหนึ่งค่าใน {text} ({listed})", "en": "more than one number in {text} ({listed})"},
    "percent.none": {"th": "ไม่มีค่าร้อยละใน {text}", "en": "no percentage in {text}"},
    "percent.several": {"th": "มีตัวเลขมากกว่าหนึ่งค่าในค่าร้อยละ {text} ({listed})", "en": "more than one number in percentage {text} ({listed})"},
    "date.bad_year": {"th": "ปี {year} ใน {text} ไม่ใช่ปีพุทธศักราช ({low}–{high})", "en": "year {year} in {text} is not a Buddhist-Era year ({low}–{high})"},
    "date.bad_day": {
        "th": "วันที่ {day} ใน {text} เกินจำนวนวันของเดือน{month} {year} (1–{last})",
        "en": "day {day} is out of range for {month} {year} (1–{last}) in {text}",
    },
    "date.unknown_month": {"th": "ไม่รู้จักเดือน '{word}' ใน {text}", "en": "unknown month '{word}' in {text}"},
    "date.no_year": {"th": "ไม่มีปีใน {text}", "en": "no year in {text}"},
    "date.none": {"th": "ไม่มีวันที่แบบไทยใน {text}", "en": "no Thai date in {text}"},
    "date.several": {"th": "มีวันที่มากกว่าหนึ่งวันใน {text} ({listed})", "en": "more than one date in {text} ({listed})"},
    "fy.not_whole": {"th": "ปีงบประมาณต้องเป็นปีพุทธศักราชจำนวนเต็ม ไม่ใช่ {value!r}", "en": "fiscal year must be a whole Buddhist-Era year, not {value!r}"},
    "fy.not_be": {"th": "ปีงบประมาณ {year} ไม่ใช่ปีพุทธศักราช ({low}–{high})", "en": "fiscal year {year} is not a Buddhist-Era year ({low}–{high})"},
    # --- batches (pipeline.batch, pipeline.cluster, pipeline.ingest) ----------------------------
    "batch.failed": {"th": "ล้มเหลว", "en": "failed"},
    "batch.out_of_memory": {"th": "หน่วยความจำไม่พอ (เกินขีดจำกัด {limit} MB ต่อไฟล์)", "en": "out of memory (over the {limit} MB per-file limit)"},
    "batch.timeout": {"th": "ใช้เวลาเกิน {seconds:g} วินาที (--timeout)", "en": "timed out after {seconds:g} s (--timeout)"},
    "batch.crashed": {"th": "โปรเซสที่อ่านไฟล์หน่วยความจำไม่พอหรือล่ม", "en": "worker ran out of memory or crashed"},
    "batch.exited": {"th": "โปรเซสที่อ่านไฟล์จบการทำงาน ({code})", "en": "worker exited ({code})"},
    "internal": {"th": "ข้อผิดพลาดภายใน: {kind}: {detail}", "en": "internal error: {kind}: {detail}"},
    "internal.at": {"th": "ข้อผิดพลาดภายใน: {kind}: {detail} ที่ {place}", "en": "internal error: {kind}: {detail} at {place}"},
    "cluster.unreachable": {"th": "ติดต่อคลัสเตอร์ไม่ได้ ({why})", "en": "cannot reach the cluster ({why})"},
    "cluster.unreadable": {"th": "อ่านไฟล์ไม่ได้", "en": "cannot read the file"},
    "cluster.failed": {"th": "ล้มเหลวบนคลัสเตอร์: {kind}: {detail}", "en": "failed on the cluster: {kind}: {detail}"},
    "cluster.out_of_memory": {"th": "หน่วยความจำบนเครื่องประมวลผลไม่พอ", "en": "out of memory on the worker"},
    "ingest.invalid_record": {"th": "การสกัดข้อมูลได้ระเบียนที่ไม่ถูกต้อง: {where}: {detail}", "en": "extraction produced an invalid record: {where}: {detail}"},
    "ingest.ingested": {"th": "{name}: นำเข้าเป็น {id} (รุ่น {version})", "en": "{name}: ingested as {id} (version {version})"},
    "ingest.new_version": {
        "th": "{name}: รุ่นใหม่ {version} เป็น {id} (เก็บรุ่นก่อนหน้า {previous} ไว้{carried})",
        "en": "{name}: new version {version} as {id} (previous {previous} kept{carried})",
    },
    "ingest.carried": {
        "th": "; การแก้ไข: ยกมา {inherited} รายการ ขัดแย้ง {conflicts} รายการ (thaikpi history {id})",
        "en": "; corrections: {inherited} carried over, {conflicts} in conflict (thaikpi history {id})",
    },
    "ingest.unchanged": {"th": "{name}: ไม่เปลี่ยนแปลง (จัดเก็บไว้แล้วเป็น {id} รุ่น {version}{newer})", "en": "{name}: unchanged (already stored as {id}, version {version}{newer})"},
    "ingest.newer": {"th": "; รุ่นปัจจุบันคือรุ่น {current}", "en": "; version {current} is current"},
    "ingest.same_content": {"th": "{name}: เนื้อหาเหมือนรุ่น {version} ({id}); ไม่เพิ่มรุ่น", "en": "{name}: same content as version {version} ({id}); no version added"},
    "ingest.interrupted": {
        "th": "ถูกขัดจังหวะ: จัดเก็บแล้ว {stored}, ยังไม่เริ่ม {not_started}, ทิ้งที่กำลังทำ {dropped}",
        "en": "interrupted: {stored} stored, {not_started} not started, {dropped} in progress dropped",
    },
    "ingest.summary": {"th": "สรุปการนำเข้า", "en": "ingest summary"},
    "ingest.col_outcome": {"th": "ผล", "en": "outcome"},
    "ingest.col_files": {"th": "ไฟล์", "en": "files"},
    "ingest.col_details": {"th": "รายละเอียด", "en": "details"},
    "ingest.version_of": {"th": "{name}: รุ่น {version} ({id})", "en": "{name}: version {version} ({id})"},
    "ingest.needs_review": {"th": "ต้องตรวจทาน", "en": "needs review (ต้องตรวจทาน)"},
    "outcome.ingested": {"th": "นำเข้าแล้ว", "en": "ingested"},
    "outcome.unchanged": {"th": "ไม่เปลี่ยนแปลง", "en": "unchanged"},
    "outcome.new version": {"th": "รุ่นใหม่", "en": "new version"},
    "outcome.same content": {"th": "เนื้อหาเดิม", "en": "same content"},
    "outcome.failed": {"th": "ล้มเหลว", "en": "failed"},
    # --- the extract command --------------------------------------------------------------------
    "extract.stdout_one": {"th": "พิมพ์ระเบียนได้ครั้งละไฟล์เดียว; หลายไฟล์ให้ใช้ -o DIR", "en": "prints the record of one file; give -o DIR for several"},
    "extract.mkdir_failed": {"th": "สร้างโฟลเดอร์ผลลัพธ์ไม่ได้ ({why})", "en": "cannot create the output directory ({why})"},
    "extract.same_name": {"th": "ชื่อไฟล์ซ้ำกับ {other}; ระเบียนจะเขียนทับของไฟล์นั้น", "en": "same file name as {other}; its record would overwrite that one"},
    "extract.interrupted": {
        "th": "ถูกขัดจังหวะ: เขียนแล้ว {done}, ยังไม่เริ่ม {not_started}, ทิ้งที่กำลังทำ {dropped}",
        "en": "interrupted: {done} written, {not_started} not started, {dropped} in progress dropped",
    },
    "extract.summary": {
        "th": "extract: {files} ไฟล์, {records} ระเบียน, {kpis} ตัวชี้วัด, {findings} ข้อสังเกต, ต้องตรวจทาน {review}, ล้มเหลว {failed}",
        "en": "extract: {files} files, {records} records, {kpis} KPIs, {findings} findings, {review} need review, {failed} failed",
    },
    # --- the command line itself ----------------------------------------------------------------
    "cli.interrupted": {"th": "ถูกขัดจังหวะ", "en": "interrupted"},
    "cli.see_help": {"th": "{detail} (ดู '{where} --help')", "en": "{detail} (see '{where} --help')"},
    "cli.no_such_option": {"th": "ไม่มีตัวเลือก {name}", "en": "No such option: {name}"},
    "cli.possible": {"th": "{detail} (ตัวเลือกที่ใกล้เคียง: {options})", "en": "{detail} (Possible options: {options})"},
    "cli.missing": {"th": "ขาด{kind} {hint}", "en": "Missing {kind} {hint}."},
    "cli.needs_value": {"th": "ตัวเลือก {name} ต้องมีค่า", "en": "Option {name} requires an argument."},
    "cli.no_such_command": {"th": "ไม่มีคำสั่ง {name}", "en": "No such command {name}."},
    "cli.no_such_command_hint": {"th": "ไม่มีคำสั่ง {name} (หรือหมายถึง {options}?)", "en": "No such command {name}. Did you mean {options}?"},
    "cli.bad_value": {"th": "ค่าของ {what} ไม่ถูกต้อง: {detail}", "en": "Invalid value for {what}: {detail}"},
    "cli.bad_value_plain": {"th": "ค่าไม่ถูกต้อง: {detail}", "en": "Invalid value: {detail}"},
    "cli.extra_args": {"th": "มีอาร์กิวเมนต์เกินมา ({args})", "en": "Got unexpected extra arguments ({args})"},
    "option.lang": {"th": "--lang (หรือ THAIKPI_LANG) ต้องเป็น th หรือ en", "en": "--lang must be th or en"},
    "option.ocr": {"th": "--ocr ต้องเป็น auto, never หรือ always", "en": "--ocr must be auto, never or always"},
    "option.round": {"th": "ต้องเป็น 6, 9 หรือ 12 (เดือน) ไม่ใช่ {round}", "en": "must be 6, 9 or 12 (months), not {round}"},
    "write.failed": {"th": "เขียนไม่ได้: {why}", "en": "cannot write: {why}"},
    # --- the store (pipeline.store, pipeline.sources, records commands) -------------------------
    "store.not_url": {"th": "ไม่ใช่ URL หรือพาธของคลังข้อมูล: {detail}", "en": "not a store URL or path: {detail}"},
    "store.no_driver": {
        "th": "ไม่ได้ติดตั้งไดรเวอร์ฐานข้อมูล ({driver}); สำหรับ PostgreSQL: pip install 'psycopg[binary]'",
        "en": "the database driver is not installed ({driver}); for PostgreSQL: pip install 'psycopg[binary]'",
    },
    "store.bad_url": {"th": "URL ของคลังข้อมูลไม่ถูกต้อง ({detail})", "en": "invalid store URL ({detail})"},
    "store.none": {"th": "ไม่มีคลังข้อมูลนี้ (นำเข้าคำรับรองก่อน หรือระบุ --db)", "en": "no such store (ingest agreements first, or give --db)"},
    "store.no_dir": {"th": "ไม่มีโฟลเดอร์สำหรับคลังข้อมูล", "en": "the directory for the store does not exist"},
    "store.cannot_store": {"th": "จัดเก็บไม่ได้: {detail}", "en": "cannot store: {detail}"},
    "store.error": {"th": "คลังข้อมูลผิดพลาด: {detail}", "en": "store error: {detail}"},
    "store.locked": {"th": "คลังข้อมูลถูกโปรเซสอื่นล็อกไว้นานเกิน {seconds:.0f} วินาที", "en": "the store stayed locked for {seconds:.0f} s by another process"},
    "store.cannot_open": {"th": "เปิดคลังข้อมูลไม่ได้: {detail}", "en": "cannot open the store: {detail}"},
    "store.readonly_upgrade": {
        "th": "คลังข้อมูลต้องปรับรุ่น แต่ที่นี่เปิดได้แบบอ่านอย่างเดียว (เปิดหนึ่งครั้งในที่ที่เขียนได้)",
        "en": "the store needs an upgrade and is read-only here (open it once where it can be written)",
    },
    "store.newer_schema": {
        "th": "คลังข้อมูลมีโครงสร้างรุ่น {revision} ซึ่งใหม่กว่าที่ thaikpi รุ่นนี้รู้จัก; ปรับรุ่น thaikpi",
        "en": "the store has schema revision {revision}, newer than this thaikpi knows; upgrade thaikpi",
    },
    "store.bad_sha": {"th": "ระเบียนไม่มี sha256 ที่ถูกต้อง ({sha!r})", "en": "the record has no valid sha256 ({sha!r})"},
    "store.no_id": {"th": "ไม่มีคำรับรองที่จัดเก็บด้วยรหัส {id}", "en": "no stored agreement with id {id}"},
    "store.no_id_no_store": {"th": "ไม่มีคำรับรองที่จัดเก็บด้วยรหัส {id} (ไม่มีคลังข้อมูลที่ {where})", "en": "no stored agreement with id {id} (no store at {where})"},
    "store.superseded": {"th": "รุ่น {version} ถูกแทนที่แล้ว; ให้แก้ไขรุ่นปัจจุบันแทน", "en": "version {version} is superseded; correct the current version instead"},
    "store.ambiguous": {
        "th": "รหัส {id} กำกวม (มีคำรับรองที่จัดเก็บหลายรายการขึ้นต้นด้วยรหัสนี้); ระบุตัวเลขให้มากขึ้น",
        "en": "id {id} is ambiguous (several stored agreements start with it); give more digits",
    },
    "store.not_stored": {"th": "ไม่มีในคลังข้อมูล (sha256 {sha}…); นำเข้าก่อน", "en": "not in the store (sha256 {sha}…); ingest it first"},
    "export.bad_format": {"th": "--format ต้องเป็น json, csv หรือ xlsx", "en": "--format must be json, csv or xlsx"},
    "export.xlsx_needs_output": {"th": "xlsx ต้องระบุ -o FILE", "en": "xlsx needs -o FILE"},
    "export.summary": {"th": "export: {kpis} ตัวชี้วัด จาก {agreements} คำรับรอง", "en": "export: {kpis} KPIs of {agreements} agreements"},
    # --- corrections (pipeline.corrections, correct/history/review) -----------------------------
    "corr.expected": {"th": "ต้องเป็น FIELD=VALUE แต่ได้ {arg!r}", "en": "expected FIELD=VALUE, got {arg!r}"},
    "corr.unknown_field": {"th": "ไม่รู้จักฟิลด์ {field!r} (ฟิลด์ที่ใช้ได้: {fields})", "en": "unknown field {field!r} (fields: {fields})"},
    "corr.no_kpi": {"th": "{field}: ระเบียนไม่มีตัวชี้วัด {kpi}", "en": "{field}: the record has no KPI {kpi}"},
    "corr.kpi_has": {"th": "{field}: ตัวชี้วัด {kpi} มี{has}", "en": "{field}: KPI {kpi} has {has}"},
    "corr.criteria": {"th": "เกณฑ์ {n} ข้อ (ตำแหน่ง 1–{n} เรียงตามระดับ)", "en": "{n} criteria (positions 1–{n}, by level)"},
    "corr.no_criteria": {"th": "เกณฑ์ 0 ข้อ", "en": "no criteria"},
    "corr.required": {"th": "{field}: ต้องระบุค่า", "en": "{field}: a value is required"},
    "corr.not_choice": {"th": "{field}: {raw!r} ไม่ใช่ค่าใดใน {choices}", "en": "{field}: {raw!r} is not one of {choices}"},
    "corr.not_editable": {"th": "{field}: แก้ไขไม่ได้", "en": "{field}: cannot be corrected"},
    "corr.not_number": {"th": "{field}: {raw!r} ไม่ใช่ตัวเลข", "en": "{field}: {raw!r} is not a number"},
    "corr.not_whole": {"th": "{field}: {raw!r} ไม่ใช่จำนวนเต็ม", "en": "{field}: {raw!r} is not a whole number"},
    "corr.not_be_year": {"th": "{field}: {year} ไม่ใช่ปีพุทธศักราช ({low}–{high})", "en": "{field}: {year} is not a Buddhist-Era year ({low}–{high})"},
    "corr.not_date": {
        "th": "{field}: {raw!r} ไม่ใช่วันที่ (YYYY-MM-DD หรือแบบไทย เช่น ๑ ตุลาคม ๒๕๖๕: {reason})",
        "en": "{field}: {raw!r} is not a date (YYYY-MM-DD, or Thai as ๑ ตุลาคม ๒๕๖๕: {reason})",
    },
    "corr.model": {"th": "{field}: {detail}", "en": "{field}: {detail}"},
    "corr.twice": {"th": "{field}: ระบุซ้ำ", "en": "{field}: given twice"},
    "corr.already": {"th": "{field}: เป็น {value} อยู่แล้ว", "en": "{field}: is already {value}"},
    "corr.nothing": {"th": "ไม่มีอะไรให้แก้ไข (ระบุ FIELD=VALUE)", "en": "nothing to correct (give FIELD=VALUE)"},
    "corr.give_something": {"th": "ระบุ FIELD=VALUE หรือ --from FILE.xlsx", "en": "give FIELD=VALUE or --from FILE.xlsx"},
    "corr.done": {"th": "{id}: แก้ไข {change}", "en": "{id}: corrected {change}"},
    "corr.quality": {"th": "{id}: คุณภาพ {status}", "en": "{id}: quality {status}"},
    "history.none": {"th": "{id}: ไม่มีการแก้ไข", "en": "{id}: no corrections"},
    "review.needs_output": {"th": "review ต้องระบุ -o FILE.xlsx", "en": "review needs -o FILE.xlsx"},
    "review.written": {"th": "review: เขียนใบตรวจทาน {output} ({id}) แล้ว", "en": "review: {output} ({id})"},
    "review.no_file": {"th": "{path}: ไม่พบไฟล์", "en": "{path}: no such file"},
    "review.not_xlsx": {"th": "{path}: ไม่ใช่สมุดงาน xlsx ({kind})", "en": "{path}: not an xlsx workbook ({kind})"},
    "review.other_agreement": {"th": "{path} เป็นใบตรวจทานของคำรับรอง {made_for} ไม่ใช่ {id}", "en": "{path} is the review sheet of agreement {made_for}, not {id}"},
    "review.not_sheet": {
        "th": "{path}: ไม่ใช่ใบตรวจทานของ thaikpi (สร้างด้วย: thaikpi review ID -o FILE.xlsx)",
        "en": "{path}: not a thaikpi review sheet (make one with: thaikpi review ID -o FILE.xlsx)",
    },
    "review.stale": {
        "th": "{path} แถว {row} ({field}): ตอนนี้ระเบียนเป็น {now} ไม่ใช่ค่าที่ใบตรวจทานแสดง; สร้างใบใหม่ด้วย thaikpi review",
        "en": "{path} row {row} ({field}): the record now says {now}, not what the sheet shows; make a new sheet with thaikpi review",
    },
    "review.nothing": {"th": "ค่าว่าง", "en": "'nothing'"},
    "review.no_rows": {"th": "{path}: ไม่มีแถวใดกรอกค่าที่แก้ไข", "en": "{path}: no row has a corrected value"},
    # --- scoring and results sheets (pipeline.scoring, pipeline.results_sheet, pipeline.rules) --
    "score.milestone_value": {"th": "ตัวชี้วัด {kpi} เป็นแบบขั้นความสำเร็จ: ผลต้องเป็นระดับ ไม่ใช่ค่า", "en": "KPI {kpi} is a milestone KPI: its result is a level, not a value"},
    "score.no_result": {"th": "ตัวชี้วัด {kpi} ไม่มีผลการดำเนินงาน", "en": "KPI {kpi} has no result"},
    "score.not_level": {"th": "ตัวชี้วัด {kpi}: ระดับ {level} ไม่ใช่ระดับของเกณฑ์ ({allowed})", "en": "KPI {kpi}: level {level} is not a level of the scale ({allowed})"},
    "score.direct_level": {"th": "ตัวชี้วัด {kpi} คิดคะแนนโดยตรง: ผลต้องเป็นร้อยละ ไม่ใช่ระดับ", "en": "KPI {kpi} is scored directly: its result is a percentage, not a level"},
    "score.needs_targets": {
        "th": "ตัวชี้วัด {kpi}: ตัวชี้วัดแบบเทียบค่าเป้าหมายต้องมีค่าเป้าหมายเป็นตัวเลขทุกระดับ (อย่างน้อยสองระดับ)",
        "en": "KPI {kpi}: a threshold KPI needs a numeric target for every level (at least two)",
    },
    "score.same_level": {"th": "ตัวชี้วัด {kpi}: มีเกณฑ์สองข้อที่ระดับเดียวกัน", "en": "KPI {kpi}: two criteria have the same level"},
    "score.not_monotonic": {"th": "ตัวชี้วัด {kpi}: ค่าเป้าหมาย {shown} ไม่ได้เพิ่มขึ้นหรือลดลงตามระดับ", "en": "KPI {kpi}: the targets {shown} neither rise nor fall with the level"},
    "score.threshold_level": {"th": "ตัวชี้วัด {kpi} เป็นแบบเทียบค่าเป้าหมาย: ผลต้องเป็นค่า ไม่ใช่ระดับ", "en": "KPI {kpi} is a threshold KPI: its result is a value, not a level"},
    "score.bad_round": {"th": "รอบต้องเป็น {allowed} ไม่ใช่ {round}", "en": "round must be one of {allowed}, not {round}"},
    "score.no_kpis": {"th": "คำรับรองไม่มีตัวชี้วัดให้คิดคะแนน", "en": "the agreement has no KPIs to score"},
    "score.repeated": {"th": "คำรับรองใช้หมายเลขตัวชี้วัดซ้ำ: {numbers}", "en": "the agreement numbers more than one KPI {numbers}"},
    "score.unknown_kpi": {"th": "คำรับรองไม่มีตัวชี้วัด {kpi}", "en": "the agreement has no KPI {kpi}"},
    "score.two_results": {"th": "ตัวชี้วัด {kpi} มีผลสองค่าในรอบ {round}", "en": "KPI {kpi} has two results for round {round}"},
    "score.no_round_results": {"th": "ไม่มีตัวชี้วัดใดมีผลในรอบ {round} (รอบในแผ่นงาน: {given})", "en": "no KPI has a result for round {round} (rounds in the sheet: {given})"},
    "sheet.bad_suffix": {"th": "แผ่นผลการดำเนินงานต้องเป็น .csv หรือ .xlsx ไม่ใช่ {suffix}", "en": "a results sheet must be .csv or .xlsx, not {suffix}"},
    "sheet.no_suffix": {"th": "ไฟล์ที่ไม่มีนามสกุล", "en": "a file without extension"},
    "sheet.not_utf8": {"th": "ไฟล์ CSV ไม่ใช่ข้อความ UTF-8 (บันทึกเป็น 'CSV UTF-8')", "en": "the CSV file is not UTF-8 text (save it as 'CSV UTF-8')"},
    "sheet.bad_csv": {"th": "ไม่ใช่ไฟล์ CSV ที่อ่านได้: {detail}", "en": "not a readable CSV file: {detail}"},
    "sheet.bad_xlsx": {"th": "ไม่ใช่ไฟล์ XLSX ที่อ่านได้ ({kind})", "en": "not a readable XLSX file ({kind})"},
    "sheet.empty": {"th": "แถว 1: แผ่นงานว่าง (หัวตารางต้องมี {columns})", "en": "row 1: the sheet is empty (the header must name {columns})"},
    "sheet.column_twice": {"th": "แถว 1 คอลัมน์ {column}: คอลัมน์ซ้ำ", "en": "row 1, column {column}: the column appears twice"},
    "sheet.no_column": {"th": "แถว 1: ไม่มีคอลัมน์ {column} (หัวตารางต้องมี {columns})", "en": "row 1: no column {column} (the header must name {columns})"},
    "sheet.too_many_rows": {"th": "แถว {row}: เกิน {limit} แถว; ไฟล์นี้เป็นแผ่นผลการดำเนินงานหรือไม่?", "en": "row {row}: more than {limit} rows; is this a results sheet?"},
    "sheet.extra_cells": {"th": "แถว {row}: มีเซลล์มากกว่าคอลัมน์ของหัวตาราง", "en": "row {row}: more cells than the header has columns"},
    "sheet.cell": {"th": "แถว {row} คอลัมน์ {column}: {reason}", "en": "row {row}, column {column}: {reason}"},
    "sheet.already_given": {"th": "ตัวชี้วัด {kpi} รอบ {round} มีอยู่แล้วในแถว {other}", "en": "KPI {kpi} round {round} is already given in row {other}"},
    "sheet.not_number": {"th": "{text!r} ไม่ใช่ตัวเลข", "en": "{text!r} is not a number"},
    "sheet.negative_percent": {"th": "{text!r}: ร้อยละติดลบไม่ได้", "en": "{text!r}: a percentage cannot be negative"},
    "sheet.not_whole": {"th": "{text!r} ไม่ใช่จำนวนเต็ม", "en": "{text!r} is not a whole number"},
    "sheet.no_kpi": {"th": "ว่าง: แถวนี้เป็นของตัวชี้วัดใด?", "en": "empty: which KPI is this row about?"},
    "sheet.unknown_kpi": {"th": "คำรับรองไม่มีตัวชี้วัด {kpi} (ตัวชี้วัดที่มี: {known})", "en": "the agreement has no KPI {kpi} (its KPIs: {known})"},
    "sheet.bad_round": {"th": "{round} ไม่ใช่รอบ (6, 9 หรือ 12)", "en": "{round} is not a round (6, 9 or 12)"},
    "sheet.needs_result": {"th": "ว่าง แต่ตัวชี้วัด {kpi} มีรอบที่ดำเนินการไม่ครบ: ใส่ผลด้วย", "en": "empty, but KPI {kpi} has incomplete rounds: give its result too"},
    "sheet.milestone_value": {
        "th": "ตัวชี้วัด {kpi} เป็นแบบขั้นความสำเร็จ: ใส่ระดับที่ทำได้ในคอลัมน์ level ไม่ใช่ค่า",
        "en": "KPI {kpi} is a milestone KPI: give the level reached in column level, not a value",
    },
    "sheet.not_level": {"th": "{level} ไม่ใช่ระดับของเกณฑ์ ({allowed}; 0 = ไม่ถึงระดับใด)", "en": "{level} is not a level of the scale ({allowed}; 0 = none reached)"},
    "sheet.value_not_level": {"th": "ตัวชี้วัด {kpi} เป็นแบบ {scoring}: ใส่ผลในคอลัมน์ value ไม่ใช่ระดับ", "en": "KPI {kpi} is a {scoring} KPI: give its result in column value, not a level"},
    "sheet.bad_incomplete": {
        "th": "{token!r} ไม่ใช่รอบที่ดำเนินการไม่ครบได้ ณ รอบ {round} ({listed})",
        "en": "{token!r} is not a round that can be incomplete by round {round} ({listed})",
    },
    "sheet.listed_twice": {"th": "รอบ {token} ระบุซ้ำ", "en": "round {token} is listed twice"},
    "rules.not_found": {"th": "ไม่พบไฟล์กฎ {name} ใน {dirs}", "en": "no rule file {name} in {dirs}"},
    "rules.invalid": {"th": "ไฟล์กฎ: {where}: {detail}{more}", "en": "rule file: {where}: {detail}{more}"},
    "rules.more": {"th": " (และอีก {n} รายการ)", "en": " (and {n} more)"},
    "rules.unreadable": {"th": "อ่านไฟล์กฎไม่ได้: {why}", "en": "cannot read rule file: {why}"},
    "rules.bad_yaml": {"th": "ไฟล์กฎไม่ใช่ YAML ที่ถูกต้อง", "en": "rule file is not valid YAML"},
    "rules.bad_yaml_at": {"th": "ไฟล์กฎไม่ใช่ YAML ที่ถูกต้อง ที่บรรทัด {line}", "en": "rule file is not valid YAML at line {line}"},
    "rules.not_mapping": {"th": "ไฟล์กฎต้องเป็นการจับคู่คีย์กับค่า", "en": "rule file must be a mapping of keys to values"},
    "rules.base_missing": {"th": "ไฟล์กฎอ้าง extends {name!r} ซึ่งหาไม่พบ", "en": "rule file extends {name!r}, which cannot be found"},
    "rules.loop": {"th": "ไฟล์กฎอ้าง extends กันเป็นวงวน", "en": "rule files extend each other in a loop"},
    "rules.extends_type": {"th": "ไฟล์กฎ: extends: ต้องเป็นชื่อของไฟล์กฎอื่น", "en": "rule file: extends: must be the name of another rule file"},
    "rules.extends_self": {"th": "ไฟล์กฎอ้าง extends ตัวเอง", "en": "rule file extends itself"},
    # --- reports --------------------------------------------------------------------------------
    "report.bad_format": {"th": "ไม่รู้จักรูปแบบรายงาน {fmt!r} (ใช้ {formats})", "en": "unknown report format {fmt!r} (use one of {formats})"},
    "report.font_env": {"th": "${env} ไม่ได้ชี้ไปยังไฟล์ใด: {path}", "en": "${env} names no file: {path}"},
    "report.no_font": {
        "th": "ไม่มีฟอนต์ไทยสำหรับรายงาน PDF: ติดตั้ง fonts-tlwg-laksaman-ttf ของ Debian (หรือตั้ง ${env} เป็นไฟล์ .ttf ของ TH Sarabun New / Sarabun)",
        "en": "no Thai font for PDF reports: install Debian's fonts-tlwg-laksaman-ttf (or set ${env} to a TH Sarabun New / Sarabun .ttf)",
    },
    "report.font_no_thai": {"th": "{font} ไม่มีอักษรไทย; ใช้จัดรายงานภาษาไทยไม่ได้", "en": "{font} has no Thai glyphs; it cannot set a Thai report"},
    "report.font_not_ttf": {"th": "{font} ไม่ใช่ฟอนต์แบบ TrueType; ใช้ไฟล์ .ttf", "en": "{font} is not a TrueType-outline font; use a .ttf"},
    "report.no_rounds": {"th": "แผ่นงานไม่มีผลของรอบใดเลย", "en": "the sheet has no results for any round"},
    "report.formats_need_output": {"th": "หลายรูปแบบต้องระบุ -o OUT (เขียนเป็น OUT.html, OUT.pdf …)", "en": "several formats need -o OUT (written as OUT.html, OUT.pdf …)"},
    "report.suffix_mismatch": {"th": "ชื่อไฟล์บอกว่าเป็น {suffix} แต่ --format ขอ {fmt}", "en": "the name says {suffix} but --format asks for {fmt}"},
    "report.unknown_suffix": {
        "th": "ไม่รู้จักนามสกุลรายงาน {suffix} (ใช้ .html, .pdf, .md หรือ .xlsx หรือระบุ --format)",
        "en": "unknown report suffix {suffix} (use .html, .pdf, .md or .xlsx, or --format)",
    },
    "report.binary": {"th": "{fmt} เป็นไฟล์ไบนารี: ระบุ -o FILE", "en": "{fmt} is binary: give -o FILE"},
    # --- words used inside other messages -------------------------------------------------------
    "word.none": {"th": "ไม่มี", "en": "none"},
    "word.argument": {"th": "อาร์กิวเมนต์", "en": "argument"},
    "word.option": {"th": "ตัวเลือก", "en": "option"},
    "word.parameter": {"th": "พารามิเตอร์", "en": "parameter"},
    "word.or": {"th": "{head} หรือ {last}", "en": "{head} or {last}"},
}
# fmt: on

_chosen: str | None = None


def set_lang(lang: str | None) -> None:
    """The language of every message from now on (a command's `--lang`); None: back to the default."""
    global _chosen
    if lang is not None and lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (use th or en)")
    _chosen = lang


def current_lang() -> str:
    """The language chosen by `set_lang`, else `$THAIKPI_LANG` when it is th or en, else Thai."""
    if _chosen is not None:
        return _chosen
    env = os.environ.get(LANG_ENV, "").strip().lower()
    return env if env in LANGS else "th"


def placeholders(template: str) -> set[str]:
    """The fields a template fills (``{kpi}``, ``{spec!r}`` → ``kpi``, ``spec``)."""
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def _render(key: str, params: Mapping[str, Any], lang: str) -> str:
    entry = MESSAGES.get(key)
    if entry is None:  # not a key: a literal reason (what older code passed), said as it is
        return key
    values = {name: value.text(lang) if isinstance(value, Message) else value for name, value in params.items()}
    return entry[lang if lang in entry else "en"].format(**values)


class Message(str):
    """A sentence of the catalogue with its values: as a string it is the English text (what
    logs, ``str(exc)`` and code compare against), and ``text(lang)`` writes it in either language.
    Values that are Messages themselves are written in the same language."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, /, **params: Any) -> Message:
        self = super().__new__(cls, _render(key, params, "en"))
        self.key = key
        self.params = params
        return self

    def text(self, lang: str | None = None) -> str:
        return _render(self.key, self.params, lang or current_lang())

    def __reduce__(self) -> tuple[Any, ...]:  # crosses process boundaries with its key and values
        return (_rebuild, (self.key, self.params))


def _rebuild(key: str, params: dict[str, Any]) -> Message:
    return Message(key, **params)


def text(key: str, lang: str | None = None, /, **params: Any) -> str:
    """The sentence `key` with its values, in `lang` (default: the current language)."""
    return Message(key, **params).text(lang)


def render(reason: str | None, lang: str | None = None) -> str:
    """A reason as a person reads it: a Message in `lang`, any other string as it is."""
    if reason is None:
        return ""
    return reason.text(lang) if isinstance(reason, Message) else reason


def or_list(items: Iterable[object]) -> str:
    """``6 or 9`` / ``6 หรือ 9``; one item as it is; no items: none."""
    shown = [str(i) for i in items]
    if not shown:
        return Message("word.none")
    if len(shown) == 1:
        return shown[0]
    return Message("word.or", head=", ".join(shown[:-1]), last=shown[-1])
