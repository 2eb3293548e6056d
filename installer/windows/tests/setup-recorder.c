/* Stands in for missive-printer-setup.exe in the MSI upgrade test under Wine (test-msi.sh
 * upgrade-wine): Wine's spooler has no "Microsoft Print To PDF" driver and no XcvData for a
 * third-party port monitor, so the real helper cannot add the printer there. This one records
 * each call's command line (one per line, in C:\ProgramData\missive-setup-calls.txt) and
 * succeeds, so that the test sees which printer actions Windows Installer runs, with which
 * arguments, during an install, an upgrade and an uninstall. */
#include <stdio.h>
#include <windows.h>

int main(int argc, char** argv)
{
    FILE* log = fopen("C:\\ProgramData\\missive-setup-calls.txt", "a");
    if (log == NULL) {
        return 1;
    }
    for (int i = 1; i < argc; ++i) {
        fprintf(log, i == 1 ? "%s" : " %s", argv[i]);
    }
    fputc('\n', log);
    fclose(log);
    return 0;
}
