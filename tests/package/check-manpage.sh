#!/bin/sh
# package.manpage-covers-the-help: every command and every option that `missive --help` shows
# appears in docs/man/missive.1.
#   check-manpage.sh MISSIVE MAN_PAGE
set -eu
[ $# -eq 2 ] || { echo "usage: $0 MISSIVE MAN_PAGE" >&2; exit 2; }
help=$("$1" --help)
# The page as text: roff escapes for fonts and hyphens removed, accented letters as in the help.
page=$(sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e "s/\\\\\\['e\\]/é/g" -e "s/\\\\\\['E\\]/É/g" "$2")

missing=""
# Commands: the indented lines "  word [word…]" of the help, up to the first argument or option.
commands=$(printf '%s\n' "$help" | sed -n 's/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)*\).*/\1/p' | sort -u)
[ -n "$commands" ] || { echo "check-manpage: no command found in missive --help" >&2; exit 1; }
for command in $(printf '%s\n' "$commands" | tr ' ' '_'); do
    command=$(printf '%s' "$command" | tr '_' ' ')
    printf '%s\n' "$page" | grep -qF -- "$command" || missing="$missing\n  command: $command"
done
# Options: every --long-option the help names.
for option in $(printf '%s\n' "$help" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    printf '%s\n' "$page" | grep -qF -- "$option" || missing="$missing\n  option: $option"
done
if [ -n "$missing" ]; then
    printf "check-manpage: missing from %s:$missing\n" "$2" >&2
    exit 1
fi
echo "check-manpage: $(printf '%s\n' "$commands" | wc -l) commands and every option of missive --help are in $2"
