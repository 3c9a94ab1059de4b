#!/usr/bin/env python3
"""Rebuild the diff test plans from the reference JSON (run from the crate root):

    python3 tests/data/make.py /work/shared/reference/shiogama-dx-action-plan-2024-03.expected.json

shiogama-2024-03.json  the reference plus what a converted file carries
                       (source, source_ref, warnings).
shiogama-edited-old.json  an "earlier revision" made by hand from it; the
                       edits are listed in EDITS below and in README.md.
"""
import copy
import json
import sys


def complete(plan, name):
    plan = copy.deepcopy(plan)
    out = {"schema_version": plan["schema_version"],
           "source": {"file": name, "format": "json", "sha256": "0" * 64,
                      "pages": None, "sheets": None}}
    for k in ("plan", "policies", "measures"):
        out[k] = plan[k]
    for i, m in enumerate(out["measures"]):
        m["source_ref"] = f"p.{i + 1}"  # placeholder: one page per measure
    out["warnings"] = []
    return out


def by_id(plan, mid):
    return next(m for m in plan["measures"] if m["id"] == mid)


def val(raw, value=None, note=None):
    return {"raw": raw, "value": value, "note": note}


def edit(old):
    old["plan"]["revised"] = None
    m = by_id(old, "1-1")
    m["indicator"]["actual"]["2023"] = val("")
    m["schedule"][1]["actual"] = []
    m["review"] = "R5年度も引き続きオンライン化可能な申請を調査し、支援を行う。"
    m["cost"]["values"]["2023"] = val("４９１６", 4916000)  # equal by meaning
    by_id(old, "1-2")["indicator"]["target"]["2025"] = val("14,500", 14500)
    m = by_id(old, "1-4")
    m["departments"] = ["政策課", "市民課"]
    m["schedule"] = [
        m["schedule"][0],
        {"activity": "導入準備", "plan": ["2023-Q3", "2023-Q4"], "actual": []},
        m["schedule"][2],
    ]
    by_id(old, "1-5")["qualitative_evaluation"] = "受講者アンケートを実施した。"
    # equal by meaning: the same words wrapped in the cell
    by_id(old, "1-6")["cost"]["values"]["2023"] = val(
        "病院情報システム\n保守費用に内包", None, "病院情報システム保守費用に内包")
    m = by_id(old, "2-3")
    m["schedule"][2]["plan"] = ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]
    # 2-7 庁内無線LANの整備 (dropped later), ペーパーレス as 2-8 (renumbered later)
    pl = by_id(old, "2-7")
    pl["id"], pl["number"] = "2-8", 8
    pl["review"] = "試験運用を行い、課題を洗い出す。"
    lan = copy.deepcopy(pl)
    lan.update({"id": "2-7", "number": 7, "name": "庁内無線LANの整備",
                "review": None, "schedule": [], "indicator": None})
    i = old["measures"].index(pl)
    old["measures"].insert(i, lan)
    old["measures"] = [m for m in old["measures"] if m["id"] != "3-2"]
    for i, m in enumerate(old["measures"]):
        m["source_ref"] = f"p.{i + 1}"


def main(ref):
    plan = json.load(open(ref, encoding="utf-8"))
    new = complete(plan, "shiogama-2024-03.json")
    old = complete(plan, "shiogama-edited-old.json")
    edit(old)
    for name, p in (("shiogama-2024-03.json", new), ("shiogama-edited-old.json", old)):
        with open(f"tests/data/{name}", "w", encoding="utf-8") as f:
            json.dump(p, f, ensure_ascii=False, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
