#pragma once
// Logging category of the directory module. Counts, durations and error codes only: never names,
// addresses or RPPS numbers of professionals looked up for a patient's letter.

#include <QLoggingCategory>

namespace missive::directory
{
Q_DECLARE_LOGGING_CATEGORY(lcDirectory)
}
