from truceline.ingest import ReadProblem


def test_problem_with_a_line_reads_origin_line_message() -> None:
    problem = ReadProblem("corpus/wire.jsonl", 12, "line is not valid JSON")

    assert str(problem) == "corpus/wire.jsonl:12: line is not valid JSON"


def test_problem_without_a_line_reads_origin_message() -> None:
    problem = ReadProblem("corpus/page.html", None, "no article text found in the HTML")

    assert str(problem) == "corpus/page.html: no article text found in the HTML"
