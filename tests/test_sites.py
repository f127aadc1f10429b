import json

import pytest

from statetrace.sites import SiteRules, site_of


def test_default_rule_is_prefix_before_first_dash():
    assert site_of("WLLS-A01-AS-01") == "WLLS"
    assert site_of("lab-c9200l-as-01") == "LAB"
    assert site_of("core1") == "CORE1"


@pytest.mark.parametrize("hostname", ["../../etc-x", "a/b-c", "x\x00y-z", 'q"uote-1', ""])
def test_site_is_always_a_safe_folder_name(hostname):
    site = site_of(hostname)
    assert site and all(ch.isalnum() or ch == "_" for ch in site)


def test_regex_rule(tmp_path):
    rules = SiteRules.from_options(regex=r"^[a-z]+-([a-z]+)\d")
    assert site_of("sw-bldg4-01", rules) == "BLDG"
    assert site_of("nomatch", rules) == "NOMATCH"


def test_mapping_file_wins(tmp_path):
    mapping = tmp_path / "sites.json"
    mapping.write_text(json.dumps({"core1": "HQ"}))
    rules = SiteRules.from_options(mapping_file=mapping)
    assert site_of("CORE1", rules) == "HQ"
    assert site_of("WLLS-1", rules) == "WLLS"


def test_regex_without_group_is_rejected():
    with pytest.raises(ValueError, match="capturing group"):
        SiteRules.from_options(regex="abc")


def test_site_names_fit_in_a_file_name():
    assert site_of("A" * 253) == "A" * 64
    assert site_of("A" * 63 + "_" * 5 + "B-x") == "A" * 63
