"""Reading a text or Markdown file never changes its body: offsets depend on it."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from truceline.ingest import read_inputs

# Enough English that any random middle still reads as English.
ENGLISH = (
    "The mediators said that the talks on the truce would resume in Doha on Monday, "
    "and that both of the sides had agreed to it. "
) * 5
NEWLINES = st.sampled_from(["\n", "\r\n", "\r"])
MIDDLES = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc")) | st.sampled_from("\n\r\t"),
    max_size=200,
)


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@given(with_front_matter=st.booleans(), middle=MIDDLES, newline=NEWLINES)
def test_body_is_the_file_content_after_front_matter_with_newlines_normalised(
    scratch: Path, suffix: str, with_front_matter: bool, middle: str, newline: str
) -> None:
    body = f"Truce talks resume in Doha{newline}{middle}{newline}{ENGLISH}"
    front_matter = f"---{newline}id: x-1{newline}---{newline}" if with_front_matter else ""
    path = scratch / f"article{suffix}"
    path.write_bytes((front_matter + body).encode("utf-8"))

    [article] = read_inputs([str(path)])

    assert article.text == normalise_newlines(body)
