"""The plugin is tested in throw-away projects through ``pytester``."""

pytest_plugins = ["pytester"]
