#pragma once
// The application's settings: one INI-style file per layer (docs/configuration.md), the machine's
// (IT's, /etc/missive or the registry the MSI writes) below the user's. Read, validated and
// written back (Paramètres) here; the channels receive the parsed values (transport/settings.h).

#include "missive/core/result.h"
#include "missive/transport/settings.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <map>

namespace missive::settings
{

using transport::SecretSource;
using transport::Settings;
using transport::StructureSettings;
using transport::writeKeychainSecret;

// The configuration file to read: `explicitPath` (--config), else $MISSIVE_CONFIG, else
// $XDG_CONFIG_HOME/missive/missive.conf (~/.config/…), else /etc/missive/missive.conf.
// Returns an empty string when none of the defaults exists (an explicit path must exist).
[[nodiscard]] Result<QString> locateConfigFile(const QString& explicitPath);

// The machine-wide file IT deploys (/etc/missive/missive.conf) and the user's own
// ($XDG_CONFIG_HOME/missive/missive.conf, ~/.config/… by default).
[[nodiscard]] QString systemConfigPath();
[[nodiscard]] QString userConfigPath();
// The files the settings are made of, lowest priority first: `explicitPath` (--config) or
// $MISSIVE_CONFIG alone; else the machine-wide file, then the user's, those that exist.
[[nodiscard]] Result<QStringList> configLayers(const QString& explicitPath);

// Parses and validates one file. Errors name the file, the line, the key and the reason.
[[nodiscard]] Result<Settings> parseSettings(const QString& path);
// Settings text from somewhere other than a file (on Windows, the machine-wide values the MSI
// writes to the registry); `name` appears in error messages.
struct SettingsSource
{
    QString name;
    QByteArray text;
    bool policy = false; // IT's policies: every key it sets is locked (Settings::locked)
};
// The machine-wide values as the MSI writes them: HKLM\SOFTWARE\Missive\Settings\<section>, one
// REG_SZ per key, rendered as configuration text (sections and keys sorted).
[[nodiscard]] QByteArray settingsText(const std::map<QString, std::map<QString, QString>>& sections);
[[nodiscard]] Result<Settings> parseSettingsSources(const QList<SettingsSource>& sources);
// Several files, key by key: a later file overrides the keys it sets (a secret's source as a whole);
// the cross-key rules apply to the result. sourceFile is the last file.
[[nodiscard]] Result<Settings> parseSettingsLayers(const QStringList& paths);
// IT's policies: /etc/missive/policies.conf, same format as missive.conf. Every key it sets wins
// over every other source (the machine's file, the user's, --config) and is locked.
[[nodiscard]] QString policiesPath();
// configLayers + parseSettingsLayers, then the policies at `policies` when that file exists (it must
// belong to root and be writable by root only: otherwise it is refused, not ignored); defaults
// when no file exists.
[[nodiscard]] Result<Settings> loadSettings(const QString& explicitPath, const QString& policies = policiesPath());

// The settings as a configuration file that parseSettings() reads back to the same values (for the
// app's Paramètres). Secrets appear only as their source (file, variable or keychain key). With
// `base` (the machine-wide settings), only what differs from it is written, so that IT's later
// changes to the other keys still reach this user. Keys IT's policies lock (Settings::locked) are
// never written.
[[nodiscard]] QString formatSettings(const Settings& settings, const Settings* base = nullptr);

} // namespace missive::settings
