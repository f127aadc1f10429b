"""The ingestion engine: captures in, per-site stores and telemetry out."""

from statetrace.engine.options import IngestOptions
from statetrace.engine.run import IngestPlan, ingest, plan_ingest
from statetrace.engine.summary import RunSummary

__all__ = ["IngestOptions", "IngestPlan", "RunSummary", "ingest", "plan_ingest"]
