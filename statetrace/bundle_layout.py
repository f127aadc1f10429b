"""Where bundles live and the manifest keys other modules read (no imports: the bundle
publisher and warm-run retention both use it without importing each other)."""

#: ``<logs>/TelemetryBundles/<name>/``.
BUNDLES_FOLDER = "TelemetryBundles"
#: The manifest of a bundle.
MANIFEST = "TelemetryBundle.json"
#: The manifest key naming the warm-run folder a bundle's evidence came from.
WARM_RUN_FOLDER_KEY = "WarmRunFolder"
