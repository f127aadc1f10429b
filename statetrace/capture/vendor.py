"""Vendor detection by scoring evidence: prompt style, banners, ``show version`` and configs.

Each marker counts once.  The best platform wins when it reaches :data:`MIN_SCORE` and
leads the runner-up by :data:`MIN_LEAD`; markers of platforms we do not parse (NX-OS,
Junos, ArubaOS, PAN-OS, …) veto a decision.  Otherwise the platform is ``None`` and
the reason names what was seen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from statetrace.capture.blocks import Block
from statetrace.commands import INTERFACES_BRIEF, RUNNING_CONFIG, VERSION
from statetrace.model import ARISTA_EOS, CISCO_IOS, PLATFORMS, RUCKUS_FASTIRON

MIN_SCORE = 50
MIN_LEAD = 20
#: How much of the text is searched for banners when there is no ``show version`` block.
BANNER_LINES = 60
CONFIG_HEAD_LINES = 40


@dataclass(frozen=True, slots=True)
class _Marker:
    platform: str
    pattern: re.Pattern[str]
    weight: int
    label: str


def _word(literal: str) -> str:
    """``literal`` as a whole word; the boundary check follows the literal so that the
    regex engine can scan for the literal at C speed."""
    return f"{re.escape(literal)}(?<!\\w{re.escape(literal)})\\b"


def _marker(platform: str, pattern: str, weight: int, label: str) -> _Marker:
    """A marker; a line-start anchor is written ``\\n`` (text is searched with a ``\\n``
    in front), so that every pattern starts with a literal the regex engine skips to."""
    return _Marker(platform, re.compile(pattern), weight, label)


#: Markers searched in ``show version`` (or, without it, the banner lines).
_VERSION_MARKERS = (
    _marker(CISCO_IOS, _word("Cisco IOS"), 60, "Cisco IOS"),
    _marker(CISCO_IOS, r"IOS[- ]XE\b", 30, "IOS-XE"),
    _marker(CISCO_IOS, r"isco Systems, Inc(?<=[Cc]isco Systems, Inc)", 20, "Cisco Systems, Inc."),
    _marker(CISCO_IOS, r"\n\S+ uptime is \d", 10, "'uptime is'"),
    _marker(CISCO_IOS, _word("Catalyst"), 10, "Catalyst"),
    _marker(ARISTA_EOS, _word("Arista"), 60, "Arista"),
    _marker(ARISTA_EOS, r"EOS(?<![A-Zabd-z]EOS)(?:Lab\b|-\d|\b)", 30, "EOS"),
    _marker(ARISTA_EOS, r"\nSoftware image version: ", 20, "'Software image version'"),
    _marker(RUCKUS_FASTIRON, _word("Brocade"), 50, "Brocade"),
    _marker(RUCKUS_FASTIRON, _word("Ruckus"), 50, "Ruckus"),
    _marker(RUCKUS_FASTIRON, _word("FastIron"), 40, "FastIron"),
    _marker(RUCKUS_FASTIRON, _word("IronWare"), 40, "IronWare"),
    _marker(RUCKUS_FASTIRON, r"ICX(?<!\wICX)\d", 30, "ICX"),
    _marker(RUCKUS_FASTIRON, _word("Stackable"), 30, "Stackable"),
    _marker(RUCKUS_FASTIRON, r"\n *SW: Version ", 20, "'SW: Version'"),
)

#: Markers searched in the head of the running configuration.
_CONFIG_MARKERS = (
    _marker(CISCO_IOS, r"\nBuilding configuration\.\.\.", 15, "'Building configuration...'"),
    _marker(ARISTA_EOS, r"\n! device: .*\bEOS-", 40, "'! device: … EOS-'"),
    _marker(RUCKUS_FASTIRON, r"\nver \d", 30, "'ver' config header"),
)

#: FastIron prefixes its prompt with ``SSH@`` in SSH sessions.
_FASTIRON_PROMPT = 30

#: Platforms we do not parse; any of these (as a substring) vetoes a decision.
_FOREIGN = (
    "NX-OS",
    "Nexus Operating System",
    "JUNOS",
    "Junos",
    "ArubaOS",
    "ProCurve",
    "PAN-OS",
    "FortiOS",
    "Dell EMC Networking OS",
    "Cumulus Linux",
    "VyOS",
    "RouterOS",
)


@dataclass(slots=True)
class VendorGuess:
    """The detected platform (``None`` when unsure), the scores and why."""

    platform: str | None
    scores: dict[str, int] = field(default_factory=dict)
    reason: str = ""


def detect_vendor(text: str, blocks: Mapping[str, Block]) -> VendorGuess:
    """Score the evidence in a host's capture text and carved blocks."""
    scores = dict.fromkeys(PLATFORMS, 0)
    seen: list[str] = []
    version = blocks.get(VERSION)
    banner = version.text if version is not None else _head(text, BANNER_LINES)
    _score(_VERSION_MARKERS, banner, scores, seen)
    config = blocks.get(RUNNING_CONFIG)
    if config is not None:
        _score(_CONFIG_MARKERS, _head(config.text, CONFIG_HEAD_LINES), scores, seen)
    if text.startswith("SSH@") or "\nSSH@" in text:
        scores[RUCKUS_FASTIRON] += _FASTIRON_PROMPT
        seen.append("SSH@ prompt")
    if INTERFACES_BRIEF in blocks:
        scores[RUCKUS_FASTIRON] += 10
        seen.append("'show interfaces brief' block")
    foreign = [name for name in _FOREIGN if name in banner]
    return _decide(scores, seen, foreign)


def _head(text: str, lines: int) -> str:
    end = -1
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end < 0:
            return text
    return text[:end]


def _score(
    markers: tuple[_Marker, ...], text: str, scores: dict[str, int], seen: list[str]
) -> None:
    text = "\n" + text
    for marker in markers:
        if marker.pattern.search(text):
            scores[marker.platform] += marker.weight
            seen.append(marker.label)


def _decide(scores: dict[str, int], seen: list[str], foreign: list[str]) -> VendorGuess:
    ranked = sorted(scores, key=lambda platform: scores[platform], reverse=True)
    best, runner_up = ranked[0], ranked[1]
    evidence = ", ".join(seen) if seen else "no vendor markers"
    if foreign:
        reason = f"unsupported platform markers: {', '.join(foreign)} (also saw: {evidence})"
        return VendorGuess(None, scores, reason)
    if scores[best] < MIN_SCORE:
        reason = (
            f"no confident vendor match (best {best} {scores[best]} < {MIN_SCORE}; saw: {evidence})"
        )
        return VendorGuess(None, scores, reason)
    if scores[best] - scores[runner_up] < MIN_LEAD:
        reason = (
            f"ambiguous vendor: {best} {scores[best]} vs {runner_up} {scores[runner_up]} "
            f"(saw: {evidence})"
        )
        return VendorGuess(None, scores, reason)
    return VendorGuess(best, scores, f"{best} score {scores[best]}: {evidence}")
