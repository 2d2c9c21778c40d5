"""The English check: function-word share, judged only on texts long enough."""

import json
from pathlib import Path

import pytest

from truceline.ingest import ReadProblem, read_inputs
from truceline.ingest.language import MIN_WORDS, english_function_words, language_evidence

ENGLISH = (
    "Israel and Hamas agreed on Sunday to extend the truce in Gaza by two days, Qatari "
    "mediators said, as a fourth group of hostages was freed in exchange for Palestinian "
    "prisoners held in Israeli jails."
)
NOT_ENGLISH = {
    "French": "Israël et le Hamas ont accepté dimanche de prolonger de deux jours la trêve à "
    "Gaza, ont indiqué les médiateurs qatariens, alors qu'un quatrième groupe d'otages a été "
    "libéré en échange de prisonniers palestiniens détenus dans les prisons israéliennes.",
    "German": "Israel und die Hamas haben sich am Sonntag darauf geeinigt, die Waffenruhe im "
    "Gazastreifen um zwei Tage zu verlängern, teilten katarische Vermittler mit, als eine "
    "vierte Gruppe von Geiseln im Austausch gegen palästinensische Gefangene freikam.",
    "Spanish": "Israel y Hamás acordaron el domingo prorrogar dos días la tregua en Gaza, según "
    "los mediadores cataríes, mientras un cuarto grupo de rehenes era liberado a cambio de "
    "presos palestinos recluidos en cárceles israelíes.",
    "Arabic": "اتفقت إسرائيل وحركة حماس يوم الأحد على تمديد الهدنة في غزة لمدة يومين، بحسب "
    "الوسطاء القطريين، في حين أفرج عن مجموعة رابعة من الرهائن مقابل أسرى فلسطينيين محتجزين "
    "في السجون الإسرائيلية.",
    "Chinese": "以色列和哈马斯周日同意将加沙停火延长两天，卡塔尔调解人表示，第四批人质获释，"
    "以换取关押在以色列监狱中的巴勒斯坦囚犯。",
}


def test_english_news_prose_looks_english() -> None:
    assert language_evidence(ENGLISH).looks_english


@pytest.mark.parametrize("language", NOT_ENGLISH)
def test_news_prose_in_other_languages_does_not_look_english(language: str) -> None:
    assert not language_evidence(NOT_ENGLISH[language]).looks_english


def test_texts_shorter_than_the_minimum_are_not_judged() -> None:
    headline = "Israël et le Hamas prolongent la trêve de deux jours à Gaza"

    evidence = language_evidence(headline)

    assert evidence.words < MIN_WORDS
    assert (evidence.judged, evidence.looks_english) == (False, True)


def test_each_chinese_character_counts_as_a_word() -> None:
    assert language_evidence("以色列和哈马斯").words == 7


def test_word_list_is_read_from_the_data_file() -> None:
    words = english_function_words()

    assert {"the", "of", "and", "whether"} <= words
    assert "# common english function words, one per line, lower case." not in words


def test_non_english_jsonl_record_is_skipped_with_a_problem_on_its_line(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    records = [{"text": ENGLISH}, {"text": NOT_ENGLISH["Spanish"]}]
    path.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")

    results = list(read_inputs([str(path)]))

    assert isinstance(results[1], ReadProblem)
    assert (results[0].id, results[1].line) == ("wire:1", 2)
    assert results[1].message.startswith("article appears not to be English (")
