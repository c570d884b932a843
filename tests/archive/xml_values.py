"""Prints, as one JSON object, the string values an XML reader (lxml) finds in a file for each
XPath given, with the namespace prefixes mets, csip, xlink, erms and premis bound.

Usage: python xml_values.py FILE XPATH...
"""
import json
import sys

from lxml import etree

NAMESPACES = {
    "mets": "http://www.loc.gov/METS/",
    "csip": "https://DILCIS.eu/XML/METS/CSIPExtensionMETS",
    "xlink": "http://www.w3.org/1999/xlink",
    "erms": "https://DILCIS.eu/XML/ERMS",
    "premis": "http://www.loc.gov/premis/v3",
}


def main():
    document = etree.parse(sys.argv[1], etree.XMLParser(no_network=True))
    out = {}
    for path in sys.argv[2:]:
        found = document.xpath(path, namespaces=NAMESPACES)
        out[path] = [
            value if isinstance(value, str) else "".join(value.itertext()) for value in found
        ]
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
