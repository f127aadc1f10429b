"""Telemetry bundles: publishing release evidence and verifying it."""

from statetrace.bundles.publish import (
    BundleError,
    BundleRequest,
    bundle_path,
    default_bundle_name,
    expand_bundle_name,
    publish_bundle,
    publish_with_risks,
)
from statetrace.bundles.verify import BundleVerification, verify_bundle

__all__ = [
    "BundleError",
    "BundleRequest",
    "BundleVerification",
    "bundle_path",
    "default_bundle_name",
    "expand_bundle_name",
    "publish_bundle",
    "publish_with_risks",
    "verify_bundle",
]
