"""Runs the E-ARK validator (eark-validator 1.1.3) on packages, offline, and prints one JSON
object: for each package, every message of severity error or warning.

eark-validator downloads four vocabulary files when it is imported; the same files ship inside
the package, so `urlopen` is answered from those copies before the validator is imported.
Any other URL is refused, so a run never reaches the network.

Usage: python eark_validate.py PACKAGE...
"""
import io
import json
import sys
import urllib.request
from pathlib import Path

import eark_validator.ipxml.resources.vocabs as vocabs_package

VOCABS = Path(vocabs_package.__file__).parent
PREFIX = "https://earkcsip.dilcis.eu/schema/"


def offline_urlopen(url, *args, **kwargs):
    url = getattr(url, "full_url", url)
    if not url.startswith(PREFIX):
        raise OSError(f"offline: refusing to fetch {url}")
    return io.BytesIO((VOCABS / url[len(PREFIX):]).read_bytes())


urllib.request.urlopen = offline_urlopen

from eark_validator import packages  # noqa: E402  (must follow the patch)
from eark_validator.specifications.specification import SpecificationVersion  # noqa: E402


def messages(report):
    found = []
    if report.structure is not None:
        found += [("structure", m) for m in report.structure.messages]
    if report.metadata is not None:
        found += [("schema", m) for m in report.metadata.schema_results.messages]
        found += [("schematron", m) for m in report.metadata.schematron_results.messages]
    return [
        {
            "part": part,
            "rule_id": m.rule_id,
            "severity": m.severity.value,
            "location": m.location,
            "message": m.message,
        }
        for part, m in found
        if m.severity.value.lower() in ("error", "warning")
    ]


def main():
    out = {}
    for path in sys.argv[1:]:
        report = packages.PackageValidator(Path(path), SpecificationVersion.V2_1_0).validation_report
        out[path] = {
            "structure": report.structure.status.value if report.structure else None,
            "messages": messages(report),
        }
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
