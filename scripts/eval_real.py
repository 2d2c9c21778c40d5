"""Quality on real news: extraction, ordinary-news silence, and the derived record.

``make eval-real`` runs this. It reads the real reports of ``../shared/realdev``
and the ordinary reports of ``../shared/ordinary`` from their rebuilt, ignored
caches (``.cache/realdev/in.jsonl``, ``.cache/ordinary/in.jsonl``; the texts are
public pages the project may read but never commit), and prints:

1. extraction scores against the article gold (``GOLD.md``), with precision and
   recall per event type so the weakest types are visible;
2. how many ordinary reports yield any event (each should yield none), all of
   them parsed (``--no-screen``);
3. the relevance screen: how many real reports it keeps (all must be: each has
   gold events) and how many ordinary reports it screens out;
4. the record scores (``record_score.py``) and the grounding of derived
   statements (``grounding.py``) on a store built from the real reports.

Where a cache or ``../shared`` is missing it says what to run and exits 2.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CACHE = ROOT / ".cache"
BIN = Path(sys.executable).parent
TRUCELINE = str(BIN / "truceline")
ORDINARY_AIM = 0.02  # share of ordinary reports allowed to yield any event


def main() -> int:
    realdev, ordinary = CACHE / "realdev" / "in.jsonl", CACHE / "ordinary" / "in.jsonl"
    missing = [
        p for p in (SHARED / "realdev", SHARED / "eval", realdev, ordinary) if not p.exists()
    ]
    if missing:
        print(_how_to_rebuild(missing), file=sys.stderr)
        return 2
    _section("Extraction on the real reports (../shared/realdev/gold)")
    _run(
        TRUCELINE, "evaluate", str(realdev), "--gold", str(SHARED / "realdev" / "gold"), "--by-type"
    )
    _section("Ordinary news (../shared/ordinary): reports that yield any event")
    _ordinary(ordinary)
    _section("The relevance screen (truceline.extract.screen) on the same reports")
    _screen(realdev, ordinary)
    _section("The derived record on a store of the real reports")
    _record(realdev)
    return 0


def _ordinary(path: Path) -> None:
    out = CACHE / "ordinary" / "records.jsonl"
    _run(TRUCELINE, "extract", str(path), "--no-screen", "--output", str(out), check=False)
    total, firing = 0, []
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        total += 1
        if record["events"]:
            types = sorted({e["type"] for e in record["events"]})
            firing.append(
                f"  {record['article']['id']}: {len(record['events'])} ({', '.join(types)})"
            )
    share = len(firing) / total if total else 0.0
    verdict = "within" if share <= ORDINARY_AIM else "over"
    print(
        f"{len(firing)} of {total} ordinary reports yield events ({share:.1%}; {verdict} the {ORDINARY_AIM:.0%} aim)"
    )
    print("\n".join(firing))


def _screen(realdev: Path, ordinary: Path) -> None:
    """Real reports kept (every one has gold events) and ordinary reports screened out."""
    from truceline.data.gazetteer import load_gazetteer
    from truceline.extract.screen import RelevanceScreen
    from truceline.ingest import read_inputs
    from truceline.record import Article

    screen = RelevanceScreen.bundled(load_gazetteer())
    for label, path in (("real reports kept", realdev), ("ordinary reports kept", ordinary)):
        articles = [a for a in read_inputs([str(path)]) if isinstance(a, Article)]
        kept = [a.id for a in articles if screen.keeps(a)]
        print(f"{label}: {len(kept)} of {len(articles)}")
        if path == realdev and len(kept) < len(articles):
            dropped = sorted({a.id for a in articles} - set(kept))
            print(f"  screened out with gold events (each a loss): {', '.join(dropped)}")


def _record(realdev: Path) -> None:
    store = CACHE / "realdev" / "store.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    db = f"sqlite:///{store}"
    _run(TRUCELINE, "ingest", str(realdev), "--db", db, check=False, quiet=True)
    dumps = {}
    for report in ("summary", "ledger", "proposals", "timeline"):
        args = [TRUCELINE, report, "--db", db, "--json"]
        if report != "summary":
            args += ["--limit", "100000"]
        dumps[report] = CACHE / "realdev" / f"{report}.json"
        dumps[report].write_text(_output(*args), encoding="utf-8")
    _run(
        sys.executable,
        str(SHARED / "eval" / "record_score.py"),
        str(dumps["summary"]),
        str(dumps["ledger"]),
        str(dumps["proposals"]),
        "--gold",
        str(SHARED / "realdev" / "record_gold.json"),
        "--timeline",
        str(dumps["timeline"]),
    )
    _run(sys.executable, str(SHARED / "eval" / "grounding.py"), db, "--truceline", TRUCELINE)


def _how_to_rebuild(missing: list[Path]) -> str:
    lines = ["make eval-real needs, and could not find:"]
    lines += [f"  {p}" for p in missing]
    lines += [
        "",
        "../shared comes with the project's workplace, beside this checkout. The two caches hold",
        "public pages rebuilt from their manifests (never committed): follow",
        "../shared/realdev/REBUILD.md for .cache/realdev/in.jsonl, and ../shared/ordinary/README.md",
        "for .cache/ordinary/in.jsonl (each text found by its manifest line's query, checked by",
        "sha256 with ../shared/realdev/check.py ... --input).",
    ]
    return "\n".join(lines)


def _section(title: str) -> None:
    print(f"\n== {title}", flush=True)


def _run(*args: str, check: bool = True, quiet: bool = False) -> None:
    result = subprocess.run(args, cwd=ROOT, capture_output=quiet, text=True)
    if check and result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(args)}")


def _output(*args: str) -> str:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True).stdout


if __name__ == "__main__":
    sys.exit(main())
