"""The alerts file: what a rule may say, and errors that name the file and line."""

from __future__ import annotations

import pytest

from truceline.alerts import AlertsFileError, load_rules


def write(tmp_path, text: str):
    path = tmp_path / "alerts.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_rule_names_its_filters_and_targets(tmp_path):
    rules = load_rules(
        write(
            tmp_path,
            "rules:\n"
            "  - name: deals\n"
            "    process: gaza\n"
            "    actors: [HAMAS]\n"
            "    kinds: [agreement, contradiction, position_moved]\n"
            "    min_outlets: 2\n"
            "    to:\n"
            "      - stdout\n"
            "      - webhook: http://127.0.0.1:9/hook\n"
            "        retries: 1\n"
            "      - command: [cat]\n",
        )
    )
    (rule,) = rules.rules
    assert (rule.name, rule.process, rule.actors, rule.min_outlets) == (
        "deals",
        "gaza",
        ["HAMAS"],
        2,
    )
    assert rule.kinds == ["agreement", "contradiction", "position_moved"]
    stdout, webhook, command = rule.to
    assert stdout.stdout and webhook.webhook == "http://127.0.0.1:9/hook" and webhook.retries == 1
    assert command.command == ["cat"]


def test_a_misspelt_key_is_named_with_its_line(tmp_path):
    path = write(
        tmp_path,
        "rules:\n  - name: deals\n    kinds: [release]\n    min_outlet: 2\n    to: [stdout]\n",
    )
    with pytest.raises(AlertsFileError) as error:
        load_rules(path)
    assert str(error.value).startswith(f"{path}:4: ")
    assert "rules[0].min_outlet: unknown key" in str(error.value)


def test_an_unknown_change_kind_is_refused_with_its_line(tmp_path):
    path = write(
        tmp_path, "rules:\n  - name: deals\n    to: [stdout]\n    kinds: [release, truce]\n"
    )
    with pytest.raises(AlertsFileError, match=rf"^{path}:4: rules\[0\]\.kinds\[1\]"):
        load_rules(path)


def test_a_target_names_exactly_one_way_to_deliver(tmp_path):
    path = write(tmp_path, "rules:\n  - name: a\n    to:\n      - {stdout: true, command: [cat]}\n")
    with pytest.raises(AlertsFileError, match="exactly one of stdout, webhook or command"):
        load_rules(path)


def test_rule_names_are_unique(tmp_path):
    path = write(tmp_path, "rules:\n  - {name: a, to: [stdout]}\n  - {name: a, to: [stdout]}\n")
    with pytest.raises(AlertsFileError, match="rule names must be unique: a"):
        load_rules(path)


def test_bad_yaml_and_a_missing_file_name_the_file(tmp_path):
    path = write(tmp_path, "rules:\n  - name: [a\n")
    with pytest.raises(AlertsFileError, match=rf"^{path}:\d+: not valid YAML"):
        load_rules(path)
    with pytest.raises(AlertsFileError, match="cannot be read"):
        load_rules(tmp_path / "none.yaml")


def test_the_readme_example_is_a_valid_alerts_file(tmp_path):
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("```yaml\n# alerts.yaml\n", 1)[1].split("```", 1)[0]
    rules = load_rules(write(tmp_path, example))
    assert [r.name for r in rules.rules] == ["deals", "hamas-releases", "disputes"]
    assert rules.rules[1].to[0].retries == 3 and rules.rules[2].to[0].command[0] == "sh"
