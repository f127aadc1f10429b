"""A self-contained HTML report: gate verdicts, cold vs warm latency, rows written per
site, cache providers and today's changes, with plots inlined as SVG (no network)."""

from statetrace.report.data import ReportData, collect, report_of
from statetrace.report.page import render_page, write_report

__all__ = ["ReportData", "collect", "render_page", "report_of", "write_report"]
