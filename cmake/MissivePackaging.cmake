# The Debian package (CPack DEB): one package, "missive", with the command, the secretary app
# (autostarted), the CUPS backend and filter, man pages, the configuration template and the
# maintainer scripts that create and remove the queue. Built by scripts/build-deb.sh; see
# docs/deployment.md.
#
# Files only the package needs (copyright, Debian changelog, lintian overrides, /etc) are in the
# "deb" component, excluded from a plain `cmake --install`; the package takes every component.

set(MISSIVE_DEB_MAINTAINER "Missive maintainers <maintainers@users.noreply.h-seed-0939a472.example>"
    CACHE STRING "Maintainer field of the Debian package")
set(MISSIVE_DEB_HOMEPAGE "" CACHE STRING "Homepage field of the Debian package (omitted when empty)")

set(_deb_src "${PROJECT_SOURCE_DIR}/installer/debian")
set(_deb_out "${PROJECT_BINARY_DIR}/debian")
set(_doc_dir "${CMAKE_INSTALL_DATADIR}/doc/missive")

# Maintainer scripts: the spool root is substituted; CPack gives them mode 0755.
configure_file("${_deb_src}/postinst.in" "${_deb_out}/control/postinst" @ONLY)
configure_file("${_deb_src}/prerm" "${_deb_out}/control/prerm" COPYONLY)
configure_file("${_deb_src}/postrm.in" "${_deb_out}/control/postrm" @ONLY)
configure_file("${_deb_src}/conffiles" "${_deb_out}/control/conffiles" COPYONLY)

# Our libraries are static and Qt is the system's: no $ORIGIN run path (qt_standard_project_setup
# adds one for bundled Qt libraries) in the installed programs.
set_target_properties(missive missive-app missive-backend missive-pstopdf PROPERTIES INSTALL_RPATH "")

# Man pages and the Debian changelog, compressed as Debian wants them (gzip -9n: no name, no time).
find_program(MISSIVE_GZIP gzip REQUIRED)
set(_gz_outputs)
foreach(_pair "docs/man/missive.1|man/missive.1.gz" "docs/man/missive-app.1|man/missive-app.1.gz"
              "installer/debian/changelog|changelog.gz")
    string(REPLACE "|" ";" _pair "${_pair}")
    list(GET _pair 0 _in)
    list(GET _pair 1 _out)
    add_custom_command(OUTPUT "${_deb_out}/${_out}"
        COMMAND ${CMAKE_COMMAND} -E make_directory "${_deb_out}/man"
        COMMAND ${MISSIVE_GZIP} -9nc "${PROJECT_SOURCE_DIR}/${_in}" > "${_deb_out}/${_out}"
        DEPENDS "${PROJECT_SOURCE_DIR}/${_in}"
        COMMENT "Compressing ${_in}" VERBATIM)
    list(APPEND _gz_outputs "${_deb_out}/${_out}")
endforeach()
add_custom_target(missive_package_files ALL DEPENDS ${_gz_outputs})

install(FILES "${_deb_out}/man/missive.1.gz" "${_deb_out}/man/missive-app.1.gz"
    DESTINATION "${CMAKE_INSTALL_MANDIR}/man1" COMPONENT doc)
install(FILES "${PROJECT_SOURCE_DIR}/docs/configuration.md" DESTINATION "${_doc_dir}" COMPONENT doc)

# Debian-only files. A native package: the Debian changelog is changelog.gz.
install(FILES "${_deb_src}/copyright" "${_deb_out}/changelog.gz" DESTINATION "${_doc_dir}"
    COMPONENT deb EXCLUDE_FROM_ALL)
install(FILES "${_deb_src}/lintian-overrides" RENAME missive
    DESTINATION "${CMAKE_INSTALL_DATADIR}/lintian/overrides" COMPONENT deb EXCLUDE_FROM_ALL)
install(FILES "${_deb_src}/missive.conf" DESTINATION /etc/missive COMPONENT deb EXCLUDE_FROM_ALL)
# The group's sending service, installed disabled (IT enables it where the certificate lives).
# The package installs under /usr (CPACK_PACKAGING_INSTALL_PREFIX), whatever the build prefix.
set(MISSIVE_RELAY_PROGRAM "/usr/${MISSIVE_MODULE_INSTALL_DIR}/missive-relay")
configure_file("${_deb_src}/missive-relay.service.in" "${_deb_out}/missive-relay.service" @ONLY)
install(FILES "${_deb_out}/missive-relay.service" DESTINATION /lib/systemd/system COMPONENT deb EXCLUDE_FROM_ALL)
# The machine's shared directory: imported once for every user by a service its timer starts daily.
set(MISSIVE_PROGRAM "/usr/bin/missive")
configure_file("${_deb_src}/missive-directory-update.service.in" "${_deb_out}/missive-directory-update.service" @ONLY)
install(FILES "${_deb_out}/missive-directory-update.service" "${_deb_src}/missive-directory-update.timer"
    DESTINATION /lib/systemd/system COMPONENT deb EXCLUDE_FROM_ALL)
# The session client starts with every desktop session (the app's own entry, which already says
# X-GNOME-Autostart-enabled=true; without arguments missive-app is the tray client).
install(FILES "${PROJECT_SOURCE_DIR}/app/gui/missive-app.desktop" DESTINATION /etc/xdg/autostart
    COMPONENT deb EXCLUDE_FROM_ALL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME missive)
set(CPACK_PACKAGE_VENDOR "Missive contributors")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_CONTACT "${MISSIVE_DEB_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/package")
set(CPACK_STRIP_FILES TRUE)
set(CPACK_THREADS 0) # all cores for the xz compression

# Every component in the one package (including "deb", excluded from a plain install).
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_COMPONENTS_ALL backend cli app doc deb)

set(CPACK_DEBIAN_PACKAGE_NAME missive)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # missive_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${MISSIVE_DEB_MAINTAINER}")
if(MISSIVE_DEB_HOMEPAGE)
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${MISSIVE_DEB_HOMEPAGE}")
endif()
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# Library dependencies from dpkg-shlibdeps, plus the programs Missive runs: cupsd and lpadmin
# (queue, backend), cups-filters (PDF and text jobs), gs (missive-pstopdf), the French OCR data.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# adduser: the postinst creates the missive system user that owns the shared directory.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, cups-daemon, cups-client, cups-filters, ghostscript, tesseract-ocr-fra")
# Qt's own French strings (Oui/Non, Annuler) for the app; without them Qt's buttons show in English.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring, qt6-translations-l10n")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "print a medical letter, send it securely (MSSanté, DMP, post)")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Missive adds a printer named Missive to CUPS. A letter printed to it from any
program is captured as a PDF into the printing user's private spool; the
secretary app (missive-app, started with the desktop session) or the missive
command reads it (text layer, OCR, INS DataMatrix), proposes its recipients
from a directory of health professionals, and sends it: MSSanté mail with a
CDA R2 and IHE XDM archive, the patient's mailbox, the DMP, or the post.
.
The queue is created when the package is configured and removed with it.")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${_deb_out}/control/postinst" "${_deb_out}/control/prerm" "${_deb_out}/control/postrm"
    "${_deb_out}/control/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

include(CPack)
