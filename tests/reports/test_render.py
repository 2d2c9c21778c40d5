"""What a person sees: each renderer on hand-built story values, checked line by line."""

from __future__ import annotations

from datetime import date

from truceline.record import Agreement, OutletSources
from truceline.reports import (
    Proposals,
    Shown,
    Sources,
    Timeline,
    render_ledger,
    render_positions,
    render_proposals,
    render_show,
    render_sources,
    render_summary,
    render_timeline,
)
from truceline.reports.build import ledger_view, positions_view, summarize
from truceline.reports.context import evidence_in_context
from truceline.reports.summary import rounds_table
from truceline.reports.views import ReportBehind

from .sample import (
    AGREEMENT,
    ARTICLE,
    CONTRADICTION,
    EVIDENCE,
    GAZA,
    LEDGER,
    MEET,
    POSITIONS,
    PROPOSALS,
    REJECT,
    RELEASE,
    TOTALS,
    reported,
    story_counts,
)


def lines(console) -> list[str]:
    return [line.rstrip() for line in console.file.getvalue().splitlines()]


def row(console, first_cell: str) -> list[str]:
    """The cells of the table row that starts with ``first_cell``."""
    for line in lines(console):
        cells = [c.strip() for c in line.strip("│").split("│")]
        if cells and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row starting {first_cell!r} in:\n" + "\n".join(lines(console)))


def summary(as_of=date(2025, 2, 20)):
    return summarize(
        as_of=as_of,
        processes=[GAZA],
        story_counts=story_counts([REJECT, RELEASE, MEET]),
        proposals=PROPOSALS,
        positions=POSITIONS,
        agreements=[AGREEMENT],
        ledger=LEDGER,
        totals=TOTALS,
        contradictions=[CONTRADICTION],
        counts={"articles": 3, "story_events": 3},
    )


def test_summary_heads_with_the_date_and_store_counts(console):
    render_summary(summary(), console)
    assert lines(console)[0] == "As of 2025-02-20 · 3 articles, 3 story events"


def test_summary_names_the_process_its_parties_and_what_it_rests_on(console):
    render_summary(summary(), console)
    out = lines(console)
    assert any("Israel–Hamas (gaza)" in line for line in out)
    assert "parties ISR, HAMAS · mediators QAT, EGY, USA" in out
    assert (
        "2 story events from 3 reports · 3 proposals · 1 agreement · 2 releases · "
        "1 contradiction" in out
    )


def test_summary_shows_what_is_on_the_table_without_superseded_proposals(console):
    render_summary(summary(), console)
    assert row(console, "the Witkoff plan") == [
        "the Witkoff plan",
        "USA",
        "2025-03-02",
        "ceasefire_days=50",
        "ISR accept 2025-03-02",
        "tabled",
    ]
    assert "p-old" not in console.file.getvalue()


def test_summary_phase_clock_gives_days_left_as_of_the_date(console):
    render_summary(summary(as_of=date(2025, 2, 26)), console)
    assert row(console, "ag-jan")[1:] == [
        "1 *",
        "2025-01-19",
        "2025-03-01",
        "42",
        "—",
        "running",
        "3",
    ]


def test_summary_says_who_stands_where_and_how_it_moved(console):
    render_summary(summary(), console)
    assert row(console, "HAMAS") == [
        "HAMAS",
        "hostages_released",
        "offer 10",
        "2025-03-15",
        "offer 5 (03-01) → offer 10 (03-15)",
    ]


def test_summary_ledger_totals_read_released_against_agreed(console):
    render_summary(summary(), console)
    out = console.file.getvalue()
    assert (
        "│ —     │ HAMAS       │ hostages_released  │ 3        │ —           │ 33     │ 3/33  "
        in out
    )


def test_summary_lists_open_contradictions_and_unassigned_events(console):
    render_summary(summary(), console)
    out = lines(console)
    assert (
        "  • hostages_released: 3 (Levant Wire) vs 4 (Gulf Daily)  [term_value, 2025-02-15]" in out
    )
    assert out[-1] == "1 story event outside any configured process (see `truceline timeline`)."


def test_timeline_rows_carry_type_actors_terms_and_corroboration(console):
    render_timeline(Timeline(total=3, events=[RELEASE, REJECT]), console)
    assert row(console, "2025-03-02") == [
        "2025-03-02",
        "REJECT",
        "HAMAS",
        "extension_days=42",
        "",
        "2 outlets · 1 named · 1 anon",
        "se-reject",
    ]
    assert lines(console)[-1] == "2 of 3 story events shown"


def test_proposals_table_marks_counters_and_what_they_answer(console):
    render_proposals(Proposals(total=3, proposals=PROPOSALS), console)
    assert row(console, "p-counter (counter)") == [
        "p-counter (counter)",
        "HAMAS",
        "2025-03-10",
        "ceasefire_permanent=true",
        "ISR reject",
        "rejected",
    ]
    assert row(console, "answers p-witkoff")[0] == "answers p-witkoff"


