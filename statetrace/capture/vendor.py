"""Vendor detection by scoring evidence: prompt style, banners, ``show version`` and configs.

The markers and their weights come from the platform descriptors (:mod:`statetrace.platforms`).

Each marker counts once.  The best platform wins when it reaches :data:`MIN_SCORE` and
leads the runner-up by :data:`MIN_LEAD`; markers of platforms we do not parse
(ArubaOS, ProCurve, PAN-OS, …) veto a decision.  Otherwise the platform is ``None`` and
the reason names what was seen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from statetrace.capture.blocks import Block
from statetrace.commands import RUNNING_CONFIG, VERSION
from statetrace.platforms import NAMES, PLATFORMS, Marker

MIN_SCORE = 50
MIN_LEAD = 20
#: How much of the text is searched for banners when there is no ``show version`` block.
BANNER_LINES = 60
CONFIG_HEAD_LINES = 40

#: Every platform's markers, as ``(platform name, marker)``.
_VERSION_MARKERS = tuple((p.name, m) for p in PLATFORMS for m in p.version_markers)
_CONFIG_MARKERS = tuple((p.name, m) for p in PLATFORMS for m in p.config_markers)

#: Platforms we do not parse; any of these (as a substring) vetoes a decision.
_FOREIGN = (
    "ArubaOS ",
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
    scores = dict.fromkeys(NAMES, 0)
    seen: list[str] = []
    version = blocks.get(VERSION)
    banner = version.text if version is not None else _head(text, BANNER_LINES)
    _score(_VERSION_MARKERS, banner, scores, seen)
    config = blocks.get(RUNNING_CONFIG)
    if config is not None:
        _score(_CONFIG_MARKERS, _head(config.text, CONFIG_HEAD_LINES), scores, seen)
    for platform in PLATFORMS:
        for line_start in platform.capture_markers:
            if line_start.found_in(text):
                scores[platform.name] += line_start.weight
                seen.append(line_start.label)
        for command, weight in platform.block_markers.items():
            if command in blocks:
                scores[platform.name] += weight
                seen.append(f"{command!r} block")
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
    markers: tuple[tuple[str, Marker], ...], text: str, scores: dict[str, int], seen: list[str]
) -> None:
    text = "\n" + text
    for platform, marker in markers:
        if marker.pattern.search(text):
            scores[platform] += marker.weight
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
