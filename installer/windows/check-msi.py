#!/usr/bin/env python3
"""Checks a built Missive MSI with msitools' msiinfo: the tables, the printer custom actions and their
sequence, the public properties, the upgrade and per-machine settings, the registry settings.

    installer/windows/check-msi.py MSI [--version X.Y.Z] [--with-app]

--with-app: the MSI must also hold the Windows app (missive-app.exe, autostart, shortcut).
Prints one line per failed check and exits 1 if any failed; exits 0 with a summary otherwise.
"""

import argparse
import os
import subprocess
import tempfile
import sys

UPGRADE_CODE = "{220C81B0-079E-4230-8264-14A3A0391999}"

# Custom action type bits (Windows Installer, CustomAction table).
TYPE_EXE_FILE = 18  # base type: EXE in the File table (msidbCustomActionTypeExe + SourceFile)
CONTINUE = 0x40  # msidbCustomActionTypeContinue: ignore the exit code
ROLLBACK = 0x100  # msidbCustomActionTypeRollback
COMMIT = 0x200  # msidbCustomActionTypeCommit
IN_SCRIPT = 0x400  # msidbCustomActionTypeInScript: deferred
NO_IMPERSONATE = 0x800  # msidbCustomActionTypeNoImpersonate: runs as LocalSystem

COMPONENT_64BIT = 0x100  # msidbComponentAttributes64bit
REGISTRY_HKLM = "2"

# Public property -> (registry key under HKLM, value name) = the missive.conf section and key.
SETTINGS = {
    "MSSANTE_SERVER": ("SOFTWARE\\Missive\\Settings\\mssante", "smtp_url"),
    "MSSANTE_SENDER": ("SOFTWARE\\Missive\\Settings\\mssante", "sender"),
    "CA_BUNDLE": ("SOFTWARE\\Missive\\Settings\\mssante", "ca_bundle"),
    "DIRECTORY_URL": ("SOFTWARE\\Missive\\Settings\\directory", "update_url"),
    "DIRECTORY_SHARE": ("SOFTWARE\\Missive\\Settings\\directory", "update_share"),
    "POSTAL_QUEUE": ("SOFTWARE\\Missive\\Settings\\postal", "queue"),
    "STORAGE_URL": ("SOFTWARE\\Missive\\Settings\\storage", "url"),
}
# Not settings, remembered in HKLM\SOFTWARE\Missive across upgrades: property -> (value name, default).
REMEMBERED = {
    "PRINTER_NAME": ("PrinterName", "Missive"),
    "AUTOSTART": ("Autostart", "1"),
}
PUBLIC_PROPERTIES = list(SETTINGS) + list(REMEMBERED) + ["INSTALLDIR"]

# Action -> (command line, rollback?, return checked?, condition). An upgrade (UPGRADINGPRODUCTCODE in
# the previous version's uninstall, WIX_UPGRADE_DETECTED in the new install) never deletes the
# printer: that would delete the jobs waiting in its queue.
PRINTER = '--printer "[PRINTER_NAME]"'
PRINTER_ACTIONS = {
    "MissivePrinterInstall": (f"install {PRINTER}", False, True, 'NOT REMOVE~="ALL"'),
    "MissivePrinterInstallRollback": (f"remove {PRINTER}", True, False,
                                      'NOT Installed AND NOT WIX_UPGRADE_DETECTED AND NOT REMOVE~="ALL"'),
    "MissivePrinterRemove": (f"remove {PRINTER}", False, False, 'REMOVE~="ALL" AND NOT UPGRADINGPRODUCTCODE'),
    "MissivePrinterRemoveRollback": (f"install {PRINTER}", True, False, 'REMOVE~="ALL" AND NOT UPGRADINGPRODUCTCODE'),
}

REQUIRED_TABLES = ["File", "Component", "Feature", "FeatureComponents", "Directory", "Media", "CustomAction",
                   "InstallExecuteSequence", "Property", "Upgrade", "LaunchCondition", "Registry", "AppSearch",
                   "RegLocator"]


