"""Accuracy and speed of the conference-report extractor (issue 13, part 3).

    .venv/bin/python bench/import_accuracy.py [--per-article]

Runs ``capuy.conferences.extraction.extract_report`` on every labelled report of the project: the shared
samples (``../shared/samples/articles/``, the reports the extractor was tuned on) when present, and capuy's
own labelled sets in ``src/capuy/conferences/tests/articles/``: the top folder (batches 1-7, whose errors
were studied), ``heldout/`` (set 8) and ``fresh/``, ``fresh2/`` … (sets 9 on), each collected and
labelled before the extractor first ran on it (their first-run scores are in the folder's README). Predictions go
to a temporary folder and are scored by ``../shared/tools/score_articles.py`` (slot-filling F1). Prints each
group's score and the time per report; the last line is one JSON object: the scorer's JSON for all reports
together, plus one key per group (``samples``, ``studied``, ``heldout``, ``fresh``, ``fresh2`` …) holding that
group's.
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_folder() -> Path:
    """``../shared`` beside the repository; from a git worktree, beside its main working tree."""
    here = ROOT.parent / "shared"
    if here.exists():
        return here
    try:
        common = subprocess.run(["git", "rev-parse", "--git-common-dir"], cwd=ROOT, capture_output=True, text=True,
                                check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return here
    main_tree = (ROOT / common).resolve().parent
    return main_tree.parent / "shared"


SHARED = shared_folder()
SCORER = SHARED / "tools/score_articles.py"
SAMPLES = SHARED / "samples/articles"
ARTICLES = ROOT / "src/capuy/conferences/tests/articles"
sys.path.insert(0, str(ROOT / "src"))

from capuy.conferences.extraction import NotAReport, extract_report  # noqa: E402


def labelled(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.txt") if p.with_suffix(".json").exists()) if folder.is_dir() else []


def predict(reports: list[Path], gold: Path, pred: Path) -> list[float]:
    gold.mkdir()
    pred.mkdir()
    times = []
    for txt in reports:
        shutil.copy(txt.with_suffix(".json"), gold / (txt.stem + ".json"))
        text = txt.read_text(encoding="utf-8")
        start = time.perf_counter()
        try:
            record = extract_report(text)
        except NotAReport:  # a refusal is an empty record: every labelled fact of it counts as missed
            record = {}
        times.append(time.perf_counter() - start)
        (pred / (txt.stem + ".json")).write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    return times


def score(gold: Path, pred: Path, per_article: bool) -> dict:
    args = [sys.executable, str(SCORER), str(gold), str(pred)] + (["--per-article"] if per_article else [])
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout.strip().splitlines()
    for line in out[:-1]:
        print("  ", line)
    return json.loads(out[-1])


def main() -> int:
    if not SCORER.exists():
        print(f"Không có bộ chấm điểm {SCORER}; bỏ qua.")
        return 0
    per_article = "--per-article" in sys.argv
    # every batch folder: heldout/, fresh/, fresh2/ … in the order they were collected
    batches = sorted((p.name for p in ARTICLES.iterdir() if p.is_dir() and re.fullmatch(r"heldout|fresh\d*", p.name)),
                     key=lambda name: (name != "heldout", int(name[5:] or 1) if name.startswith("fresh") else 0))
    groups = {"studied": labelled(ARTICLES), **{name: labelled(ARTICLES / name) for name in batches},
              "samples": labelled(SAMPLES)}
    results = {}
    times: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for name, reports in groups.items():
            if not reports:
                continue
            times += predict(reports, base / f"gold_{name}", base / f"pred_{name}")
            print(f"{name} ({len(reports)} reports):")
            results[name] = score(base / f"gold_{name}", base / f"pred_{name}", per_article)
            print("  ", json.dumps(results[name], ensure_ascii=False))
        (base / "gold_all").mkdir()
        (base / "pred_all").mkdir()
        for name in results:
            for f in (base / f"gold_{name}").glob("*.json"):
                shutil.copy(f, base / "gold_all" / f.name)
                shutil.copy(base / f"pred_{name}" / f.name, base / "pred_all" / f.name)
        print(f"time per report: mean {1000 * sum(times) / len(times):.1f} ms, max {1000 * max(times):.1f} ms "
              f"(target ≤ 1000 ms)")
        print("all:")
        overall = score(base / "gold_all", base / "pred_all", False)
        print(json.dumps({**overall, **results}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
