-- Applied by build-msi.sh to the MSI that wixl wrote (msibuild MSI -q STATEMENT, one statement per line;
-- lines starting with "--" and blank lines are skipped). WiX 3 would write these rows itself from
-- <Component><Condition>…</Condition>; wixl 0.101 has no Component condition.
-- Each setting is written only when its property is set, so that an unset property never leaves an
-- empty value for the app to read.
UPDATE `Component` SET `Condition` = 'MSSANTE_SERVER' WHERE `Component` = 'SettingMssanteServer'
UPDATE `Component` SET `Condition` = 'MSSANTE_SENDER' WHERE `Component` = 'SettingMssanteSender'
UPDATE `Component` SET `Condition` = 'CA_BUNDLE' WHERE `Component` = 'SettingCaBundle'
UPDATE `Component` SET `Condition` = 'DIRECTORY_URL' WHERE `Component` = 'SettingDirectoryUrl'
UPDATE `Component` SET `Condition` = 'DIRECTORY_SHARE' WHERE `Component` = 'SettingDirectoryShare'
UPDATE `Component` SET `Condition` = 'POSTAL_QUEUE' WHERE `Component` = 'SettingPostalQueue'
UPDATE `Component` SET `Condition` = 'STORAGE_URL' WHERE `Component` = 'SettingStorageUrl'
-- Only in an MSI built with the app (AppDir); matches no row otherwise.
UPDATE `Component` SET `Condition` = 'AUTOSTART="1"' WHERE `Component` = 'Autostart'
-- wixl 0.101 maps Execute="rollback" to no scheduling bit at all (type 2130: an immediate action). Rollback
-- actions: 18 (EXE from the File table) + 0x40 (return ignored) + 0x100 (rollback) + 0x400 (in script)
-- + 0x800 (no impersonation) = 3410.
UPDATE `CustomAction` SET `Type` = 3410 WHERE `Action` = 'MissivePrinterInstallRollback'
UPDATE `CustomAction` SET `Type` = 3410 WHERE `Action` = 'MissivePrinterRemoveRollback'
-- MajorUpgrade/@AllowSameVersionUpgrades is unknown to wixl 0.101. Every build has a new ProductCode
-- (Product/@Id="*"), so without it two builds of one version would install side by side: the row that
-- finds older versions also finds the same version (1 MigrateFeatures + 0x200 VersionMaxInclusive).
-- A key column cannot be updated: delete and insert. @VERSION@ is replaced by build-msi.sh.
DELETE FROM `Upgrade` WHERE `ActionProperty` = 'WIX_UPGRADE_DETECTED'
INSERT INTO `Upgrade` (`UpgradeCode`, `VersionMax`, `Attributes`, `ActionProperty`) VALUES ('{220C81B0-079E-4230-8264-14A3A0391999}', '@VERSION@', 513, 'WIX_UPGRADE_DETECTED')
-- Feature/@Absent="disallow" is ignored by wixl 0.101: the printer feature cannot be deselected
-- (msidbFeatureAttributesUIDisallowAbsent, 16); the app's (Client) can.
UPDATE `Feature` SET `Attributes` = 16 WHERE `Feature` = 'Capture'
