"""pytest plugin: every StateTrace telemetry gate becomes a parametrized test.

PYTEST_DONT_REWRITE: the plugin holds no asserts for pytest to rewrite; the marker keeps
plain ``pytest`` (editable-install finder) free of "already imported" warnings.
"""
