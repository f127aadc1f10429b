"""pytest plugin: every StateTrace telemetry gate becomes a parametrized test."""
