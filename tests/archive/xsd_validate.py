"""Validates XML files against the schemas in a folder, offline, choosing each file's schema by
its root element's namespace: METS (mets.xsd, with xlink.xsd and the DILCIS extensions),
CITS ERMS (ERMS.xsd) or PREMIS 3 (premis.xsd). Prints one JSON object: for each file, the list
of schema errors (empty when valid).

Usage: python xsd_validate.py SCHEMA_DIR FILE...
"""
import json
import sys
from pathlib import Path

from lxml import etree

SCHEMAS = {
    "http://www.loc.gov/METS/": "mets.xsd",
    "https://DILCIS.eu/XML/ERMS": "ERMS.xsd",
    "http://www.loc.gov/premis/v3": "premis.xsd",
}


class Local(etree.Resolver):
    """Answers every schema import from the folder, by file name, never from the network."""

    def __init__(self, folder):
        super().__init__()
        self.folder = folder

    def resolve(self, url, pubid, context):
        local = self.folder / url.rsplit("/", 1)[-1]
        if local.exists():
            return self.resolve_filename(str(local), context)
        raise OSError(f"offline: no local copy of {url}")


def main():
    folder = Path(sys.argv[1])
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local(folder))
    schemas = {}
    out = {}
    for name in sys.argv[2:]:
        document = etree.parse(name, etree.XMLParser(no_network=True))
        namespace = etree.QName(document.getroot()).namespace
        xsd = SCHEMAS[namespace]
        if xsd not in schemas:
            schemas[xsd] = etree.XMLSchema(etree.parse(str(folder / xsd), parser))
        schema = schemas[xsd]
        schema.validate(document)
        out[name] = [f"{e.line}: {e.message}" for e in schema.error_log]
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
