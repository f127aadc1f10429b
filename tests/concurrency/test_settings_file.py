"""Editing the [concurrency] table of a settings file without touching the rest."""

from __future__ import annotations

import tomllib

import pytest

from statetrace.concurrency.settings import ENV_NAMES, env_name, with_table_values


def test_env_names_follow_the_key() -> None:
    assert env_name("thread_ceiling") == "STATETRACE_THREAD_CEILING"
    assert ENV_NAMES["max_consecutive_site_launches"] == "STATETRACE_MAX_CONSECUTIVE_SITE_LAUNCHES"


def test_existing_value_is_replaced_in_place_keeping_comment_and_crlf() -> None:
    text = "# top\r\n[concurrency]\r\nthread_ceiling  =  3 # tuned\r\n\r\n[other]\r\na = 1"
    result = with_table_values(text, {"thread_ceiling": 1, "min_workers": 2})
    assert result == (
        "# top\r\n[concurrency]\r\nthread_ceiling  =  1 # tuned\r\nmin_workers = 2\r\n"
        "\r\n[other]\r\na = 1"
    )


def test_a_missing_table_is_appended() -> None:
    result = with_table_values("a = 1", {"jobs_per_thread": 4})
    assert result == "a = 1\n[concurrency]\njobs_per_thread = 4\n"
    assert tomllib.loads(result) == {"a": 1, "concurrency": {"jobs_per_thread": 4}}


def test_an_empty_file_gets_the_table() -> None:
    assert with_table_values("", {"thread_ceiling": 2}) == "[concurrency]\nthread_ceiling = 2\n"


def test_keys_of_other_tables_are_left_alone() -> None:
    text = "[other]\nthread_ceiling = 9\n[concurrency]\n"
    result = tomllib.loads(with_table_values(text, {"thread_ceiling": 2}))
    assert result == {"other": {"thread_ceiling": 9}, "concurrency": {"thread_ceiling": 2}}


@pytest.mark.parametrize(
    "text",
    ["concurrency = { thread_ceiling = 3 }\n", '[concurrency]\n"thread_ceiling" = 3\n'],
)
def test_unsupported_forms_fail_instead_of_writing_a_wrong_file(text: str) -> None:
    with pytest.raises(ValueError, match=r"cannot set \[concurrency\]"):
        with_table_values(text, {"thread_ceiling": 2})