class Checker:
    def __init__(self, msi):
        self.msi = msi
        self.failures = []
        self.passed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failures.append(what)
        return ok

    def msiinfo(self, *args):
        result = subprocess.run(["msiinfo", *args, self.msi], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"check-msi: msiinfo {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def table(self, name):
        """Rows of an exported table as dicts. msiinfo export prints the column names, their types, the
        table name and its key columns, then one tab-separated row per line."""
        # In a scratch directory: msiinfo writes a table's binary columns (Icon, Binary) as files
        # into a folder named after the table, under the current directory.
        with tempfile.TemporaryDirectory() as scratch:
            result = subprocess.run(["msiinfo", "export", os.path.abspath(self.msi), name], capture_output=True,
                                    check=False, cwd=scratch)
        if result.returncode != 0:
            return []
        # Rows end with CRLF; a lone CR or LF inside a value stays in it (and fails the checks).
        lines = result.stdout.decode("utf-8", errors="replace").split("\r\n")
        columns = lines[0].split("\t")
        rows = []
        for line in lines[3:]:
            if line == "":
                continue
            cells = line.split("\t")
            rows.append(dict(zip(columns, cells + [""] * (len(columns) - len(cells)))))
        return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("msi")
    parser.add_argument("--version")
    parser.add_argument("--with-app", action="store_true")
    args = parser.parse_args()
    c = Checker(args.msi)

    tables = set(c.msiinfo("tables").split())
    for name in REQUIRED_TABLES:
        c.check(name in tables, f"table {name} missing")

    summary = c.msiinfo("suminfo")
    c.check("Template: x64;1036" in summary, "summary Template is not x64;1036 (wixl -a x64, French as the Product)")

    props = {row["Property"]: row["Value"] for row in c.table("Property")}
    c.check(props.get("ProductLanguage") == "1036", f"ProductLanguage is {props.get('ProductLanguage')!r}, not 1036")
    icons = {row["Name"] for row in c.table("Icon")}
    c.check(props.get("ARPPRODUCTICON") in icons and props.get("ARPPRODUCTICON", "").endswith(".ico"),
            f"ARPPRODUCTICON {props.get('ARPPRODUCTICON')!r} is not an icon of the Icon table {sorted(icons)}")
    c.check(props.get("ALLUSERS") == "1", f"ALLUSERS is {props.get('ALLUSERS')!r}, not '1' (per-machine)")
    c.check(props.get("UpgradeCode") == UPGRADE_CODE, f"UpgradeCode is {props.get('UpgradeCode')!r}, not {UPGRADE_CODE}")
    if args.version:
        c.check(props.get("ProductVersion") == args.version,
                f"ProductVersion is {props.get('ProductVersion')!r}, not {args.version!r}")
    for name in REMEMBERED:
        # A default in the Property table would hide the previous install's value (see below).
        c.check(name not in props, f"{name} has a default in the Property table ({props.get(name)!r}): "
                "an upgrade would not remember it")
    secure = props.get("SecureCustomProperties", "").split(";")
    for name in PUBLIC_PROPERTIES + ["WIX_UPGRADE_DETECTED", "WIX_DOWNGRADE_DETECTED"]:
        c.check(name in secure, f"{name} is not in SecureCustomProperties")

    upgrade = c.table("Upgrade")
    c.check(len(upgrade) >= 2 and all(row["UpgradeCode"] == UPGRADE_CODE for row in upgrade),
            "Upgrade table rows do not all carry the fixed UpgradeCode")
    older = [row for row in upgrade if row["ActionProperty"] == "WIX_UPGRADE_DETECTED"]
    c.check(len(older) == 1 and int(older[0]["Attributes"]) & 2 == 0 and older[0]["VersionMax"] != "",
            "no Upgrade row that removes older versions (WIX_UPGRADE_DETECTED)")
    c.check(len(older) == 1 and older[0]["VersionMax"] == props.get("ProductVersion")
            and int(older[0]["Attributes"]) & 0x200,
            "another build of the same version is not upgraded (Upgrade row lacks VersionMaxInclusive 0x200)")
    newer = [row for row in upgrade if row["ActionProperty"] == "WIX_DOWNGRADE_DETECTED"]
    c.check(len(newer) == 1 and int(newer[0]["Attributes"]) & 2 == 2, "no Upgrade row that detects a newer version")
    launch = {row["Condition"] for row in c.table("LaunchCondition")}
    c.check("NOT WIX_DOWNGRADE_DETECTED" in launch, "downgrades are not refused (LaunchCondition)")

    files = {row["File"]: row for row in c.table("File")}
    components = {row["Component"]: row for row in c.table("Component")}
    by_name = {row["FileName"].split("|")[-1].lower(): row for row in files.values()}

    directories = {row["Directory"]: row for row in c.table("Directory")}

    def directory_of(file_name):
        row = by_name.get(file_name)
        if row is None:
            return None
        directory = components.get(row["Component_"], {}).get("Directory_")
        # wixl-heat wraps the app's top-level files in a Directory named "." (the parent itself).
        while (directory in directories and directories[directory]["DefaultDir"] == "."
               and not directory.endswith("Folder") and directory != "TARGETDIR"):
            directory = directories[directory]["Directory_Parent"]
        return directory

    c.check(directory_of("missive-portmon.dll") == "System64Folder",
            "missive-portmon.dll is not installed in System64Folder (System32)")
    c.check(directory_of("missive-printer-setup.exe") == "INSTALLDIR",
            "missive-printer-setup.exe is not installed in INSTALLDIR")
    for name in ["license.txt", "missive.conf.example", "deployment.md"]:
        c.check(directory_of(name) == "INSTALLDIR", f"{name} is not installed in INSTALLDIR")
    # The Group Policy templates: the ADMX in PolicyDefinitions, an ADML per language below it.
    def directory_of_file(file_id):
        row = files.get(file_id)
        return components.get(row["Component_"], {}).get("Directory_") if row else None

    def parent_path(directory):
        names = []
        while directory in directories and directory not in ("INSTALLDIR", "TARGETDIR"):
            names.insert(0, directories[directory]["DefaultDir"].split("|")[-1])
            directory = directories[directory]["Directory_Parent"]
        return "/".join(names) if directory == "INSTALLDIR" else None

    found = {}
    for file_id, row in files.items():
        name = row["FileName"].split("|")[-1].lower()
        if name in ("missive.admx", "missive.adml"):
            found.setdefault(name, []).append(parent_path(directory_of_file(file_id)))
    c.check(found.get("missive.admx") == ["PolicyDefinitions"],
            f"missive.admx is not installed in INSTALLDIR/PolicyDefinitions: {found.get('missive.admx')}")
    c.check(sorted(found.get("missive.adml", [])) == ["PolicyDefinitions/en-US", "PolicyDefinitions/fr-FR"],
            f"missive.adml is not installed in PolicyDefinitions/fr-FR and en-US: {found.get('missive.adml')}")
    c.check(directories.get("INSTALLDIR", {}).get("Directory_Parent") == "ProgramFiles64Folder",
            "INSTALLDIR is not under ProgramFiles64Folder")
    for name, row in components.items():
        c.check(int(row["Attributes"]) & COMPONENT_64BIT, f"component {name} is not 64-bit")
    setup_key = by_name.get("missive-printer-setup.exe", {}).get("File")

    actions = {row["Action"]: row for row in c.table("CustomAction")}
    sequence = {row["Action"]: row for row in c.table("InstallExecuteSequence")}

    def seq(action):
        return int(sequence[action]["Sequence"]) if action in sequence else None

    for name, (command, rollback, checked, condition) in PRINTER_ACTIONS.items():
        row = actions.get(name)
        if not c.check(row is not None, f"custom action {name} missing"):
            continue
        kind = int(row["Type"])
        c.check(kind & 0x3F == TYPE_EXE_FILE, f"{name}: type {kind} does not run an installed EXE (18)")
        c.check(row["Source"] == setup_key, f"{name}: runs {row['Source']!r}, not missive-printer-setup.exe")
        c.check(row["Target"] == command, f"{name}: command {row['Target']!r}, not {command!r}")
        c.check(kind & IN_SCRIPT, f"{name}: not deferred (type {kind} lacks msidbCustomActionTypeInScript 0x400)")
        c.check(kind & NO_IMPERSONATE,
                f"{name}: impersonated (type {kind} lacks msidbCustomActionTypeNoImpersonate 0x800)")
        c.check(bool(kind & ROLLBACK) == rollback and not kind & COMMIT,
                f"{name}: type {kind} is {'not ' if rollback else ''}a rollback action")
        c.check(bool(kind & CONTINUE) != checked,
                f"{name}: exit code {'ignored' if checked else 'checked'} (type {kind})")
        c.check(name in sequence, f"{name} is not in InstallExecuteSequence")
        if name in sequence:
            c.check(sequence[name]["Condition"] == condition,
                    f"{name}: condition {sequence[name]['Condition']!r}, not {condition!r}")

    if all(a in sequence for a in PRINTER_ACTIONS) and all(
            a in sequence for a in ["InstallInitialize", "InstallFiles", "RemoveFiles", "InstallFinalize",
                                    "InstallValidate", "RemoveExistingProducts", "AppSearch"]):
        c.check(seq("InstallFiles") < seq("MissivePrinterInstallRollback") < seq("MissivePrinterInstall")
                < seq("InstallFinalize"),
                "install actions are not after InstallFiles (rollback first) and before InstallFinalize")
        c.check(seq("InstallInitialize") < seq("MissivePrinterRemoveRollback") < seq("MissivePrinterRemove")
                < seq("RemoveFiles"),
                "remove actions are not after InstallInitialize (rollback first) and before RemoveFiles")
        c.check(seq("InstallValidate") < seq("RemoveExistingProducts") < seq("InstallInitialize"),
                "RemoveExistingProducts is not between InstallValidate and InstallInitialize")
    else:
        c.check(False, "InstallExecuteSequence lacks a standard action or RemoveExistingProducts")

    registry = c.table("Registry")

    def registry_rows(key, name):
        return [row for row in registry if row["Root"] == REGISTRY_HKLM and row["Key"] == key and row["Name"] == name]

    locators = {(row["Key"], row["Name"]): row for row in c.table("RegLocator")}
    searches = {row["Property"]: row["Signature_"] for row in c.table("AppSearch")}
    for prop, (key, name) in SETTINGS.items():
        rows = registry_rows(key, name)
        if not c.check(len(rows) == 1 and rows[0]["Value"] == f"[{prop}]",
                       f"HKLM\\{key} {name} is not written from [{prop}]"):
            continue
        component = components.get(rows[0]["Component_"], {})
        c.check(component.get("Condition") == prop, f"HKLM\\{key} {name} is written even when {prop} is empty "
                f"(component condition {component.get('Condition')!r})")
        locator = locators.get((key, name))
        c.check(locator is not None and int(locator["Root"]) == 2 and int(locator["Type"]) & 16
                and searches.get(f"PREV_{prop}") == locator["Signature_"],
                f"PREV_{prop} does not read the previous HKLM\\{key} {name} (64-bit view)")
        remember = [a for a, row in actions.items() if row["Source"] == prop and row["Target"] == f"[PREV_{prop}]"]
        c.check(len(remember) == 1 and remember[0] in sequence
                and seq("AppSearch") < seq(remember[0]) < seq("InstallValidate")
                and sequence[remember[0]]["Condition"] == f"NOT {prop} AND PREV_{prop}",
                f"{prop} is not restored from PREV_{prop} after AppSearch when not given")
    c.check(len(registry_rows("SOFTWARE\\Missive", "InstallDir")) == 1, "HKLM\\SOFTWARE\\Missive InstallDir missing")
    for prop, (name, default) in REMEMBERED.items():
        rows = registry_rows("SOFTWARE\\Missive", name)
        c.check(len(rows) == 1 and rows[0]["Value"] == f"[{prop}]"
                and components.get(rows[0]["Component_"], {}).get("Condition", "") == "",
                f"HKLM\\SOFTWARE\\Missive {name} is not always written from [{prop}]")
        locator = locators.get(("SOFTWARE\\Missive", name))
        c.check(locator is not None and int(locator["Root"]) == 2 and int(locator["Type"]) & 16
                and searches.get(f"PREV_{prop}") == locator["Signature_"],
                f"PREV_{prop} does not read the previous HKLM\\SOFTWARE\\Missive {name} (64-bit view)")
        remember = [a for a, row in actions.items() if row["Source"] == prop and row["Target"] == f"[PREV_{prop}]"]
        fallback = [a for a, row in actions.items() if row["Source"] == prop and row["Target"] == default]
        c.check(len(remember) == 1 and remember[0] in sequence
                and seq("AppSearch") < seq(remember[0]) < seq("InstallValidate")
                and sequence[remember[0]]["Condition"] == f"NOT {prop} AND PREV_{prop}",
                f"{prop} is not restored from PREV_{prop} after AppSearch when not given")
        c.check(len(fallback) == 1 and len(remember) == 1 and fallback[0] in sequence
                and seq(remember[0]) < seq(fallback[0]) < seq("InstallValidate")
                and sequence[fallback[0]]["Condition"] == f"NOT {prop}",
                f"{prop} does not default to {default!r} after the previous value is read back")

    # INSTALLDIR given at the first install is where an upgrade goes too (before CostFinalize sets it).
    locator = locators.get(("SOFTWARE\\Missive", "InstallDir"))
    remember = [a for a, row in actions.items() if row["Source"] == "INSTALLDIR" and row["Target"] == "[PREV_INSTALLDIR]"]
    c.check(locator is not None and searches.get("PREV_INSTALLDIR") == locator["Signature_"] and len(remember) == 1
            and remember[0] in sequence and "CostFinalize" in sequence
            and seq("AppSearch") < seq(remember[0]) < seq("CostFinalize")
            and sequence[remember[0]]["Condition"] == "NOT INSTALLDIR AND PREV_INSTALLDIR",
            "INSTALLDIR is not restored from the previous install's InstallDir before CostFinalize")

    # Features: the printer alone can be installed (ADDLOCAL=Capture); the app is its own feature.
    features = {row["Feature"]: row for row in c.table("Feature")}
    feature_of = {row["Component_"]: row["Feature_"] for row in c.table("FeatureComponents")}
    c.check("Capture" in features and int(features["Capture"]["Attributes"]) & 0x10,
            "no Capture feature that cannot be made absent (msidbFeatureAttributesUIDisallowAbsent)")
    for component in ["PrinterSetup", "PortMonitor", "InstallInfo"]:
        c.check(feature_of.get(component) == "Capture", f"component {component} is not in the Capture feature")

    run_key = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run"
    run = registry_rows(run_key, "Missive")
    if args.with_app:
        c.check(directory_of("missive-app.exe") == "INSTALLDIR", "missive-app.exe is not installed in INSTALLDIR")
        c.check(len(run) == 1 and run[0]["Value"] == '"[INSTALLDIR]missive-app.exe"',
                "no HKLM Run value starting missive-app.exe")
        if run:
            condition = components.get(run[0]["Component_"], {}).get("Condition")
            c.check(condition == 'AUTOSTART="1"', f"the Run value's condition is {condition!r}, not AUTOSTART=\"1\"")
        c.check(any(row["Target"] == "[INSTALLDIR]missive-app.exe" for row in c.table("Shortcut")),
                "no Start menu shortcut to missive-app.exe")
        app_component = files.get(by_name.get("missive-app.exe", {}).get("File"), {}).get("Component_")
        for component in [app_component, "Autostart", "StartMenuShortcut"]:
            c.check(feature_of.get(component) == "Client", f"component {component} is not in the Client feature")
    else:
        c.check("missive-app.exe" not in by_name and not run, "the app is in an MSI built without --app-dir")

    for failure in c.failures:
        print(f"check-msi: FAIL: {failure}")
    print(f"check-msi: {args.msi}: {c.passed} passed, {len(c.failures)} failed")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
