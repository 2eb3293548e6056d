#!/usr/bin/env python3
"""Checks Missive's Group Policy templates: missive.admx and each <culture>/missive.adml beside it.

    installer/windows/policies/check-policies.py [DIR] [--self-test]

1. Each file is valid against schema/policy-definitions.xsd (xmllint): the ADMX/ADML elements and
   attributes of Microsoft's reference that the templates use, strictly, with the category
   references and the uniqueness of names and ids.
2. What a schema cannot see across files: every $(string.X) and $(presentation.X) of the ADMX is in
   every ADML and every ADML string is used; each policy's presentation has one control per element
   of the policy, of the matching kind (text: textBox, list: listBox), and no other.
--self-test: the real templates must pass, then altered copies must each fail for their reason.
Prints one line per failure; exits 1 if any.
"""

import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = "{http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions}"
HERE = pathlib.Path(__file__).resolve().parent
SCHEMA = HERE / "schema" / "policy-definitions.xsd"
CONTROL_OF = {"text": "textBox", "list": "listBox"}


def check(directory):
    failures = []
    admx = directory / "missive.admx"
    admls = sorted(directory.glob("*-*/missive.adml"))
    if not admls:
        failures.append(f"no <culture>/missive.adml beside {admx}")
    for path in [admx] + admls:
        result = subprocess.run(["xmllint", "--noout", "--schema", str(SCHEMA), str(path)],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            failures += [f"{path.relative_to(directory)}: {line}" for line in result.stderr.splitlines()
                         if line and not line.endswith("fails to validate")]
    if failures:
        return failures

    text = admx.read_text(encoding="utf-8")
    strings = set(re.findall(r"\$\(string\.([A-Za-z0-9_.\-]+)\)", text))
    presentations = set(re.findall(r"\$\(presentation\.([A-Za-z0-9_.\-]+)\)", text))
    policies = {}
    for policy in ET.parse(admx).getroot().iter(NS + "policy"):
        elements = policy.find(NS + "elements")
        kinds = {e.get("id"): e.tag[len(NS):] for e in (elements if elements is not None else [])}
        ref = re.fullmatch(r"\$\(presentation\.(.+)\)", policy.get("presentation", ""))
        if kinds and not ref:
            failures.append(f"policy {policy.get('name')} has elements but no presentation")
        if ref:
            policies[ref.group(1)] = (policy.get("name"), kinds)

    for adml in admls:
        where = adml.relative_to(directory)
        root = ET.parse(adml).getroot()
        ids = {s.get("id") for s in root.iter(NS + "string")}
        for missing in sorted(strings - ids):
            failures.append(f"{where}: no string {missing} (used by missive.admx)")
        for unused in sorted(ids - strings):
            failures.append(f"{where}: string {unused} is used by no policy or category")
        shown = {p.get("id"): p for p in root.iter(NS + "presentation")}
        for missing in sorted(presentations - set(shown)):
            failures.append(f"{where}: no presentation {missing} (used by missive.admx)")
        for pid, (name, kinds) in sorted(policies.items()):
            if pid not in shown:
                continue
            controls = {c.get("refId"): c.tag[len(NS):] for c in shown[pid] if c.get("refId")}
            for element, kind in sorted(kinds.items()):
                if controls.get(element) != CONTROL_OF.get(kind):
                    failures.append(f"{where}: presentation {pid} shows {element} ({kind}) as "
                                    f"{controls.get(element)!r}, not {CONTROL_OF.get(kind)!r}")
            for extra in sorted(set(controls) - set(kinds)):
                failures.append(f"{where}: presentation {pid} has a control for {extra}, "
                                f"not an element of policy {name}")
    return failures


# name -> (file, regex, replacement, text the failure must contain)
MUTATIONS = {
    "unknown-element": ("missive.admx", r"<text id=", "<texte id=", "texte"),
    "missing-translation": ("en-US/missive.adml", r'<string id="PostalQueue">[^<]*</string>', "",
                            "no string PostalQueue"),
    "duplicate-policy": ("missive.admx", r'<policy name="MssanteSender"', '<policy name="MssanteServer"',
                         "Duplicate key-sequence"),
    "unknown-category": ("missive.admx", r'<parentCategory ref="Postal"/>', '<parentCategory ref="Courrier"/>',
                         "No match found for key-sequence"),
    "wrong-control": ("fr-FR/missive.adml", r'<textBox refId="MssanteServerValue">', '<textBox refId="MssanteServerVal">',
                      "presentation MssanteServer"),
    "no-class": ("missive.admx", r' class="Machine"', "", "class"),
}


def self_test(directory):
    failures = [f"the real templates: {f}" for f in check(directory)]
    for name, (file, pattern, replacement, expected) in MUTATIONS.items():
        with tempfile.TemporaryDirectory() as scratch:
            copy = pathlib.Path(scratch) / "templates"
            shutil.copytree(directory, copy, ignore=shutil.ignore_patterns("schema", "*.py"))
            target = copy / file
            original = target.read_text(encoding="utf-8")
            altered = re.sub(pattern, replacement, original, count=1)
            if altered == original:
                failures.append(f"mutation {name} changed nothing")
                continue
            target.write_text(altered, encoding="utf-8")
            found = check(copy)
            if not any(expected in f for f in found):
                failures.append(f"mutation {name} not caught for its reason ({expected!r}): {found}")
            else:
                print(f"check-policies: mutation {name} rejected: {next(f for f in found if expected in f)}")
    return failures


def main():
    args = [a for a in sys.argv[1:] if a != "--self-test"]
    directory = pathlib.Path(args[0]).resolve() if args else HERE
    failures = self_test(directory) if "--self-test" in sys.argv else check(directory)
    for failure in failures:
        print(f"check-policies: FAIL: {failure}")
    if not failures:
        print(f"check-policies: {directory}: the templates are valid and consistent")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