def test_positions_show_a_dash_where_nothing_moved(console):
    render_positions(positions_view(POSITIONS), console)
    assert row(console, "ISR") == [
        "ISR",
        "ceasefire_permanent",
        "reject true",
        "2025-03-03",
        "—",
    ]


def test_positions_limit_says_how_many_are_left_out(console):
    render_positions(positions_view(POSITIONS, limit=1), console)
    assert lines(console)[-1] == "1 of 2 positions shown"


def test_ledger_shows_disputed_counts_beside_the_count(console):
    render_ledger(ledger_view(LEDGER, TOTALS), console)
    assert row(console, "2025-02-15") == [
        "2025-02-15",
        "HAMAS",
        "hostages_released",
        "3",
        "2",
        "se-release",
    ]
    assert "369 (also 333)" in console.file.getvalue()
    assert lines(console)[-1] == "1 release with counts outlets disagree on"


def test_sources_table_gives_anonymous_share_as_percent(console):
    outlet = OutletSources(
        outlet="Levant Wire",
        events=8,
        articles=3,
        named=4,
        anonymous=3,
        unattributed=1,
        anonymous_share=0.375,
        corroborated=5,
        contradicted=1,
    )
    render_sources(Sources(outlets=[outlet]), console)
    assert row(console, "Levant Wire") == ["Levant Wire", "3", "8", "4", "3", "1", "38%", "5", "1"]


def test_show_prints_each_report_with_its_claim_and_sentence(console):
    report = reported(7, "Gulf Daily", date(2025, 3, 2), anonymous=True)
    start = ARTICLE.index(EVIDENCE)
    context = evidence_in_context(ARTICLE, start, start + len(EVIDENCE))
    view = Shown(
        id="se-reject",
        story_event=REJECT,
        contradictions=[],
        reports=[ReportBehind(reported=report, title="Hamas rejects extension", context=context)],
    )
    render_show(view, console)
    out = lines(console)
    assert out[0] == "REJECT  se-reject"
    assert "#7 Gulf Daily · 2025-03-02 · Hamas rejects extension" in out
    assert (
        "  REJECT HAMAS · extension_days=42 · claim: Two Egyptian sources (anonymous), said" in out
    )
    assert f"  Two Egyptian sources said {EVIDENCE}." in out


def test_show_highlights_the_evidence_within_its_sentence():
    import io

    from rich.console import Console

    console = Console(file=io.StringIO(), width=200, force_terminal=True, color_system="standard")
    report = reported(7, "Gulf Daily", date(2025, 3, 2), anonymous=False)
    start = ARTICLE.index(EVIDENCE)
    context = evidence_in_context(ARTICLE, start, start + len(EVIDENCE))
    render_show(Shown(id="x", reports=[ReportBehind(reported=report, context=context)]), console)
    assert f"said \x1b[1;33m{EVIDENCE}\x1b[0m." in console.file.getvalue()


def test_empty_views_print_one_friendly_line(console):
    render_timeline(Timeline(total=0, events=[]), console)
    render_proposals(Proposals(total=0, proposals=[]), console)
    render_sources(Sources(outlets=[]), console)
    assert lines(console) == [
        "No story events match.",
        "No proposals match.",
        "No outlets match.",
    ]


def test_summary_shows_each_round_with_its_own_deal(console):
    truce = Agreement(
        id="agreement:a1",
        process="gaza",
        parties=["ISR", "HAMAS"],
        date=date(2023, 11, 22),
        start=date(2023, 11, 24),
        end=date(2023, 12, 1),
        collapsed=date(2023, 12, 1),
        round=1,
    )
    deal = Agreement(
        id="agreement:a2",
        process="gaza",
        parties=["ISR", "HAMAS"],
        date=date(2025, 1, 15),
        start=date(2025, 1, 19),
        round=3,
    )
    console.print(rounds_table([truce, deal]))
    out = console.file.getvalue()
    assert "│ 1     │ agreement:a1 │ 2023-11-22 │ 2023-11-24  │ 2023-12-01 (collapsed) │" in out
    assert "│ 3     │ agreement:a2 │ 2025-01-15 │ 2025-01-19  │ —" in out


def test_summary_codes_each_deal_as_a_ceasefire_and_says_who_declared_and_answered(console):
    easter = Agreement(
        id="agreement:a3",
        process="russia-ukraine",
        parties=["RUS"],
        date=date(2025, 4, 19),
        scope="unilateral",
        kind="declared",
        purpose="holiday",
        declared_by=["RUS"],
        accepted_by=["UKR"],
        round=2,
    )
    console.print(rounds_table([easter]))
    out = console.file.getvalue()
    assert "declared, unilateral, holiday" in out
    assert "declared by RUS; accepted by UKR" in out


def test_summary_names_the_proposal_a_deal_concludes(console):
    deal = Agreement(
        id="agreement:a4",
        process="russia-ukraine",
        parties=["RUS", "UKR"],
        date=date(2025, 3, 18),
        from_proposal="proposal:p1",
        round=1,
    )
    console.print(rounds_table([deal]))
    assert "concludes proposal:p1" in console.file.getvalue()
