"""Telemetry: typed event models, the JSON-lines writer, and the tolerant reader."""
